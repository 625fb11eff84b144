"""Compare what a page shows with what a catalog says, ignoring markup and typography."""

from __future__ import annotations

import re

LINK_TARGET = re.compile(r"\]\([^)]*\)")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")


def words(text: str) -> str:
    """The words of a text, lower case, one space apart: markup, quotes, spacing gone."""
    text = ROLE.sub(" ", LINK_TARGET.sub("]", text))
    return " ".join(re.findall(r"\w+", text.casefold()))


def contains(haystack: str, needle: str) -> bool:
    return f" {words(needle)} " in f" {words(haystack)} "
