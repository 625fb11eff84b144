"""Build speed: work that third-party code repeats for nothing, done once.

MyST's renderer evaluates ``options.get("document", make_document())`` for every parse, so
each translated string (Sphinx parses every msgstr on its own) also builds a throwaway
document with freshly computed docutils default settings: about 1 ms each, 100 times per
language. The settings depend only on the parser class; we compute them once and hand
out copies, so nothing is shared between documents.
"""

from __future__ import annotations

import copy
from functools import cache

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


def cache_myst_default_settings() -> None:
    from myst_parser.mdit_to_docutils import base

    if getattr(base.get_default_settings, "leavex_cached", False):
        return
    compute = cache(base.get_default_settings)

    def get_default_settings(*components):
        return copy.copy(compute(*components))

    get_default_settings.leavex_cached = True
    base.get_default_settings = get_default_settings


def setup(app: Sphinx) -> ExtensionMetadata:
    cache_myst_default_settings()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
