"""The project's Sphinx settings (conf.py), read by the tools that need the same values."""

from __future__ import annotations

import re
from functools import cache

from .project import ROOT


@cache
def conf() -> dict:
    """conf.py's namespace, evaluated as Sphinx evaluates it."""
    from sphinx.config import eval_config_file

    return eval_config_file(ROOT / "conf.py", tags=None)


def contact_address() -> str:
    """The campaign's address for translators: from ``gettext_last_translator``."""
    return re.search(r"<([^>]+)>", conf()["gettext_last_translator"]).group(1)
