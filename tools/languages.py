"""The language table, shared with the Sphinx extensions (docs/_ext/leavex/languages.py)."""

import sys

from .paths import ROOT

sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from leavex.languages import (  # noqa: E402
    SOURCE_LANGUAGE,
    Language,
    LanguageTableError,
    get,
    load,
    select,
)

__all__ = ["SOURCE_LANGUAGE", "Language", "LanguageTableError", "get", "load", "select"]
