"""How complete a catalog is: translated, fuzzy and untranslated entries. Fuzzy entries
are not translated: Sphinx does not use them, so neither do our figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .project import LOCALES, catalog_path


@dataclass(frozen=True)
class Progress:
    translated: int
    fuzzy: int
    untranslated: int
    last_change: str  # the catalog's PO-Revision-Date, as the translator's tool wrote it

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total


@lru_cache(maxsize=256)
def _progress(path: Path, mtime_ns: int) -> Progress:
    with path.open("rb") as stream:
        catalog = read_po(stream)
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.fuzzy:
            counts["fuzzy"] += 1
        elif message.string if isinstance(message.string, str) else all(message.string):
            counts["translated"] += 1
        else:
            counts["untranslated"] += 1
    header = path.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[0]
    revision = re.search(r"PO-Revision-Date:\s*([^\n\"\\]+)", header)
    return Progress(**counts, last_change=revision.group(1).strip() if revision else "")


def progress(code: str, domain: str, locales: Path = LOCALES) -> Progress | None:
    """The progress of one catalog, or None where it does not exist (the source language)."""
    path = catalog_path(code, domain, locales)
    if not path.exists():
        return None
    return _progress(path, path.stat().st_mtime_ns)
