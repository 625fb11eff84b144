"""`make serve LANGUAGES=xx`: preview one language live while translating.

sphinx-autobuild rebuilds the language when a source or one of its catalogs changes. The
build checks the catalogs first (``leavex.catalog_checks``), so the preview refuses what
CI refuses, with the same messages.
"""

from __future__ import annotations

import argparse
import os
import sys

from leavex.project import BUILD, DOCS, ROOT, catalog_dir

from .cli import add_languages_option, chosen_languages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_languages_option(parser)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    args = parser.parse_args(argv)
    languages = chosen_languages(args)
    if len(languages) != 1 or not args.languages.strip():
        print("error: name one language to preview, e.g. make serve LANGUAGES=fr", file=sys.stderr)
        return 2
    code = languages[0].code
    command = [sys.executable, "-m", "sphinx_autobuild", "-b", "dirhtml", "-c", str(ROOT)]
    command += ["-D", f"language={code}", "--port", str(args.port)]
    command += ["--watch", str(catalog_dir(code)), str(DOCS), str(BUILD / "serve" / code)]
    os.execv(sys.executable, command)


if __name__ == "__main__":
    sys.exit(main())
