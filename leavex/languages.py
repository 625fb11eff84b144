"""The language table (``languages.toml``): the one list of published languages, with every
fact about each that the build, the switcher, the print editions and the tests need."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .project import LANGUAGE_TABLE, SOURCE_LANGUAGE

# A language code as used in URLs and catalog folders: ISO 639-1, lower case.
CODE_PATTERN = re.compile(r"^[a-z]{2}$")
DIRECTIONS = ("ltr", "rtl")
# Body text size of the print editions, in points, unless a row says otherwise.
DEFAULT_PRINT_SIZE = 10.5


class LanguageTableError(ValueError):
    """The language table or a requested language code is wrong."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself
    english: str
    dir: str
    font: str  # the print editions' typeface, a Noto family that covers the script
    bcp47: str  # the lang attribute's value
    print_size: float = DEFAULT_PRINT_SIZE
    italics: bool = True  # False: the script has none, emphasis is set in bold
    # An official language of the EU: its institutions (the European Parliament's
    # directory of Members, say) publish in it.
    eu_official: bool = False

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE_LANGUAGE


REQUIRED = {"name": str, "english": str, "dir": str, "font": str}
OPTIONAL = {"bcp47": str, "print_size": (int, float), "italics": bool, "eu_official": bool}


def table_path() -> Path:
    """The table in use: tests and previews may point at another (LEAVEX_LANGUAGE_TABLE)."""
    return Path(os.environ.get("LEAVEX_LANGUAGE_TABLE") or LANGUAGE_TABLE)


def parse_table(text: str, source: str = "languages.toml") -> dict[str, Language]:
    """Parse and validate the table's text, naming the faulty line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LanguageTableError(f"{source}: {err}") from None
    languages = {}
    for code, row in data.items():
        where = f"{source}:{_line_of(text, code)}"
        if not CODE_PATTERN.match(code):
            raise LanguageTableError(f"{where}: {code!r} is not a two-letter language code")
        missing = set(REQUIRED) - set(row)
        if missing:
            raise LanguageTableError(f"{where}: {code} lacks {', '.join(sorted(missing))}")
        unknown = set(row) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise LanguageTableError(
                f"{where}: {code} has unknown keys {', '.join(sorted(unknown))}"
            )
        for key, kind in (REQUIRED | OPTIONAL).items():
            if key in row and not _is_a(row[key], kind):
                raise LanguageTableError(f"{where}: {code}: {key} = {row[key]!r} is not valid")
        if row["dir"] not in DIRECTIONS:
            raise LanguageTableError(f"{where}: {code} has dir {row['dir']!r}, not ltr or rtl")
        languages[code] = Language(
            code=code,
            name=row["name"],
            english=row["english"],
            dir=row["dir"],
            font=row["font"],
            bcp47=row.get("bcp47", code),
            print_size=float(row.get("print_size", DEFAULT_PRINT_SIZE)),
            italics=row.get("italics", True),
            eu_official=row.get("eu_official", False),
        )
    if SOURCE_LANGUAGE not in languages:
        raise LanguageTableError(f"{source}: the source language {SOURCE_LANGUAGE!r} is missing")
    return languages


def _is_a(value, kind) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    return isinstance(value, kind) and not isinstance(value, bool)  # True is an int too


def _line_of(text: str, code: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("=", 1)[0].strip() == code:
            return number
    return 0


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> dict[str, Language]:
    return parse_table(path.read_text(encoding="utf-8"), str(path))


def load() -> dict[str, Language]:
    """Every published language, in the table's order (read again when the file changes)."""
    path = table_path()
    return _load(path, path.stat().st_mtime_ns)


def get(code: str) -> Language:
    """One language, with a clear error for a code that is not in the table."""
    languages = load()
    if code not in languages:
        known = " ".join(languages)
        raise LanguageTableError(
            f"unknown language code {code!r}: not in {table_path().name} (known: {known})"
        )
    return languages[code]


def split_codes(codes: str | None) -> list[str]:
    """The codes of a space- or comma-separated list, as written."""
    return [code for code in re.split(r"[\s,]+", (codes or "").strip()) if code]


def select(codes: str | None) -> list[Language]:
    """The languages named in a space- or comma-separated list; all when empty."""
    named = split_codes(codes)
    return [get(code) for code in named] if named else list(load().values())
