"""Build the editions of every language in parallel and publish the good ones atomically.

The command line of `make`, `make html` and `make pdf`. A language whose inputs did not
change since it was published is not even started (``stamps``); the others are built
(``scheduling``) and each is published as soon as it is built (``publication``). A
language whose catalogs or build fail is reported with file and line, and its last good
edition stays published; the others are published all the same.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from leavex.languages import table_path
from leavex.project import DEFAULT_BASE_URL, ROOT

from . import publication, stamps
from .cli import add_languages_option, chosen_languages
from .scheduling import FORMATS, run


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH, or the time of the last commit, so rebuilds are identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"


def shown(path: Path) -> str:
    """A path as the reader typed the command: relative to where they are, if below it."""
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(f for f in text.replace(",", " ").split() if f)
    if not formats or set(formats) - set(FORMATS):
        print(f"error: --formats takes {' and '.join(FORMATS)}, not {text!r}", file=sys.stderr)
        raise SystemExit(2)
    return formats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    parser.add_argument(
        "--formats", default="pdf,html", help="what to build: pdf, html or both (default)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--force",
        action="store_true",
        help="build every language even if its inputs did not change",
    )
    args = parser.parse_args(argv)
    languages = chosen_languages(args)
    formats = parse_formats(args.formats)
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()

    started = time.perf_counter()
    shared = stamps.shared_fingerprint(table_path())
    fingerprints = {
        lang.code: stamps.language_fingerprint(lang.code, shared, formats) for lang in languages
    }
    # Make-style: a language whose inputs are as they were when it was last published is
    # not even started.
    todo = [
        lang
        for lang in languages
        if args.force
        or not stamps.is_current(lang.code, fingerprints[lang.code], publication.SITE / lang.code)
    ]
    built, failed = 0, []
    # Each language is published as soon as it is built, while the others still build.
    for outcome in run(todo, formats, args.jobs) if todo else []:
        built += 1
        if outcome.ok:
            publication.publish(outcome.code, formats)
            stamps.record(outcome.code, fingerprints[outcome.code])
            where = shown(publication.SITE / outcome.code)
            print(f"{outcome.code}: published {where}/ ({outcome.seconds:.1f} s)")
        else:
            failed.append(outcome)
            stamps.forget(outcome.code)
            where = shown(publication.SITE / outcome.code)
            print(f"{outcome.code}: FAILED, {where}/ left as it was", file=sys.stderr)
            for message in outcome.messages:
                print(f"  {message}", file=sys.stderr)
    publication.write_site_pages(os.environ.get("LEAVEX_BASE_URL", DEFAULT_BASE_URL))
    print(
        f"{shown(publication.SITE)}/: {built - len(failed)} of {built} languages built, "
        f"{len(languages) - len(todo)} up to date, in {time.perf_counter() - started:.1f} s"
    )
    if failed:
        print(
            f"error: {', '.join(o.code for o in failed)} failed; see the messages above",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
