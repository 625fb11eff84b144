"""End to end, in a real browser: privacy, accessibility, mobile layout, switching language."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import DOCUMENTS, LANGUAGES, ROOT, messages, page_path
from playwright.sync_api import sync_playwright
from text import contains_compact

from leavex.project import DEFAULT_BASE_URL
from leavex.sharing import MAILTO_LIMIT
from tools.browser import CHROMIUM, CHROMIUM_ARGS, LocalSite, is_local

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
MOBILE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def served(site):
    with LocalSite(site) as local:
        yield local.origin


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser context that records every request and lets none leave the machine, and
    every console error and uncaught exception: a page that logs one is broken."""

    def __init__(self, browser, origin: str, **options):
        self.origin = origin
        self.context = browser.new_context(**options)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.missing: set[str] = set()  # addresses a test asks for knowing they are 404
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def _console(self, message):
        if message.type != "error":
            return
        if message.location.get("url") in self.missing and "404" in message.text:
            return  # the browser reports the 404 that the test asked for
        self.errors.append(f"{self.page.url}: console: {message.text}")

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if is_local(url, self.origin):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(f"{self.origin}/{path}", wait_until="load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, served):
    opened = []

    def make(**options) -> Visit:
        opened.append(Visit(browser, served, **options))
        return opened[-1]

    yield make
    errors = [error for item in opened for error in item.errors]
    for item in opened:
        item.close()
    assert errors == [], "pages logged errors:\n" + "\n".join(errors)


def url_of(code: str, document: str) -> str:
    return f"{code}/{page_path(document)}"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_pages_request_nothing_from_other_hosts(visit, language):
    session = visit()
    for document in DOCUMENTS:
        session.open(url_of(language.code, document))
        session.page.wait_for_timeout(100)
    for path in ("", "status/", "404.html"):
        session.open(path)
    assert session.blocked == [], "requests left the site"
    assert len(session.requests) > 10
    assert session.errors == [], "\n".join(session.errors)


def test_talk_player_loads_only_after_pressing_play(visit):
    session = visit()
    page = session.open(url_of("en", "about"))
    assert page.locator("iframe").count() == 0
    assert not [url for url in session.requests if "youtube" in url or "google" in url]
    play = page.get_by_role("button", name="Play the video")
    play.focus()
    page.keyboard.press("Enter")
    player = page.locator("figure.talk iframe")
    player.wait_for()
    assert player.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/ElqFlkUXavM"
    )
    assert player.get_attribute("title")
    page.wait_for_timeout(300)
    assert any("youtube-nocookie.com" in url for url in session.blocked)
    assert not [url for url in session.blocked if "youtube-nocookie.com" not in url]


def test_talk_is_a_plain_link_without_javascript(visit):
    session = visit(java_script_enabled=False)
    page = session.open(url_of("en", "about"))
    link = page.locator("figure.talk a.talk-poster")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=ElqFlkUXavM"
    assert page.locator("iframe").count() == 0


@pytest.mark.parametrize("code", ["ja", "ar"])
def test_emphasis_is_bold_not_slanted_in_scripts_without_italics(visit, code):
    page = visit().open(url_of(code, "about"))
    emphasis = page.locator("article em").first
    style = emphasis.evaluate(
        "e => [getComputedStyle(e).fontStyle, getComputedStyle(e).fontWeight]"
    )
    assert style == ["normal", "700"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""
    )
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_axe_finds_no_violations_in_light_and_dark(visit, language):
    # axe comes in as an inline script, which the site's Content-Security-Policy refuses.
    session = visit(bypass_csp=True)
    problems = []
    for theme in ("light", "dark"):
        session.page.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        for document in DOCUMENTS:
            page = session.open(url_of(language.code, document))
            assert page.evaluate("document.body.dataset.theme") == theme
            problems += [f"{theme} {document}: {v}" for v in axe_violations(page)]
    assert problems == [], "\n".join(problems)


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return {tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                           cls: e.className && e.className.baseVal === undefined ? e.className : '',
                           href: e.getAttribute('href'), lang: e.getAttribute('lang'),
                           outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                           shadow: s.boxShadow !== 'none'}; }"""
    )


def tab_through(page, steps: int = 80) -> list[dict]:
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        seen.append(focus_ring(page))
    return seen


@pytest.mark.parametrize("code", ["en", LANGUAGES[-1].code])
def test_keyboard_reaches_skip_link_switcher_downloads_and_play(visit, code):
    session = visit()
    page = session.open(url_of(code, "about"))
    stops = tab_through(page)
    assert "skip-to-content" in stops[0]["cls"], stops[0]
    assert any(stop["lang"] and stop["href"] and stop["href"].endswith("/about/") for stop in stops)
    assert any(stop["href"] and stop["href"].endswith(".pdf") for stop in stops)
    assert any(stop["tag"] == "BUTTON" and "talk-poster" in stop["cls"] for stop in stops)
    # Past the last control, focus goes back to the document itself: not a stop.
    invisible = [
        stop for stop in stops if stop["tag"] != "BODY" and not (stop["outline"] or stop["shadow"])
    ]
    assert invisible == [], "every focused element shows a focus ring"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_no_sideways_scrolling_at_360_px(visit, language):
    session = visit(viewport=MOBILE, device_scale_factor=1)
    ARTIFACTS.mkdir(exist_ok=True)
    for document in DOCUMENTS:
        page = session.open(url_of(language.code, document))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"{document}: {width} px wide"
        if document in ("letter", "about") and language.code in ("en", "ar", "ja"):
            page.screenshot(
                path=str(ARTIFACTS / f"mobile-{language.code}-{document}.png"), full_page=True
            )


def test_switching_language_keeps_the_page(visit):
    if len(LANGUAGES) < 2:
        pytest.skip("one language only")
    session = visit(viewport={"width": 1440, "height": 900})  # wide enough for the sidebar
    target = LANGUAGES[1]
    page = session.open(url_of(LANGUAGES[0].code, "essay"))
    page.locator(f".language-switcher a[hreflang='{target.bcp47}']").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{target.code}/essay/")
    assert page.evaluate("document.documentElement.lang") == target.bcp47
    # The choice is remembered for the front door.
    page.goto(f"{session.origin}/")
    page.wait_for_url(f"**/{target.code}/")


def test_front_door_follows_the_browser_language(browser, served):
    last = LANGUAGES[-1]
    context = browser.new_context(locale=last.bcp47)
    page = context.new_page()
    page.goto(f"{served}/")
    page.wait_for_url(f"**/{last.code}/")
    context.close()


def test_missing_page_at_any_depth_offers_every_language(visit):
    session = visit()
    missing = f"{session.origin}/{LANGUAGES[-1].code}/no/such/page/"
    session.missing.add(missing)
    response = session.page.goto(missing)
    assert response.status == 404
    links = session.page.locator("li a[hreflang]")
    assert links.count() == len(LANGUAGES)
    links.first.click()
    session.page.wait_for_load_state()
    assert session.page.url == f"{session.origin}/{LANGUAGES[0].code}/"
    assert session.blocked == []


def letter_mailto(page) -> tuple[str, str, str]:
    """(the whole link, its subject, its body) as letter.js writes them."""
    href = page.locator(".letter-actions a[data-mailto-body]").get_attribute("href")
    fields = parse_qs(urlparse(href).query)
    return href, fields["subject"][0], fields["body"][0]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_the_letter_can_be_sent_by_e_mail_in_its_language(visit, language):
    page = visit().open(url_of(language.code, "letter"))
    href, subject, body = letter_mailto(page)
    assert len(href) <= MAILTO_LIMIT, len(href)
    shown = messages(language.code, "letter")
    assert subject == shown[0].text.replace("\\", "")
    assert body.startswith(f"{DEFAULT_BASE_URL}/{language.code}/letter/\r\n\r\n")
    # Every paragraph and item of the letter, but the notice for the site's readers.
    # Compared without separators: a link inside Japanese text is no word boundary.
    notice = page.locator(".admonition").inner_text()
    for message in shown[1:]:
        if contains_compact(notice, message.text):
            assert not contains_compact(body, message.text), message.text
        else:
            assert contains_compact(body, message.text), message.text


@pytest.mark.parametrize("code", ["en", "ar", "ja"])
def test_copy_button_puts_the_letter_on_the_clipboard(visit, code):
    session = visit()
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = session.open(url_of(code, "letter"))
    button = page.locator(".letter-actions button.copy-text")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.letter-actions .action-status').textContent")
    copied = page.evaluate("navigator.clipboard.readText()")
    _, subject, body = letter_mailto(page)
    assert copied.startswith(subject) and len(copied) > 1000
    assert body.endswith(copied.replace("\n", "\r\n")), "the e-mail carries the same text"
    status = page.locator(".letter-actions .action-status")
    assert status.inner_text() == button.get_attribute("data-done")


def test_mastodon_share_asks_for_the_server_once_and_remembers_it(visit):
    session = visit()
    page = session.open(url_of("en", "essay"))
    button = page.get_by_role("button", name="Share on Mastodon")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.mastodon-dialog")
    assert dialog.is_visible()
    page.keyboard.type("@someone@mastodon.example")
    with session.context.expect_page() as opened:
        page.keyboard.press("Enter")
    opened.value.wait_for_load_state("domcontentloaded")
    shared = [url for url in session.blocked if url.startswith("https://mastodon.example/share")]
    assert len(shared) == 1 and "text=" in shared[0]
    assert "%23LeaveX" in shared[0] and "essay" in shared[0]
    assert not dialog.is_visible()
    # Asked once: the next share goes straight to the remembered server.
    with session.context.expect_page():
        button.click()
    assert not dialog.is_visible()
    assert page.evaluate("localStorage.getItem('leavex-mastodon-server')") == "mastodon.example"
    assert page.get_by_role("button", name="Change your Mastodon server").is_visible()


def test_share_controls_are_plain_links_without_javascript(visit):
    session = visit(java_script_enabled=False)
    page = session.open(url_of("en", "letter"))
    assert page.locator(".share-links a").count() == 2
    assert page.locator(".share-links button:visible").count() == 0
    assert page.locator(".letter-actions a").count() == 2
