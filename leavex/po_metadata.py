"""Catalog metadata that translators' tools act on: the header's contacts and the entries'
format flags.

- Poedit and Weblate show ``Last-Translator``, ``Language-Team`` and ``Report-Msgid-Bugs-To``
  as the people to ask: each must hold an e-mail address (the campaign's, unless a
  translator put their own).
- ``PO-Revision-Date`` dates the translation (the status page shows it): a translated
  catalog must not keep gettext's placeholder (Poedit and Weblate set it on saving).
- A format flag makes tools enforce placeholders: Babel flags ``python-format`` wherever a
  text looks like one (``%20f`` in a mailto link) and ``python-brace-format`` for every
  ``{brand}`` role. Only real placeholders of the interface (``%(size)s``) are flagged.

``make update-po`` and ``make add-language`` tidy what Babel writes (``--fix``);
``make check-po`` and the build refuse what is left untidy.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .languages import load
from .project import INTERFACE_DOMAIN
from .settings import conf, contact_address

CONTACT_FIELDS = ("Report-Msgid-Bugs-To", "Last-Translator", "Language-Team")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# gettext's and Babel's placeholders: they look like addresses and reach nobody.
BOILERPLATE = re.compile(r"LL@li\.org|EMAIL@ADDRESS|FULL NAME", re.I)
NAMED_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
UNSET_DATE = "YEAR-MO-DA HO:MI+ZONE"


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    msgid: str = ""


def is_justified(flag: str, msgid: str, domain: str) -> bool:
    """Whether an entry really has the format that ``flag`` announces."""
    if not flag.endswith("-format") or flag.startswith("no-"):
        return True  # fuzzy, and the negations that tell tools to check nothing
    if flag == "python-format":
        return domain == INTERFACE_DOMAIN and bool(NAMED_PLACEHOLDER.search(msgid))
    return False  # no other format is used anywhere: fail closed


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip()) if line.strip().startswith('"') else ""


def entries_with_flags(lines: list[str]):
    """(index of the flags line, flags, msgid) for every entry that has a flags line."""
    for index, line in enumerate(lines):
        if not line.startswith("#,"):
            continue
        flags = [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        cursor = index + 1
        while cursor < len(lines) and not lines[cursor].startswith("msgid "):
            cursor += 1
        if cursor == len(lines):
            continue
        msgid = _unquote(lines[cursor][len("msgid ") :])
        cursor += 1
        while cursor < len(lines) and lines[cursor].startswith('"'):
            msgid += _unquote(lines[cursor])
            cursor += 1
        yield index, flags, msgid


def header_field_lines(lines: list[str]):
    """(index, field name, value) of the header's fields (the first entry's msgstr)."""
    for index, line in enumerate(lines):
        if line.startswith("msgid ") and line != 'msgid ""':
            return
        match = re.match(r'^"([\w-]+):\s*(.*?)\\n"$', line)
        if match:
            yield index, match.group(1), match.group(2)


def has_translations(lines: list[str]) -> bool:
    """Whether an entry other than the header has a msgstr that is not empty."""
    msgid = msgstr = None
    for line in lines:
        if line.startswith("msgid "):
            msgid, msgstr = _unquote(line[len("msgid ") :]), None
        elif line.startswith("msgstr"):
            msgstr = _unquote(line.split(" ", 1)[1])
        elif line.startswith('"'):
            if msgstr is not None:
                msgstr += _unquote(line)
            elif msgid is not None:
                msgid += _unquote(line)
        if msgid and msgstr:
            return True
    return False


def is_contact(value: str) -> bool:
    return bool(EMAIL.search(value)) and not BOILERPLATE.search(value)


def findings(path: Path) -> list[Finding]:
    """What ``--fix`` would change, each with its line: for the catalog checks."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    fields = {name: (index, value) for index, name, value in header_field_lines(lines)}
    for name in CONTACT_FIELDS:
        index, value = fields.get(name, (0, ""))
        if not is_contact(value):
            found.append(
                Finding(
                    index + 1 if index else 1,
                    f"header: {name} gives no e-mail address"
                    f"{f' ({value})' if value else ''}; give a contact, e.g. {contact_address()}",
                )
            )
    index, value = fields.get("PO-Revision-Date", (0, UNSET_DATE))
    if value == UNSET_DATE and has_translations(lines):
        found.append(
            Finding(
                index + 1 if index else 1,
                "header: PO-Revision-Date is still gettext's placeholder; give the date of "
                "the last change, e.g. 2026-01-31 12:00+0100 (Poedit and Weblate set it)",
            )
        )
    for index, flags, msgid in entries_with_flags(lines):
        for flag in flags:
            if not is_justified(flag, msgid, path.stem):
                found.append(
                    Finding(
                        index + 1,
                        f"flag {flag}: the entry has no such placeholders, and translators' "
                        "tools would enforce them (run make update-po, or delete the flag)",
                        msgid,
                    )
                )
    return found


def tidied(text: str, path: Path) -> str:
    lines = text.split("\n")
    defaults = {
        "Report-Msgid-Bugs-To": contact_address(),
        "Last-Translator": conf()["gettext_last_translator"],
        "Language-Team": conf()["gettext_language_team"],
    }
    present = set()
    for index, name, value in list(header_field_lines(lines)):
        present.add(name)
        if name in defaults and not is_contact(value):
            lines[index] = f'"{name}: {defaults[name]}\\n"'
    for name in CONTACT_FIELDS:
        if name not in present:  # after the first field of the header
            first = next(index for index, *_ in header_field_lines(lines))
            lines.insert(first + 1, f'"{name}: {defaults[name]}\\n"')
    code = path.parent.parent.name
    language = load().get(code)
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            break
        if line == "# SOME DESCRIPTIVE TITLE." and language:
            lines[index] = f"# {language.english} translation of {conf()['project']}."
        elif line.startswith("# FIRST AUTHOR <EMAIL@ADDRESS>"):
            lines[index] = f"# {conf()['gettext_last_translator']}"
        elif re.fullmatch(r"# Copyright \(C\) \S+ ORGANIZATION", line):
            lines[index] = f"# Copyright (C) {conf()['copyright']}"
    for index, flags, msgid in reversed(list(entries_with_flags(lines))):
        kept = [flag for flag in flags if is_justified(flag, msgid, path.stem)]
        if kept != flags:
            if kept:
                lines[index] = "#, " + ", ".join(kept)
            else:
                del lines[index]
    return "\n".join(lines)


def tidy(path: Path) -> bool:
    """Tidy one catalog in place; True when it changed."""
    text = path.read_text(encoding="utf-8")
    new = tidied(text, path)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogs", nargs="+", type=Path, help=".po files")
    args = parser.parse_args(argv)
    changed = [path for path in args.catalogs if tidy(path)]
    print(f"tidied {len(changed)} of {len(args.catalogs)} catalogs (contacts, format flags)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
