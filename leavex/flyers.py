"""Flyers: the letter's core ask on one page, and a sheet of four to cut for home printers.

The flyer (docs/flyer.md) is set by the print builder on A5, or half-letter with
``PAPER=letter``, as a tagged PDF like every edition. The sheet is made from that page,
not set again: four copies on A4 (A6 each: A5 scaled by 1/√2, the A series' own ratio),
or on US letter (four quarter-letter cells), with cut marks. The sheet is a print
imposition for home printers; the A5 flyer is the accessible edition.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from sphinx.locale import _

FLYER = "flyer"
SHEET = "flyer-sheet"  # the name of its edition: leavex-flyer-sheet-<lang>.pdf
# The document whose online edition the flyer's QR code leads to.
LEADS_TO = "letter"

MM = 72 / 25.4
# Paper, in points (width, height): the flyer's own page and the sheet of four.
FLYER_PAGE = {"a4": ("A5", (148 * MM, 210 * MM)), "letter": ("5.5in 8.5in", (396.0, 612.0))}
SHEET_PAGE = {"a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}
# Cut marks: short lines on the cut lines' ends, inside what home printers print (they
# leave 3-6 mm at the edges), and a cross where the cuts meet.
MARK_INSET = 7 * MM
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.4


def qr_label(address: str) -> str:
    return _("QR code leading to the open letter online: %(address)s") % {"address": address}


def cut_marks(width: float, height: float) -> bytes:
    """A PDF content stream: the ends of the two cut lines and a cross at their meeting."""
    middle_x, middle_y = width / 2, height / 2
    lines = [
        (middle_x, MARK_INSET, middle_x, MARK_INSET + MARK_LENGTH),
        (middle_x, height - MARK_INSET, middle_x, height - MARK_INSET - MARK_LENGTH),
        (MARK_INSET, middle_y, MARK_INSET + MARK_LENGTH, middle_y),
        (width - MARK_INSET, middle_y, width - MARK_INSET - MARK_LENGTH, middle_y),
        (middle_x - MARK_LENGTH / 2, middle_y, middle_x + MARK_LENGTH / 2, middle_y),
        (middle_x, middle_y - MARK_LENGTH / 2, middle_x, middle_y + MARK_LENGTH / 2),
    ]
    strokes = "".join(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S\n" for x1, y1, x2, y2 in lines)
    return f"q 0 G {MARK_WIDTH} w [] 0 d\n{strokes}Q\n".encode()


def impose(flyer: Path, target: Path, paper: str, title: str, language: str) -> None:
    """Write the sheet: four copies of the flyer's page, scaled into the quarters of the
    sheet and centred in them, with cut marks. Byte-identical for identical input."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        NameObject,
        TextStringObject,
    )

    source = PdfReader(flyer).pages[0]
    page_width, page_height = float(source.mediabox.width), float(source.mediabox.height)
    width, height = SHEET_PAGE[paper]
    cell_width, cell_height = width / 2, height / 2
    scale = min(cell_width / page_width, cell_height / page_height)
    writer = PdfWriter()
    sheet = writer.add_blank_page(width=width, height=height)
    for column in (0, 1):
        for row in (0, 1):
            x = column * cell_width + (cell_width - page_width * scale) / 2
            y = row * cell_height + (cell_height - page_height * scale) / 2
            sheet.merge_transformed_page(
                source, Transformation().scale(scale).translate(x, y), over=True
            )
    marks = DecodedStreamObject()
    marks.set_data(cut_marks(width, height))
    sheet.merge_page(_page_with(writer, marks, width, height))
    sheet.compress_content_streams()
    writer.add_metadata(
        {
            "/Title": TextStringObject(title),
            "/Author": TextStringObject("#LeaveX"),
            "/Producer": TextStringObject("WeasyPrint, pypdf"),
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    identifier = ByteStringObject(hashlib.md5(target.name.encode()).digest())
    writer._ID = ArrayObject([identifier, identifier])  # reproducible, unlike pypdf's own
    output = BytesIO()
    writer.write(output)
    staged = target.with_suffix(".pdf.part")
    staged.write_bytes(output.getvalue())
    staged.replace(target)


def _page_with(writer, stream, width: float, height: float):
    """A blank page whose content is ``stream`` (to merge onto the sheet)."""
    from pypdf import PageObject
    from pypdf.generic import NameObject

    page = PageObject.create_blank_page(width=width, height=height)
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page
