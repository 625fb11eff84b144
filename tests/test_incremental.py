"""Incremental builds: what did not change is not rebuilt, nor even touched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import run_build
from pseudo import pseudo_translate, without_glossary

from leavex.project import catalog_dir

pytestmark = pytest.mark.slow

FIXTURE_TABLE = """\
en = { name = "English", english = "English", dir = "ltr", font = "Noto Serif" }
fr = { name = "Français", english = "French", dir = "ltr", font = "Noto Serif" }
"""


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def test_unchanged_languages_are_not_started_and_not_touched(project_copy, templates):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    without_glossary(project_copy)
    locales = catalog_dir("fr", project_copy / "locales")
    for template in templates.glob("*.pot"):
        pseudo_translate(template, locales / f"{template.stem}.po", "fr")
    assert run_build(project_copy).returncode == 0
    site = project_copy / "build" / "site"
    english, french = mtimes(site / "en"), mtimes(site / "fr")

    noop = run_build(project_copy)
    assert noop.returncode == 0
    assert "0 of 0 languages built, 2 up to date" in noop.stdout
    assert mtimes(site / "en") == english and mtimes(site / "fr") == french

    letter = locales / "letter.po"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("«ps» More than", "«ps» Over"), encoding="utf-8"
    )
    edited = run_build(project_copy)
    assert edited.returncode == 0
    assert "1 of 1 languages built, 1 up to date" in edited.stdout
    assert mtimes(site / "en") == english, "the other language is untouched"
    assert "Over two years" in (site / "fr" / "letter" / "index.html").read_text(encoding="utf-8")
    changed = {name for name, mtime in mtimes(site / "fr").items() if french.get(name) != mtime}
    assert "letter/index.html" in changed and "pdf/leavex-letter-fr.pdf" in changed
    assert "pdf/leavex-essay-fr.pdf" not in changed, "an unaffected PDF is not rewritten"


def test_a_dependency_bump_rebuilds_every_language(project_copy, templates, tmp_path):
    """The toolchain is an input: a new pin in requirements.txt, or another installed
    version of a package that renders, rebuilds every language."""
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    without_glossary(project_copy)
    locales = catalog_dir("fr", project_copy / "locales")
    for template in templates.glob("*.pot"):
        pseudo_translate(template, locales / f"{template.stem}.po", "fr")
    assert run_build(project_copy).returncode == 0
    assert "2 up to date" in run_build(project_copy).stdout
    pdf = project_copy / "build" / "site" / "fr" / "pdf" / "leavex-letter-fr.pdf"
    printed = pdf.stat().st_mtime_ns

    requirements = project_copy / "requirements.txt"
    text = requirements.read_text(encoding="utf-8")
    bumped = re.sub(r"^weasyprint==\S+", "weasyprint==999.0", text, flags=re.M)
    assert bumped != text
    requirements.write_text(bumped, encoding="utf-8")
    rebuilt = run_build(project_copy)
    assert "2 of 2 languages built, 0 up to date" in rebuilt.stdout, rebuilt.stdout
    assert pdf.stat().st_mtime_ns != printed, "the print edition is rendered again"

    # An installed version, as Python resolves it: a newer WeasyPrint's metadata first.
    fake = tmp_path / "newer" / "weasyprint-999.0.dist-info"
    fake.mkdir(parents=True)
    (fake / "METADATA").write_text("Metadata-Version: 2.1\nName: weasyprint\nVersion: 999.0\n")
    upgraded = run_build(project_copy, env={"PYTHONPATH": str(fake.parent)})
    assert "2 of 2 languages built, 0 up to date" in upgraded.stdout, upgraded.stdout


def test_the_patches_change_no_byte(project_copy):
    """Every edition is the same with and without leavex.patches (LEAVEX_PATCHES=off)."""
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    site = project_copy / "build" / "site" / "fr"
    editions = {}
    for setting in ("on", "off"):
        shutil.rmtree(project_copy / "build", ignore_errors=True)
        result = run_build(
            project_copy,
            "--languages",
            "fr",
            env={"LEAVEX_PATCHES": setting, "SOURCE_DATE_EPOCH": "1736121600"},
        )
        assert result.returncode == 0, result.stderr
        editions[setting] = {
            str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*"))
            if path.is_file()
        }
    assert len(editions["on"]) > 20 and editions["on"] == editions["off"]
