"""Pelican glue: each article's, tag's, section's and author's URL worked out
once per build instead of on every use.

Pelican formats a URL from the settings each time a template asks for it,
copying the article's metadata and resolving its source path on the way, and a
digest's pages ask for the same URLs over and over: a story is listed on its
section's pages, on up to 8 tag pages and in other stories' related links, and
every listing links its tags. Once every generator has its context (signal
all_generators_finalized) nothing changes a URL any more, so each is worked
out then and kept on its object. Measured on a 2,225-story rebuild: 0.8 s of
about 8.6 s.

Pelican has no setting or hook for this, so `install` wraps the two `url`
properties: an object with a kept URL gives it, any other (a page, a static
file, an object of a build without this plugin) is worked out as before.
"""
from __future__ import annotations

KEPT = "_news_digest_url"


def install() -> None:
    from pelican.contents import Content
    from pelican.urlwrappers import URLWrapper

    for cls in (Content, URLWrapper):
        if not getattr(cls.url.fget, "keeps_url", False):
            cls.url = kept_property(cls.url)


def kept_property(original: property) -> property:
    compute = original.fget

    def url(self):
        kept = self.__dict__.get(KEPT)
        return compute(self) if kept is None else kept

    prop = property(url, doc=original.__doc__)
    prop.fget.keeps_url = True
    return prop


def keep_url(item) -> None:
    item.__dict__[KEPT] = None  # worked out afresh, not from an older value
    item.__dict__[KEPT] = item.url


def keep_article_urls(generators) -> None:
    """Signal all_generators_finalized: keep the URL of every article and of
    every tag, section and author, whether reached from an article or from
    the generator's own lists (they are separate objects)."""
    for generator in generators:
        articles = getattr(generator, "articles", None)
        if articles is None or not hasattr(generator, "tags"):
            continue  # not the articles generator
        # A tag's URL is made from its kind's URL setting, its name and its
        # slug: worked out once for each, not for each story's own Tag.
        shared: dict = {}
        for article in articles:
            keep_url(article)
            for item in [article.category, *getattr(article, "tags", []), *getattr(article, "authors", [])]:
                keep_wrapper_url(item, shared)
        for wrapper in [*generator.tags, *dict(generator.categories), *dict(generator.authors)]:
            keep_wrapper_url(wrapper, shared)


def keep_wrapper_url(wrapper, shared: dict) -> None:
    """keep_url for a tag, section or author, from `shared` when another of
    the same kind, name, slug and settings has been worked out."""
    key = (type(wrapper), wrapper.name, wrapper.slug, id(wrapper.settings))
    url = shared.get(key)
    if url is None:
        keep_url(wrapper)
        shared[key] = wrapper.__dict__[KEPT]
    else:
        wrapper.__dict__[KEPT] = url
