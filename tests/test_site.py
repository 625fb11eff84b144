"""The HTML site as readers get it: every language, every page, at its pinned URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse
from xml.etree import ElementTree

import pytest
from conftest import (
    DOCUMENTS,
    LANGUAGES,
    TRANSLATED,
    messages,
    page_file,
    soup_of,
)
from text import contains, words

from leavex.project import DEFAULT_BASE_URL

PAGES = [(language, document) for language in LANGUAGES for document in DOCUMENTS]
PAGE_IDS = [f"{language.code}-{document}" for language, document in PAGES]


@pytest.mark.parametrize(("language", "document"), PAGES, ids=PAGE_IDS)
def test_page_exists_with_lang_and_dir(site, language, document):
    html = soup_of(page_file(site, language.code, document)).html
    assert html["lang"] == language.bcp47
    assert html["dir"] == language.dir


@pytest.mark.parametrize(("language", "document"), PAGES, ids=PAGE_IDS)
def test_title_and_body_in_the_language(site, language, document):
    page = soup_of(page_file(site, language.code, document))
    title = page.title.get_text()
    body = page.find("article").get_text(" ")
    interface = {m.id: m.text for m in messages(language.code, "sphinx")}
    assert interface["Leave X – Protect Democracy"] in title
    shown = messages(language.code, document)
    if document != "index":
        assert contains(title, shown[0].text), (title, shown[0].text)
    longest = max(shown[1:], key=lambda m: len(m.text))
    assert contains(body, longest.text), longest.text
    if language.code == "en":
        return
    # Not an English fallback: no English paragraph of the document shows through.
    for message in shown:
        if len(words(message.id).split()) >= 8:
            assert not contains(body, message.id), f"English shows through: {message.id}"


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.code)
def test_interface_is_translated(site, language):
    """Furo's and our template strings are in the reader's language too."""
    page = page_file(site, language.code, "essay").read_text(encoding="utf-8")
    for message in messages(language.code, "sphinx"):
        assert message.text, f"untranslated interface string {message.id!r}"
    for english in (
        "Skip to content",
        "Back to top",
        "Toggle site navigation sidebar",
        "On this page",
        "Light mode",
        "Link to this heading",
    ):
        assert english not in page


def local_target(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link leads to, or None for links that leave the site."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or href.startswith("#"):
        return None
    target = (page.parent / urldefrag(parsed.path).url).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


@pytest.mark.parametrize(("language", "document"), PAGES, ids=PAGE_IDS)
def test_internal_links_resolve(site, language, document):
    path = page_file(site, language.code, document)
    page = soup_of(path)
    checked = 0
    for element in page.find_all(["a", "link", "script", "img"]):
        href = element.get("href") or element.get("src")
        if not href:
            continue
        target = local_target(site, path, href)
        if target is None:
            continue
        assert target.exists(), f"{href} from {path} leads to missing {target}"
        assert site.resolve() in target.parents, f"{href} leaves the site"
        fragment = urldefrag(href).fragment
        if fragment and target.suffix == ".html":
            assert soup_of(target).find(id=fragment), f"{href}: no #{fragment}"
        checked += 1
    assert checked > 5


@pytest.mark.parametrize(("language", "document"), PAGES, ids=PAGE_IDS)
def test_switcher_leads_to_the_same_page_in_every_language(site, language, document):
    path = page_file(site, language.code, document)
    switcher = soup_of(path).select_one("nav.language-switcher")
    entries = switcher.find_all("a")
    assert [a["hreflang"] for a in entries] == [lang.bcp47 for lang in LANGUAGES]
    for entry, other in zip(entries, LANGUAGES, strict=True):
        assert entry["lang"] == other.bcp47
        assert entry.get_text(strip=True) == other.name
        assert (
            local_target(site, path, entry["href"])
            == page_file(site, other.code, document).resolve()
        )
    current = switcher.find(attrs={"aria-current": "page"})
    assert current["lang"] == language.bcp47


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_pages_give_their_address_and_the_sitemap_their_alternates(site, language):
    """A page names its canonical address; its hreflang alternates are in the sitemap
    (test_sitemap_lists_every_page_with_hreflang_alternates), not in its head."""
    page = soup_of(page_file(site, language.code, "letter"))
    assert page.find_all("link", rel="alternate") == []
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"{DEFAULT_BASE_URL}/{language.code}/letter/"


def test_language_chooser_lists_every_language_by_native_name(site):
    chooser = soup_of(site / "index.html")
    entries = chooser.select("nav a[hreflang]")
    assert [a.get_text(strip=True) for a in entries] == [lang.name for lang in LANGUAGES]
    for entry, language in zip(entries, LANGUAGES, strict=True):
        assert entry["lang"] == language.bcp47
        assert (site / entry["href"] / "index.html").exists()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_about_page_loads_no_video_until_asked(site, language):
    page = soup_of(page_file(site, language.code, "about"))
    assert page.find("iframe") is None
    for element in page.find_all(src=True):
        assert "youtube" not in element["src"] and "google" not in element["src"]
    talk = page.select_one("figure.talk")
    assert talk["data-embed"].startswith("https://www.youtube-nocookie.com/embed/ElqFlkUXavM")
    links = [a["href"] for a in talk.find_all("a")]
    assert "https://www.youtube.com/watch?v=ElqFlkUXavM" in links
    assert talk["data-title"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_contact_row_has_named_links_and_rel_me(site, language):
    page = soup_of(page_file(site, language.code, "about"))
    row = page.select_one(".contact-row")
    links = row.find_all("a")
    assert [unquote(a["href"]) for a in links] == [
        "mailto:leavexeu@pm.me?subject=Ideas for Leave X",
        "https://mastodon.social/@leavex",
        "https://bsky.app/profile/leavex.eu",
        "https://gram.social/leavex",
        "https://github.com/everton137/leavex.eu",
    ]
    for link in links:
        assert link.get_text(strip=True), "every contact link has an accessible name"
        assert link.svg["aria-hidden"] == "true"
    assert links[1]["rel"] == ["me"]


def test_sitemap_lists_every_page_with_hreflang_alternates(site):
    names = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", names)
    assert len(urls) == len(LANGUAGES) * len(DOCUMENTS)
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)
        }
        assert set(alternates) == {lang.bcp47 for lang in LANGUAGES} | {"x-default"}
        assert url.find("s:loc", names).text in alternates.values()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {DEFAULT_BASE_URL}/sitemap.xml" in robots


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_social_metadata_is_in_the_page_language(site, language):
    page = soup_of(page_file(site, language.code, "letter"))

    def meta(prop):
        tag = page.find("meta", property=prop) or page.find("meta", attrs={"name": prop})
        return tag["content"]

    title = messages(language.code, "letter")[0].text
    assert contains(meta("og:title"), title)
    assert meta("og:url") == f"{DEFAULT_BASE_URL}/{language.code}/letter/"
    assert meta("og:locale").split("_")[0] == language.code
    assert meta("og:image") == f"{DEFAULT_BASE_URL}/{language.code}/cards/letter.png"
    assert meta("twitter:card") == "summary_large_image"
    bold_lead = messages(language.code, "letter")[3].text
    assert contains(meta("description"), bold_lead)


def test_every_page_has_a_description(site):
    """Search engines and link previews show it; Lighthouse's SEO audit asks for it."""
    pages = [page_file(site, lang.code, doc) for lang in LANGUAGES for doc in DOCUMENTS]
    pages += [site / "index.html", site / "status" / "index.html", site / "404.html"]
    for path in pages:
        description = soup_of(path).find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 20, path
