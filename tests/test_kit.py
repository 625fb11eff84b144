"""The campaigners' kit as they get it: share cards, flyers, sending the letter, sharing."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from conftest import DOCUMENTS, LANGUAGES, TRANSLATED, messages, page_file, soup_of
from PIL import Image
from text import contains, words

from leavex.flyers import SHEET
from leavex.project import DEFAULT_BASE_URL, card_path, page_path, pdf_name

PAGES = [(language, document) for language in LANGUAGES for document in DOCUMENTS]
PAGE_IDS = [f"{language.code}-{document}" for language, document in PAGES]
CARD_LIMIT = 100_000  # bytes


def meta(page, name: str) -> str:
    tag = page.find("meta", property=name) or page.find("meta", attrs={"name": name})
    return tag["content"]


@pytest.mark.parametrize(("language", "document"), PAGES, ids=PAGE_IDS)
def test_each_page_names_its_own_card(site, language, document):
    page = soup_of(page_file(site, language.code, document))
    card = site / language.code / card_path(document)
    assert meta(page, "og:image") == f"{DEFAULT_BASE_URL}/{language.code}/{card_path(document)}"
    with Image.open(card) as image:
        assert image.size == (1200, 630)
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert card.stat().st_size < CARD_LIMIT
    assert meta(page, "twitter:card") == "summary_large_image"
    title = messages(language.code, document)[0].text
    alt = meta(page, "og:image:alt")
    assert contains(alt, title) or document == "index", (alt, title)
    campaign = {m.id: m.text for m in messages(language.code, "sphinx")}
    assert campaign["Leave X – Protect Democracy"] in alt


def test_cards_differ_between_languages_and_pages(site):
    digests = {
        (language.code, document): hashlib.sha256(
            (site / language.code / card_path(document)).read_bytes()
        ).hexdigest()
        for language, document in PAGES
    }
    assert len(set(digests.values())) == len(digests)


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.code)
def test_no_english_on_a_translated_page_images_and_labels_included(site, language):
    """Alternative texts, labels, the talk's poster and the card's description are in the
    page's language: no English interface string of three words or more shows through."""
    english = [
        m.id
        for m in messages(language.code, "sphinx")
        if len(m.id.split()) >= 3 and m.text and words(m.text) != words(m.id)
    ]
    for document in DOCUMENTS:
        page = soup_of(page_file(site, language.code, document))
        shown = [page.get_text(" ")] + [
            value
            for element in page.find_all(True)
            for name, value in element.attrs.items()
            if name in ("alt", "title", "aria-label", "placeholder", "content")
            or name.startswith("data-")
            if isinstance(value, str)
        ]
        text = " ".join(shown)
        leaked = [string for string in english if contains(text, string)]
        assert leaked == [], f"{document}: {leaked}"
    about = soup_of(page_file(site, language.code, "about"))
    campaign = {m.id: m.text for m in messages(language.code, "sphinx")}
    assert (
        about.select_one(".talk-poster-campaign").get_text()
        == campaign["Leave X – Protect Democracy"]
    )


def decoded(path: Path, tmp_path: Path) -> list[str]:
    prefix = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(prefix)], check=True)
    found = []
    for image in sorted(tmp_path.glob(f"{path.stem}*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True
        )
        found += [line for line in result.stdout.splitlines() if line]
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_flyer_sheet_holds_four_flyers_leading_to_the_letter(site, language, tmp_path):
    sheet = site / language.code / "pdf" / pdf_name(SHEET, language.code)
    info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
    assert "(A4)" in info and re.search(r"Pages:\s+1\b", info)
    letter = f"{DEFAULT_BASE_URL}/{language.code}/{page_path('letter')}"
    assert decoded(sheet, tmp_path) == [letter] * 4
    fonts = subprocess.run(["pdffonts", str(sheet)], capture_output=True, text=True).stdout
    assert all(row.split()[-5:-3] == ["yes", "yes"] for row in fonts.splitlines()[2:])


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_without_javascript_the_e_mail_carries_the_letters_address(site, language):
    """letter.js writes the whole letter into the e-mail (tested in the browser); the
    link as published works without it, with the letter's title and address."""
    page = soup_of(page_file(site, language.code, "letter"))
    link = next(a for a in page.select(".letter-actions a") if a["href"].startswith("mailto:"))
    fields = parse_qs(urlparse(link["href"]).query)
    title = messages(language.code, "letter")[0].text.replace("\\", "")
    url = f"{DEFAULT_BASE_URL}/{language.code}/letter/"
    assert fields == {"subject": [title], "body": [url]}
    assert (link["data-mailto-subject"], link["data-mailto-url"]) == (title, url)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_representatives_are_found_in_the_readers_language(site, language):
    page = soup_of(page_file(site, language.code, "letter"))
    links = [a["href"] for a in page.select(".letter-actions a")]
    expected = language.code if language.eu_official else "en"
    assert f"https://www.europarl.europa.eu/meps/{expected}/home" in links


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_share_links_work_without_javascript(site, language):
    for document in DOCUMENTS:
        page = soup_of(page_file(site, language.code, document))
        share = page.select_one("section.share")
        plain = [a["href"] for a in share.select(".share-links a")]
        url = f"{DEFAULT_BASE_URL}/{language.code}/{page_path(document)}"
        title = messages(language.code, document)[0].text.replace("\\", "")
        mail = parse_qs(urlparse(plain[0]).query)
        assert mail["body"] == [url]
        bluesky = urlparse(plain[1])
        assert bluesky.netloc == "bsky.app" and bluesky.path == "/intent/compose"
        text = unquote(parse_qs(bluesky.query)["text"][0])
        assert url in text and "#LeaveX" in text
        assert contains(text, title) or document == "index"
        # What needs JavaScript is hidden until the script shows it.
        assert all(item.has_attr("hidden") for item in share.select(".js-only, .share-native"))
