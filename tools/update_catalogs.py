"""`make update-po`: merge the templates (.pot) into catalogs, then tidy what was merged.

sphinx-intl merges (changed English becomes fuzzy); Babel, which it writes with, adds
format flags that no entry has, and new catalogs get gettext's placeholder contacts:
``po_metadata`` tidies both.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from leavex import po_metadata
from leavex.project import GETTEXT, LOCALES, ROOT, catalog_dir

from .cli import add_languages_option, chosen_languages


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
    add_languages_option(parser)
    languages = chosen_languages(parser.parse_args(argv), translations_only=True)
    update([language.code for language in languages])
    return 0


if __name__ == "__main__":
    sys.exit(main())
