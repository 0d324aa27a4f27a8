"""The absolute URLs the feeds give (feed_generator.absolute and under)."""
import pytest

from news_digest.pelican.feed_generator import absolute, site_url, under


@pytest.mark.parametrize("siteurl, path, expected", [
    ("https://digest.example", "feeds/all.atom.xml", "https://digest.example/feeds/all.atom.xml"),
    ("https://digest.example/", "/feeds/all.atom.xml", "https://digest.example/feeds/all.atom.xml"),
    ("https://digest.example/news", "tag/kyiv.html", "https://digest.example/news/tag/kyiv.html"),
    ("https://digest.example/news//", "//tag/kyiv.html", "https://digest.example/news/tag/kyiv.html"),
    ("", "index.html", "/index.html"),
    (None, "", "/"),
])
def test_a_path_is_joined_to_the_site_url_with_one_slash(siteurl, path, expected):
    settings = {"SITEURL": siteurl}
    assert absolute(settings, path) == expected
    assert under(site_url(settings), path) == expected
