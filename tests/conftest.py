"""Shared fixtures: the real site, built once per test session, and readers of it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.languages import SOURCE_LANGUAGE, load  # noqa: E402
from tools.paths import DOCUMENTS, GETTEXT, SITE, catalog_dir  # noqa: E402
from tools.project import copy_sources  # noqa: E402

LANGUAGES = list(load().values())
TRANSLATED = [language for language in LANGUAGES if language.code != SOURCE_LANGUAGE]
# Each document's address below its language folder.
PAGE_PATHS = {"index": "", "letter": "letter/", "about": "about/", "essay": "essay/"}


def run_build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    if root != ROOT:
        environment.pop("LEAVEX_LANGUAGE_TABLE", None)  # a copy reads its own table
    return subprocess.run(
        [sys.executable, "-m", "tools.build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
    )


@pytest.fixture(scope="session")
def site() -> Path:
    """The published site, built (incrementally) from the working tree."""
    result = run_build(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return SITE


def page_file(site: Path, code: str, document: str) -> Path:
    return site / code / PAGE_PATHS[document] / "index.html"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class Shown:
    """One message as a reader of the language sees it: its msgid and the shown text."""

    id: str
    text: str


def messages(code: str, domain: str) -> list[Shown]:
    """The messages of a catalog, in order; for the source language, from its template."""
    if code == SOURCE_LANGUAGE:
        path = GETTEXT / f"{domain}.pot"
    else:
        path = catalog_dir(code) / f"{domain}.po"
    with path.open("rb") as stream:
        entries = read_po(stream, locale=None)
    return [Shown(m.id, m.string if code != SOURCE_LANGUAGE else m.id) for m in entries if m.id]


@pytest.fixture(scope="session", autouse=True)
def templates() -> Path:
    """Fresh translation templates (.pot), the source language's messages."""
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", "-c", ".", "docs", str(GETTEXT)],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [sys.executable, "-m", "tools.interface_pot", str(GETTEXT / "sphinx.pot")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return GETTEXT


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources, to build with deliberately broken input."""
    return copy_sources(tmp_path / "project")


__all__ = [
    "ROOT",
    "DOCUMENTS",
    "LANGUAGES",
    "TRANSLATED",
    "PAGE_PATHS",
    "messages",
    "page_file",
    "soup_of",
]
