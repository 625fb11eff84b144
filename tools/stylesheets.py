"""Each page gets only the CSS it uses, inline.

Furo's stylesheet and sphinx-design's carry rules for components we never render. For each
page, a selector is kept when it matches an element of the page, tested by cssselect2 (the
selector engine WeasyPrint uses) on the parsed page, without the pseudo-classes that depend
on what the reader does (``:hover``, ``:focus``, ``:checked``…). Two cheaper checks come
first: a selector naming a class, id, element or attribute that occurs nowhere in the page
cannot match (the approach of PurgeCSS, by tokens), and one naming a state that scripts set
while the page runs (the theme, Furo's scrolled header and back-to-top button, the current
entry of the table of contents, the talk's player) is kept whenever those tokens could
occur. Custom properties and animations that no kept rule uses are dropped too. What is
left is minified and inlined, so a page needs no stylesheet request before its first paint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cssselect2
import lxml.html
import tinycss2

# What our scripts and Furo's add to a page after it loads, each with the class that shows
# the page has what they act on (None: every page): Furo's scrolled header and back-to-top
# button, the current entry of the table of contents, the talk's player (its poster
# becomes a button whose action is named in hidden text), the theme, an open dialog.
RUNTIME_CLASSES = {
    "scrolled": "mobile-header",
    "show-back-to-top": "back-to-top",
    "scroll-current": "toc-tree",
    "talk-player": "talk",
    "talk-poster": "talk",
    "visually-hidden": "talk",
}
RUNTIME_ELEMENTS = {"iframe": "talk"}
RUNTIME_ATTRIBUTES = {"data-theme": None, "open": "mastodon-dialog"}
# At-rules whose content is rules: pruned inside. Others are kept whole.
GROUPING = {"media", "supports", "layer", "container"}


@dataclass(frozen=True)
class PageTokens:
    """What a page's markup offers selectors to match."""

    elements: frozenset[str]
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]  # names
    values: frozenset[tuple[str, str]]  # (name, value)

    @classmethod
    def of(cls, html: str) -> PageTokens:
        elements, classes, ids, attributes, values = set(), set(), set(), set(), set()
        for tag in re.finditer(r"<([a-zA-Z][\w-]*)([^>]*)>", html):
            elements.add(tag.group(1).lower())
            for name, _, quoted, bare in re.findall(
                r"([\w:-]+)(\s*=\s*(?:\"([^\"]*)\"|'[^']*'|([^\s>]+)))?", tag.group(2)
            ):
                name = name.lower()
                value = quoted or bare
                attributes.add(name)
                values.add((name, value))
                if name == "class":
                    classes.update(value.split())
                elif name == "id":
                    ids.add(value)

        def added(runtime: dict[str, str | None]) -> set[str]:
            return {token for token, trigger in runtime.items() if trigger in classes | {None}}

        return cls(
            frozenset(elements | added(RUNTIME_ELEMENTS)),
            frozenset(classes | added(RUNTIME_CLASSES)),
            frozenset(ids),
            frozenset(attributes | added(RUNTIME_ATTRIBUTES)),
            frozenset(values),
        )


@dataclass(frozen=True)
class Requirement:
    """The tokens a selector needs: all of them, for it to match anything."""

    elements: frozenset[str]
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]
    values: frozenset[tuple[str, str]]

    def met_by(self, page: PageTokens) -> bool:
        return (
            self.elements <= page.elements
            and self.classes <= page.classes
            and self.ids <= page.ids
            and self.attributes <= page.attributes
            and all(
                name in RUNTIME_ATTRIBUTES or (name, value) in page.values
                for name, value in self.values
            )
        )


def requirement(selector: list) -> Requirement:
    """The tokens of one selector (tinycss2 tokens). Functional pseudo-classes (:not(),
    :is(), :where(), :has()) and pseudo-elements ask for nothing: kept as they are."""
    elements, classes, ids, attributes, values = set(), set(), set(), set(), set()
    previous = None
    for index, token in enumerate(selector):
        if token.type == "ident" and (
            previous is None
            or previous.type in ("whitespace",)
            or (previous.type == "literal" and previous.value in (">", "+", "~", ","))
        ):
            elements.add(token.value.lower())
        elif token.type == "literal" and token.value == "." and index + 1 < len(selector):
            following = selector[index + 1]
            if following.type == "ident":
                classes.add(following.value)
        elif token.type == "hash":
            ids.add(token.value)
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if parts and parts[0].type == "ident":
                name = parts[0].value.lower()
                attributes.add(name)
                if len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "=":
                    value = parts[2].value if parts[2].type in ("string", "ident") else None
                    if value is not None:
                        values.add((name, value))
        previous = token
    elements.discard("html")
    elements.discard("body")
    return Requirement(
        frozenset(elements),
        frozenset(classes),
        frozenset(ids),
        frozenset(attributes),
        frozenset(values),
    )


def split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def minified(tokens: list, *, selector: bool = False) -> str:
    """Tokens serialised without comments and with less whitespace: around combinators in
    a selector; around ";", "," and after ":" in declarations (never around + and - in a
    value: calc() needs them)."""
    text = tinycss2.serialize([t for t in tokens if t.type != "comment"])
    text = re.sub(r"\s+", " ", text).strip()
    if selector:
        return re.sub(r"\s*([>+~,])\s*", r"\1", text)
    text = re.sub(r"\s*([;,{}])\s*", r"\1", text)
    text = re.sub(r"(^|[;{])([\w-]+)\s*:\s*", r"\1\2:", text)
    return "".join(
        part if index % 2 else shortened_values(part)
        for index, part in enumerate(QUOTED.split(text))
    )


# Strings and url()s, whose text is kept as it is.
QUOTED = re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|url\([^)]*\))")


def shortened_values(text: str) -> str:
    """``0.5rem`` → ``.5rem``, ``absolute !important`` → ``absolute!important``."""
    text = re.sub(r"(?<![\w.#-])0+\.(\d)", r".\1", text)
    return re.sub(r"\s*!\s*important", "!important", text)


# Pseudo-classes that depend on what the reader does, not on the markup. A selector is
# tested without them: "#__toc:checked~.page .toc-drawer" needs the structure only.
READER_STATES = re.compile(
    r":(?:hover|focus|focus-visible|focus-within|active|visited|checked|target|"
    r"placeholder-shown|valid|invalid|user-valid|user-invalid|autofill)(?![\w-])"
)


@dataclass(frozen=True)
class Selector:
    text: str  # minified
    need: Requirement
    # Compiled by cssselect2 without the reader's states; None when decided by tokens
    # alone: a state that scripts set, or what cssselect2 cannot read (::backdrop…).
    compiled: tuple | None

    @classmethod
    def of(cls, tokens: list) -> Selector:
        text = minified(tokens, selector=True)
        need = requirement(tokens)
        runtime = (
            need.classes & RUNTIME_CLASSES.keys()
            or need.elements & RUNTIME_ELEMENTS.keys()
            or need.attributes & RUNTIME_ATTRIBUTES.keys()
        )
        compiled = None
        if not runtime:
            try:
                compiled = tuple(cssselect2.compile_selector_list(without_reader_states(text)))
            except cssselect2.SelectorError:
                pass
        return cls(text, need, compiled)


def without_reader_states(selector: str) -> str:
    """``a:hover`` → ``a``; a state standing alone becomes ``*`` (``:focus>p`` → ``*>p``)."""

    def replace(match: re.Match) -> str:
        before = selector[match.start() - 1] if match.start() else " "
        return "*" if before in " >+~(," else ""

    return READER_STATES.sub(replace, selector)


@dataclass(frozen=True)
class Rule:
    selectors: tuple[Selector, ...]
    declarations: str  # minified, without braces


@dataclass(frozen=True)
class Group:
    at_rule: str  # minified prelude, e.g. "@media (max-width:63em)"
    children: tuple


@lru_cache(maxsize=32)
def parsed(css: str) -> tuple:
    """A stylesheet as rules and groups, parsed once per process and content."""

    def build(nodes) -> tuple:
        items = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = tuple(Selector.of(tokens) for tokens in split_selectors(node.prelude))
                declarations = minified(node.content).rstrip(";")
                items.append(Rule(selectors, declarations))
            elif node.type == "at-rule":
                prelude = f"@{node.at_keyword} {minified(node.prelude)}".rstrip()
                if node.lower_at_keyword in GROUPING and node.content is not None:
                    children = tinycss2.parse_rule_list(
                        node.content, skip_whitespace=True, skip_comments=True
                    )
                    items.append(Group(prelude, build(children)))
                else:
                    body = "" if node.content is None else "{" + minified(node.content) + "}"
                    items.append(Group(prelude + (body or ";"), ()))
        return tuple(items)

    return build(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
VARIABLE_DECLARATION = re.compile(r"(?:^|;)(--[\w-]+):")


HTML = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)


def selectors_of(items: tuple):
    for item in items:
        if isinstance(item, Rule):
            yield from item.selectors
        else:
            yield from selectors_of(item.children)


def matching(items: tuple, page: PageTokens, html: str) -> set[Selector]:
    """The selectors of a stylesheet that the page can use: those that match one of its
    elements (cssselect2's Matcher indexes them by their last id, class or element, so
    each element is tested against a few), and those decided by tokens."""
    found, matcher = set(), cssselect2.Matcher()
    for selector in selectors_of(items):
        if not selector.need.met_by(page):
            continue
        if selector.compiled is None:
            found.add(selector)
        for compiled in selector.compiled or ():
            matcher.add_selector(compiled, selector)
    tree = cssselect2.ElementWrapper.from_html_root(
        lxml.html.document_fromstring(html, parser=HTML)
    )
    for element in tree.iter_subtree():
        found.update(payload for *_, payload in matcher.match(element))
    return found


def used(items: tuple, kept_selectors: set[Selector]) -> list:
    """The rules and groups of a stylesheet with the selectors kept."""
    kept = []
    for item in items:
        if isinstance(item, Rule):
            selectors = [s.text for s in item.selectors if s in kept_selectors]
            if selectors:
                kept.append((",".join(selectors), item.declarations))
        elif item.children:
            children = used(item.children, kept_selectors)
            if children:
                kept.append((item.at_rule, children))
        else:
            kept.append((item.at_rule, None))
    return kept


def declaration_blocks(kept: list):
    """The declaration blocks of kept rules and groups, nested ones included."""
    for _prelude, body in kept:
        if isinstance(body, str):
            yield body
        elif body:
            yield from declaration_blocks(body)


def without_unused_variables(kept: list) -> list:
    """Drop custom property declarations that no kept declaration reads."""
    # Variables read by properties; then those read by the variables they read, until
    # nothing new is needed.
    needed: set[str] = set()
    declared: dict[str, list[str]] = {}
    for body in declaration_blocks(kept):
        for declaration in split_declarations(body):
            name, _, value = declaration.partition(":")
            if name.startswith("--"):
                declared.setdefault(name, []).append(value)
            else:
                needed.update(VARIABLE_USE.findall(value))
    frontier = set(needed)
    while frontier:
        found = {
            inner
            for name in frontier
            for value in declared.get(name, [])
            for inner in VARIABLE_USE.findall(value)
        }
        frontier = found - needed
        needed |= found

    def prune(items):
        result = []
        for prelude, body in items:
            if isinstance(body, str):
                # A custom property declared twice in a rule is the last one: custom
                # properties take any value, so the first is never a fallback.
                declarations, seen = [], set()
                for declaration in reversed(split_declarations(body)):
                    name = declaration.partition(":")[0]
                    if name.startswith("--"):
                        if name not in needed or name in seen:
                            continue
                        seen.add(name)
                    declarations.insert(0, declaration)
                if declarations:
                    result.append((prelude, ";".join(declarations)))
            elif body:
                inner = prune(body)
                if inner:
                    result.append((prelude, inner))
            else:
                result.append((prelude, body))
        return result

    return prune(kept)


DECLARATION = re.compile(r"(?:[^;()\[\]]|\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])+")
KEYFRAMES = re.compile(r"@(?:-webkit-)?keyframes ([\w-]+)")


def without_unused_animations(kept: list) -> list:
    """Drop @keyframes that no kept rule animates with."""
    animations = " ".join(
        value
        for body in declaration_blocks(kept)
        for name, _, value in (d.partition(":") for d in split_declarations(body))
        if name.startswith(("animation", "-webkit-animation"))
    )

    def prune(items):
        result = []
        for prelude, body in items:
            frames = KEYFRAMES.match(prelude)
            if frames and not re.search(rf"(?<![\w-]){re.escape(frames[1])}(?![\w-])", animations):
                continue
            result.append((prelude, prune(body) if isinstance(body, list) else body))
        return [(prelude, body) for prelude, body in result if body != []]

    return prune(kept)


def split_declarations(body: str) -> list[str]:
    """Declarations at the top level of a block (semicolons inside parentheses stay)."""
    if "(" not in body and "[" not in body:
        return [part for part in body.split(";") if part.strip()]
    parts = DECLARATION.findall(body)
    if ";".join(parts) == body.strip(";"):  # what the pattern reads: two levels of ( )
        return [part for part in parts if part.strip()]
    parts, depth, start = [], 0, 0
    for position, character in enumerate(body):
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        elif character == ";" and depth == 0:
            parts.append(body[start:position])
            start = position + 1
    parts.append(body[start:])
    return [part for part in parts if part.strip()]


def serialised(items: list) -> str:
    out = []
    for prelude, body in items:
        if body is None:
            out.append(prelude)
        elif isinstance(body, str):
            out.append(f"{prelude}{{{body}}}")
        else:
            out.append(f"{prelude}{{{serialised(body)}}}")
    return "".join(out)


CUSTOM_PROPERTY = re.compile(r"--[\w-]+")


def short_names(count: int):
    """--a, --b, … --z, --A, … --Z, --aa, --ab, …: the shortest names, in order."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for index in range(count):
        name = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, len(letters))
            name = letters[rest] + name
        yield f"--{name}"


def with_short_variables(css: str) -> str:
    """Custom properties renamed to the shortest names, in order of appearance. They
    live only in this CSS (no script and no style attribute reads them), and their
    names are a quarter of what Furo's stylesheet weighs once pruned."""
    names = list(dict.fromkeys(CUSTOM_PROPERTY.findall(css)))
    renamed = dict(zip(names, short_names(len(names)), strict=True))
    return CUSTOM_PROPERTY.sub(lambda match: renamed[match.group(0)], css)


def page_css(stylesheets: list[str], html: str) -> str:
    """The CSS a page uses, from its stylesheets in order, minified."""
    page = PageTokens.of(html)
    sheets = [parsed(css) for css in stylesheets]
    # One matcher for every stylesheet: the page's tree is walked once.
    found = matching(tuple(item for sheet in sheets for item in sheet), page, html)
    kept = [rule for sheet in sheets for rule in used(sheet, found)]
    kept = without_unused_animations(without_unused_variables(kept))
    return with_short_variables(serialised(kept))
