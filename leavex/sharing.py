"""What campaigners do with a page: share it, and send the letter to their representatives.

Everything is prepared at build time, in the page's language: the addresses to share
(e-mail, Bluesky; Mastodon's once the reader names a server), an e-mail with the letter,
and the European Parliament's directory of its Members in the reader's language. Scripts
add what needs JavaScript: the device's share sheet, copying, and asking for a Mastodon
server (``leavex.js``), the letter's text (``letter.js``, on the letter page). Nothing is
requested from another host until the reader clicks.

The e-mail (written by letter.js from the letter's text; without JavaScript it carries the
letter's address): RFC 6068 sets no limit to a mailto link, mail programs do. We design for
links of up to MAILTO_LIMIT characters, which Thunderbird, Apple Mail, Gmail and Outlook
on the web open whole, and which every letter of every language stays under (a test
checks). Some programs (older Outlook for Windows) cut the body after about 2,000
characters: there the reader gets the letter's address and its beginning, and the page
says to copy the letter instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from . import languages
from .project import SOURCE_LANGUAGE
from .site import HTML_BUILDERS

LETTER = "letter"
MAILTO_LIMIT = 32_000
EUROPARL = "https://www.europarl.europa.eu/meps/{}/home"
BLUESKY = "https://bsky.app/intent/compose?text={}"
HASHTAG = "#LeaveX"


def mailto(subject: str, body: str) -> str:
    """A mailto link with a subject and a body (line breaks as CRLF, as RFC 6068 asks)."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def representatives(language: languages.Language) -> tuple[str, str]:
    """The Parliament's directory of its Members in the reader's language, where the
    Parliament writes it (the EU's official languages), else in English."""
    code = language.code if language.eu_official else SOURCE_LANGUAGE
    return EUROPARL.format(code), code


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    context["leavex_share"] = context["leavex_letter_actions"] = None
    if app.builder.name not in HTML_BUILDERS or pagename not in app.env.found_docs:
        return
    title = app.env.titles[pagename].astext()
    url = context.get("pageurl") or ""
    context["leavex_share"] = {
        "title": title,
        "url": url,
        "text": f"{title} {url} {HASHTAG}",
        "mailto": mailto(title, url),
        "bluesky": BLUESKY.format(quote(f"{title} {url} {HASHTAG}", safe="")),
    }
    context["leavex_letter_actions"] = None
    if pagename == LETTER:
        # Before leavex.js (priority 500 < 800): it reads the letter for the copy button.
        app.add_js_file("letter.js", loading_method="defer")
        directory, directory_language = representatives(languages.get(app.config.language))
        context["leavex_letter_actions"] = {
            "subject": title,
            "url": url,
            # The whole letter goes in by script (letter.js): a page twice its weight for
            # readers who never write. Without script, the e-mail carries the address.
            "mailto": mailto(title, url),
            "representatives": directory,
            "representatives_lang": directory_language,
        }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("leavex.site")
    app.connect("html-page-context", on_html_page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
