"""Page weight: what a reader's browser downloads for each page of the built site.

    python -m benchmarks.pages          (after `make`)

Loads every page of every language in Debian's chromium and sums the bytes of every
response it receives (the page, its styles, scripts, images), with an empty cache.
"""

from __future__ import annotations

import statistics
import sys

from playwright.sync_api import sync_playwright

from leavex.languages import load
from leavex.project import DOCUMENTS, SITE, page_path
from tools.browser import CHROMIUM, CHROMIUM_ARGS, LocalSite

PAGES = {
    ("home" if document == "index" else document): page_path(document) for document in DOCUMENTS
}


def main() -> int:
    if not (SITE / "index.html").exists():
        print("build the site first: make", file=sys.stderr)
        return 1
    weights: dict[str, dict[str, int]] = {}
    with LocalSite(SITE) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for code in load():
            for name, path in PAGES.items():
                context = browser.new_context()
                page = context.new_page()
                sizes: list[int] = []
                page.on(
                    "response", lambda response, sizes=sizes: sizes.append(len(response.body()))
                )
                page.goto(f"{local.origin}/{code}/{path}", wait_until="networkidle")
                weights.setdefault(name, {})[code] = sum(sizes)
                context.close()
        browser.close()
    print("Page weight in kB (all responses, empty cache)")
    codes = list(load())
    print(f"{'page':<8}" + "".join(f"{code:>6}" for code in codes))
    for name, by_code in weights.items():
        print(f"{name:<8}" + "".join(f"{by_code[code] / 1000:>6.0f}" for code in codes))
    for name, by_code in weights.items():
        values = list(by_code.values())
        print(
            f"{name}: median {statistics.median(values) / 1000:.0f} kB, "
            f"max {max(values) / 1000:.0f} kB ({max(by_code, key=by_code.get)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
