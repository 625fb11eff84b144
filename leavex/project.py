"""Facts about the publication that the extensions, the tools, the tests and the
benchmarks share, each stated once: where things are, which documents there are, and what
their pages, print editions and catalogs are called."""

from __future__ import annotations

import os
from pathlib import Path

# -- Where things are ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALES = ROOT / "locales"
LANGUAGE_TABLE = ROOT / "languages.toml"
# Everything built goes below BUILD; tests point it elsewhere (LEAVEX_BUILD_DIR), so that
# they never write into a developer's build/.
BUILD = Path(os.environ.get("LEAVEX_BUILD_DIR") or ROOT / "build")
SITE = BUILD / "site"
WORK = BUILD / "work"
GETTEXT = BUILD / "gettext"

# -- The publication ----------------------------------------------------------------

SOURCE_LANGUAGE = "en"
# The documents, in reading order; the first is each language's home page.
DOCUMENTS = ("index", "letter", "about", "essay", "flyer")
ROOT_DOCUMENT = DOCUMENTS[0]
# The documents that have a print edition (the home page does not). The flyer has two:
# itself and a sheet of four (leavex.flyers).
PRINT_DOCUMENTS = ("letter", "about", "essay", "flyer")
# The catalog of interface strings (templates, our extensions, Sphinx's own): Sphinx
# translates them through its "sphinx" message domain.
INTERFACE_DOMAIN = "sphinx"
# The address the site is published at, unless LEAVEX_BASE_URL says otherwise.
DEFAULT_BASE_URL = "https://leavex.eu"


def page_path(docname: str) -> str:
    """A document's address below its language folder: '' for home, 'letter/', …"""
    return "" if docname == ROOT_DOCUMENT else f"{docname}/"


def pdf_name(docname: str, code: str) -> str:
    """A print edition's file name, in ``<lang>/pdf/``."""
    return f"leavex-{docname}-{code}.pdf"


def card_path(docname: str) -> str:
    """A page's share card, below its language folder: cards/letter.png, cards/home.png."""
    return f"cards/{'home' if docname == ROOT_DOCUMENT else docname}.png"


def catalog_dir(code: str, locales: Path = LOCALES) -> Path:
    return Path(locales) / code / "LC_MESSAGES"


def catalog_path(code: str, domain: str, locales: Path = LOCALES) -> Path:
    """One catalog: a document's (``letter``) or the interface's (``sphinx``)."""
    return catalog_dir(code, locales) / f"{domain}.po"


def work_dir(code: str) -> Path:
    """A language's own work folder: its parsed sources and unpublished output."""
    return WORK / code
