"""Print typefaces: which fonts each language uses, and proof that they cover the text."""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cache

from fontTools.ttLib import TTFont

from .languages import Language

# After the language's own typeface: Latin for URLs and names inside other scripts, then
# symbols. The print stylesheet and the coverage check both use this one list.
FALLBACK_FONTS = ("Noto Serif", "Noto Sans", "Noto Sans Symbols2")
# Characters that lay out text rather than show a glyph.
INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


class MissingFontError(LookupError):
    """A configured font is not installed."""


def font_stack(language: Language) -> list[str]:
    return list(dict.fromkeys([language.font, *FALLBACK_FONTS]))


@cache
def font_file(family: str) -> tuple[str, int]:
    """The installed file (and index in a collection) of a family, via fontconfig."""
    result = subprocess.run(
        ["fc-match", "-f", "%{family}\n%{file}\n%{index}", f"{family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    )
    found, path, index = (result.stdout.split("\n") + ["", "", ""])[:3]
    if result.returncode != 0 or family not in found.split(","):
        raise MissingFontError(
            f"font {family!r} is not installed (fontconfig offers {found or 'nothing'}); "
            "install the Noto fonts: apt-get install fonts-noto-core fonts-noto-cjk"
        )
    return path, int(index or 0)


@cache
def coverage(family: str) -> frozenset[int]:
    path, index = font_file(family)
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def uncovered(text: str, language: Language) -> list[str]:
    """Characters of ``text`` that no font of the language's stack can show."""
    wanted = {ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in INVISIBLE}
    for family in font_stack(language):
        wanted = {ch for ch in wanted if ord(ch) not in coverage(family)}
        if not wanted:
            break
    return sorted(wanted)


def describe(character: str) -> str:
    name = unicodedata.name(character, "unnamed character")
    return f"U+{ord(character):04X} {character!r} ({name})"
