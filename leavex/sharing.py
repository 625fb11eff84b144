"""What campaigners do with a page: share it, and send the letter to their representatives.

Everything is prepared at build time, in the page's language: the addresses to share
(e-mail, Bluesky; Mastodon's once the reader names a server), the letter as plain text,
an e-mail with it, and the European Parliament's directory of its Members in the reader's
language. ``share.js`` adds what needs JavaScript: the device's share sheet, copying, and
asking for a Mastodon server. Nothing is requested from another host until the reader
clicks.

The e-mail: RFC 6068 sets no limit to a mailto link, mail programs do. We design for
links of up to MAILTO_LIMIT characters, which Thunderbird, Apple Mail, Gmail and Outlook
on the web open whole, and which every letter of every language stays under (a test
checks). Some programs (older Outlook for Windows) cut the body after about 2,000
characters: there the reader gets the letter's address and its beginning, and the page
says to copy the letter instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from docutils import nodes
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


def plain_text(doctree: nodes.document) -> str:
    """A document as plain text to paste into a message: its title, its paragraphs and
    numbered items, without notices for the site's readers (admonitions)."""
    blocks: list[str] = []

    def text(node: nodes.Node) -> str:
        return " ".join(node.astext().split())

    def walk(parent: nodes.Element) -> None:
        for node in parent.children:
            if isinstance(node, nodes.Admonition | nodes.comment | nodes.target):
                continue
            if isinstance(node, nodes.section):
                walk(node)
            elif isinstance(node, nodes.enumerated_list):
                start = node.get("start", 1)
                blocks.append(
                    "\n".join(
                        f"{number}. {text(item)}"
                        for number, item in enumerate(node.children, start)
                    )
                )
            elif isinstance(node, nodes.bullet_list):
                blocks.append("\n".join(f"– {text(item)}" for item in node.children))
            elif isinstance(node, nodes.Element) and node.astext().strip():
                blocks.append(text(node))

    walk(doctree)
    return "\n\n".join(blocks)


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
        text = plain_text(doctree)
        directory, directory_language = representatives(languages.get(app.config.language))
        context["leavex_letter_actions"] = {
            "text": text,
            "mailto": mailto(title, f"{url}\n\n{text}"),
            "representatives": directory,
            "representatives_lang": directory_language,
        }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("leavex.site")
    app.connect("html-page-context", on_html_page_context, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
