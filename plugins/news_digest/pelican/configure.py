"""The plugin's settings as each step reads them, and the check made when
Pelican starts (signal initialized)."""
from __future__ import annotations

import logging

from ..settings import PELICAN_FEED_SETTINGS, SettingsError, resolve_settings
from ..site.html_text import inert_markup
from .descriptions import news_jsonld

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict) -> dict:
    """Resolved NEWS_DIGEST_* settings; a bad one is logged and defaults used."""
    try:
        return resolve_settings(settings)
    except SettingsError as exc:
        logger.error("news_digest: settings: %s", exc)
        return resolve_settings({})


def check_settings(pelican) -> None:
    """On start-up: report bad settings and feeds Pelican would also write;
    give the theme its filters."""
    plugin_settings(pelican.settings)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters.setdefault("inert_markup", inert_markup)
    filters.setdefault("news_jsonld", news_jsonld)
    pelican.settings["JINJA_FILTERS"] = filters
    for key in PELICAN_FEED_SETTINGS:
        if pelican.settings.get(key):
            logger.warning(
                "news_digest: settings: %s is set, so Pelican writes feeds too; "
                "news_digest writes them with feedgen: set %s = None",
                key,
                key,
            )
