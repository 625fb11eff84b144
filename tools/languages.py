"""The language table, shared with the Sphinx extensions (docs/_ext/leavex/languages.py)."""

import sys

from .paths import ROOT

sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from leavex.languages import (  # noqa: E402
    CODE_PATTERN,
    SOURCE_LANGUAGE,
    TABLE,
    Language,
    LanguageTableError,
    get,
    load,
    parse_table,
    select,
)

__all__ = [
    "CODE_PATTERN",
    "SOURCE_LANGUAGE",
    "TABLE",
    "Language",
    "LanguageTableError",
    "get",
    "load",
    "parse_table",
    "select",
]
