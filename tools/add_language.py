"""`make add-language LANGUAGES=xx`: enrol a language in languages.toml and create its catalogs."""

from __future__ import annotations

import argparse
import subprocess
import sys
import unicodedata

from babel import Locale, UnknownLocaleError

from leavex import glossary
from leavex.languages import CODE_PATTERN, LanguageTableError, load, parse_table, table_path
from leavex.project import GETTEXT, ROOT, catalog_dir

from . import update_catalogs
from .cli import add_languages_option, named_codes

# Print typefaces by script: a Noto family that Debian's fonts-noto packages install.
FONTS_BY_SCRIPT = {
    "LATIN": "Noto Serif",
    "GREEK": "Noto Serif",
    "CYRILLIC": "Noto Serif",
    "ARABIC": "Noto Naskh Arabic",
    "HEBREW": "Noto Serif Hebrew",
    "ARMENIAN": "Noto Serif Armenian",
    "GEORGIAN": "Noto Serif Georgian",
    "DEVANAGARI": "Noto Serif Devanagari",
}
FONTS_BY_LANGUAGE = {
    "ja": "Noto Serif CJK JP",
    "zh": "Noto Serif CJK SC",
    "ko": "Noto Serif CJK KR",
}


class AddLanguageError(ValueError):
    pass


def script_of(text: str) -> str:
    scripts = [unicodedata.name(ch, "").split(" ")[0] for ch in text if ch.isalpha()]
    return max(set(scripts), key=scripts.count) if scripts else ""


def table_row(code: str) -> str:
    if not CODE_PATTERN.match(code):
        raise AddLanguageError(
            f"{code!r} is not a language code: use two lower-case letters (ISO 639-1), e.g. LANG=fr"
        )
    if code in load():
        raise AddLanguageError(f"{code!r} is already in {table_path().name}")
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise AddLanguageError(
            f"unknown language code {code!r}: not an ISO 639-1 language"
        ) from None
    name = locale.get_display_name(code)
    name = name[:1].upper() + name[1:]
    english = locale.get_display_name("en")
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    font = FONTS_BY_LANGUAGE.get(code) or FONTS_BY_SCRIPT.get(script_of(name))
    if not font:
        raise AddLanguageError(
            f"no print typeface known for {english} ({script_of(name)} script): add its row to "
            f"{table_path().name} by hand with a Noto font that covers the script"
        )
    return f'{code} = {{ name = "{name}", english = "{english}", dir = "{direction}", font = "{font}" }}'


def add(code: str) -> str:
    row = table_row(code)
    text = table_path().read_text(encoding="utf-8")
    new_text = text.rstrip("\n") + "\n" + row + "\n"
    parse_table(new_text)  # refuse to write a table that would not load
    if not (GETTEXT / "index.pot").exists():
        raise AddLanguageError("no templates in build/gettext: run make gettext first")
    table_path().write_text(new_text, encoding="utf-8")
    try:
        update_catalogs.update([code])
    except subprocess.CalledProcessError:
        table_path().write_text(text, encoding="utf-8")  # no row without its catalogs
        raise AddLanguageError("sphinx-intl could not create the catalogs") from None
    english = load()[code].english
    for path, text in (
        (glossary.glossary_path(code), glossary.new_glossary(code, english)),
        (glossary.style_path(code), glossary.new_style_sheet(code, english)),
    ):
        if not path.exists():
            path.write_text(text, encoding="utf-8")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    codes = named_codes(parser.parse_args(argv))
    if not codes:
        print(
            "error: name the language to add, e.g. make add-language LANGUAGES=sk", file=sys.stderr
        )
        return 2
    for code in codes:
        try:
            row = add(code)
        except (AddLanguageError, LanguageTableError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"Added to {table_path().name}: {row}")
        print(f"Catalogs: {catalog_dir(code).relative_to(ROOT)}/*.po. Next: translate them, then")
        print(
            f"  write the glossary and style sheet, glossary/{code}.tbx and glossary/{code}.toml,"
        )
        print(f"  make check-po LANGUAGES={code}   and   make serve LANGUAGES={code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
