"""Does MyST markup survive translation? Compare each msgstr with its msgid, parsed by
MyST's own markdown-it parser: links, roles, substitutions, emphasis, code, raw HTML.

Weblate's markdown checks (link, syntax, unsafe HTML) are the anchor; these also know
MyST roles and directives. Catalogs come from outside contributors: untrusted input.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

SUBSTITUTION = re.compile(r"\{\{\s*[\w.-]+\s*\}\}")
DIRECTIVE_FENCE = re.compile(r"^\s*(```+|:::+)\s*\{[\w:-]+\}", re.M)
BARE_URL = re.compile(
    r"(?:https?|mailto|ftp|javascript):[^\s)<>\]]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I
)
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
DANGEROUS = re.compile(
    r"<\s*(script|iframe|style|object|embed|link|meta|form|svg)\b|javascript\s*:|\bon\w+\s*=",
    re.I,
)
WIKIPEDIA = re.compile(r"^https://([a-z-]+)\.wikipedia\.org/wiki/\S+$")
# A translation identical to an English msgid of this many words is probably untranslated.
UNTRANSLATED_WORDS = 6
BLOCK_NAMES = {
    "paragraph_open": "a paragraph",
    "heading_open": "a heading",
    "ordered_list_open": "a numbered list",
    "bullet_list_open": "a bulleted list",
    "blockquote_open": "a quotation",
    "fence": "a code block",
    "code_block": "a code block",
    "html_block": "raw HTML",
    "hr": "a horizontal rule",
    "table_open": "a table",
}


@cache
def parser():
    return create_md_parser(MdParserConfig(), RendererHTML)


@lru_cache(maxsize=16384)
def tokens(text: str) -> tuple:
    """A text's markdown-it tokens, parsed once: every language checks against the same
    English, and each text is looked at for its blocks and its inline markup."""
    return tuple(parser().parse(text))


def blocks(text: str) -> list[str]:
    """The top-level block structure of a text."""
    return [t.type for t in tokens(text) if t.level == 0 and t.nesting >= 0 and t.type != "inline"]


def inline_tokens(text: str):
    for token in tokens(text):
        if token.type == "inline":
            yield from token.children or []
        elif token.type == "html_block":
            yield token


def features(text: str, language: str) -> dict[str, Counter]:
    """What markup a text carries, as multisets that a faithful translation keeps."""
    found = {name: Counter() for name in ("links", "roles", "strong", "emphasis", "code", "html")}
    for token in inline_tokens(text):
        if token.type == "link_open":
            found["links"][normalise_link(token.attrs.get("href", ""), language)] += 1
        elif token.type == "myst_role":
            content = token.content
            target = re.search(r"<([^>]+)>\s*$", content)
            found["roles"][
                f"{{{token.meta.get('name')}}}`{target.group(1) if target else content}`"
            ] += 1
        elif token.type == "strong_open":
            found["strong"]["**"] += 1
        elif token.type == "em_open":
            found["emphasis"]["_"] += 1
        elif token.type == "code_inline":
            found["code"][token.content] += 1
        elif token.type in ("html_inline", "html_block"):
            for closing, name in TAG.findall(token.content):
                found["html"][f"<{closing}{name.lower()}>"] += 1
        elif token.type == "text":
            for url in BARE_URL.findall(token.content):
                found["links"][normalise_link(url, language)] += 1
            if "**" in token.content:
                found["strong"]["unbalanced **"] += 1
            if "`" in token.content:
                found["code"]["unbalanced `"] += 1
    found["substitutions"] = Counter(SUBSTITUTION.findall(text))
    found["directives"] = Counter(DIRECTIVE_FENCE.findall(text))
    return found


def visible_words(text: str) -> list[str]:
    """The words a reader sees: link targets and role contents left out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    return re.findall(r"\w+", text)


def normalise_link(href: str, language: str) -> str:
    """A link target, with the one sanctioned variation: the reader's own Wikipedia."""
    wiki = WIKIPEDIA.match(href)
    if wiki and wiki.group(1) in ("en", language):
        return "a Wikipedia article (in English or in the catalog's language)"
    return href


LABELS = {
    "links": "link targets",
    "roles": "roles",
    "strong": "bold (**…**) markers",
    "emphasis": "emphasis (_…_) markers",
    "code": "code (`…`) spans",
    "html": "raw HTML tags",
    "substitutions": "substitutions ({{ … }})",
    "directives": "directives",
}


PLACEHOLDER = re.compile(r"%\([\w]+\)[sd]|\{[\w]*\}")


def compare(msgid: str, msgstr: str, language: str, markdown: bool = True) -> list[str]:
    """Every way in which ``msgstr`` does not keep the markup of ``msgid``.

    Interface strings (``markdown=False``) are plain text for templates: they keep their
    placeholders and may carry no HTML that the original does not.
    """
    problems = []
    if DANGEROUS.search(msgstr) and not DANGEROUS.search(msgid):
        match = DANGEROUS.search(msgstr).group(0)
        problems.append(f"unsafe HTML or script in the translation: {match!r}")
    if not markdown:
        if Counter(PLACEHOLDER.findall(msgid)) != Counter(PLACEHOLDER.findall(msgstr)):
            problems.append(
                f"placeholders differ from the original: {sorted(set(PLACEHOLDER.findall(msgid)))}"
            )
        tags_id, tags_str = Counter(TAG.findall(msgid)), Counter(TAG.findall(msgstr))
        if tags_id != tags_str:
            problems.append("raw HTML tags differ from the original")
        return problems
    original, translated = features(msgid, language), features(msgstr, language)
    for kind, label in LABELS.items():
        if original[kind] != translated[kind]:
            lost = sorted((original[kind] - translated[kind]).elements())
            added = sorted((translated[kind] - original[kind]).elements())
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(lost)}" if lost else "",
                    f"not in the original: {', '.join(added)}" if added else "",
                )
                if part
            )
            problems.append(f"{label} differ from the original: {detail}")
    # Every msgid is the text of one node (a paragraph, a title, a list item), so a
    # translation must read as one paragraph. An English title such as "1. The myth"
    # parses as a list on its own; in its translation the number must be escaped.
    paragraph = ["paragraph_open"]
    structure_id, structure_str = blocks(msgid), blocks(msgstr)
    expected = (
        paragraph
        if structure_id[:1] in (paragraph[:1], ["ordered_list_open"], ["bullet_list_open"])
        else structure_id
    )
    if structure_str != expected:
        was = BLOCK_NAMES.get(expected[0], expected[0]) if expected else "text"
        now = " followed by ".join(BLOCK_NAMES.get(b, b) for b in structure_str) or "nothing"
        hint = ""
        if structure_str[:1] == ["ordered_list_open"]:
            hint = r" (a number and a full stop at the start make a list: write 1\. instead)"
        problems.append(f"the translation reads as {now}, not as {was}{hint}")
    if msgstr == msgid and len(visible_words(msgid)) >= UNTRANSLATED_WORDS:
        problems.append("probably untranslated: identical to the English text")
    return problems
