"""Per-language site: ``lang``/``dir``, the language switcher and hreflang alternates."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import languages

logger = logging.getLogger(__name__)

HTML_BUILDERS = ("html", "dirhtml")


def on_config_inited(app: Sphinx, config: Any) -> None:
    """Refuse a language missing from the table, and set what depends on the language."""
    try:
        language = languages.get(config.language)
    except languages.LanguageTableError as err:
        raise ConfigError(f"language: {err}") from None
    base = config.leavex_base_url.rstrip("/")
    config.html_baseurl = f"{base}/{language.code}/"
    # The campaign name in running text is translated ("Protect Democracy" in the
    # reader's language); the banner keeps the English wordmark.
    config.html_title = str(_("Leave X – Protect Democracy"))
    config.html_short_title = config.html_title


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.name in HTML_BUILDERS:
        # Four short pages need no search page or search index in 28 languages.
        app.builder.search = False


def page_url(app: Sphinx, pagename: str) -> str:
    """The page's path below its language folder: '' for home, 'letter/' and so on."""
    return app.builder.get_target_uri(pagename)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    current = languages.get(app.config.language)
    path = page_url(app, pagename)
    # Relative way back to the site root, above the language folders.
    to_site_root = "../" * (path.count("/") + 1)
    base = app.config.leavex_base_url.rstrip("/")
    context["leavex_lang"] = current
    context["leavex_site_root"] = to_site_root
    context["leavex_languages"] = [
        {
            "language": language,
            "href": f"{to_site_root}{language.code}/{path}",
            "absolute": f"{base}/{language.code}/{path}",
            "current": language.code == current.code,
        }
        for language in languages.load().values()
    ]
    context["leavex_x_default"] = f"{base}/"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("leavex_base_url", "https://leavex.eu", "html", types=[str])
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
