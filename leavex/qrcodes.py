"""Vector QR codes for print editions, generated at build time."""

from __future__ import annotations

import html
from functools import cache

import segno


@cache  # the letter may be set several times while its size is fitted
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of ``url``. ``label``, in the document's language, says where
    it leads: the accessible name in HTML, and the figure's /Alt in a tagged PDF (WeasyPrint
    takes it from the SVG's <title>)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, dark="#000000", light="#ffffff", omitsize=True)
    opening, _, rest = svg.partition(">")
    label = html.escape(label)
    return (
        opening.replace("<svg ", f'<svg role="img" aria-label="{label}" class="qr" ', 1)
        + f"><title>{label}</title>"
        + rest
    )
