"""`make check-po`: check every catalog of the given (or every) translation."""

from __future__ import annotations

import argparse
import sys

from leavex.catalog_checks import catalogs_of, check_language

from .cli import add_languages_option, chosen_languages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    languages = chosen_languages(parser.parse_args(argv), translations_only=True)
    failed = 0
    for language in languages:
        problems = check_language(language.code)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed += bool(problems)
        verdict = "FAILED" if problems else "ok"
        print(f"{language.code}: {verdict} ({len(catalogs_of(language.code))} catalogs)")
    print(f"{len(languages) - failed} of {len(languages)} languages pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
