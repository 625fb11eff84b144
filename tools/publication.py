"""Publication: a built language goes online whole, and the site-wide pages follow.

Readers see a language's old edition or its new one, never a mix; a language that
failed keeps its last good edition. The assets pages load (``_assets/``, named by their
content) are shared by every language; those that no page loads any more are removed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from leavex.project import DOCS, SITE, work_dir

from . import chooser, hosting, notfound, packaging, sitemap, status

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
    packaged site and the assets it loads, or only its print editions when only those
    were built."""
    if "html" in formats:
        built, target = work_dir(code) / "site", SITE / code
        shared = SITE / packaging.ASSETS
        shared.mkdir(parents=True, exist_ok=True)
        for asset in sorted((work_dir(code) / "assets").iterdir()):
            if not (shared / asset.name).exists():
                shutil.copyfile(asset, shared / asset.name)
    elif (SITE / code).is_dir():
        built, target = work_dir(code) / "html" / "pdf", SITE / code / "pdf"
    else:
        built, target = work_dir(code) / "html", SITE / code
    staged = target.with_name(f".{target.name}.new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(built, staged, ignore=NOT_PUBLISHED)
    replace_dir(staged, target)
    return SITE / code


# The site-wide pages' images, by the name of their source in docs/_static/.
SITE_ASSETS = {"favicon": "favicon.svg", "banner": "leavex-banner.svg"}
ASSET_REFERENCE = re.compile(rf"{packaging.ASSETS}/([^\"'?#\s]+)")


def write_site_pages(base_url: str) -> None:
    """The pages above the languages (chooser, status, 404, sitemap, robots.txt) and the
    hosts' headers file; then the assets no page loads any more are removed."""
    SITE.mkdir(parents=True, exist_ok=True)
    shared = SITE / packaging.ASSETS
    assets = {
        key: f"{packaging.ASSETS}/{packaging.publish_asset(DOCS / '_static' / name, shared)}"
        for key, name in SITE_ASSETS.items()
    }
    written = [
        chooser.write(SITE, assets),
        status.write(SITE, assets),
        notfound.write(SITE, base_url, assets),
        *sitemap.write(SITE, base_url),
    ]
    for path in written:
        packaging.compress(path, packaging.BROTLI_PAGES)
    remove_unused_assets()
    hosting.write_headers(SITE)


def remove_unused_assets() -> None:
    """Delete the shared assets that no published page names (and their compressed
    copies): a content-named file is replaced, never changed, when its content changes."""
    shared = SITE / packaging.ASSETS
    if not shared.is_dir():
        return
    named = {
        name
        for page in SITE.rglob("*.html")
        for name in ASSET_REFERENCE.findall(page.read_text(encoding="utf-8"))
    }
    for path in shared.iterdir():
        base = path.name.removesuffix(".gz").removesuffix(".br")
        if base not in named:
            path.unlink()
