"""Make-style dependencies: a language whose inputs did not change is not even started.

A language's inputs are the shared sources (documents, templates, styles, extensions,
settings, the language table), its own catalogs, the options of the build, and the
toolchain that renders them: the pinned requirements, the packages installed and the font
files. Their fingerprint (paths, sizes, modification times, versions) is stored beside the
language's work folder after a successful build and publication.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import subprocess
from functools import cache
from pathlib import Path

from leavex.fonts import font_stack
from leavex.languages import load
from leavex.project import DOCS, LOCALES, ROOT, work_dir

SHARED_INPUTS = [DOCS, ROOT / "conf.py", ROOT / "leavex", ROOT / "tools"]
OPTIONS = ("SOURCE_DATE_EPOCH", "LEAVEX_BASE_URL", "PAPER")


def _files(path: Path):
    if path.is_file():
        yield path
    elif path.is_dir():
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                if not name.endswith((".mo", ".pyc")):
                    yield Path(folder, name)


def fingerprint(paths, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(p for root in paths for p in _files(root)):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def installed_versions() -> list[str]:
    """``name==version`` of every installed package, as imports resolve them (the first
    of a name along sys.path): Sphinx, MyST-Parser, Furo, WeasyPrint, pydyf, Pyphen…"""
    versions: dict[str, str] = {}
    for distribution in importlib.metadata.distributions():
        name = re.sub(r"[-_.]+", "-", distribution.metadata["Name"] or "").lower()
        versions.setdefault(name, distribution.version)
    return sorted(f"{name}=={version}" for name, version in versions.items())


def font_files() -> list[str]:
    """Every installed face (regular, bold, italic…) of the families the print editions
    use, with its file's size and time: a font update changes the PDFs."""
    families = {family for language in load().values() for family in font_stack(language)}
    listing = subprocess.run(
        ["fc-list", "--format", "%{family}\t%{style}\t%{file}\n"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = set()
    for line in listing.splitlines():
        family, _, rest = line.partition("\t")
        if families & set(family.split(",")):
            path = rest.partition("\t")[2]
            stat = Path(path).stat()
            found.add(f"{family}\t{rest} {stat.st_size} {stat.st_mtime_ns}")
    return sorted(found)


@cache
def toolchain_fingerprint() -> str:
    """What shapes the output besides our sources: a dependency bump must rebuild."""
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    parts = [requirements, *installed_versions(), *font_files()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def shared_fingerprint(table: Path) -> str:
    options = "|".join(f"{name}={os.environ.get(name, '')}" for name in OPTIONS)
    return fingerprint([*SHARED_INPUTS, table], f"{options}|{toolchain_fingerprint()}")


def language_fingerprint(code: str, shared: str, formats: tuple[str, ...]) -> str:
    return fingerprint([LOCALES / code], f"{shared}|{','.join(formats)}")


# The build's own code: when it changes, Sphinx's incremental rebuild cannot tell which
# pages it affects, so the language's work folder is started afresh.
CODE_INPUTS = [
    ROOT / "leavex",
    DOCS / "_templates",
    DOCS / "_static",
    ROOT / "conf.py",
    ROOT / "tools",
]


def code_fingerprint() -> str:
    return fingerprint(CODE_INPUTS, toolchain_fingerprint())


def code_changed(code: str, current: str) -> bool:
    path = work_dir(code) / "code.stamp"
    try:
        return path.read_text() != current
    except OSError:
        return True


def record_code(code: str, current: str) -> None:
    path = work_dir(code) / "code.stamp"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(current)


def stamp_path(code: str) -> Path:
    return work_dir(code) / "inputs.stamp"


def is_current(code: str, print_: str, published: Path) -> bool:
    try:
        return stamp_path(code).read_text() == print_ and published.is_dir()
    except OSError:
        return False


def record(code: str, print_: str) -> None:
    stamp_path(code).parent.mkdir(parents=True, exist_ok=True)
    stamp_path(code).write_text(print_)


def forget(code: str) -> None:
    stamp_path(code).unlink(missing_ok=True)
