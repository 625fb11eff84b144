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
    """Write the sheet: the flyer's page as a form XObject, drawn four times into the
    quarters of the sheet (scaled to fit, centred), and the cut marks. Drawing a form
    leaves the page's content as it is: no parsing, no copies of its fonts. The same
    input gives the same bytes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    source = PdfReader(flyer).pages[0]
    page_width, page_height = float(source.mediabox.width), float(source.mediabox.height)
    width, height = SHEET_PAGE[paper]
    cell_width, cell_height = width / 2, height / 2
    scale = min(cell_width / page_width, cell_height / page_height)
    writer = PdfWriter()
    form = DecodedStreamObject()
    form.set_data(source.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(page_width), FloatObject(page_height)]
            ),
            NameObject("/Resources"): source["/Resources"].clone(writer),
        }
    )
    drawing = b""
    for column in (0, 1):
        for row in (0, 1):
            x = column * cell_width + (cell_width - page_width * scale) / 2
            y = row * cell_height + (cell_height - page_height * scale) / 2
            drawing += f"q {scale:.5f} 0 0 {scale:.5f} {x:.2f} {y:.2f} cm /Flyer Do Q\n".encode()
    content = DecodedStreamObject()
    content.set_data(drawing + cut_marks(width, height))
    sheet = writer.add_blank_page(width=width, height=height)
    sheet[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject(
                {NameObject("/Flyer"): writer._add_object(form.flate_encode())}
            )
        }
    )
    sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
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
