"""Page weight: what a reader's browser downloads for each page of the built site.

    python -m benchmarks.pages          (after `make`)

Loads every page of every language, and the site-wide pages (the language chooser, the
status page, the 404 page), in Debian's chromium, with an empty cache, from the site
served as production would (tools/preview.py: compressed copies, 404 page). For each
page it sums every response (the page, its scripts, its images): uncompressed, and as
transferred, gzip-compressed (the browser is asked for gzip only, the figure the targets
are set in). Prints the figures per page type, and the pages over the targets; writes
every page's figures to benchmarks/pages.json.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.page_types import SITE_PAGES, language_pages
from leavex.languages import load
from leavex.project import SITE
from tools.browser import CHROMIUM, CHROMIUM_ARGS, LocalSite

LIMIT, LIMIT_GZIP = 50_000, 15_000  # bytes, everything a page downloads
RESULTS = Path(__file__).with_name("pages.json")


def weigh(browser, url: str) -> tuple[int, int]:
    """(uncompressed, gzip-compressed) bytes of everything a page downloads."""
    context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    plain = transferred = 0
    for response in responses:
        if 300 <= response.status < 400:
            continue  # a redirect has no body; what it leads to is counted
        body = response.body()
        plain += len(body)
        transferred += int(response.headers.get("content-length") or len(body))
    context.close()
    return plain, transferred


def main() -> int:
    if not (SITE / "index.html").exists():
        print("build the site first: make", file=sys.stderr)
        return 1
    weights: dict[str, dict[str, tuple[int, int]]] = {}
    with LocalSite(SITE) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for code in load():
            for name, path in language_pages(code).items():
                weights.setdefault(name, {})[code] = weigh(browser, local.origin + path)
        for name, path in SITE_PAGES.items():
            weights[name] = {"-": weigh(browser, local.origin + path)}
        browser.close()
    print("Everything a page downloads, empty cache, kB: uncompressed / gzip")
    print(f"{'page':<9}{'median':>15}{'max':>15}  heaviest")
    over = []
    for name, by_code in weights.items():
        plain = [value[0] for value in by_code.values()]
        packed = [value[1] for value in by_code.values()]
        heaviest = max(by_code, key=lambda code: by_code[code][0])
        print(
            f"{name:<9}{statistics.median(plain) / 1000:>7.1f} / {statistics.median(packed) / 1000:<5.1f}"
            f"{max(plain) / 1000:>7.1f} / {max(packed) / 1000:<5.1f}  {heaviest}"
        )
        over += [
            f"{code}/{name}: {plain / 1000:.1f} kB, {packed / 1000:.1f} kB gzip"
            for code, (plain, packed) in by_code.items()
            if plain > LIMIT or packed > LIMIT_GZIP
        ]
    print(f"targets: at most {LIMIT / 1000:.0f} kB, {LIMIT_GZIP / 1000:.0f} kB gzip-compressed")
    print("over the targets:", ", ".join(over) if over else "none")
    RESULTS.write_text(
        json.dumps(
            {
                "targets": {"bytes": LIMIT, "gzip_bytes": LIMIT_GZIP},
                "pages": {
                    name: {
                        code: {"bytes": plain, "gzip_bytes": packed}
                        for code, (plain, packed) in by_code.items()
                    }
                    for name, by_code in weights.items()
                },
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
