"""Build the editions of every language in parallel and publish the good ones atomically.

One worker process per core builds languages in turn, each a warm interpreter that keeps
Sphinx imported. A language whose catalogs or build fail is reported with file and line,
and its last good edition stays published; the others are published all the same.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context

from . import catalogs, chooser, notfound, sitemap, stamps, status
from .languages import TABLE, Language, LanguageTableError, select
from .paths import DOCS, ROOT, SITE, catalog_dir, work_dir

# Files Sphinx writes for its own use that readers never need.
NOT_PUBLISHED = shutil.ignore_patterns(".buildinfo", ".doctrees", "objects.inv", "_sources")


@dataclass
class Outcome:
    code: str
    ok: bool
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


FORMATS = ("pdf", "html")  # in this order: the HTML pages list the PDFs with their sizes
BUILDERS = {"pdf": "leavexprint", "html": "dirhtml"}


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH, or the time of the last commit, so rebuilds are identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"


def sphinx_build(code: str, builder: str, outdir, warnings: io.StringIO) -> int:
    """One Sphinx build of one language, in this process.

    The print and HTML builders of a language share one doctree environment, so the
    sources are parsed once for both.
    """
    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # Sphinx keeps translators in a module-level cache; a worker that built another
    # language before must not answer in that language.
    sphinx.locale.translators.clear()
    with patch_docutils(ROOT), docutils_namespace():
        app = Sphinx(
            srcdir=DOCS,
            confdir=ROOT,
            outdir=outdir,
            doctreedir=work_dir(code) / "doctrees",
            buildername=builder,
            confoverrides={
                "language": code,
                "leavex_pdf_dir": str(work_dir(code) / "html" / "pdf"),
                "leavex_source_date_epoch": os.environ["SOURCE_DATE_EPOCH"],
            },
            status=None,
            warning=warnings,
            warningiserror=True,
            keep_going=True,
        )
        app.build()
        return app.statuscode


def build_step(code: str, output: str, first: bool, last: bool, code_print: str) -> Outcome:
    """One output (pdf or html) of one language, into its work folder (runs in a worker).

    A language's steps run in order, not always in the same worker: they share the parsed
    environment that the first leaves in the work folder. The first checks the catalogs.
    """
    started = time.perf_counter()
    if first:
        if stamps.code_changed(code, code_print):
            shutil.rmtree(work_dir(code), ignore_errors=True)
        problems = catalogs.check_language(code)
        if problems:
            return Outcome(code, False, time.perf_counter() - started, [str(p) for p in problems])
    warnings = io.StringIO()
    try:
        status = sphinx_build(code, BUILDERS[output], work_dir(code) / output, warnings)
    except Exception as err:  # a crash in one language must not stop the others
        status = 1
        warnings.write(f"{type(err).__name__}: {err}\n")
    messages = [line for line in warnings.getvalue().splitlines() if line.strip()]
    if status != 0:
        # Forget the environment: an incremental rebuild would not repeat the warnings
        # of documents it believes up to date, and would publish them.
        shutil.rmtree(work_dir(code) / "doctrees", ignore_errors=True)
        return Outcome(code, False, time.perf_counter() - started, messages)
    if last:
        stamps.record_code(code, code_print)
    return Outcome(code, True, time.perf_counter() - started, messages)


def combined(earlier: Outcome | None, later: Outcome) -> Outcome:
    if earlier is None:
        return later
    return Outcome(
        later.code, later.ok, earlier.seconds + later.seconds, earlier.messages + later.messages
    )


def replace_dir(staged, target) -> None:
    """Swap ``staged`` in for ``target``; readers see the old or the new, never a mix."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    shutil.rmtree(old, ignore_errors=True)


def publish(language: Language) -> None:
    staged = SITE / f".{language.code}.new"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(work_dir(language.code) / "html", staged, ignore=NOT_PUBLISHED)
    replace_dir(staged, SITE / language.code)


def warm_imports() -> None:
    """Import the heavy libraries once, before the workers fork: each starts warm."""
    import myst_parser.parsers.sphinx_  # noqa: F401
    import sphinx.application  # noqa: F401
    import sphinx.builders.dirhtml  # noqa: F401
    from leavex.speedups import import_weasyprint  # tools.languages put docs/_ext on the path

    import_weasyprint()


def hide_debug_logging() -> None:
    """Sphinx sets its logger to DEBUG and leaves it to its handlers to drop what the
    verbosity hides, so each extension's registrations and each event make a log record
    nobody reads: 1,600 per language. Set the logger to what the handlers show."""
    import logging

    from sphinx.util import logging as sphinx_logging

    if getattr(sphinx_logging.setup, "leavex_quiet", False):
        return
    setup = sphinx_logging.setup

    def setup_at_shown_level(app, status, warning, *, verbosity: int = 0) -> None:
        setup(app, status, warning, verbosity=verbosity)
        shown = sphinx_logging.VERBOSITY_MAP[max(verbosity, 0)]
        logging.getLogger(sphinx_logging.NAMESPACE).setLevel(shown)

    setup_at_shown_level.leavex_quiet = True
    sphinx_logging.setup = setup_at_shown_level


# A language's build allocates millions of short-lived objects (doctrees, layout boxes).
# Python's default collects every 700 allocations: 0.1 s per language, an eighth of it.
# Collecting every 50,000 costs 0.03 s, and holds a few megabytes more.
GC_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def longest_first(language: Language) -> tuple[bool, int]:
    """Languages with a typeface of their own (CJK, Arabic: large fonts to subset) first,
    then the longest translations: the workers then end on short builds, together."""
    translated = sum(path.stat().st_size for path in catalog_dir(language.code).glob("*.po"))
    return (language.font == "Noto Serif", -translated)


def run(languages: list[Language], formats: tuple[str, ...], jobs: int) -> Iterator[Outcome]:
    """Build the languages; yield each one's outcome as soon as all its outputs are built.

    Each output of each language is a task of its own. The short HTML tasks queue behind
    the print tasks and fill in at the end, so that the workers finish together.
    """
    steps = [output for output in FORMATS if output in formats]
    codes = [language.code for language in sorted(languages, key=longest_first)]
    code_print = stamps.code_fingerprint()

    def step(code: str, index: int) -> tuple:
        return (code, steps[index], index == 0, index == len(steps) - 1, code_print)

    tune_garbage_collector()
    hide_debug_logging()
    if jobs <= 1 or len(codes) == 1:
        for code in codes:
            outcome = None
            for index in range(len(steps)):
                outcome = combined(outcome, build_step(*step(code, index)))
                if not outcome.ok:
                    break
            yield outcome
        return
    warm_imports()
    # What the workers inherit stays put: their collections neither scan it nor, by
    # touching it, copy its memory pages.
    gc.freeze()
    context = get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(codes)), mp_context=context) as pool:
        running = {pool.submit(build_step, *step(code, 0)): (code, 0) for code in codes}
        so_far: dict[str, Outcome] = {}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                code, index = running.pop(future)
                try:
                    result = future.result()
                except Exception as err:  # the worker itself died (a crash in C code)
                    result = Outcome(code, False, 0.0, [f"{type(err).__name__}: {err}"])
                outcome = combined(so_far.pop(code, None), result)
                if outcome.ok and index + 1 < len(steps):
                    so_far[code] = outcome
                    running[pool.submit(build_step, *step(code, index + 1))] = (code, index + 1)
                else:
                    yield outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--languages",
        default=os.environ.get("LANGUAGES", ""),
        help="codes to build, space- or comma-separated (default: all)",
    )
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
    try:
        languages = select(args.languages)
    except LanguageTableError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    formats = tuple(f for f in args.formats.replace(",", " ").split() if f)
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        print(
            f"error: --formats takes {' and '.join(FORMATS)}, not {args.formats!r}", file=sys.stderr
        )
        return 2
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()

    started = time.perf_counter()
    shared = stamps.shared_fingerprint(TABLE)
    fingerprints = {
        lang.code: stamps.language_fingerprint(lang.code, shared, formats) for lang in languages
    }
    # Make-style: a language whose inputs are as they were when it was last published is
    # not even started.
    todo = [
        lang
        for lang in languages
        if args.force or not stamps.is_current(lang.code, fingerprints[lang.code], SITE / lang.code)
    ]
    SITE.mkdir(parents=True, exist_ok=True)
    by_code = {language.code: language for language in languages}
    built, failed = 0, []
    # Each language is published as soon as it is built, while the others still build.
    for outcome in run(todo, formats, args.jobs) if todo else []:
        built += 1
        if outcome.ok:
            publish(by_code[outcome.code])
            stamps.record(outcome.code, fingerprints[outcome.code])
            print(f"{outcome.code}: published build/site/{outcome.code}/ ({outcome.seconds:.1f} s)")
        else:
            failed.append(outcome)
            stamps.forget(outcome.code)
            print(
                f"{outcome.code}: FAILED, build/site/{outcome.code}/ left as it was",
                file=sys.stderr,
            )
            for message in outcome.messages:
                print(f"  {message}", file=sys.stderr)
    chooser.write(SITE)
    status.write(SITE)
    base_url = os.environ.get("LEAVEX_BASE_URL", "https://leavex.eu")
    notfound.write(SITE, base_url)
    sitemap.write(SITE, base_url)
    print(
        f"build/site/: {built - len(failed)} of {built} languages built, "
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
