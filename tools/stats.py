"""`make stats`: translation progress, language × document (fuzzy is not translated)."""

from __future__ import annotations

import argparse
import sys

from .languages import SOURCE_LANGUAGE, LanguageTableError, select
from .paths import DOCUMENTS, INTERFACE_DOMAIN, LOCALES
from .progress import Progress, progress

DOMAINS = (*DOCUMENTS, INTERFACE_DOMAIN)


def table(codes: list[str]) -> dict[str, dict[str, Progress | None]]:
    """{language: {catalog: Progress}}, the data behind the table and the status page."""
    return {code: {domain: progress(LOCALES, code, domain) for domain in DOMAINS} for code in codes}


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
    parser.add_argument("--languages", default="")
    args = parser.parse_args(argv)
    try:
        codes = [lang.code for lang in select(args.languages) if lang.code != SOURCE_LANGUAGE]
    except LanguageTableError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(render(table(codes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
