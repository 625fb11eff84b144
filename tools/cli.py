"""What the commands share: one way to name languages. `make` passes LANGUAGES on to
``--languages``, a space- or comma-separated list of codes; empty means all."""

from __future__ import annotations

import argparse
import os
import sys

from leavex.languages import Language, LanguageTableError, select, split_codes


def add_languages_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--languages",
        default=os.environ.get("LANGUAGES", ""),
        help='codes, e.g. "fr ar" or fr,ar (default: every language)',
    )


def named_codes(args: argparse.Namespace) -> list[str]:
    """The codes as written, known to the table or not (for adding a language)."""
    return split_codes(args.languages)


def chosen_languages(
    args: argparse.Namespace, *, translations_only: bool = False
) -> list[Language]:
    """The languages named on the command line; an unknown code exits with status 2."""
    try:
        languages = select(args.languages)
    except LanguageTableError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    return [lang for lang in languages if not (translations_only and lang.is_source)]
