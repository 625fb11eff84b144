"""The language table (``languages.toml``): the one list of published languages."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Tests and previews may point at another table (a fixture language, say).
TABLE = Path(os.environ.get("LEAVEX_LANGUAGE_TABLE") or ROOT / "languages.toml")

# A language code as used in URLs and catalog folders: ISO 639-1, lower case.
CODE_PATTERN = re.compile(r"^[a-z]{2}$")
DIRECTIONS = ("ltr", "rtl")


class LanguageTableError(ValueError):
    """The language table or a requested language code is wrong."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    english: str
    dir: str
    font: str
    bcp47: str

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE_LANGUAGE


SOURCE_LANGUAGE = "en"


def parse_table(text: str, source: str = str(TABLE)) -> dict[str, Language]:
    """Parse and validate the table's text, naming the faulty line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LanguageTableError(f"{source}: {err}") from None
    languages = {}
    for code, row in data.items():
        line = _line_of(text, code)
        where = f"{source}:{line}"
        if not CODE_PATTERN.match(code):
            raise LanguageTableError(f"{where}: {code!r} is not a two-letter language code")
        missing = {"name", "english", "dir", "font"} - set(row)
        if missing:
            raise LanguageTableError(f"{where}: {code} lacks {', '.join(sorted(missing))}")
        if row["dir"] not in DIRECTIONS:
            raise LanguageTableError(f"{where}: {code} has dir {row['dir']!r}, not ltr or rtl")
        languages[code] = Language(
            code=code,
            name=row["name"],
            english=row["english"],
            dir=row["dir"],
            font=row["font"],
            bcp47=row.get("bcp47", code),
        )
    if SOURCE_LANGUAGE not in languages:
        raise LanguageTableError(f"{source}: the source language {SOURCE_LANGUAGE!r} is missing")
    return languages


def _line_of(text: str, code: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("=", 1)[0].strip() == code:
            return number
    return 0


@cache
def load() -> dict[str, Language]:
    """Every published language, in the table's order."""
    return parse_table(TABLE.read_text(encoding="utf-8"))


def get(code: str) -> Language:
    """One language, with a clear error for a code that is not in the table."""
    languages = load()
    if code not in languages:
        known = " ".join(languages)
        raise LanguageTableError(
            f"unknown language code {code!r}: not in {TABLE.name} (known: {known})"
        )
    return languages[code]


def select(codes: str | None) -> list[Language]:
    """The languages named in a space- or comma-separated list; all when empty."""
    if not codes or not codes.strip():
        return list(load().values())
    return [get(code) for code in re.split(r"[\s,]+", codes.strip())]
