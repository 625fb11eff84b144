"""``build/site/status/``: every language × document, from the catalogs, at build time."""

from __future__ import annotations

from pathlib import Path

from leavex.languages import load
from leavex.project import SOURCE_LANGUAGE

from . import pages
from .stats import DOMAINS, table

LABELS = {
    "index": "Home",
    "letter": "Letter",
    "about": "About",
    "essay": "Essay",
    "sphinx": "Interface",
}


def render() -> str:
    languages = [lang for lang in load().values() if lang.code != SOURCE_LANGUAGE]
    data = table([lang.code for lang in languages])
    return pages.render(
        "leavex/status.html", languages=languages, data=data, domains=DOMAINS, labels=LABELS
    )


def write(site: Path) -> Path:
    return pages.write_atomically(site / "status" / "index.html", render())
