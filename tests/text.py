"""Compare what a page shows with what a catalog says, ignoring markup and typography."""

from __future__ import annotations

import re
import unicodedata

LINK_TARGET = re.compile(r"\]\([^)]*\)")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")


def words(text: str) -> str:
    """The words of a text, lower case, one space apart: markup, quotes, spacing gone."""
    text = ROLE.sub(" ", LINK_TARGET.sub("]", text))
    return " ".join(re.findall(r"\w+", text.casefold()))


def contains(haystack: str, needle: str) -> bool:
    return f" {words(needle)} " in f" {words(haystack)} "


def compact(text: str) -> str:
    """Word characters only, NFKC-normalised, no separators: robust to line breaks in any
    script (Japanese has no spaces), hyphenation, bidi controls and Arabic presentation
    forms in text extracted from a PDF."""
    return "".join(re.findall(r"[^\W_]+", _normalise(text)))


def contains_compact(haystack: str, needle: str) -> bool:
    return compact(needle) in compact(haystack)


def word_set(text: str) -> set[str]:
    """The words of a text, NFKC-normalised, without combining marks."""
    return set(re.findall(r"[^\W_]+", _normalise(text)))


def _normalise(text: str) -> str:
    """NFKC (Arabic presentation forms to letters), no combining marks (Arabic vowel
    signs, which extraction may detach), no markup, case-folded."""
    text = unicodedata.normalize("NFKC", LINK_TARGET.sub("]", text))
    text = "".join(ch for ch in ROLE.sub("", text) if unicodedata.category(ch) != "Mn")
    return text.casefold()
