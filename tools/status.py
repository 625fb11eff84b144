"""``build/site/status/``: every language × document, from the catalogs, at build time."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .languages import SOURCE_LANGUAGE, load
from .paths import DOCS
from .stats import DOMAINS, table

LABELS = {
    "index": "Home",
    "letter": "Letter",
    "about": "About",
    "essay": "Essay",
    "sphinx": "Interface",
}


def render() -> str:
    languages = [lang for lang in load().values() if lang.code != SOURCE_LANGUAGE]
    data = table([lang.code for lang in languages])
    env = Environment(
        loader=FileSystemLoader(DOCS / "_templates"), autoescape=select_autoescape(["html"])
    )
    return env.get_template("leavex/status.html").render(
        languages=languages, data=data, domains=DOMAINS, labels=LABELS
    )


def write(site: Path) -> Path:
    folder = site / "status"
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / ".index.html.new"
    staged.write_text(render(), encoding="utf-8")
    os.replace(staged, folder / "index.html")
    return folder / "index.html"
