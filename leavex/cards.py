"""Share cards: a 1200×630 PNG for each page of each language, with the page's title in
the page's language and script and the campaign's mark, named by its page's Open Graph
tags.

The print stack draws them: WeasyPrint lays the card out (Pango and HarfBuzz shape
Arabic, break Japanese lines by its rules, hyphenate long German words), and PDFium,
from PyPI, turns the page into pixels. No browser, nothing online. The title is set as
large as fits, from TITLE_SIZES; a title that does not fit even at the smallest stops the
build. A card carries the fingerprint of its inputs, and is drawn again only when they
change; the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import math
import unicodedata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import fonts, hyphenation, languages, patches
from .project import card_path, page_path
from .site import HTML_BUILDERS

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
TITLE_SIZES = (76, 68, 60, 54, 48, 44)  # pixels, largest first
# The title's room on a card (card.html): the width between the margins, and the height
# between the mark and the footer, in pixels, at a line height of LINE_HEIGHT.
TITLE_WIDTH, TITLE_HEIGHT, LINE_HEIGHT = 1040, 278, 1.18
# Narrower than any of our typefaces' bold letters, on average, in ems: an estimate that
# is never too small.
NARROW_EM, WIDE_EM = 0.45, 0.95
# A palette this size keeps the anti-aliased text smooth and the file small (25-35 kB);
# the fast octree quantizer and zlib's default level take 15 ms a card, not 110 ms.
COLOURS = 32
FINGERPRINT = "leavex-inputs"  # the PNG text chunk that records what the card shows


class CardError(SphinxError):
    category = "Share card error"


def rasterise(pdf_bytes: bytes, fingerprints: list[str]) -> list[bytes]:
    """Each page of a PDF as a PNG card, carrying its inputs' fingerprint."""
    import pypdfium2
    from PIL import Image, PngImagePlugin

    cards = []
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        for index, fingerprint in enumerate(fingerprints):
            page = pdf[index]
            image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
            if image.size != (WIDTH, HEIGHT):
                image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
            palette = image.quantize(
                COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
            info = PngImagePlugin.PngInfo()
            info.add_text(FINGERPRINT, fingerprint)
            output = io.BytesIO()
            palette.save(output, format="PNG", compress_level=6, pnginfo=info)
            cards.append(output.getvalue())
    finally:
        pdf.close()
    return cards


def largest_size(title: str) -> int:
    """The largest size at which the title might fit: where layouts start. No smaller
    size than this is skipped, so stepping down from it finds the largest that fits, in
    one or two layouts instead of up to six."""
    wide = sum(1 for ch in title if unicodedata.east_asian_width(ch) in "WF")
    ems = (len(title) - wide) * NARROW_EM + wide * WIDE_EM
    for size in TITLE_SIZES:
        lines = math.ceil(ems * size / TITLE_WIDTH)
        if lines * size * LINE_HEIGHT <= TITLE_HEIGHT:
            return size
    return TITLE_SIZES[-1]


def recorded_fingerprint(path: Path) -> str | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.text.get(FINGERPRINT)
    except OSError:
        return None


def lay_out(app: Sphinx, language, cards: list[dict]):
    """All the cards of a language in one WeasyPrint document, a page each, and the
    cards whose title ran onto a second page."""
    from weasyprint import HTML

    from .printing import capture_weasyprint_logs, font_config, offline_fetcher_class

    capture_weasyprint_logs()
    context = {"language": language, "cards": cards, "fonts": fonts.font_stack(language)}
    fetcher = offline_fetcher_class()((Path(app.srcdir),), f"{language.code} share cards")
    page_html = app.builder.templates.render("cards/card.html", context)
    document = HTML(string=page_html, url_fetcher=fetcher).render(font_config=font_config())
    pages_of = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages_of.setdefault(anchor, set()).add(number)
    overflowing = [
        card
        for index, card in enumerate(cards)
        if pages_of.get(f"card-{index}") != pages_of.get(f"end-{index}")
    ]
    return document, overflowing


def draw_all(app: Sphinx, titles: dict[str, str], campaign: str) -> list[Path]:
    """Draw the cards of the pages whose card is missing or out of date."""
    language = languages.get(app.config.language)
    template = Path(app.confdir, app.config.templates_path[0], "cards", "card.html")
    template_text = template.read_text(encoding="utf-8")
    wanted = []
    for docname, title in titles.items():
        address = f"{app.config.leavex_base_url.rstrip('/')}/{language.code}/{page_path(docname)}"
        address = address.split("://", 1)[-1]
        inputs = [title, campaign, address, language, template_text]
        card = {
            "docname": docname,
            "title": title,
            "campaign": campaign,
            "address": address,
            "fingerprint": hashlib.sha256(repr(inputs).encode()).hexdigest(),
            "target": Path(app.outdir, card_path(docname)),
            "size": largest_size(title),
        }
        if recorded_fingerprint(card["target"]) != card["fingerprint"]:
            wanted.append(card)
    if not wanted:
        return []
    # Every title as large as it fits: the cards that overflow are set again, smaller,
    # until all fit; the last layout, a card a page, is the one drawn.
    while True:
        document, overflowing = lay_out(app, language, wanted)
        if not overflowing or any(card["size"] == TITLE_SIZES[-1] for card in overflowing):
            break
        for card in overflowing:
            card["size"] = TITLE_SIZES[TITLE_SIZES.index(card["size"]) + 1]
    if overflowing:
        card = overflowing[0]
        raise CardError(
            f"{language.code}/{card['docname']}: the title does not fit on a share card even "
            f"at {TITLE_SIZES[-1]} px: {card['title']!r}"
        )
    pngs = rasterise(document.write_pdf(), [card["fingerprint"] for card in wanted])
    for card, png in zip(wanted, pngs, strict=True):
        card["target"].parent.mkdir(parents=True, exist_ok=True)
        card["target"].write_bytes(png)
    return [card["target"] for card in wanted]


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    patches.load_weasyprint()
    hyphenation.preload(languages.get(app.config.language).bcp47)
    campaign = str(_("Leave X – Protect Democracy"))
    titles = {docname: app.env.titles[docname].astext() for docname in sorted(app.env.found_docs)}
    draw_all(app, titles, campaign)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
