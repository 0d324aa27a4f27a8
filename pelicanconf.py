"""Settings for building the sample digest: `pelican content`.

NEWS_DIGEST_* settings and their defaults are listed in
plugins/news_digest/settings.py.
"""

AUTHOR = "The Digest desk"
SITENAME = "The Digest"
SITESUBTITLE = "The day's news, cleaned up and linked together"
# Absolute URL used in feeds; pages link relatively (RELATIVE_URLS), so the
# development build works from any folder or sub-path of a static host.
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["pages"]
STATIC_PATHS = ["images", "extra"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "News"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]  # it writes sitemap.xml, news-sitemap.xml and robots.txt too

# Titles and other metadata are plain text: the theme escapes everything but
# the (sanitised) article HTML.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

ARTICLE_URL = ARTICLE_SAVE_AS = "{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "section/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "sections.html"
TAG_URL = TAG_SAVE_AS = "tag/{slug}.html"
TAGS_URL = TAGS_SAVE_AS = "tags.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search", "404"]

DEFAULT_PAGINATION = 10
# Later pages in a folder of their own: Pelican's default "{name}{number}"
# would save page 2 of tag "BBC" as tag/bbc2.html, the page of tag "BBC2".
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}.html", "{base_name}/page/{number}.html"),
)

# news_digest writes the feeds (with feedgen); Pelican's own writer is off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# Rebuilds read only the posts that changed: Pelican keeps each post's parsed
# HTML and metadata in CACHE_PATH (the plugin drops that cache when the
# settings or its reader change). Pages whose inputs did not change are not
# rendered again either (plugins/news_digest/pelican/page_inputs.py).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
# Kept as a plain pickle, not gzipped at level 9: three times the size on
# disk (7.6 MB for 2,225 stories), but a rebuild loads it 0.25 s sooner and
# one that parsed a new post saves it 0.55 s sooner.
GZIP_CACHE = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
