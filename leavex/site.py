"""Per-language site: ``lang``/``dir``, the language switcher, the pages' metadata.

The hreflang alternates of every page are in the sitemap (tools/sitemap.py), which
search engines read as they read them in a page's head, where they would weigh 2 kB."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.core import get_global
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import languages
from .locations import catalog_file, pdf_dir
from .project import DEFAULT_BASE_URL, INTERFACE_DOMAIN, card_path

logger = logging.getLogger(__name__)

HTML_BUILDERS = ("html", "dirhtml")


class SiteBuilder(DirectoryHTMLBuilder):
    """Sphinx's dirhtml, also rewriting pages whose inputs changed outside the sources.

    The print builder runs first on the same environment: a document it re-read after a
    catalog change is not new to this builder, but its doctree is newer than its page.
    Interface strings (sphinx.po), the language table and the print editions listed on the
    home page are inputs of pages too.
    """

    name = "dirhtml"

    def get_outdated_docs(self) -> Iterator[str]:
        outdated = set(super().get_outdated_docs())
        yield from outdated
        interface = catalog_file(self.srcdir, self.config, INTERFACE_DOMAIN)
        pdfs = pdf_dir(self.config, self.outdir)
        for docname in sorted(self.env.found_docs - outdated):
            page = Path(self.get_outfilename(docname))
            if not page.exists():
                yield docname
                continue
            built = page.stat().st_mtime
            # The language table feeds every page's switcher and alternates.
            inputs = [
                Path(self.doctreedir, f"{docname}.doctree"),
                interface,
                languages.table_path(),
            ]
            if docname == self.config.root_doc and pdfs.is_dir():
                inputs.extend(pdfs.glob("*.pdf"))
            if any(path.exists() and path.stat().st_mtime > built for path in inputs):
                yield docname


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
    context["leavex_lang_root"] = "../" * path.count("/")
    context["leavex_languages"] = [
        {
            "language": language,
            "href": f"{to_site_root}{language.code}/{path}",
            "current": language.code == current.code,
        }
        for language in languages.load().values()
    ]
    trim_assets(context)
    # A page of Sphinx's own (an index, say) shares the home page's card.
    document = pagename if pagename in app.env.found_docs else app.config.root_doc
    context["leavex_social"] = {
        "description": summary(doctree),
        "locale": og_locale(current),
        "image": f"{base}/{current.code}/{card_path(document)}",
        "image_alt": card_alt(app.env.titles[document].astext(), app.config.html_title),
        "type": "website" if pagename == app.config.root_doc else "article",
    }


# Assets that Sphinx and extensions add to every page, and the mark in a page's body that
# shows it needs them. Readers on phones should not download what a page does not use.
PAGE_ASSETS = {
    "pygments.css": "highlight",  # no code in our documents
    "sphinx-design.min.css": "sd-",  # cards and buttons: home and About only
    "design-tabs.js": "sd-tab",
    # leavex.js does what furo.js does, in a tenth of its size.
    "furo.js": None,
    # Search is off (see on_builder_inited): nothing highlights search terms.
    "documentation_options.js": None,
    "doctools.js": None,
    "sphinx_highlight.js": None,
    # Sphinx's strings for its own scripts (search, highlighting), which we do not load:
    # alone it throws "Documentation is not defined".
    "translations.js": None,
}


def trim_assets(context: dict) -> None:
    body = context.get("body", "")

    def needed(asset) -> bool:
        name = str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]
        if name not in PAGE_ASSETS:
            return True
        mark = PAGE_ASSETS[name]
        return mark is not None and mark in body

    # In place: these are the builder's lists for this page (it restores them after), to
    # which extensions add a page's own files (app.add_js_file in html-page-context).
    for key in ("css_files", "script_files"):
        context[key][:] = [asset for asset in context.get(key, []) if needed(asset)]


DESCRIPTION_LENGTH = 200


def summary(doctree: Any) -> str:
    """The page's first paragraph of running text (translated), for search and social cards."""
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section | nodes.document):
            text = " ".join(paragraph.astext().split())
            if len(text) <= DESCRIPTION_LENGTH:
                return text
            return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return ""


def card_alt(title: str, campaign: str) -> str:
    """The share card's alternative text, in the page's language: what it shows."""
    return campaign if title == campaign else f"{title} – {campaign}"


@cache  # asked for every language on every page
def og_locale(language: languages.Language) -> str:
    """Open Graph wants language_TERRITORY: fr → fr_FR, el → el_GR, pt-PT → pt_PT."""
    if "-" in language.bcp47:
        return language.bcp47.replace("-", "_")
    likely = get_global("likely_subtags").get(language.code, language.code)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else parts[0]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("leavex_base_url", DEFAULT_BASE_URL, "env", types=[str])
    app.add_builder(SiteBuilder, override=True)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
