"""`make stats`: translation progress, language × document (fuzzy is not translated)."""

from __future__ import annotations

import argparse
import sys

from leavex.progress import Progress, progress
from leavex.project import DOCUMENTS, INTERFACE_DOMAIN

from .cli import add_languages_option, chosen_languages

DOMAINS = (*DOCUMENTS, INTERFACE_DOMAIN)


def table(codes: list[str]) -> dict[str, dict[str, Progress | None]]:
    """{language: {catalog: Progress}}, the data behind the table and the status page."""
    return {code: {domain: progress(code, domain) for domain in DOMAINS} for code in codes}


def render(data: dict[str, dict[str, Progress | None]]) -> str:
    header = (
        f"{'language':<9}{'catalog':<9}{'translated':>11}{'fuzzy':>7}{'untranslated':>13}{'%':>7}"
    )
    lines = [header, "-" * len(header)]
    for code, catalogs in data.items():
        for domain, stats in catalogs.items():
            if stats is None:
                lines.append(f"{code:<9}{domain:<9}{'(no catalog)':>38}")
                continue
            lines.append(
                f"{code:<9}{domain:<9}{stats.translated:>11}{stats.fuzzy:>7}"
                f"{stats.untranslated:>13}{stats.ratio * 100:>6.1f}%"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    languages = chosen_languages(parser.parse_args(argv), translations_only=True)
    print(render(table([language.code for language in languages])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
