"""Bad input fails its language loudly and never takes down the published site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import run_build

from leavex.project import catalog_path

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

    catalog = catalog_path("fr", "letter", project_copy / "locales")
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


UNTRUSTED = {
    "a tracking pixel": (" ![](https://tracker.example/p.png)", "images differ"),
    "a right-to-left override": (" gnp\u202e.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
}


def test_untrusted_translations_fail_their_language_with_file_and_line(project_copy):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    assert run_build(project_copy, "--languages", "en fr").returncode == 0
    site = project_copy / "build" / "site"
    before = snapshot(site)
    catalog = catalog_path("fr", "letter", project_copy / "locales")
    original = catalog.read_text(encoding="utf-8")
    lines = original.splitlines()
    # A translation on one line: the admonition's title.
    index = next(i for i, line in enumerate(lines) if line.startswith('msgstr "La pétition'))
    for added, expected in UNTRUSTED.values():
        changed = [*lines[:index], lines[index][:-1] + added + '"', *lines[index + 1 :]]
        catalog.write_text("\n".join(changed) + "\n", encoding="utf-8")
        result = run_build(project_copy, "--languages", "en fr")
        assert result.returncode == 1
        assert f"letter.po:{index + 1}: " in result.stderr and expected in result.stderr, (
            result.stderr
        )
        assert snapshot(site) == before, "the last good site stays as it was"
    catalog.write_text(original, encoding="utf-8")
