"""``build/site/status/``: every language × document, from the catalogs, at build time."""

from __future__ import annotations

from datetime import UTC, datetime
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
    "flyer": "Flyer",
    "sphinx": "Interface",
}


def moment(revision_date: str) -> datetime:
    """A PO-Revision-Date as a time, to find a language's latest (the earliest possible
    time when a tool wrote it otherwise)."""
    try:
        return datetime.strptime(revision_date, "%Y-%m-%d %H:%M%z")
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)


def render(assets: dict[str, str]) -> str:
    languages = [lang for lang in load().values() if lang.code != SOURCE_LANGUAGE]
    data = table([lang.code for lang in languages])
    last_change = {
        code: max(
            (stats.last_change for stats in catalogs.values() if stats), key=moment, default=""
        )
        for code, catalogs in data.items()
    }
    complete = sum(
        all(stats and stats.complete for stats in catalogs.values()) for catalogs in data.values()
    )
    return pages.render(
        "leavex/status.html",
        languages=languages,
        data=data,
        columns=[(domain, LABELS[domain]) for domain in DOMAINS],  # every catalog named
        last_change=last_change,
        complete=complete,
        assets=assets,
    )


def write(site: Path, assets: dict[str, str]) -> Path:
    return pages.write_atomically(site / "status" / "index.html", render(assets))
