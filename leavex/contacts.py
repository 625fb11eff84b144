"""The About page's contact row: sphinx-design buttons with drawn icons, ``rel="me"``."""

from __future__ import annotations

import base64

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

# Icons drawn for this site on a 16-unit grid, in the text colour. Decorative: the
# link text next to each one is its accessible name.
ICONS = {
    "email": '<path d="M1.5 3h13c.3 0 .5.2.5.5v9c0 .3-.2.5-.5.5h-13a.5.5 0 0 1-.5-.5v-9c0-.3.2-.5.5-.5zm.5 1.7v7.3h12V4.7L8 9.2 2 4.7zM3 4l5 3.8L13 4H3z"/>',
    "mastodon": '<path d="M8 1C4.3 1 2.3 2.7 2.3 5.6v2.8c0 3.2 1.9 4.9 5.3 5.4 1.4.2 2.7 0 3.7-.4l-.1-1.3c-1 .3-2.2.4-3.3.3-1.4-.1-2.2-.6-2.3-1.7 1.4.3 2.9.4 4.2.3 2.9-.2 4.7-1.6 4.7-4.3V5.6C14.5 2.7 11.7 1 8 1zm3.4 8.3H10V6.4c0-.7-.4-1-1-1s-1 .4-1 1.1v1.6H7V6.5c0-.7-.4-1.1-1-1.1s-1 .3-1 1v2.9H3.6V6.3c0-1.5.8-2.2 2.2-2.2 1 0 1.7.4 2.2 1.2.5-.8 1.2-1.2 2.2-1.2 1.4 0 2.2.7 2.2 2.2v3z"/>',
    "bluesky": '<path d="M3.5 2.3C5.2 3.6 7.1 6.2 8 7.5c.9-1.3 2.8-3.9 4.5-5.2 1.2-.9 3.1-1.6 3.1.6 0 .4-.3 3.7-.4 4.2-.6 1.9-2.6 2.4-4.4 2.1 3.1.5 3.9 2.3 2.2 4.1-3.2 3.3-4.6-.8-5-1.9-.4 1.1-1.8 5.2-5 1.9-1.7-1.8-.9-3.6 2.2-4.1-1.8.3-3.8-.2-4.4-2.1C.7 6.6.4 3.3.4 2.9c0-2.2 1.9-1.5 3.1-.6z"/>',
    "pixelfed": '<path d="M5.5 2 4.4 3.5H2A1 1 0 0 0 1 4.5v8a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-8a1 1 0 0 0-1-1h-2.4L10.5 2h-5zM8 5.2a3.2 3.2 0 1 1 0 6.4 3.2 3.2 0 0 1 0-6.4zm0 1.4a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z"/>',
    "github": '<path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38v-1.33c-2.23.48-2.7-1.07-2.7-1.07-.36-.92-.89-1.17-.89-1.17-.73-.5.05-.49.05-.49.8.06 1.23.83 1.23.83.72 1.22 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82a7.6 7.6 0 0 1 4 0c1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48v2.2c0 .21.15.46.55.38A8.01 8.01 0 0 0 16 8c0-4.42-3.58-8-8-8z"/>',
}

BUTTON_CLASSES = ["sd-sphinx-override", "sd-btn", "sd-btn-outline-primary", "sd-text-wrap"]


class brand_icon(nodes.Inline, nodes.Element):
    """A decorative icon: the link text beside it is the accessible name."""


def brand_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """``{brand}`mastodon```: an inline, decorative icon."""
    if text not in ICONS:
        known = ", ".join(ICONS)
        msg = inliner.reporter.error(f"brand: unknown icon {text!r} (known: {known})", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [brand_icon(brand=text)], []


def visit_brand_icon_html(self, node: brand_icon) -> None:
    self.body.append(
        f'<svg class="brand-icon" viewBox="0 0 16 16" width="1.1em" height="1.1em" '
        f'fill="currentColor" aria-hidden="true" focusable="false">{ICONS[node["brand"]]}</svg>'
    )
    raise nodes.SkipNode


def visit_brand_icon_print(self, node: brand_icon) -> None:
    """On paper the icon is a background: a tagged PDF draws backgrounds as artifacts, as
    PDF/UA wants of decoration (an inline <svg> would be an unnamed /Figure)."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" fill="#111111">'
        f"{ICONS[node['brand']]}</svg>"
    )
    encoded = base64.b64encode(svg.encode()).decode()
    self.body.append(
        f'<span class="brand-icon" style="background-image: '
        f"url('data:image/svg+xml;base64,{encoded}')\"></span>"
    )
    raise nodes.SkipNode


class ContactRowDirective(SphinxDirective):
    """A bullet list of contact links, shown as a row of buttons."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["contact-row"])
        self.state.nested_parse(self.content, self.content_offset, container)
        if not isinstance(container.next_node(nodes.bullet_list), nodes.bullet_list):
            raise self.error("contact-row: the content must be a bullet list of links")
        return [container]


class ContactLinks(SphinxPostTransform):
    """Style contact links as buttons and mark the campaign's own profiles ``rel="me"``.

    Runs after translation, which rebuilds paragraphs from the catalogs.
    """

    default_priority = 400

    def run(self, **kwargs) -> None:
        rel_me = set(self.config.leavex_rel_me_urls)
        for reference in self.document.findall(nodes.reference):
            if reference.get("refuri") in rel_me:
                reference["rel"] = "me"
        for row in self.document.findall(nodes.container):
            if "contact-row" in row["classes"]:
                for reference in row.findall(nodes.reference):
                    reference["classes"].extend(BUTTON_CLASSES)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "leavex_rel_me_urls", ["https://mastodon.social/@leavex"], "env", types=[list]
    )
    app.add_node(
        brand_icon, html=(visit_brand_icon_html, None), leavexprint=(visit_brand_icon_print, None)
    )
    app.add_role("brand", brand_role)
    app.add_directive("contact-row", ContactRowDirective)
    app.add_post_transform(ContactLinks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
