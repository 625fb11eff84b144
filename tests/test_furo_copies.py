"""Our copies of Furo's templates stay in step with the installed Furo."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import furo
import pytest

from leavex.project import ROOT

pytestmark = pytest.mark.fast

MANIFEST = ROOT / "docs" / "_templates" / "furo-originals.toml"
COPIES = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["copies"]
FURO = Path(furo.__file__).parent


@pytest.mark.parametrize("name", COPIES)
def test_furo_original_is_the_one_our_copy_was_made_from(name):
    entry = COPIES[name]
    installed = hashlib.sha256((FURO / entry["original"]).read_bytes()).hexdigest()
    assert installed == entry["sha256"], (
        f"Furo {furo.__version__} changed {entry['original']}: bring {entry['ours']} in step "
        f"(re-apply the deviations its header lists), then record the new hash in {MANIFEST.name}"
    )


@pytest.mark.parametrize("name", [name for name in COPIES if name.endswith(".html")])
def test_copies_keep_furo_block_names_and_list_their_deviations(name):
    import re

    entry = COPIES[name]
    original = (FURO / entry["original"]).read_text(encoding="utf-8")
    ours = (ROOT / entry["ours"]).read_text(encoding="utf-8")
    blocks = re.compile(r"{%-?\s*block\s+(\w+)")
    assert set(blocks.findall(original)) <= set(blocks.findall(ours))
    assert "Deviation" in ours.split("-#}", 1)[0], "the header lists the deviations"
