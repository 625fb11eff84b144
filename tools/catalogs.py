"""Catalog checks that run before a language is built: a broken catalog fails its language."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .paths import catalog_dir


@dataclass(frozen=True)
class Problem:
    """One finding, located so that a translator can open the file at the line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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


def check_language(code: str) -> list[Problem]:
    problems = []
    for path in catalogs_of(code):
        problems.extend(msgfmt_check(path))
    return problems
