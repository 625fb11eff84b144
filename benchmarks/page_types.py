"""The page types the benchmarks measure, each with its address on the site."""

from __future__ import annotations

from leavex.project import DOCUMENTS, page_path

# The pages above the languages. The chooser sends a reader on to their language unless
# the address has a fragment.
SITE_PAGES = {"chooser": "/#languages", "status": "/status/", "404": "/404.html"}


def language_pages(code: str) -> dict[str, str]:
    """A language's page types (its index is its home page) and their addresses."""
    return {
        ("home" if document == "index" else document): f"/{code}/{page_path(document)}"
        for document in DOCUMENTS
    }
