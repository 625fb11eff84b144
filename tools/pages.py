"""Site-wide pages the build writes itself (chooser, status, 404, sitemap): rendering from
docs/_templates and writing so that readers never see a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from leavex.project import DOCS

_environment = Environment(
    loader=FileSystemLoader(DOCS / "_templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def render(template: str, **context) -> str:
    return _environment.get_template(template).render(**context)


def write_atomically(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.new")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)
    return path
