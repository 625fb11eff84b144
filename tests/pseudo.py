"""Pseudo-translations for fixture languages: markup kept, every text visibly changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from leavex import po_metadata


def without_glossary(project: Path) -> None:
    """Pseudo-translations follow no language's glossary or style sheet: a project copy
    that uses them has none (the catalog checks then leave terms and style alone)."""
    shutil.rmtree(project / "glossary", ignore_errors=True)


def pseudo(text: str) -> str:
    # A prefix keeps links, roles and emphasis where they are, and keeps "1. Title"
    # from reading as a list.
    return f"«ps» {text}"


def pseudo_translate(template: Path, target: Path, code: str, keep=lambda message: True) -> None:
    """Write ``target`` from the ``.pot`` template; entries that ``keep`` refuses stay empty."""
    with template.open("rb") as stream:
        catalog = read_po(stream, locale=code)
    for message in catalog:
        if message.id and keep(message):
            message.string = pseudo(message.id)
    catalog.fuzzy = False
    catalog.revision_date = catalog.creation_date
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        write_po(stream, catalog, width=79)
    po_metadata.tidy(target)  # as make update-po leaves a catalog
