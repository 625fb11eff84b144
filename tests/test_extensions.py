"""The extensions on a tiny project (tests/roots/test-leavex, two languages): what each
adds to a page or a print edition, and the errors that bad input gets."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sphinx.locale
from bs4 import BeautifulSoup
from pseudo import pseudo_translate
from pypdf import PdfReader
from sphinx.errors import ConfigError

from leavex.catalog_checks import CatalogError
from leavex.project import catalog_path
from tools import interface_pot

pytestmark = pytest.mark.fast

TINY = Path(__file__).parent / "roots" / "test-leavex"


@pytest.fixture(scope="session")
def prepared(tmp_path_factory) -> Path:
    """The tiny project with French catalogs: every message pseudo-translated."""
    project = tmp_path_factory.mktemp("tiny") / "project"
    shutil.copytree(TINY, project)
    templates = project / "_build" / "gettext"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", str(project), str(templates)]
    subprocess.run(command, check=True)
    interface_pot.write(templates / "sphinx.pot")
    for template in templates.glob("*.pot"):
        pseudo_translate(template, catalog_path("fr", template.stem, project / "locales"), "fr")
    shutil.rmtree(project / "_build")
    return project


@pytest.fixture
def tiny(prepared, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the prepared project, its language table in use."""
    project = tmp_path / "project"
    shutil.copytree(prepared, project)
    monkeypatch.setenv("LEAVEX_LANGUAGE_TABLE", str(project / "languages.toml"))
    return project


@pytest.fixture
def build(make_app):
    def run(project: Path, builder: str = "dirhtml", **overrides):
        sphinx.locale.translators.clear()  # one language per app, as the build does
        app = make_app(builder, srcdir=project, confoverrides={"language": "fr", **overrides})
        app.build()
        return app

    return run


def page(app, document: str) -> BeautifulSoup:
    path = Path(app.outdir) / ("" if document == "index" else document) / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_pages_carry_language_switcher_talk_and_contacts(tiny, build):
    app = build(tiny)
    assert app.statuscode == 0 and "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    about = page(app, "about")
    assert about.html["lang"] == "fr" and about.html["dir"] == "ltr"
    switcher = [a["hreflang"] for a in about.select("nav.language-switcher a")]
    assert switcher == ["en", "fr"]
    talk = about.select_one("figure.talk")
    assert talk["data-embed"].startswith("https://www.youtube-nocookie.com/embed/ElqFlkUXavM")
    assert about.select_one("figure.talk a.talk-poster")["href"].endswith("v=ElqFlkUXavM")
    contacts = about.select(".contact-row a")
    assert [a.get("rel") for a in contacts] == [None, ["me"]]
    assert all(a.svg["aria-hidden"] == "true" for a in contacts)


def test_print_editions_are_tagged_and_in_the_language(tiny, build):
    app = build(tiny, "leavexprint")
    assert app.statuscode == 0, app.warning.getvalue()
    pdfs = sorted(path.name for path in (Path(app.outdir) / "pdf").glob("*.pdf"))
    assert pdfs == ["leavex-about-fr.pdf", "leavex-essay-fr.pdf", "leavex-letter-fr.pdf"]
    letter = PdfReader(Path(app.outdir) / "pdf" / "leavex-letter-fr.pdf")
    assert letter.trailer["/Root"]["/Lang"] == "fr" and len(letter.pages) == 1
    assert "«ps»" in letter.pages[0].extract_text()


BAD_SOURCES = {
    "talk without a title": (
        "about.md",
        ":::{talk} ElqFlkUXavM\nA talk in Berlin\n:::",
        ":::{talk} ElqFlkUXavM\n:::",
        "talk: give the talk's title as the directive's content",
    ),
    "unknown brand icon": (
        "about.md",
        "{brand}`mastodon`",
        "{brand}`myspace`",
        "brand: unknown icon 'myspace' (known: email, mastodon",
    ),
    "contact row without a list": (
        "about.md",
        "- [{brand}`email` E-mail](mailto:leavexeu@pm.me)\n- [{brand}`mastodon` Mastodon](https://mastodon.social/@leavex)",
        "Write to us.",
        "contact-row: the content must be a bullet list of links",
    ),
}


@pytest.mark.parametrize("kind", BAD_SOURCES)
def test_bad_sources_are_reported_with_their_place(tiny, build, kind):
    name, before, after, expected = BAD_SOURCES[kind]
    source = tiny / name
    text = source.read_text(encoding="utf-8")
    assert before in text
    source.write_text(text.replace(before, after), encoding="utf-8")
    warnings = build(tiny, language="en").warning.getvalue()
    assert f"{name}:" in warnings and expected in warnings, warnings


def test_a_bad_paper_size_is_refused(tiny, build):
    with pytest.raises(ConfigError, match="leavex_paper = 'a3': use one of a4, letter"):
        build(tiny, "leavexprint", leavex_paper="a3")


def test_an_unknown_language_is_refused(tiny, build):
    with pytest.raises(ConfigError, match="unknown language code 'xx'.*known: en fr"):
        build(tiny, language="xx")


def test_a_catalog_that_fails_its_checks_stops_the_build_with_file_and_line(tiny, make_app):
    """Any Sphinx build of a translation checks its catalogs first: `make serve` shows a
    translator the same refusal as `make check-po` and CI."""
    catalog = catalog_path("fr", "letter", tiny / "locales")
    lines = catalog.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith('msgstr "«ps» An open'))
    lines[index] = lines[index][:-1] + ' gnp\u202e.exe"'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sphinx.locale.translators.clear()
    warnings = io.StringIO()
    with pytest.raises(CatalogError, match="fr: 1 problem"):
        make_app("dirhtml", srcdir=tiny, confoverrides={"language": "fr"}, warning=warnings)
    assert f"letter.po:{index + 1}: ERROR: invisible character U+202E" in warnings.getvalue()
