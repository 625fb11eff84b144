"""Extract the interface strings (templates, our extensions) into ``sphinx.pot``.

Sphinx translates template strings and its own Python strings through the ``sphinx``
message domain, and looks in our ``locale_dirs`` before its own catalogs. So each
language's ``sphinx.po`` carries every string a reader sees outside the documents: Furo's
(which Furo does not translate itself, furo#434), ours, and the few of Sphinx's that our
pages show.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from leavex.project import DOCS, ROOT

TEMPLATES = DOCS / "_templates"
EXTENSIONS = ROOT / "leavex"

# Strings Sphinx itself puts in our pages (sphinx/writers/html5.py and friends).
SPHINX_STRINGS = [
    ("Link to this heading", "sphinx/writers/html5.py"),
    ("Link to this image", "sphinx/writers/html5.py"),
    ("Link to this table", "sphinx/writers/html5.py"),
]


def extract() -> Catalog:
    catalog = Catalog(
        project="Leave X – Protect Democracy",
        charset="utf-8",
        creation_date=datetime(2025, 1, 6, tzinfo=UTC),
        last_translator="#LeaveX translators",
        language_team="#LeaveX translators",
        fuzzy=False,
    )
    sources = [
        (
            TEMPLATES,
            [("**.html", "jinja2.ext:babel_extract")],
            {"**.html": {"extensions": "jinja2.ext.do"}},
        ),
        (EXTENSIONS, [("**.py", "python")], {}),
    ]
    for directory, method_map, options_map in sources:
        for filename, lineno, message, comments, _context in extract_from_dir(
            directory, method_map, options_map, keywords={"_": None, "__": None}
        ):
            where = (str((directory / filename).relative_to(ROOT)), lineno)
            catalog.add(message, locations=[where], auto_comments=comments)
    for message, where in SPHINX_STRINGS:
        catalog.add(message, locations=[(where, 0)])
    return catalog


def write(output: Path) -> Path:
    """Write the interface template (called by ``tools.extract``)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as stream:
        write_po(stream, extract(), width=79, sort_output=False, omit_header=False)
    return output
