"""Print editions as campaigners get them: real PDF readers on every language's PDFs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import LANGUAGES, messages, page_file, run_build, soup_of
from pypdf import PdfReader
from text import contains, contains_compact, word_set

from leavex.flyers import FLYER, LEADS_TO, SHEET
from leavex.printing import short_link
from leavex.project import DEFAULT_BASE_URL, PRINT_DOCUMENTS, page_path, pdf_name

EDITIONS = [(language, document) for language in LANGUAGES for document in PRINT_DOCUMENTS]
EDITION_IDS = [f"{language.code}-{document}" for language, document in EDITIONS]
# A line of Japanese never starts with these (kinsoku shori).
NO_LINE_START = "、。，．・：；？！）」』】〕〉》"


def pdf_path(site: Path, code: str, document: str) -> Path:
    return site / code / "pdf" / pdf_name(document, code)


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    fields = {}
    for line in tool("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def translated_title(code: str, document: str) -> str:
    return messages(code, document)[0].text


# The documents are printed on A4; the flyer on A5, to cut in fours to A6 from its sheet.
PAPER = {document: "(A4)" for document in PRINT_DOCUMENTS} | {FLYER: "419.528 x 595.276 pts"}


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_pdf_is_tagged_with_paper_size_and_translated_metadata(site, language, document):
    path = pdf_path(site, language.code, document)
    info = pdfinfo(path)
    assert info["Tagged"] == "yes"
    assert PAPER[document] in info["Page size"]
    assert contains(info["Title"], translated_title(language.code, document))
    assert info["Author"] == "#LeaveX"
    root = PdfReader(path).trailer["/Root"]
    assert root["/Lang"] == language.bcp47
    assert bool(root["/MarkInfo"]["/Marked"])


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_every_font_is_embedded_and_subset(site, language, document):
    rows = tool("pdffonts", str(pdf_path(site, language.code, document))).splitlines()[2:]
    assert rows, "no fonts"
    for row in rows:
        name, columns = row.split()[0], row.split()[-5:]
        emb, sub = columns[0], columns[1]
        assert (emb, sub) == ("yes", "yes"), f"{name} not embedded and subset"


# Scripts that have no italics: WeasyPrint would slant them artificially.
NO_ITALICS = ("ja", "ar")
UNSLANTED = [(lang, doc) for lang, doc in EDITIONS if lang.code in NO_ITALICS]


@pytest.mark.parametrize(
    ("language", "document"), UNSLANTED, ids=[f"{lang.code}-{doc}" for lang, doc in UNSLANTED]
)
def test_no_slanted_type_in_scripts_without_italics(site, language, document):
    rows = tool("pdffonts", str(pdf_path(site, language.code, document))).splitlines()[2:]
    slanted = [row.split()[0] for row in rows if "Oblique" in row or "Italic" in row]
    assert not slanted


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_text_is_extractable_in_the_language(site, language, document):
    path = pdf_path(site, language.code, document)
    # Two readings of the same text: -raw follows the content stream, which WeasyPrint
    # writes in reading order (the default mode guesses columns, and a wide justified gap
    # can fool it); the default mode reorders right-to-left scripts for reading.
    readings = [tool("pdftotext", *mode, str(path), "-") for mode in (["-raw"], [])]
    title = translated_title(language.code, document)
    assert any(contains_compact(t, title) or word_set(title) <= word_set(t) for t in readings)
    # On paper a link is followed by its address: take the longest text without links.
    plain = [m.text for m in messages(language.code, document)[1:] if "](" not in m.text]
    sentence = max(plain, key=len)
    if language.dir == "rtl":
        # For right-to-left text pdftotext may list a paragraph's lines out of order and
        # split a word at a vowel sign: every word must come out whole from one reader.
        found = word_set(readings[1]) | word_set(
            " ".join(page.extract_text() for page in PdfReader(path).pages)
        )
        assert word_set(sentence) <= found, sorted(word_set(sentence) - found)
    else:
        assert any(contains_compact(t, sentence) for t in readings), sentence
    text = readings[0]
    if language.code == "ja":
        for line in text.splitlines():
            assert not line.strip() or line.strip()[0] not in NO_LINE_START, line


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_letter_and_flyer_fit_on_one_page(site, language):
    assert pdfinfo(pdf_path(site, language.code, "letter"))["Pages"] == "1"
    assert pdfinfo(pdf_path(site, language.code, FLYER))["Pages"] == "1"


# The way back online (a label, a short link) and the page number come to fewer.
FOOTER_ONLY = 120


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_no_last_page_holds_only_the_footer(site, language, document):
    """A sheet printed for a QR code alone is paper wasted and looks like a mistake."""
    last_page = PdfReader(pdf_path(site, language.code, document)).pages[-1]
    text = "".join(last_page.extract_text().split())
    assert len(text) > FOOTER_ONLY, text


def figures(path: Path) -> list[str]:
    """The alternative text of every /Figure in the PDF's structure tree ('' for none)."""
    found = []

    def walk(element) -> None:
        element = element.get_object()
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt") or element.get("/ActualText") or ""))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and kid.get("/Type", "/StructElem") == "/StructElem":
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_every_figure_has_alternative_text_in_the_language(site, language, document):
    """PDF/UA (Matterhorn 13-004): a figure has alternative text; decoration (the
    contact icons) is an artifact, not a figure."""
    alternatives = figures(pdf_path(site, language.code, document))
    assert alternatives and all(text.strip() for text in alternatives), alternatives
    interface = {m.id: m.text for m in messages(language.code, "sphinx")}
    assert interface["Leave X – Protect Democracy"] in alternatives  # the banner
    leads_to = LEADS_TO if document == FLYER else document
    online = short_link(f"{DEFAULT_BASE_URL}/{language.code}/{page_path(leads_to)}")
    assert any(online in text and text != online for text in alternatives), alternatives
    if document == "about":
        talk = [text for text in alternatives if "youtube.com/watch?v=ElqFlkUXavM" in text]
        assert len(talk) == 1 and len(alternatives) == 3, alternatives


def decoded_qr_codes(path: Path, tmp_path: Path) -> set[str]:
    prefix = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(prefix)], check=True)
    found = set()
    for image in sorted(tmp_path.glob(f"{path.stem}*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True
        )
        found.update(line for line in result.stdout.splitlines() if line)
    return found


@pytest.mark.parametrize(("language", "document"), EDITIONS, ids=EDITION_IDS)
def test_qr_code_leads_to_the_online_edition(site, language, document, tmp_path):
    codes = decoded_qr_codes(pdf_path(site, language.code, document), tmp_path)
    # The flyer leads to the letter, in the same language.
    leads_to = LEADS_TO if document == FLYER else document
    online = f"{DEFAULT_BASE_URL}/{language.code}/{page_path(leads_to)}"
    assert online in codes
    if document == "about":
        assert "https://www.youtube.com/watch?v=ElqFlkUXavM" in codes
    text = tool("pdftotext", str(pdf_path(site, language.code, document)), "-")
    assert short_link(online) in text


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_html_links_and_lists_the_print_editions(site, language):
    home = soup_of(page_file(site, language.code, "index"))
    listed = [a["href"] for a in home.select(".print-editions a")]
    editions = [*PRINT_DOCUMENTS, SHEET]
    assert listed == [f"pdf/{pdf_name(name, language.code)}" for name in editions]
    assert len(home.select(".print-editions .pdf-size")) == len(editions)
    for document in PRINT_DOCUMENTS:
        link = soup_of(page_file(site, language.code, document)).select_one(".print-download a")
        assert link["href"] == f"../pdf/{pdf_name(document, language.code)}"


@pytest.mark.slow
def test_rebuilds_are_byte_identical(project_copy):
    """Pages, print editions, flyers and share cards: the same bytes from a cold build."""
    env = {"SOURCE_DATE_EPOCH": "1736121600"}
    site = project_copy / "build" / "site" / "en"

    def built() -> dict[str, bytes]:
        result = run_build(project_copy, "--languages", "en", env=env)
        assert result.returncode == 0, result.stderr
        return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first = built()
    assert any(name.startswith("cards/") for name in first)
    assert any(name.endswith("flyer-sheet-en.pdf") for name in first)
    (project_copy / "build").rename(project_copy / "old-build")
    assert built() == first


@pytest.mark.slow
def test_a_character_no_font_covers_fails_the_build(project_copy):
    letter = project_copy / "docs" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA hieroglyph: 𓀀\n", encoding="utf-8")
    result = run_build(project_copy, "--languages", "en", "--formats", "pdf")
    assert result.returncode != 0
    assert "en/letter" in result.stderr
    assert "U+13000" in result.stderr and "EGYPTIAN HIEROGLYPH A001" in result.stderr


@pytest.mark.slow
def test_us_letter_paper_on_request(project_copy):
    result = run_build(
        project_copy, "--languages", "en", "--formats", "pdf", env={"PAPER": "letter"}
    )
    assert result.returncode == 0, result.stderr
    pdfs = project_copy / "build" / "site" / "en" / "pdf"
    for document in PRINT_DOCUMENTS:
        size = pdfinfo(pdfs / pdf_name(document, "en"))["Page size"]
        assert size.startswith("396 x 612 pts") if document == FLYER else "(letter)" in size
    assert "(letter)" in pdfinfo(pdfs / pdf_name(SHEET, "en"))["Page size"]
