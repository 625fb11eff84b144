"""Lighthouse scores of every page type, as a phone on a slow network would get them.

    python -m benchmarks.lighthouse [--languages "en ar ja"] [--runs 1]   (after make)

Runs the npm package ``lighthouse`` (package.json) on Debian's chromium (CHROME_PATH),
with its default mobile profile (an emulated mid-range phone, simulated slow 4G), against
the built site served as production would (tools/preview.py: compressed copies, headers,
the 404 page). Page types: the root chooser, the status page and the 404 page (at its own
address: Lighthouse scores no page served with status 404; it is exempt from SEO, being
kept out of the index on purpose), and home, letter, About, essay and flyer in each
language asked for. Prints the four category scores of each, and the median of --runs;
writes them, with the versions used, to benchmarks/lighthouse.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.page_types import SITE_PAGES, language_pages
from leavex.project import ROOT, SITE
from tools.browser import CHROMIUM
from tools.cli import add_languages_option, chosen_languages
from tools.preview import LocalSite

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RESULTS = Path(__file__).with_name("lighthouse.json")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run"


def scores(url: str) -> tuple[dict[str, int], list[str]]:
    """The category scores (0-100) of one page, and the audits that lost points."""
    with tempfile.TemporaryDirectory(prefix="leavex-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(
            [
                LIGHTHOUSE,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    found = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    lost = sorted(
        {
            audit_id
            for name in CATEGORIES
            for reference in data["categories"][name]["auditRefs"]
            if reference["weight"] > 0
            and (audit_id := reference["id"]) in data["audits"]
            and (data["audits"][audit_id]["score"] is not None)
            and data["audits"][audit_id]["score"] < 1
        }
    )
    return found, lost


def versions() -> dict[str, str]:
    lighthouse = subprocess.run([LIGHTHOUSE, "--version"], capture_output=True, text=True)
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    return {
        "lighthouse": lighthouse.stdout.strip(),
        "chromium": chromium.stdout.strip(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    # Left-to-right Latin, right-to-left Arabic, Japanese: the three by default.
    args.languages = args.languages or "en ar ja"
    if not (SITE / "index.html").exists():
        print("build the site first: make", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        print("install Lighthouse first: npm ci", file=sys.stderr)
        return 1
    pages = dict(SITE_PAGES)
    for language in chosen_languages(args):
        for name, path in language_pages(language.code).items():
            pages[f"{language.code}/{name}"] = path
    results = {}
    print(f"{'page':<12}" + "".join(f"{name:>16}" for name in CATEGORIES) + "  points lost on")
    with LocalSite(SITE) as local:
        for name, path in pages.items():
            runs = [scores(local.origin + path) for _ in range(args.runs)]
            median = {
                category: statistics.median(run[0][category] for run in runs)
                for category in CATEGORIES
            }
            lost = sorted({audit for run in runs for audit in run[1]})
            results[name] = {"path": path, "scores": median, "lost": lost}
            print(
                f"{name:<12}"
                + "".join(f"{median[category]:>16g}" for category in CATEGORIES)
                + f"  {', '.join(lost) or '-'}"
            )
    below = [
        f"{name} {category} {result['scores'][category]:g}"
        for name, result in results.items()
        for category in CATEGORIES
        if result["scores"][category] < 100 and not (name == "404" and category == "seo")
    ]
    print("below 100:", ", ".join(below) if below else "none (the 404 page is exempt from SEO)")
    RESULTS.write_text(
        json.dumps({"versions": versions(), "runs": args.runs, "pages": results}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
