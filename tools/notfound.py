"""``build/site/404.html``: served for any missing address, at any depth, in every language."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from babel.messages.pofile import read_po

from leavex.languages import load
from leavex.project import INTERFACE_DOMAIN, catalog_path

from . import pages

MESSAGE = "This page does not exist. Choose your language:"


def translated(code: str, message: str) -> str:
    path = catalog_path(code, INTERFACE_DOMAIN)
    if not path.exists():
        return message
    with path.open("rb") as stream:
        entry = read_po(stream).get(message)
    return entry.string if entry and entry.string and not entry.fuzzy else message


def render(site: Path, base_url: str, assets: dict[str, str]) -> str:
    # Root-relative links: the server shows this page at whatever depth the reader asked.
    root = urlparse(base_url).path.rstrip("/") + "/"
    languages = [lang for lang in load().values() if (site / lang.code / "index.html").exists()]
    return pages.render(
        "leavex/404.html",
        root=root,
        assets=assets,
        entries=[
            {"language": lang, "message": translated(lang.code, MESSAGE)} for lang in languages
        ],
    )


def write(site: Path, base_url: str, assets: dict[str, str]) -> Path:
    return pages.write_atomically(site / "404.html", render(site, base_url, assets))
