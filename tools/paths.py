"""Where things are: sources, catalogs, work folders and the published site."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALES = ROOT / "locales"
BUILD = ROOT / "build"
SITE = BUILD / "site"
WORK = BUILD / "work"
GETTEXT = BUILD / "gettext"

# The documents, in reading order; each has one catalog per language, plus the
# interface catalog (sphinx.po) shared by every page.
DOCUMENTS = ("index", "letter", "about", "essay")
INTERFACE_DOMAIN = "sphinx"


def catalog_dir(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES"


def work_dir(code: str) -> Path:
    return WORK / code
