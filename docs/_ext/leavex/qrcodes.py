"""Vector QR codes for print editions, generated at build time."""

from __future__ import annotations

from functools import cache

import segno


@cache  # the letter may be set several times while its size is fitted
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of ``url``; ``label`` is its accessible name."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, dark="#000000", light="#ffffff", omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="qr" ', 1)
