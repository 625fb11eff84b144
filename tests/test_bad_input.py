"""Bad input fails its language loudly and never takes down the published site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import run_build

pytestmark = pytest.mark.slow


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


FIXTURE_TABLE = """\
en = { name = "English", english = "English", dir = "ltr", font = "Noto Serif" }
fr = { name = "Français", english = "French", dir = "ltr", font = "Noto Serif" }
"""


def test_malformed_catalog_names_file_and_line_and_keeps_the_site(project_copy):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    assert run_build(project_copy, "--languages", "en fr").returncode == 0
    site = project_copy / "build" / "site"
    before = snapshot(site)

    catalog = project_copy / "locales" / "fr" / "LC_MESSAGES" / "letter.po"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    broken_line = next(i for i, line in enumerate(lines, 1) if line.startswith("msgstr") and i > 20)
    lines[broken_line - 1] = 'msgstr "an unterminated string'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run_build(project_copy, "--languages", "en fr")
    assert result.returncode == 1
    assert f"letter.po:{broken_line}:" in result.stderr
    assert "fr: FAILED" in result.stderr
    assert snapshot(site) == before, "the last good site must stay as it was"


def test_unknown_language_code_is_refused(project_copy):
    result = run_build(project_copy, "--languages", "en xx")
    assert result.returncode == 2
    assert "unknown language code 'xx'" in result.stderr
