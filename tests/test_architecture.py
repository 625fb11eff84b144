"""The code's seams: one import root, one place for each fact, guarded patches."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from leavex import patches
from leavex.project import ROOT

pytestmark = pytest.mark.fast

PACKAGES = ("leavex", "tools", "benchmarks")
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for package in PACKAGES
    for path in (ROOT / package).glob("*.py")
)
SOURCES = [
    path
    for path in [ROOT / "conf.py", *ROOT.glob("leavex/*.py"), *ROOT.glob("tools/*.py")]
    + [*ROOT.glob("tests/*.py"), *ROOT.glob("benchmarks/*.py")]
    if path.name != "test_architecture.py"
]


def test_every_module_imports_on_its_own_from_anywhere(tmp_path):
    """Each module in a fresh interpreter, started outside the repository: the import
    root comes from the one path setup (make's), not from the current folder or from
    another module imported first."""

    def imports(module: str) -> tuple[str, str]:
        result = subprocess.run(
            [sys.executable, "-c", f"import {module}"], cwd=tmp_path, capture_output=True, text=True
        )
        return module, result.stderr.strip().splitlines()[-1] if result.returncode else ""

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = {module: error for module, error in pool.map(imports, MODULES) if error}
    assert len(MODULES) > 30
    assert failures == {}


def test_no_module_changes_the_import_path():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sys\.path\.(insert|append)|sys\.path\s*=", text), path


# Facts that leavex/project.py states once; anywhere else they would be a second copy.
FACTS = {
    "the repository root": r"Path\(__file__\)\.resolve\(\)\.parent",
    "the default base URL": r"https://leavex\.eu[\"/]",
    "the catalog folder layout": r"LC_MESSAGES",
    "the PDF file names": r"leavex-\{",
    "the interface domain": r"[\"']sphinx\.po[\"']|DOMAIN = ",
    "the documents": r"\(\"index\", \"letter\"|\(\"letter\", \"about\", \"essay\"\)",
}


@pytest.mark.parametrize("fact", FACTS)
def test_each_fact_is_stated_once(fact):
    pattern = re.compile(FACTS[fact])
    places = [
        path.relative_to(ROOT).as_posix()
        for path in SOURCES
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert places == ["leavex/project.py"], places


def test_a_patch_for_other_versions_is_skipped_with_a_warning(tmp_path):
    """Another MyST-Parser than the one verified: its patches are not applied."""
    newer = tmp_path / "myst_parser-99.0.dist-info"
    newer.mkdir()
    (newer / "METADATA").write_text("Metadata-Version: 2.1\nName: myst-parser\nVersion: 99.0\n")
    probe = (
        "from leavex import patches; patches.apply('process'); "
        "from myst_parser.parsers import sphinx_; "
        "print(getattr(sphinx_.create_md_parser, 'leavex_reused', False))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert result.stdout.strip() == "False", result.stderr
    assert "'MyST parsers lent again' skipped: verified with myst-parser 5.2.0" in result.stderr
    assert "installed myst-parser 99.0" in result.stderr


def test_every_patch_names_the_versions_it_was_verified_against():
    import importlib.metadata

    for patch in patches.PATCHES:
        assert patch.verified, patch.name
        for name, version in patch.verified.items():
            assert importlib.metadata.version(name) == version, (patch.name, name)
