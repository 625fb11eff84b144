"""Hyphenation dictionaries for print, parsed once and kept on disk.

WeasyPrint hyphenates with pyphen, which parses a language's dictionary (0.6 s for German)
in every new process; a pickled copy loads in a twentieth of that. The copies are derived
from the installed pyphen, like compiled bytecode, so they live with the environment
(``<venv>/share/leavex-hyphenation``) and survive ``make clean``.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pyphen

CACHE = Path(sys.prefix, "share", "leavex-hyphenation")


def preload(code: str, cache_dir: Path = CACHE) -> None:
    """Put the language's parsed dictionary in pyphen's cache, from disk when possible."""
    name = pyphen.language_fallback(code)
    if not name:
        return  # no dictionary for this language: no hyphenation
    path = Path(pyphen.LANGUAGES[name])
    if str(path) in pyphen.hdcache or path in pyphen.hdcache:
        return
    stat = path.stat()
    cached = cache_dir / f"hyph-{name}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    try:
        dictionary = pickle.loads(cached.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        dictionary = pyphen.HyphDict(path)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            staged = cached.with_suffix(f".{id(dictionary)}.part")
            staged.write_bytes(pickle.dumps(dictionary, protocol=pickle.HIGHEST_PROTOCOL))
            staged.replace(cached)
        except OSError:
            pass  # a read-only environment: parse again next time
    pyphen.hdcache[path] = dictionary
