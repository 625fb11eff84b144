"""A real browser (Debian's chromium via Playwright) on the built site, served locally."""

from __future__ import annotations

from urllib.parse import urlparse

from .preview import LocalSite

CHROMIUM = "/usr/bin/chromium"
# As root in a sandbox, with no network but loopback: no sandbox, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "LocalSite", "is_local"]


def is_local(url: str, origin: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or url.startswith(origin)
