"""Catalog checks, run by `make check-po` and by every Sphinx build of a translation (this
is also a Sphinx extension): a catalog that fails fails its language, with ``file:line``
and the msgid of every problem."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import glossary, po_metadata
from .glossary import GLOSSARY
from .locations import locales_dir
from .markup import compare
from .project import INTERFACE_DOMAIN, LOCALES, SOURCE_LANGUAGE, catalog_dir

logger = logging.getLogger(__name__)

CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")


@dataclass(frozen=True)
class Problem:
    """One finding, located so that a translator can open the file at the line."""

    path: Path
    line: int
    message: str
    msgid: str = ""

    def described(self) -> str:
        """The message, with the start of the English text it is about."""
        if not self.msgid:
            return self.message
        shown = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        return f"{self.message}\n    msgid: {shown!r}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.described()}"


def catalogs_of(code: str, locales: Path = LOCALES) -> list[Path]:
    return sorted(catalog_dir(code, locales).glob("*.po"))


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


def glossary_folder(path: Path) -> Path | None:
    """The glossary beside the catalogs (locales/../glossary); None for a project that has
    none (a test's)."""
    folder = path.parents[3] / GLOSSARY.name
    return folder if folder.is_dir() else None


def entry_check(path: Path, code: str) -> list[Problem]:
    """Translated entries must keep their msgid's markup, links and (lack of) HTML, and
    follow the language's glossary and style sheet."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    lines = path.read_text(encoding="utf-8").splitlines()
    markdown = path.stem != INTERFACE_DOMAIN  # interface strings are plain template text
    folder = glossary_folder(path)

    def findings(msgid: str, msgstr: str) -> list[str]:
        found = compare(msgid, msgstr, code, markdown)
        if folder is not None:
            found += glossary.term_problems(msgid, msgstr, code, folder)
            found += glossary.style_problems(msgid, msgstr, code, folder)
        return found

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
            for finding in findings(msgid, msgstr):
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
    folder = glossary_folder(path)
    if folder is not None:
        try:
            glossary.terms(code, folder), glossary.style(code, folder)
        except (OSError, glossary.GlossaryError) as err:
            return [*metadata, Problem(path, 0, f"glossary or style sheet: {err}")]
    return metadata + entry_check(path, code)


def check_language(code: str, locales: Path = LOCALES) -> list[Problem]:
    problems = []
    for path in catalogs_of(code, locales):
        problems.extend(check_catalog(path, code))
    if not problems and not catalogs_of(code, locales):
        problems.append(
            Problem(catalog_dir(code, locales), 0, "no catalogs: run make add-language")
        )
    return problems


class CatalogError(SphinxError):
    category = "Catalog check failed"


def on_config_inited(app: Sphinx, config) -> None:
    """Check the language's catalogs before anything is built from them: in `make`, in
    `make serve` and in any sphinx-build, a translator sees the same refusals as CI."""
    if not config.leavex_catalog_checks or config.language == SOURCE_LANGUAGE:
        return
    problems = check_language(config.language, locales_dir(app.srcdir, config))
    for problem in problems:
        logger.error("%s", problem.described(), location=f"{problem.path}:{problem.line}")
    if problems:
        raise CatalogError(
            f"{config.language}: {len(problems)} problem(s) in the catalogs; nothing is built "
            "from a catalog that fails its checks"
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    # The build turns the checks off for a language's later outputs: the first checked
    # the same catalogs.
    app.add_config_value("leavex_catalog_checks", True, "", types=[bool])
    # After leavex.site, which refuses a language missing from the table.
    app.connect("config-inited", on_config_inited, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
