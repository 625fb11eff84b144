"""Shared fixtures: the real site, built once per test session, and readers of it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Tests build into a folder of their own, never into a developer's build/: set before
# leavex.project is first imported, which reads it.
os.environ["LEAVEX_BUILD_DIR"] = tempfile.mkdtemp(prefix="leavex-tests-")

import pytest  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from leavex.languages import load  # noqa: E402
from leavex.project import (  # noqa: E402
    DOCUMENTS,
    GETTEXT,
    ROOT,
    SITE,
    SOURCE_LANGUAGE,
    catalog_path,
    page_path,
)
from tools.extract import extract  # noqa: E402
from tools.sources import copy_sources  # noqa: E402

pytest_plugins = ["sphinx.testing.fixtures"]

LANGUAGES = list(load().values())
TRANSLATED = [language for language in LANGUAGES if language.code != SOURCE_LANGUAGE]


def tool_environment(root: Path, env: dict | None = None) -> dict:
    environment = {**os.environ, **(env or {})}
    if root != ROOT:  # a copy reads its own table and builds into its own build/
        environment.pop("LEAVEX_LANGUAGE_TABLE", None)
        environment.pop("LEAVEX_BUILD_DIR", None)
    return environment


def run_tool(root: Path, tool: str, *args: str, env: dict | None = None, prefix=()):
    """Run one of the project's commands (``tools.build``, …) in ``root``, as make does;
    ``prefix`` runs it under another program (strace)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", tool, *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=tool_environment(root, env),
    )


def run_build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_tool(root, "tools.build", *args, env=env)


@pytest.fixture(scope="session")
def site() -> Path:
    """The published site, built (incrementally) from the working tree."""
    result = run_build(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return SITE


def page_file(site: Path, code: str, document: str) -> Path:
    return site / code / page_path(document) / "index.html"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class Shown:
    """One message as a reader of the language sees it: its msgid and the shown text."""

    id: str
    text: str


def messages(code: str, domain: str) -> list[Shown]:
    """The messages of a catalog, in order; for the source language, from its template."""
    path = GETTEXT / f"{domain}.pot" if code == SOURCE_LANGUAGE else catalog_path(code, domain)
    with path.open("rb") as stream:
        entries = read_po(stream, locale=None)
    return [Shown(m.id, m.string if code != SOURCE_LANGUAGE else m.id) for m in entries if m.id]


@pytest.fixture(scope="session", autouse=True)
def templates() -> Path:
    """Fresh translation templates (.pot), the source language's messages."""
    extract()
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
    "page_path",
    "messages",
    "page_file",
    "soup_of",
]
