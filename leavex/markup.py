"""Does a translation carry only the markup of its English? Each msgstr is compared with its
msgid, both parsed by MyST's own markdown-it parser with the build's settings.

Catalogs come from outside contributors: untrusted input. The check is an allowlist: every
token that is not plain text (a link, an image, a role, a footnote, emphasis, a heading, a
directive, a token type that a future MyST invents) is described with its target, and a
translation must carry exactly the descriptions of its English, in the same numbers. Raw
HTML is refused in any form, and so are invisible characters that reorder text. The one
sanctioned variation: the essay's Wikipedia link may point to the reader's own Wikipedia.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from .settings import conf

SUBSTITUTION = re.compile(r"\{\{\s*[\w.-]+\s*\}\}")
DIRECTIVE_FENCE = re.compile(r"^\s*(```+|:::+)\s*\{[\w:-]+\}", re.M)
BARE_URL = re.compile(
    r"(?:https?|mailto|ftp|javascript|data|file):[^\s)<>\]]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I
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
    "colon_fence": "a directive",
    "code_block": "a code block",
    "html_block": "raw HTML",
    "hr": "a horizontal rule",
    "table_open": "a table",
    "footnote_reference_open": "a footnote",
}
# Inline tokens that are text, not markup.
TEXTUAL = {"text", "softbreak"}

# Invisible characters that scripts need: ZWNJ, ZWJ, LRM, RLM, ALM, and the isolates, which
# must be closed within the string. Every other format character is refused; the
# embeddings and overrides U+202A-U+202E can make text display other than it reads.
ALLOWED_FORMAT = {0x200C, 0x200D, 0x200E, 0x200F, 0x061C}
ISOLATE_OPENERS = {0x2066, 0x2067, 0x2068}  # LRI, RLI, FSI
ISOLATE_CLOSER = 0x2069  # PDI
INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


@cache
def build_settings() -> MdParserConfig:
    """MyST's settings as the build has them (conf.py): the check sees what the build sees."""
    return MdParserConfig(enable_extensions=set(conf().get("myst_enable_extensions", ())))


@cache
def parser():
    return create_md_parser(build_settings(), RendererHTML)


@lru_cache(maxsize=16384)
def parsed(text: str) -> tuple[tuple, dict]:
    """A text's markdown-it tokens and link reference definitions, parsed once: every
    language checks against the same English."""
    env: dict = {}
    found = tuple(parser().parse(text, env))
    references = {label: ref["href"] for label, ref in env.get("references", {}).items()}
    return found, references


def blocks(text: str) -> list[str]:
    """The top-level block structure of a text."""
    return [
        t.type for t in parsed(text)[0] if t.level == 0 and t.nesting >= 0 and t.type != "inline"
    ]


def inline_tokens(text: str):
    for token in parsed(text)[0]:
        if token.type == "inline":
            yield from token.children or []
        elif token.type == "html_block":
            yield token


def normalise_link(href: str, language: str) -> str:
    """A link target, with the one sanctioned variation: the reader's own Wikipedia."""
    wiki = WIKIPEDIA.match(href)
    if wiki and wiki.group(1) in ("en", language):
        return "a Wikipedia article (in English or in the catalog's language)"
    return href


def describe(token, language: str) -> tuple[str, str] | None:
    """(kind, description) of one markup token; None for plain text and closing tokens."""
    if token.type in TEXTUAL or token.nesting == -1:
        return None
    if token.type == "link_open":
        return "links", normalise_link(token.attrs.get("href", ""), language)
    if token.type == "image":
        return "images", str(token.attrs.get("src", ""))
    if token.type == "myst_role":
        target = re.search(r"<([^>]+)>\s*$", token.content)
        shown = target.group(1) if target else token.content
        return "roles", f"{{{token.meta.get('name')}}}`{shown}`"
    if token.type == "strong_open":
        return "strong", "**"
    if token.type == "em_open":
        return "emphasis", "_"
    if token.type == "code_inline":
        return "code", token.content
    if token.type == "footnote_ref":
        return "footnotes", f"[^{token.meta.get('label')}]"
    if token.type in ("html_inline", "html_block"):
        return "html", token.content.strip()
    # Anything else, known today or invented tomorrow, is markup the English must have too.
    attributes = ", ".join(f"{key}={value}" for key, value in sorted(token.attrs.items()))
    detail = f" ({attributes})" if attributes else ""
    return "other", f"{token.type}{detail}{f' {token.content!r}' if token.content else ''}"


KINDS = {
    "links": "link targets",
    "images": "images",
    "roles": "roles",
    "strong": "bold (**…**) markers",
    "emphasis": "emphasis (_…_) markers",
    "code": "code (`…`) spans",
    "footnotes": "footnote references",
    "references": "link reference definitions",
    "substitutions": "substitutions ({{ … }})",
    "directives": "directives",
    "other": "markup",
}


def features(text: str, language: str) -> dict[str, Counter]:
    """What markup a text carries, as multisets that a faithful translation keeps."""
    found = {kind: Counter() for kind in (*KINDS, "html")}
    autolink = False  # an autolink's text is its target, counted once as the link
    for token in inline_tokens(text):
        described = describe(token, language)
        if described:
            kind, description = described
            found[kind][description] += 1
        elif token.type == "text" and not autolink:
            for url in BARE_URL.findall(token.content):
                found["links"][normalise_link(url, language)] += 1
            if "**" in token.content:
                found["strong"]["unbalanced **"] += 1
            if "`" in token.content:
                found["code"]["unbalanced `"] += 1
        if token.type in ("link_open", "link_close"):
            autolink = token.type == "link_open" and token.markup == "autolink"
    for label, href in parsed(text)[1].items():
        found["references"][f"[{label}]: {normalise_link(href, language)}"] += 1
    found["substitutions"] = Counter(SUBSTITUTION.findall(text))
    found["directives"] = Counter(DIRECTIVE_FENCE.findall(text))
    return found


def visible_words(text: str) -> list[str]:
    """The words a reader sees: link targets and role contents left out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    return re.findall(r"\w+", text)


def code_point(character: str) -> str:
    name = unicodedata.name(character, "unnamed character")
    return f"U+{ord(character):04X} {name}"


def invisible_characters(text: str) -> list[str]:
    """Invisible characters that a translation may not carry, described by code point."""
    problems = []
    open_isolates: list[str] = []
    for character in text:
        point = ord(character)
        if point in ISOLATE_OPENERS:
            open_isolates.append(character)
        elif point == ISOLATE_CLOSER:
            if not open_isolates:
                problems.append(f"{code_point(character)} closes an isolate that was not opened")
            else:
                open_isolates.pop()
        elif point in ALLOWED_FORMAT:
            continue
        elif 0x202A <= point <= 0x202E:
            problems.append(
                f"{code_point(character)}: bidirectional embeddings and overrides can make "
                "text display other than it reads; use LRM/RLM or an isolate (U+2066-U+2069)"
            )
        elif unicodedata.category(character) in INVISIBLE_CATEGORIES:
            problems.append(f"{code_point(character)}: an invisible character is not allowed")
    for character in open_isolates:
        problems.append(f"{code_point(character)} is opened and not closed with U+2069 (PDI)")
    return problems


PLACEHOLDER = re.compile(r"%\([\w]+\)[sd]|\{[\w]*\}")
# Characters that would change the HTML an interface string is placed in (an element's
# text or a double-quoted attribute): templates insert interface strings unescaped.
HTML_SPECIAL = '<>"&'


def compare_interface(msgid: str, msgstr: str) -> list[str]:
    """Interface strings are plain text in templates: same placeholders, no HTML."""
    problems = []
    if Counter(PLACEHOLDER.findall(msgid)) != Counter(PLACEHOLDER.findall(msgstr)):
        problems.append(
            f"placeholders differ from the original: {sorted(set(PLACEHOLDER.findall(msgid)))}"
        )
    elif PLACEHOLDER.search(msgid) and "%" in PLACEHOLDER.sub("", msgstr).replace("%%", ""):
        problems.append("a lone % in a string with placeholders: write %% for a percent sign")
    added = sorted({ch for ch in msgstr if ch in HTML_SPECIAL and ch not in msgid})
    if added:
        problems.append(
            f"unsafe HTML: characters {' '.join(added)} are not in the original "
            "(interface strings are placed in HTML as they are)"
        )
    return problems


def compare(msgid: str, msgstr: str, language: str, markdown: bool = True) -> list[str]:
    """Every way in which ``msgstr`` does not keep the markup of ``msgid``.

    Interface strings (``markdown=False``) are plain text for templates: they keep their
    placeholders and may carry no HTML.
    """
    problems = [f"invisible character {problem}" for problem in invisible_characters(msgstr)]
    if DANGEROUS.search(msgstr) and not DANGEROUS.search(msgid):
        match = DANGEROUS.search(msgstr).group(0)
        problems.append(f"unsafe HTML or script in the translation: {match!r}")
    if not markdown:
        return problems + compare_interface(msgid, msgstr)
    original, translated = features(msgid, language), features(msgstr, language)
    if translated["html"]:
        shown = next(iter(translated["html"]))
        problems.append(f"unsafe HTML: a translation may not carry raw HTML ({shown[:60]!r})")
    # Text that markdown-it decodes (&#x202E;) reaches the reader as the character itself.
    decoded = "".join(t.content for t in inline_tokens(msgstr) if t.type == "text")
    if decoded != msgstr:
        for problem in invisible_characters(decoded):
            if f"invisible character {problem}" not in problems:
                problems.append(f"invisible character (written as an entity) {problem}")
    for kind, label in KINDS.items():
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
