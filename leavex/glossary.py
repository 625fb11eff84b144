"""The translators' glossary and style sheets, enforced.

``glossary/<lang>.tbx`` (TermBase eXchange, one file per language as Weblate's glossary
components read it) holds the campaign's terms with the language's translation: the
document titles, the slogan, the words the documents must say the same way everywhere,
and the names that stay in Latin script. A term may list accepted forms for inflected
languages (``<termNote type="forms">``, separated by ";"; a "*" stands for any ending).

``glossary/<lang>.toml`` is the language's style sheet: the form of address, quotation
marks, number grouping, date format, the policy on inclusive language.

The catalog checks refuse a translation whose English contains a glossary term and which
has none of the language's accepted forms, one whose quotation marks are not the
language's, and one that writes a grouped number (3,230) otherwise than the language
groups digits.
"""

from __future__ import annotations

import datetime
import re
import tomllib
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .project import ROOT

GLOSSARY = ROOT / "glossary"
# The English terms with their explanations, from which a new language's glossary starts
# (Weblate's "template for new translations" too).
TEMPLATE = GLOSSARY / "template" / "glossary.tbx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Quotation marks that a translation may open or close a quotation with. Apostrophes
# (' and ’) are letters of many languages, not quotation marks, and are left alone.
QUOTATION_MARKS = set('"“”„‟«»‹›「」『』‚‘')
# Digits grouped by thousands, as the English writes them: 3,230.
GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])")
# Characters that lay out text without being part of a word.
INVISIBLE = {"\u200e", "\u200f", "\u061c", "\u2066", "\u2067", "\u2068", "\u2069"}


@dataclass(frozen=True)
class Term:
    id: str
    english: tuple[str, ...]  # the term and its English forms
    expected: str  # the language's term, as the glossary gives it
    forms: tuple[str, ...]  # every accepted form, the term first


@dataclass(frozen=True)
class Style:
    address: str
    quotes: tuple[str, str]
    nested_quotes: tuple[str, str]
    digit_group: str  # between groups of three digits; "" where the language groups none
    date: str
    inclusive: str

    @property
    def quotation_marks(self) -> set[str]:
        return set("".join(self.quotes + self.nested_quotes)) & QUOTATION_MARKS


class GlossaryError(ValueError):
    """A glossary or style sheet that cannot be read."""


def glossary_path(code: str, folder: Path = GLOSSARY) -> Path:
    return Path(folder) / f"{code}.tbx"


def style_path(code: str, folder: Path = GLOSSARY) -> Path:
    return Path(folder) / f"{code}.toml"


def _forms_of(tig: ElementTree.Element) -> list[str]:
    term = (tig.findtext("term") or "").strip()
    forms = [term] if term else []
    for note in tig.findall("termNote"):
        if note.get("type") == "forms" and note.text:
            forms += [form.strip() for form in note.text.split(";") if form.strip()]
    return forms


@lru_cache(maxsize=64)
def _terms(path: Path, mtime_ns: int, code: str) -> tuple[Term, ...]:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as err:
        raise GlossaryError(f"{path}: {err}") from None
    terms = []
    for entry in root.iter("termEntry"):
        sets = {language.get(XML_LANG): language for language in entry.findall("langSet")}
        if "en" not in sets or code not in sets:
            raise GlossaryError(f"{path}: term {entry.get('id')!r} lacks an en or {code} langSet")
        english = [form for tig in sets["en"].findall("tig") for form in _forms_of(tig)]
        target = [form for tig in sets[code].findall("tig") for form in _forms_of(tig)]
        if not english:
            raise GlossaryError(f"{path}: term {entry.get('id')!r} has no English")
        if target:  # a term not yet translated (a new language's) is not enforced
            terms.append(
                Term(entry.get("id") or english[0], tuple(english), target[0], tuple(target))
            )
    return tuple(terms)


def terms(code: str, folder: Path = GLOSSARY) -> tuple[Term, ...]:
    path = glossary_path(code, folder)
    return _terms(path, path.stat().st_mtime_ns, code)


@lru_cache(maxsize=64)
def _style(path: Path, mtime_ns: int) -> Style:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Style(
            address=data["address"],
            quotes=tuple(data["quotes"]),
            nested_quotes=tuple(data["nested_quotes"]),
            digit_group=data["digit_group"],
            date=data["date"],
            inclusive=data["inclusive"],
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as err:
        raise GlossaryError(f"{path}: {type(err).__name__}: {err}") from None


def style(code: str, folder: Path = GLOSSARY) -> Style:
    path = style_path(code, folder)
    return _style(path, path.stat().st_mtime_ns)


# Japanese kana and kanji (and other unspaced scripts) run into the next word with no
# space: "X/Twitterを" holds the whole name "X/Twitter". A term's edge must only not touch
# a letter of a script that separates its words with spaces.
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


def spaced_letter(character: str) -> bool:
    return (character.isalnum() or character == "_") and not UNSPACED.match(character)


@lru_cache(maxsize=4096)
def pattern(form: str) -> re.Pattern:
    """A term form as a pattern: any case, "*" for any ending, any kind of space or
    apostrophe. Whole words: see ``found``."""
    parts = []
    for piece in re.split(r"(\*|\s+|['’])", form):
        if piece == "*":
            parts.append(r"\w*")
        elif piece in ("'", "’"):
            parts.append("['’]")
        elif piece.isspace():
            parts.append(r"\s+")
        elif piece:
            parts.append(re.escape(piece))
    return re.compile("".join(parts), re.IGNORECASE)


def found(form: str, text: str) -> bool:
    """Whether the form stands in the text as whole words (a "*" at its edge may take
    in more letters)."""
    for match in pattern(form).finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if (form[0] == "*" or not spaced_letter(before)) and (
            form[-1] == "*" or not spaced_letter(after)
        ):
            return True
    return False


def plain(text: str) -> str:
    """The words a reader sees: no link targets, roles, emphasis markers, escapes or
    direction marks; one kind of space."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    text = re.sub(r"(\*\*|(?<!\w)_|_(?!\w)|\\(?=[^\w\s]))", "", text)
    text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
    return "".join(ch for ch in text if ch not in INVISIBLE)


def has(text: str, forms: tuple[str, ...]) -> bool:
    return any(found(form, text) for form in forms)


def term_problems(msgid: str, msgstr: str, code: str, folder: Path = GLOSSARY) -> list[str]:
    """The glossary terms of the English that the translation does not use."""
    english, translated = plain(msgid), plain(msgstr)
    problems = []
    for term in terms(code, folder):
        if has(english, term.english) and not has(translated, term.forms):
            others = [form for form in term.forms if form != term.expected]
            accepted = f" (or {', '.join(others)})" if others else ""
            problems.append(
                f"glossary: the English says “{term.english[0]}”; the translation should say "
                f"“{term.expected}”{accepted}"
            )
    return problems


def normalised_digits(text: str) -> str:
    return "".join(
        str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def style_problems(msgid: str, msgstr: str, code: str, folder: Path = GLOSSARY) -> list[str]:
    """Quotation marks and grouped numbers that are not the language's."""
    sheet = style(code, folder)
    problems = []
    foreign = sorted({ch for ch in msgstr if ch in QUOTATION_MARKS} - sheet.quotation_marks)
    if foreign and sheet.quotation_marks:  # a new language's sheet may not say yet
        problems.append(
            f"style: quotation marks {' '.join(foreign)} are not the language's "
            f"({sheet.quotes[0]}…{sheet.quotes[1]}; within a quotation "
            f"{sheet.nested_quotes[0]}…{sheet.nested_quotes[1]})"
        )
    translated = normalised_digits(msgstr)
    for number in GROUPED.findall(msgid):
        groups = number.split(",")
        written = sheet.digit_group.join(groups)
        if written not in translated:
            problems.append(
                f"style: write {number} as {written!r} (digits grouped with "
                f"{'no separator' if not sheet.digit_group else repr(sheet.digit_group)})"
            )
    return problems


def new_glossary(code: str, english_name: str) -> str:
    """A new language's glossary: the template's terms, with the names that need no
    translation filled in and the others left for the translators."""
    text = TEMPLATE.read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    entries = []
    for entry in root.iter("termEntry"):
        english = entry.find("langSet/tig/term").text or ""
        fixed = any(
            d.get("type") == "Translation needed" and d.text == "No" for d in entry.iter("descrip")
        )
        entries.append((entry.get("id"), english if fixed else ""))
    text = re.sub(r"\s*\(In glossary/template/.*?\)", "", text, flags=re.S)
    lines = text.replace("English – template", f"English – {english_name}").splitlines()
    output = []
    current = None
    for line in lines:
        output.append(line)
        if "<termEntry id=" in line:
            current = re.search(r'id="([^"]+)"', line).group(1)
        if line.strip() == "</langSet>" and current is not None:
            term = dict(entries)[current]
            indent = line[: len(line) - len(line.lstrip())]
            output += [
                f'{indent}<langSet xml:lang="{code}">',
                f"{indent}  <tig><term>{xml_escape(term)}</term></tig>",
                f"{indent}</langSet>",
            ]
            current = None
    return "\n".join(output) + "\n"


def new_style_sheet(code: str, english_name: str) -> str:
    """A new language's style sheet: digit grouping and the date from the Unicode CLDR
    (through Babel); its translators choose the quotation marks and write how readers
    are addressed and the policy on inclusive language. Until they do, no quotation
    marks are checked."""
    from babel.dates import format_date
    from babel.numbers import get_group_symbol

    date = format_date(datetime.date(2025, 1, 6), format="long", locale=code)
    values = {
        "quotes": ["", ""],
        "nested_quotes": ["", ""],
        "digit_group": get_group_symbol(locale=code),
        "date": date,
    }

    def toml(value) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(toml(item) for item in value) + "]"
        # Invisible characters (a narrow no-break space, say) written as escapes.
        shown = "".join(
            f"\\u{ord(ch):04x}"
            if unicodedata.category(ch) in ("Zs", "Cf", "Cc") and ch != " "
            else "\\" + ch
            if ch in '"\\'
            else ch
            for ch in value
        )
        return f'"{shown}"'

    return (
        f"# Style sheet for {english_name} translations of #LeaveX (read with {code}.tbx).\n"
        "# Digit grouping and the date come from the Unicode CLDR; the translators choose\n"
        "# the quotation marks and write how readers are addressed and the policy on\n"
        "# inclusive language.\n"
        'address = ""\n'
        + "".join(f"{key} = {toml(value)}\n" for key, value in values.items())
        + 'inclusive = ""\n'
    )
