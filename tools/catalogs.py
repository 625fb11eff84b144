"""Catalog checks, run by `make check-po` and before every build of a language: a catalog
that fails fails its language, with ``file:line`` and the msgid of every problem."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from . import po_metadata
from .markup import compare
from .paths import INTERFACE_DOMAIN, catalog_dir

CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")


@dataclass(frozen=True)
class Problem:
    """One finding, located so that a translator can open the file at the line."""

    path: Path
    line: int
    message: str
    msgid: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.message}"
        if self.msgid:
            shown = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
            where += f"\n    msgid: {shown!r}"
        return where


def catalogs_of(code: str) -> list[Path]:
    return sorted(catalog_dir(code).glob("*.po"))


def msgfmt_check(path: Path) -> list[Problem]:
    """gettext's own verdict: syntax, duplicates, header, plural forms, charset, formats."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return []  # only warnings: untranslated or fuzzy entries are allowed
    problems = []
    prefix = f"{path}:"
    for line in result.stderr.splitlines():
        if "warning:" in line or "empty 'msgstr' entry ignored" in line or "fatal error" in line:
            continue
        # msgfmt reports "file:line: message" (or "file:line:column: message").
        if line.startswith(prefix):
            number, _, message = line[len(prefix) :].partition(":")
            if number.isdigit():
                message = message.strip()
                line_number = int(number)
                if message == "end-of-line within string":
                    line_number -= 1  # msgfmt counts the newline it stopped at
                problems.append(Problem(path, line_number, message))
                continue
        if line.strip():
            problems.append(Problem(path, 0, line.strip()))
    if not problems:
        problems.append(Problem(path, 0, "msgfmt rejected the catalog"))
    return problems


def line_of_finding(lines: list[str], start: int, finding: str) -> int:
    """The line a translator should look at: the one holding the character a finding
    names, else the first line of the translation (msgstr)."""
    translation = next(
        (n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgstr")), start
    )
    match = CODE_POINT.search(finding)
    if match:
        point = int(match.group(1), 16)
        # The character itself, or an HTML entity that markdown-it decodes to it.
        written = re.compile(f"{re.escape(chr(point))}|&#(x0*{point:x}|0*{point});", re.I)
        for index in range(start - 1, len(lines)):
            if not lines[index].strip():
                break
            if written.search(lines[index]):
                return index + 1
    return translation


def markup_check(path: Path, code: str) -> list[Problem]:
    """Translated entries must keep their msgid's markup, links and (lack of) HTML."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    lines = path.read_text(encoding="utf-8").splitlines()
    markdown = path.stem != INTERFACE_DOMAIN  # interface strings are plain template text
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        pairs = (
            zip(message.id, message.string, strict=False)
            if isinstance(message.id, tuple)
            else [(message.id, message.string)]
        )
        for msgid, msgstr in pairs:
            for finding in compare(msgid, msgstr, code, markdown):
                problems.append(
                    Problem(
                        path,
                        line_of_finding(lines, message.lineno, finding),
                        finding,
                        message.id if isinstance(message.id, str) else message.id[0],
                    )
                )
    return problems


def check_catalog(path: Path, code: str) -> list[Problem]:
    problems = msgfmt_check(path)
    if problems:
        return problems  # unreadable: no point comparing entries
    metadata = [
        Problem(path, finding.line, finding.message, finding.msgid)
        for finding in po_metadata.findings(path)
    ]
    return metadata + markup_check(path, code)


def check_language(code: str) -> list[Problem]:
    problems = []
    for path in catalogs_of(code):
        problems.extend(check_catalog(path, code))
    return problems


def main(argv: list[str] | None = None) -> int:
    """`make check-po`: check every catalog of the given (or every) language."""
    import argparse

    from .languages import SOURCE_LANGUAGE, LanguageTableError, select

    parser = argparse.ArgumentParser(description="Check translation catalogs.")
    parser.add_argument("--languages", default="")
    args = parser.parse_args(argv)
    try:
        languages = [lang for lang in select(args.languages) if lang.code != SOURCE_LANGUAGE]
    except LanguageTableError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    failed = 0
    for language in languages:
        problems = check_language(language.code)
        if not catalogs_of(language.code):
            problems = [
                Problem(catalog_dir(language.code), 0, "no catalogs: run make add-language")
            ]
        for problem in problems:
            print(problem, file=sys.stderr)
        failed += bool(problems)
        print(
            f"{language.code}: {'FAILED' if problems else 'ok'} ({len(catalogs_of(language.code))} catalogs)"
        )
    print(f"{len(languages) - failed} of {len(languages)} languages pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
