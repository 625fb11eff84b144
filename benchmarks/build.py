"""Build benchmark: prints wall time and peak memory for the figures of the speed issue.

    python -m benchmarks.build [--runs 3] [--languages "..."]

Works on a scratch copy of the project (your build/ is left alone) and prints, with
medians over --runs runs:
  baseline   one `sphinx-build -b html` per language, one after another (HTML only)
  cold       `python -m tools.build`: every language, HTML and all PDFs, nothing built yet
  no-op      the same again, nothing changed
  one .po    one catalog edited: that language rebuilt and published, the others untouched
  PDF cold   every PDF of every language (`--formats pdf`), nothing built yet
  PDF warm   every PDF rendered again, with parsed sources and caches in place
and the peak memory (resident, the whole process tree) of the cold and PDF builds.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from leavex.languages import select
from leavex.project import catalog_path
from tools.sources import copy_sources


def scratch_copy() -> Path:
    return copy_sources(Path(tempfile.mkdtemp(prefix="leavex-bench-")))


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (one read of
    /proc/<pid>/stat per process: the sampler must not slow down what it measures)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # Fields after the command name: state, ppid, ... rss (the 24th field) at 21.
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields[21]) * PAGE
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak memory of a command, sampled every 50 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        # A scratch copy builds into its own build/.
        env={key: value for key, value in os.environ.items() if key != "LEAVEX_BUILD_DIR"}
        | (env or {}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return time.perf_counter() - started, peak


def baseline(copy: Path, codes: list[str]) -> float:
    out = copy / "baseline"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    for code in codes:
        timed(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-b",
                "html",
                "-c",
                ".",
                "-D",
                f"language={code}",
                "docs",
                str(out / code),
                "-d",
                str(out / code / ".doctrees"),
            ],
            copy,
        )
    return time.perf_counter() - started


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languages", default="")
    args = parser.parse_args()
    codes = [lang.code for lang in select(args.languages)]
    build = [sys.executable, "-m", "tools.build", "--languages", " ".join(codes)]
    env = {"SOURCE_DATE_EPOCH": "1736121600"}
    copy = scratch_copy()
    figures: dict[str, list[float]] = {
        "baseline": [],
        "cold": [],
        "no-op": [],
        "one .po": [],
        "pdf cold": [],
        "pdf warm": [],
    }
    peaks: dict[str, list[int]] = {"cold": [], "pdf cold": [], "pdf warm": []}
    pdf_build = [*build, "--formats", "pdf"]
    untouched = True
    try:
        for run in range(args.runs):
            # The baseline first in even runs, after the incremental builds in odd ones:
            # whatever the machine does over a run weighs on both sides alike.
            if run % 2 == 0:
                figures["baseline"].append(baseline(copy, codes))
            shutil.rmtree(copy / "build", ignore_errors=True)
            seconds, peak = timed(build, copy, env)
            figures["cold"].append(seconds)
            peaks["cold"].append(peak)
            figures["no-op"].append(timed(build, copy, env)[0])
            translated = [code for code in codes if (copy / "locales" / code).is_dir()]
            edited = translated[run % len(translated)] if translated else codes[0]
            other = next(code for code in codes if code != edited)
            catalog = catalog_path(edited, "letter", copy / "locales")
            if catalog.exists():
                before = mtimes(copy / "build" / "site" / other)
                catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                figures["one .po"].append(timed(build, copy, env)[0])
                untouched &= mtimes(copy / "build" / "site" / other) == before
            if run % 2 == 1:
                figures["baseline"].append(baseline(copy, codes))
            shutil.rmtree(copy / "build", ignore_errors=True)
            for key in ("pdf cold", "pdf warm"):
                if key == "pdf warm":  # keep environments and caches, drop the PDFs
                    for stale in [
                        *(copy / "build" / "work").glob("*/html/pdf/*.pdf"),
                        *(copy / "build" / "work").glob("*/inputs.stamp"),
                    ]:
                        stale.unlink()
                seconds, peak = timed(pdf_build, copy, env)
                figures[key].append(seconds)
                peaks[key].append(peak)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    finally:
        shutil.rmtree(copy, ignore_errors=True)

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(f"Machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}")
    print(f"Languages: {len(codes)}; medians of {args.runs} runs")
    print(f"{'build':<34}{'median':>9}{'min':>9}{'max':>9}")
    labels = {
        "baseline": "baseline (sphinx-build html, loop)",
        "cold": "cold full build (HTML + PDF)",
        "no-op": "no-op rebuild",
        "one .po": "one edited .po",
        "pdf cold": "all PDFs, cold",
        "pdf warm": "all PDFs, warm",
    }
    for key, values in figures.items():
        if values:
            print(
                f"{labels[key]:<34}{statistics.median(values):>8.2f}s{min(values):>8.2f}s{max(values):>8.2f}s"
            )
    speedup = statistics.median(figures["baseline"]) / statistics.median(figures["cold"])
    print(f"cold full build vs baseline: {speedup:.2f}x faster")
    for key, values in peaks.items():
        print(f"peak memory, {labels[key]}: {max(values) / 2**20:.0f} MiB")
    print(f"other languages untouched after one .po edit: {'yes' if untouched else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
