"""The site's front door, ``build/site/index.html``: every language by its native name."""

from __future__ import annotations

from pathlib import Path

from leavex.languages import load

from . import pages


def write(site: Path, assets: dict[str, str]) -> Path:
    published = [lang for lang in load().values() if (site / lang.code / "index.html").exists()]
    return pages.write_atomically(
        site / "index.html",
        pages.render("leavex/chooser.html", languages=published, assets=assets),
    )
