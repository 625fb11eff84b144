"""The talk video, privacy first: a local poster until the reader presses play.

Extends sphinxcontrib-youtube's directive. Nothing is requested from YouTube or Google when
the page loads: the HTML shows a poster drawn here, with the talk's title and a play button,
as a plain link to the video; ``talk.js`` turns it into a button that swaps in the
``youtube-nocookie.com`` player. Print editions show the title, the link and a QR code.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata
from sphinxcontrib.youtube.youtube import YouTube, youtube

logger = logging.getLogger(__name__)

WATCH_URL = "https://www.youtube.com/watch?v={}"
EMBED_URL = "https://www.youtube-nocookie.com/embed/{}?autoplay=1"


class talk(youtube):
    """A YouTube video whose first child paragraph is its (translatable) title."""


class TalkDirective(SphinxDirective):
    """``{talk} VIDEO_ID`` with the talk's title as content."""

    has_content = True
    required_arguments = 1
    option_spec = {"aspect": YouTube.option_spec["aspect"]}

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error("talk: give the talk's title as the directive's content")
        node = talk(id=self.arguments[0], platform=YouTube._platform)
        node["watch_url"] = WATCH_URL.format(self.arguments[0])
        node["embed_url"] = EMBED_URL.format(self.arguments[0])
        self.state.nested_parse(self.content, self.content_offset, node)
        self.set_source_info(node)
        return [node]


def talk_title(node: talk) -> str:
    return node.next_node(nodes.paragraph).astext()


POSTER_ART = """\
<svg class="talk-poster-art" viewBox="0 0 1600 900" aria-hidden="true" focusable="false">
<defs><linearGradient id="talk-bg" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="#10243e"/><stop offset="1" stop-color="#2b5278"/></linearGradient></defs>
<rect width="1600" height="900" fill="url(#talk-bg)"/>
<g fill="none" stroke="#ffffff" stroke-opacity=".12" stroke-width="36">
<path d="M1180 120l300 300M1480 120l-300 300"/></g>
</svg>"""

PLAY_BUTTON = """\
<span class="talk-play" aria-hidden="true"><svg viewBox="0 0 68 48" focusable="false">
<rect width="68" height="48" rx="12" fill="#c4302b"/><path d="M27 14l18 10-18 10z" fill="#fff"/>
</svg></span>"""


def visit_talk_html(self, node: talk) -> None:
    title = self.encode(talk_title(node))
    watch = self.attval(node["watch_url"])
    play_label = self.attval(_("Play the video"))
    watch_label = self.encode(_("Watch the video on YouTube"))
    privacy_note = self.encode(
        _("The player is loaded from youtube-nocookie.com only when you press play.")
    )
    campaign = self.encode(_("Leave X – Protect Democracy"))
    self.body.append(
        f'<figure class="talk" data-embed="{self.attval(node["embed_url"])}" '
        f'data-title="{title}" data-play-label="{play_label}">'
        f'<a class="talk-poster" href="{watch}">{POSTER_ART}'
        f'<span class="talk-poster-campaign" aria-hidden="true">{campaign}</span>'
        f'<span class="talk-poster-title">{title}</span>{PLAY_BUTTON}</a>'
        f'<figcaption><a href="{watch}">{watch_label}</a>'
        f'<span class="talk-privacy">{privacy_note}</span></figcaption>'
        "</figure>"
    )
    raise nodes.SkipNode


def visit_talk_print(self, node: talk) -> None:
    """On paper a video cannot play: its title, its link and a QR code of the link."""
    from .printing import short_link
    from .qrcodes import qr_svg

    title = self.encode(talk_title(node))
    watch = node["watch_url"]
    label = _("QR code leading to the recording of the talk on YouTube: %(address)s") % {
        "address": short_link(watch)
    }
    self.body.append(
        f'<div class="talk-print">{qr_svg(watch, label)}'
        f'<p><strong>{title}</strong><br><span dir="ltr">{self.encode(watch)}</span></p></div>'
    )
    raise nodes.SkipNode


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Pages with a talk load its script (docs/_static/talk.js); the others need not."""
    if doctree is not None and next(doctree.findall(talk), None) is not None:
        app.add_js_file("talk.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(talk, html=(visit_talk_html, None), leavexprint=(visit_talk_print, None))
    app.add_directive("talk", TalkDirective)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
