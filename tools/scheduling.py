"""Scheduling: every output of every language is a task, run by warm worker processes.

One worker process per core builds tasks in turn, each a warm interpreter that keeps
Sphinx and WeasyPrint imported. A language's outputs run in order (print first: the HTML
pages list the PDFs with their sizes), not always in the same worker: they share the
parsed environment that the first leaves in the language's work folder. The short HTML
tasks queue behind the print tasks and fill in at the end, so that the workers finish
together. A crash in one language, even of a worker, fails that language only.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from multiprocessing import get_context

from leavex import patches
from leavex.languages import Language
from leavex.project import DOCS, ROOT, catalog_dir, work_dir

from . import packaging, stamps

FORMATS = ("pdf", "html")  # in this order: the HTML pages list the PDFs with their sizes
BUILDERS = {"pdf": "leavexprint", "html": "dirhtml"}
# A language's build allocates millions of short-lived objects (doctrees, layout boxes).
# Python's default collects every 700 allocations: 0.1 s per language, an eighth of it.
# Collecting every 50,000 costs 0.03 s, and holds a few megabytes more.
GC_THRESHOLD = 50_000


@dataclass(frozen=True)
class Task:
    """One output of one language."""

    code: str
    output: str  # "pdf" or "html"
    first: bool  # the language's first output: it starts a stale work folder afresh
    last: bool  # the language's last output: it records the code the folder was built with
    code_print: str  # fingerprint of the build's code (stamps.code_fingerprint)


@dataclass(frozen=True)
class Outcome:
    """What became of a language (or of its outputs so far)."""

    code: str
    ok: bool
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    def then(self, later: Outcome) -> Outcome:
        return replace(
            later, seconds=self.seconds + later.seconds, messages=self.messages + later.messages
        )


def sphinx_build(task: Task, warnings: io.StringIO) -> int:
    """One Sphinx build of one output of one language, in this process."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    patches.apply("build")
    with patch_docutils(ROOT), docutils_namespace():
        app = Sphinx(
            srcdir=DOCS,
            confdir=ROOT,
            outdir=work_dir(task.code) / task.output,
            doctreedir=work_dir(task.code) / "doctrees",
            buildername=BUILDERS[task.output],
            confoverrides={
                "language": task.code,
                "leavex_pdf_dir": str(work_dir(task.code) / "html" / "pdf"),
                "leavex_source_date_epoch": os.environ["SOURCE_DATE_EPOCH"],
                # The first output checked the catalogs that the others read too.
                "leavex_catalog_checks": task.first,
            },
            status=None,
            warning=warnings,
            warningiserror=True,
            keep_going=True,
        )
        app.build()
        return app.statuscode


def build(task: Task) -> Outcome:
    """Build one task into its language's work folder (runs in a worker)."""
    started = time.perf_counter()
    if task.first and stamps.code_changed(task.code, task.code_print):
        shutil.rmtree(work_dir(task.code), ignore_errors=True)
    warnings = io.StringIO()
    try:
        status = sphinx_build(task, warnings)
        if status == 0 and task.output == "html":
            packaging.package(task.code)  # the pages as readers download them
    except Exception as err:  # a crash in one language must not stop the others
        status = 1
        warnings.write(f"{type(err).__name__}: {err}\n")
    messages = [line for line in warnings.getvalue().splitlines() if line.strip()]
    if status != 0:
        # Forget the environment: an incremental rebuild would not repeat the warnings
        # of documents it believes up to date, and would publish them.
        shutil.rmtree(work_dir(task.code) / "doctrees", ignore_errors=True)
        return Outcome(task.code, False, time.perf_counter() - started, messages)
    if task.last:
        stamps.record_code(task.code, task.code_print)
    return Outcome(task.code, True, time.perf_counter() - started, messages)


def warm_up() -> None:
    """Import the heavy libraries and apply the patches once, before the workers fork:
    each starts warm. What they inherit stays put: their collections neither scan it
    nor, by touching it, copy its memory pages."""
    import myst_parser.parsers.sphinx_  # noqa: F401
    import sphinx.application  # noqa: F401
    import sphinx.builders.dirhtml  # noqa: F401

    patches.apply("process")
    patches.load_weasyprint()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()


def longest_first(language: Language) -> tuple[bool, int]:
    """Languages with a typeface of their own (CJK, Arabic: large fonts to subset) first,
    then the longest translations: the workers then end on short builds, together."""
    translated = sum(path.stat().st_size for path in catalog_dir(language.code).glob("*.po"))
    return (language.font == "Noto Serif", -translated)


def pool(jobs: int) -> ProcessPoolExecutor:
    """Warm forked workers; without our patches, a fresh process for every task, so that
    no third-party state crosses from one build to the next."""
    if patches.enabled():
        warm_up()
        return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"))
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), max_tasks_per_child=1
    )


def run(languages: list[Language], formats: tuple[str, ...], jobs: int) -> Iterator[Outcome]:
    """Build the languages; yield each one's outcome as soon as all its outputs are built."""
    outputs = [output for output in FORMATS if output in formats]
    codes = [language.code for language in sorted(languages, key=longest_first)]
    code_print = stamps.code_fingerprint()

    def task(code: str, index: int) -> Task:
        return Task(code, outputs[index], index == 0, index == len(outputs) - 1, code_print)

    with pool(max(1, min(jobs, len(codes)))) as workers:
        running = {workers.submit(build, task(code, 0)): (code, 0) for code in codes}
        so_far: dict[str, Outcome] = {}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                code, index = running.pop(future)
                try:
                    result = future.result()
                except Exception as err:  # the worker itself died (a crash in C code)
                    result = Outcome(code, False, 0.0, [f"{type(err).__name__}: {err}"])
                outcome = so_far.pop(code).then(result) if code in so_far else result
                if outcome.ok and index + 1 < len(outputs):
                    so_far[code] = outcome
                    running[workers.submit(build, task(code, index + 1))] = (code, index + 1)
                else:
                    yield outcome
