"""The site's front door, ``build/site/index.html``: every language by its native name."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .languages import load
from .paths import DOCS

TEMPLATE = "leavex/chooser.html"


def render(site: Path) -> str:
    env = Environment(
        loader=FileSystemLoader(DOCS / "_templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    published = [lang for lang in load().values() if (site / lang.code / "index.html").exists()]
    return env.get_template(TEMPLATE).render(languages=published)


def write(site: Path) -> Path:
    target = site / "index.html"
    staged = site / ".index.html.new"
    staged.write_text(render(site), encoding="utf-8")
    os.replace(staged, target)
    return target
