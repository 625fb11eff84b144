"""Incomplete translations: published in HTML with a notice, never printed half-English."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_percent
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import languages
from .locations import locales_dir
from .progress import Progress, progress
from .project import INTERFACE_DOMAIN, SOURCE_LANGUAGE
from .site import HTML_BUILDERS

logger = logging.getLogger(__name__)


def document_progress(app: Sphinx, docname: str) -> Progress | None:
    """The progress of a document's catalog; None for the source language."""
    if languages.get(app.config.language).is_source:
        return None
    return progress(app.config.language, docname, locales_dir(app.srcdir, app.config))


def is_printable(srcdir, config, docname: str) -> bool:
    """A print edition needs its document and the interface fully translated."""
    if languages.get(config.language).is_source:
        return True
    for domain in (docname, INTERFACE_DOMAIN):
        stats = progress(config.language, domain, locales_dir(srcdir, config))
        if stats is None or not stats.complete:
            return False
    return True


def percent(ratio: float, code: str) -> str:
    return format_percent(int(ratio * 100) / 100, locale=code.replace("-", "_"))


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.name not in HTML_BUILDERS or doctree is None:
        return
    stats = document_progress(app, pagename)
    if stats is None or stats.complete:
        context["leavex_incomplete"] = None
        return
    path = app.builder.get_target_uri(pagename)
    context["leavex_incomplete"] = {
        "percent": percent(stats.ratio, app.config.language),
        "original": f"{context['leavex_site_root']}{SOURCE_LANGUAGE}/{path}",
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("leavex.site")
    # After leavex.site, which sets the way back to the site root.
    app.connect("html-page-context", on_html_page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
