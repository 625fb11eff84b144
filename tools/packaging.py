"""Packaging: a language's built site, as readers download it.

Sphinx writes each page with links to whole stylesheets and scripts, and copies every
static file it knows into each language. Packaging turns that into what a reader's
browser should get, in ``work/<lang>/site`` (pages, print editions, cards) and
``work/<lang>/assets`` (what pages load):

- each page carries the CSS it uses inline (``stylesheets``): no stylesheet request
  blocks its first paint;
- scripts and images are named by their content (``leavex.3f9a0c1b2d.js``) in one
  folder for the whole site, ``_assets/``, so that a host can let browsers keep them for
  a year, and a language switch downloads nothing twice; scripts are minified;
- nothing that no page loads is published (Sphinx's search scripts, basic.css, Pygments'
  styles, the print stylesheet…);
- indentation between tags is dropped;
- every page and asset gets ``.gz`` and ``.br`` siblings, byte for byte the same from
  build to build, for static servers that send them as they are.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import brotli
import rjsmin

from leavex.project import WORK, work_dir

from . import stylesheets

ASSETS = "_assets"  # at the site's root, shared by every language
# Files that get compressed siblings.
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".xml", ".txt"}
# Brotli's best for what is written once and kept (assets, by content); a faster level for
# pages, rewritten at each build of their language (within 1 % of the best on our pages,
# at a fifth of the time).
BROTLI_ASSETS, BROTLI_PAGES = 11, 9
CACHE = WORK / ".compressed"  # compressed copies by content, kept between builds
# The head's stylesheets and style elements, in order: one inline style replaces them.
STYLE = re.compile(
    r'(?:<link rel="stylesheet"[^>]*href="(?P<link>[^"?]+\.css)(?:\?v=\w+)?"[^>]*>'
    r"|<style>(?P<inline>.*?)</style>)\s*",
    re.S,
)
LOCAL_REFERENCE = re.compile(r'(src|href)="((?:\.\./)*)(_static|_images)/([^"?]+)(?:\?v=\w+)?"')
# Elements whose text is kept exactly (whitespace matters there).
VERBATIM = re.compile(r"(<(pre|textarea|template|script|style)\b.*?</\2>)", re.S)


def hashed_name(path: Path, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{path.stem}.{digest}{path.suffix}"


@lru_cache(maxsize=64)
def asset_content(path: Path, mtime_ns: int) -> bytes:
    """An asset as published: scripts minified."""
    content = path.read_bytes()
    if path.suffix == ".js":
        content = rjsmin.jsmin(content.decode("utf-8"), keep_bang_comments=True).encode()
    return content


def publish_asset(source: Path, folder: Path) -> str:
    """Write an asset under its content's name into ``folder``; return that name."""
    content = asset_content(source, source.stat().st_mtime_ns)
    name = hashed_name(source, content)
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        compress(target, BROTLI_ASSETS)
    return name


def without_indentation(html: str) -> str:
    """Whitespace that starts a line, dropped outside elements whose text is verbatim: a
    line break still separates what it separated, so nothing renders differently."""
    parts = VERBATIM.split(html)
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(re.sub(r"\n[ \t]*(?:\n[ \t]*)*", "\n", part))
        elif index % 3 == 1:
            out.append(part)
    return "".join(out)


def package_page(page: Path, built: Path, site: Path, assets: Path, used: set[str]) -> None:
    html = page.read_text(encoding="utf-8")
    depth = len(page.relative_to(built).parts) - 1  # folders below the language's root
    head_end = html.index("</head>")
    styles = list(STYLE.finditer(html, 0, head_end))
    if styles:
        sheets = [
            style["inline"] or (page.parent / style["link"]).read_text(encoding="utf-8")
            for style in styles
        ]
        css = stylesheets.page_css(sheets, html)
        first, head = styles[0].start(), html[:head_end]
        html = f"{head[:first]}<style>{css}</style>\n{STYLE.sub('', head[first:])}{html[head_end:]}"

    def reference(match: re.Match) -> str:
        attribute, ups, folder, name = match.groups()
        source = (page.parent / ups / folder / name).resolve()
        published = publish_asset(source, assets)
        used.add(published)
        return f'{attribute}="{"../" * (depth + 1)}{ASSETS}/{published}"'

    html = without_indentation(LOCAL_REFERENCE.sub(reference, html))
    target = site / page.relative_to(built)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    compress(target, BROTLI_PAGES)


def package(code: str) -> list[str]:
    """Package a language: ``work/<lang>/html`` into ``work/<lang>/site`` and its assets
    into ``work/<lang>/assets``. Returns the names of the assets its pages load."""
    built = work_dir(code) / "html"
    site, assets = work_dir(code) / "site", work_dir(code) / "assets"
    for folder in (site, assets):
        shutil.rmtree(folder, ignore_errors=True)
    site.mkdir(parents=True)
    used: set[str] = set()
    for page in sorted(built.rglob("*.html")):
        if page.relative_to(built).parts[0] not in ("_static", "_images"):
            package_page(page, built, site, assets, used)
    for folder in ("pdf", "cards"):  # as they are, linked rather than copied
        for source in sorted((built / folder).glob("*")) if (built / folder).is_dir() else []:
            target = site / folder / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
    names = sorted(used)
    (work_dir(code) / "assets.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    return names


def compress(path: Path, brotli_quality: int) -> None:
    """Write ``path.gz`` and ``path.br`` beside a compressible file, from the cache when
    the same content was compressed before. Reproducible: no names, no times."""
    if path.suffix not in COMPRESSIBLE:
        return
    content = path.read_bytes()
    key = hashlib.sha256(content).hexdigest()
    for suffix, squeeze in (
        (".gz", lambda data: gzip.compress(data, compresslevel=9, mtime=0)),
        (f".{brotli_quality}.br", lambda data: brotli.compress(data, quality=brotli_quality)),
    ):
        cached = CACHE / f"{key}{suffix}"
        if not cached.exists():
            CACHE.mkdir(parents=True, exist_ok=True)
            staged = cached.with_name(f"{cached.name}.{os.getpid()}")
            staged.write_bytes(squeeze(content))
            staged.replace(cached)
        sibling = path.with_name(path.name + suffix[suffix.rindex(".") :])
        sibling.unlink(missing_ok=True)
        shutil.copyfile(cached, sibling)
