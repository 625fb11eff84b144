"""Translators' workflow: catalogs checked as untrusted input, progress, incomplete editions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, TRANSLATED, page_file, run_build, run_tool, soup_of
from pseudo import pseudo, pseudo_translate, without_glossary

from leavex import po_metadata
from leavex.catalog_checks import check_catalog, check_language
from leavex.progress import progress
from leavex.project import DOCUMENTS, INTERFACE_DOMAIN, catalog_dir, catalog_path

pytestmark = pytest.mark.fast  # but for those marked slow

PETITION = "https://openpetition.eu/leavex"


def fixture_catalog(tmp_path: Path, templates: Path, domain: str = "letter") -> Path:
    target = catalog_path("fr", domain, tmp_path / "locales")
    pseudo_translate(templates / f"{domain}.pot", target, "fr")
    return target


def corrupt(path: Path, needle: str, replace) -> int:
    """Change the msgstr of the entry whose msgid contains ``needle``; return the line of
    that msgstr, which the checks name."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    message = next(m for m in catalog if needle in m.id)
    text = path.read_text(encoding="utf-8")
    wrapped_before = text
    lines = text.splitlines()
    # Rewrite the whole msgstr of that entry as one line.
    start = next(i for i in range(message.lineno - 1, len(lines)) if lines[i].startswith("msgstr"))
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    new = replace(message.string)
    escaped = new.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    lines[start:end] = [f'msgstr "{escaped}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.read_text(encoding="utf-8") != wrapped_before
    return start + 1


BAD_TRANSLATIONS = {
    "swapped URL": (
        "petition phase",
        lambda s: s.replace(PETITION, "https://evil.example/petition"),
        "link targets",
    ),
    "dropped link": (
        "petition phase",
        lambda s: s.replace(f"]({PETITION})", "").replace("[", ""),
        "link targets",
    ),
    "injected script": (
        "European politicians and leaders must act",
        lambda s: s + "<script>alert(1)</script>",
        "unsafe HTML",
    ),
    "event handler": (
        "European politicians and leaders must act",
        lambda s: s + '<img src=x onerror="alert(1)">',
        "unsafe HTML",
    ),
    "broken bold": ("European politicians and leaders must act", lambda s: s.rstrip("*"), "bold"),
    "numbered title": (
        "Open letter to all",
        lambda s: "1. " + s.removeprefix("«ps» "),
        "numbered list",
    ),
    "tracking image": (
        "European politicians and leaders must act",
        lambda s: s + " ![](https://tracker.example/p.png)",
        "images differ from the original: not in the original: https://tracker.example/p.png",
    ),
    "raw HTML, harmless-looking": (
        "More than two years",
        lambda s: s.replace("«ps»", "<b>«ps»</b>"),
        "unsafe HTML",
    ),
    "HTML comment": ("More than two years", lambda s: s + " <!-- hidden -->", "unsafe HTML"),
    "autolink elsewhere": (
        "More than two years",
        lambda s: s + " <https://evil.example/>",
        "link targets differ from the original: not in the original: https://evil.example/",
    ),
    "link reference definition": (
        "petition phase",
        lambda s: s.replace(f"]({PETITION})", "][p]") + "\n\n[p]: https://evil.example/",
        "link reference definitions",
    ),
    "footnote": (
        "More than two years",
        lambda s: s + "[^1]\n\n[^1]: https://evil.example/",
        "footnote references",
    ),
    "added role": (
        "More than two years",
        lambda s: s + " {raw-html}`<img src=x>`",
        "roles differ from the original: not in the original: {raw-html}",
    ),
    "directive": (
        "More than two years",
        lambda s: ":::{raw} html\n<img src=x>\n:::",
        "reads as a directive",
    ),
    "heading": ("More than two years", lambda s: "# " + s, "reads as a heading"),
    "block break": ("More than two years", lambda s: s + "\n\n+++", "myst_block_break"),
}


@pytest.mark.parametrize("kind", BAD_TRANSLATIONS)
def test_bad_translation_is_caught_with_file_and_line(tmp_path, templates, kind):
    needle, change, expected = BAD_TRANSLATIONS[kind]
    path = fixture_catalog(tmp_path, templates)
    assert check_catalog(path, "fr") == [], "the pseudo-translation itself is clean"
    line = corrupt(path, needle, change)
    problems = check_catalog(path, "fr")
    assert problems, kind
    assert any(expected in p.message and p.line == line and needle in p.msgid for p in problems), [
        str(p) for p in problems
    ]
    assert f"{path}:{line}:" in str(problems[0])


def test_check_po_command_names_file_and_line(project_copy):
    """`make check-po` prints file:line for every problem and fails."""
    path = catalog_path("fr", "letter", project_copy / "locales")
    line = corrupt(path, "More than two years", lambda s: s + " ![](https://tracker.example/p.png)")
    result = run_tool(project_copy, "tools.check_po", "--languages", "fr de")
    assert result.returncode == 1
    assert f"letter.po:{line}: images differ" in result.stderr, result.stderr
    assert "fr: FAILED" in result.stdout and "de: ok" in result.stdout
    assert "1 of 2 languages pass" in result.stdout


BIDI = {
    "right-to-left override": ("gnp\u202e.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "left-to-right embedding": ("\u202aabc", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    "override written as an entity": ("gnp&#x202E;.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "isolate left open": ("\u2067abc", "U+2067 RIGHT-TO-LEFT ISOLATE is opened and not closed"),
    "zero-width space": ("a\u200bb", "U+200B ZERO WIDTH SPACE"),
}


@pytest.mark.parametrize("kind", BIDI)
def test_text_that_displays_other_than_it_reads_is_refused(tmp_path, templates, kind):
    added, expected = BIDI[kind]
    path = fixture_catalog(tmp_path, templates)
    line = corrupt(path, "More than two years", lambda s: f"{s} {added}")
    problems = check_catalog(path, "fr")
    assert [(p.line, expected in p.message) for p in problems] == [(line, True)], [
        str(p) for p in problems
    ]


def test_characters_that_scripts_need_are_kept(tmp_path, templates):
    """LRM, RLM, ALM, ZWJ, ZWNJ and closed isolates are what right-to-left and other
    scripts need: they pass."""
    path = fixture_catalog(tmp_path, templates)
    corrupt(
        path,
        "More than two years",
        lambda s: s + " \u200eX/Twitter\u200f \u061c \u200d\u200c \u2067#LeaveX\u2069",
    )
    assert check_catalog(path, "fr") == []


def test_unjustified_format_flags_and_boilerplate_contacts_are_refused(tmp_path, templates):
    path = fixture_catalog(tmp_path, templates, "about")
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "[{brand}`email`', '#, python-format, python-brace-format\nmsgid "[{brand}`email`', 1
    )
    text = text.replace(
        'msgid ""\n"[{brand}`email`',
        '#, python-format, python-brace-format\nmsgid ""\n"[{brand}`email`',
        1,
    )
    text = re.sub(
        r'"Last-Translator: [^"\n]*"',
        lambda _: r'"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"',
        text,
    )
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in check_catalog(path, "fr")]
    assert any("Last-Translator gives no e-mail address" in p for p in found), found
    assert any("flag python-format" in p and "{brand}`email`" in p for p in found), found
    assert any("flag python-brace-format" in p for p in found), found
    assert po_metadata.tidy(path)
    assert check_catalog(path, "fr") == []
    assert "leavexeu@pm.me" in path.read_text(encoding="utf-8")


def test_translated_catalog_without_a_revision_date_is_refused(tmp_path, templates):
    """The status page shows when each catalog last changed: a translated catalog that
    still has gettext's placeholder date is refused, at the header's line."""
    path = fixture_catalog(tmp_path, templates)
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r'"PO-Revision-Date: [^"\n]*"', r'"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"', text
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"') + 1
    problems = check_catalog(path, "fr")
    assert [(p.line, "PO-Revision-Date" in p.message) for p in problems] == [(line, True)], [
        str(p) for p in problems
    ]


def test_interface_strings_may_not_change_the_html_they_are_placed_in(tmp_path, templates):
    path = fixture_catalog(tmp_path, templates, "sphinx")
    line = corrupt(path, "Skip to content", lambda s: s + '" onfocus="alert(1)')
    problems = check_catalog(path, "fr")
    assert any(p.line == line and "unsafe HTML" in p.message for p in problems)


def test_altered_role_is_caught(tmp_path, templates):
    path = fixture_catalog(tmp_path, templates, "about")
    line = corrupt(path, "{brand}`email`", lambda s: s.replace("{brand}`email`", "{brand}`github`"))
    problems = check_catalog(path, "fr")
    assert any("roles differ" in p.message and p.line == line for p in problems)


def test_syntax_error_is_caught_with_file_and_line(tmp_path, templates):
    path = fixture_catalog(tmp_path, templates)
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, text in enumerate(lines, 1) if text.startswith("msgstr") and i > 20)
    lines[broken - 1] = 'msgstr "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_catalog(path, "fr")
    assert [p.line for p in problems] == [broken]
    assert "end-of-line within string" in problems[0].message


def test_untranslated_copy_of_a_long_english_string_is_reported(tmp_path, templates):
    path = fixture_catalog(tmp_path, templates)
    line = corrupt(path, "More than two years", lambda s: s.removeprefix(pseudo("")))
    problems = check_catalog(path, "fr")
    assert [(p.line, "probably untranslated" in p.message) for p in problems] == [(line, True)]


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.code)
def test_published_catalogs_pass_every_check_complete(language):
    assert [str(p) for p in check_language(language.code)] == []
    for domain in (*DOCUMENTS, INTERFACE_DOMAIN):
        stats = progress(language.code, domain)
        assert stats.complete, f"{language.code}/{domain}.po: {stats}"


def test_stats_are_exact_on_a_fixture(tmp_path):
    catalog = catalog_path("xx", "letter", tmp_path)
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"PO-Revision-Date: 2026-01-02 03:04+0000\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "one"\nmsgstr "un"\n\nmsgid "two"\nmsgstr "deux"\n\nmsgid "three"\nmsgstr "trois"\n\n'
        '#, fuzzy\nmsgid "four"\nmsgstr "quatre?"\n\n#, fuzzy\nmsgid "five"\nmsgstr "cinq?"\n\n'
        'msgid "six"\nmsgstr ""\n',
        encoding="utf-8",
    )
    stats = progress("xx", "letter", tmp_path)
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.total) == (3, 2, 1, 6)
    assert stats.ratio == 0.5 and not stats.complete
    assert stats.last_change == "2026-01-02 03:04+0000"


def test_make_stats_and_check_po_run_in_seconds():
    stats = subprocess.run(["make", "-s", "stats"], cwd=ROOT, capture_output=True, text=True)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.splitlines()[0].split() == [
        "language",
        "catalog",
        "translated",
        "fuzzy",
        "untranslated",
        "%",
    ]
    check = subprocess.run(["make", "-s", "check-po"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert f"{len(TRANSLATED)} of {len(TRANSLATED)} languages pass" in check.stdout


@pytest.mark.parametrize("code", ["qq", "x1", "en"])
def test_add_language_refuses_bad_codes(code):
    result = subprocess.run(
        [sys.executable, "-m", "tools.add_language", "--languages", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert code in result.stderr and "error:" in result.stderr


FIXTURE_TABLE = """\
en = { name = "English", english = "English", dir = "ltr", font = "Noto Serif" }
fr = { name = "Français", english = "French", dir = "ltr", font = "Noto Serif" }
"""


@pytest.mark.slow
def test_incomplete_language_gets_a_notice_and_no_pdf(project_copy, templates):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    without_glossary(project_copy)
    locales = catalog_dir("fr", project_copy / "locales")
    for template in templates.glob("*.pot"):
        half = template.stem == "letter"
        counter = iter(range(10_000))
        pseudo_translate(
            template,
            locales / f"{template.stem}.po",
            "fr",
            keep=(lambda m, counter=counter: next(counter) % 2 == 0) if half else (lambda m: True),
        )
    result = run_build(project_copy, "--languages", "en fr")
    assert result.returncode == 0, result.stderr
    site = project_copy / "build" / "site"
    letter = soup_of(page_file(site, "fr", "letter"))
    notice = letter.select_one(".translation-notice")
    assert notice is not None and "%" in notice.get_text()
    assert notice.find("a", hreflang="en")["href"] == "../../en/letter/"
    assert letter.select("article p.untranslated"), "untranslated paragraphs are marked"
    assert not (site / "fr" / "pdf" / "leavex-letter-fr.pdf").exists()
    assert (site / "fr" / "pdf" / "leavex-about-fr.pdf").exists()
    home = soup_of(page_file(site, "fr", "index"))
    withheld = home.select(".print-editions li.pdf-withheld")
    assert len(withheld) == 1 and "letter" not in [
        a["href"] for a in home.select(".print-editions a")
    ]
    assert soup_of(page_file(site, "fr", "about")).select_one(".translation-notice") is None
    status = soup_of(site / "status" / "index.html")
    assert "letter.po" in status.get_text()


@pytest.mark.slow
def test_update_po_marks_changed_english_fuzzy(project_copy, templates):
    without_glossary(project_copy)
    locales = catalog_dir("fr", project_copy / "locales")
    for template in templates.glob("*.pot"):
        pseudo_translate(template, locales / f"{template.stem}.po", "fr")
    letter = project_copy / "docs" / "letter.md"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("has changed for the worse", "got worse"),
        encoding="utf-8",
    )
    # What make update-po runs.
    for command in (["tools.extract"], ["tools.update_catalogs", "--languages", "fr"]):
        assert run_tool(project_copy, *command).returncode == 0
    stats = progress("fr", "letter", project_copy / "locales")
    assert stats.fuzzy == 1 and not stats.complete, stats
    with (locales / "letter.po").open("rb") as stream:
        fuzzy = [m for m in read_po(stream) if m.fuzzy]
    assert "got worse" in fuzzy[0].id and fuzzy[0].string.startswith(pseudo(""))
    # What Babel writes is tidied: contacts in the header, no format flag an entry lacks.
    for catalog in locales.glob("*.po"):
        assert [
            str(p)
            for p in check_catalog(catalog, "fr")
            if "header" in p.message or "flag" in p.message
        ] == []
