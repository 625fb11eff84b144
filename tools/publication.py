"""Publication: a built language goes online whole, and the site-wide pages follow.

Readers see a language's old edition or its new one, never a mix; a language that
failed keeps its last good edition.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from leavex.project import SITE, work_dir

from . import chooser, notfound, sitemap, status

# Files Sphinx writes for its own use that readers never need.
NOT_PUBLISHED = shutil.ignore_patterns(".buildinfo", ".doctrees", "objects.inv", "_sources")


def replace_dir(staged: Path, target: Path) -> None:
    """Swap ``staged`` in for ``target``; readers see the old or the new, never a mix."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    shutil.rmtree(old, ignore_errors=True)


def publish(code: str, formats: tuple[str, ...]) -> Path:
    """Put a language's freshly built editions online, at ``build/site/<lang>/``: its
    whole site, or only its print editions when only those were built."""
    built = work_dir(code) / "html"
    if "html" not in formats and (SITE / code).is_dir():
        built, target = built / "pdf", SITE / code / "pdf"
    else:
        target = SITE / code
    staged = target.with_name(f".{target.name}.new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(built, staged, ignore=NOT_PUBLISHED)
    replace_dir(staged, target)
    return SITE / code


def write_site_pages(base_url: str) -> None:
    """The pages above the languages: chooser, status, 404, sitemap and robots.txt."""
    SITE.mkdir(parents=True, exist_ok=True)
    chooser.write(SITE)
    status.write(SITE)
    notfound.write(SITE, base_url)
    sitemap.write(SITE, base_url)
