"""What a static host needs to know beyond the files: caching, security headers, the 404
page, compressed copies.

``_headers`` (Netlify, Cloudflare Pages, and any host that reads that format) says:
content-named assets may be kept for a year; and the security headers every page gets, with a Content-Security-Policy that allows nothing from another
host but the talk's player, and the inline scripts by their hashes. Pages, print editions
and share cards keep the hosts' default, which has browsers check them again (their
addresses never change, their contents may). ``tools/preview.py`` serves the site with the
same headers, as production would.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .packaging import ASSETS

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
YEAR = 365 * 24 * 3600


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP hashes of every inline script of the published pages (a few: the theme is
    set before the page paints, the front door picks a language)."""
    found = set()
    for page in site.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = hashlib.sha256(script.encode()).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def security_headers(site: Path) -> dict[str, str]:
    policy = "; ".join(
        [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",  # each page's own CSS is inline
            f"script-src 'self' {' '.join(inline_script_hashes(site))}",
            "frame-src https://www.youtube-nocookie.com",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }


def rules(site: Path) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) in the order hosts apply them. Hosts join the values of a
    header that several matching rules set (``no-cache, max-age=…`` would keep no asset),
    so no header is set by two rules."""
    return [
        ("/*", security_headers(site)),
        (f"/{ASSETS}/*", {"Cache-Control": f"public, max-age={YEAR}, immutable"}),
    ]


def write_headers(site: Path) -> Path:
    lines = [
        "# Headers for static hosts that read this file (Netlify, Cloudflare Pages).",
        "# Written by tools/hosting.py at each build; see README, Publishing.",
    ]
    for pattern, headers in rules(site):
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    path = site / "_headers"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def headers_for(path: str, site: Path) -> dict[str, str]:
    """The headers the rules give a path, as Netlify and Cloudflare Pages combine them:
    every matching rule applies, and a header set by several is their values joined."""
    found: dict[str, str] = {}
    for pattern, headers in read_headers(site):
        if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found


def read_headers(site: Path) -> list[tuple[str, dict[str, str]]]:
    """The rules of a published ``_headers`` file."""
    parsed: list[tuple[str, dict[str, str]]] = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            parsed.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            parsed[-1][1][name.strip()] = value.strip()
    return parsed
