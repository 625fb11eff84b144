"""``sitemap.xml`` with hreflang alternates, and ``robots.txt`` pointing to it."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from leavex.languages import load
from leavex.project import DOCUMENTS, page_path

from . import pages


def sitemap(site: Path, base_url: str) -> str:
    base = base_url.rstrip("/")
    languages = [lang for lang in load().values() if (site / lang.code / "index.html").exists()]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        '        xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for document in DOCUMENTS:
        path = page_path(document)
        alternates = [
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang.bcp47)} href={quoteattr(f"{base}/{lang.code}/{path}")}/>'
            for lang in languages
        ]
        alternates.append(
            f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base + "/")}/>'
        )
        for language in languages:
            lines += [
                "  <url>",
                f"    <loc>{base}/{language.code}/{path}</loc>",
                *alternates,
                "  </url>",
            ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(site: Path, base_url: str) -> list[Path]:
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n"
    return [
        pages.write_atomically(site / "sitemap.xml", sitemap(site, base_url)),
        pages.write_atomically(site / "robots.txt", robots),
    ]
