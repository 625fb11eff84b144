"""`make gettext`: extract the translation templates (.pot) into build/gettext/: one per
document (Sphinx's gettext builder) and the interface's (``interface_pot``), with the
campaign's contact in their headers."""

from __future__ import annotations

import subprocess
import sys

from leavex import po_metadata
from leavex.project import DOCS, GETTEXT, ROOT

from . import interface_pot


def extract() -> list:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", "-c", str(ROOT), str(DOCS)]
        + [str(GETTEXT)],
        cwd=ROOT,
        check=True,
    )
    interface_pot.write(GETTEXT / "sphinx.pot")
    templates = sorted(GETTEXT.glob("*.pot"))
    for template in templates:
        po_metadata.tidy(template)
    return templates


def main() -> int:
    templates = extract()
    print(f"{len(templates)} templates in {GETTEXT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
