"""Links to the print editions: on each document's page, and listed on the home page."""

from __future__ import annotations

import math
from typing import Any

from babel.units import format_unit
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .completeness import is_printable
from .flyers import FLYER, SHEET
from .locations import pdf_dir
from .project import PRINT_DOCUMENTS, pdf_name
from .site import HTML_BUILDERS


def human_size(size: int, code: str) -> str:
    """A file size as readers of that language write it: "85 kB", "85 ko", "85 كيلوبايت"."""
    kilobytes = max(1, math.ceil(size / 1000))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=code.replace("-", "_"))


def print_editions(app: Sphinx, to_lang_root: str) -> list[dict[str, Any]]:
    """Every print edition, in order: the documents', then the flyer and its sheet."""
    code = app.config.language
    editions = []
    for docname in PRINT_DOCUMENTS:
        if docname not in app.env.found_docs:
            continue  # a project without this document (a test's, say)
        names = [docname, SHEET] if docname == FLYER else [docname]
        for name in names:
            path = pdf_dir(app.config, app.outdir) / pdf_name(name, code)
            edition = {
                "docname": docname,
                "title": app.env.titles[docname].astext(),
                "sheet": name == SHEET,
            }
            if not is_printable(app.srcdir, app.config, docname):
                if name == SHEET:
                    continue  # one notice for the flyer and its sheet
                edition["withheld"] = True
            elif path.exists():
                edition["href"] = f"{to_lang_root}pdf/{path.name}"
                edition["size"] = human_size(path.stat().st_size, code)
            else:
                continue  # an HTML-only build
            editions.append(edition)
    return editions


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    editions = print_editions(app, context["leavex_lang_root"])
    context["leavex_print_editions"] = editions if pagename == app.config.root_doc else []
    context["leavex_print_edition"] = next(
        (e for e in editions if e["docname"] == pagename and "href" in e and not e["sheet"]),
        None,
    )
    context["leavex_paper"] = app.config.leavex_paper


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("leavex.printing")
    # After leavex.site, which sets the way back to the language's root.
    app.connect("html-page-context", on_html_page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
