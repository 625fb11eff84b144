"""`make update-po`: merge the templates (.pot) into catalogs, then tidy what was merged.

sphinx-intl merges (changed English becomes fuzzy); Babel, which it writes with, adds
format flags that no entry has, and new catalogs get gettext's placeholder contacts:
``po_metadata`` tidies both.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from . import po_metadata
from .languages import SOURCE_LANGUAGE, LanguageTableError, select
from .paths import GETTEXT, LOCALES, ROOT, catalog_dir


def update(codes: list[str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx_intl", "update", "-p", str(GETTEXT), "-d", str(LOCALES)]
        + [argument for code in codes for argument in ("-l", code)],
        cwd=ROOT,
        check=True,
    )
    for code in codes:
        for path in sorted(catalog_dir(code).glob("*.po")):
            po_metadata.tidy(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", default="", help="codes (default: every translation)")
    args = parser.parse_args(argv)
    try:
        codes = [lang.code for lang in select(args.languages) if lang.code != SOURCE_LANGUAGE]
    except LanguageTableError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    update(codes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
