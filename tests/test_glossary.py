"""The translators' glossary and style sheets: complete for every language, and enforced."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import ROOT, TRANSLATED
from test_translators import corrupt

from leavex import glossary
from leavex.catalog_checks import check_catalog
from leavex.project import catalog_path

pytestmark = pytest.mark.fast


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.code)
def test_every_language_has_a_complete_glossary_and_style_sheet(language):
    template = {entry.get("id") for entry in ElementTree.parse(glossary.TEMPLATE).iter("termEntry")}
    terms = glossary.terms(language.code)
    assert {term.id for term in terms} == template, "every term translated"
    sheet = glossary.style(language.code)
    assert len(sheet.address) > 20 and len(sheet.inclusive) > 20
    assert all(sheet.quotes) and all(sheet.nested_quotes)
    assert re.search(r"2025", glossary.normalised_digits(sheet.date))


def french_project(tmp_path: Path, domain: str = "letter") -> Path:
    """The French catalog and its glossary and style sheet, in a folder of their own."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    target = catalog_path("fr", domain, tmp_path / "locales")
    target.parent.mkdir(parents=True)
    shutil.copy(catalog_path("fr", domain), target)
    assert check_catalog(target, "fr") == []
    return target


def test_a_translation_without_the_glossary_term_is_refused(tmp_path):
    path = french_project(tmp_path)
    line = corrupt(path, "Open letter to all", lambda s: s.replace("Lettre ouverte", "Missive"))
    problems = check_catalog(path, "fr")
    expected = glossary.terms("fr")[[t.id for t in glossary.terms("fr")].index("open-letter")]
    assert any(
        p.line == line and "“open letter”" in p.message and f"“{expected.expected}”" in p.message
        for p in problems
    ), [str(p) for p in problems]
    assert f"letter.po:{line}: glossary" in str(problems[0])


def test_quotation_marks_of_another_language_are_refused(tmp_path):
    path = french_project(tmp_path, "essay")
    german = lambda s: re.sub(r"\s*»", "“", re.sub(r"«\s*", "„", s))  # noqa: E731
    line = corrupt(path, "Why staying on X", german)
    problems = check_catalog(path, "fr")
    assert any(
        p.line == line and "style: quotation marks „ are not" in p.message for p in problems
    ), [str(p) for p in problems]


def test_a_number_grouped_otherwise_than_the_language_is_refused(tmp_path):
    path = french_project(tmp_path)
    grouped = glossary.style("fr").digit_group.join(["3", "230"])
    line = corrupt(path, "petition phase", lambda s: s.replace(grouped, "3,230"))
    problems = check_catalog(path, "fr")
    assert any(p.line == line and "style: write 3,230 as" in p.message for p in problems), [
        str(p) for p in problems
    ]


def test_terms_match_whole_words_in_spaced_and_unspaced_scripts():
    assert glossary.found("open letter", "an open letter.")
    assert not glossary.found("open letter", "reopen letters")
    assert not glossary.found("open letter", "open letters")
    assert glossary.found("offene* Brief*", "den offenen Briefen")
    assert glossary.found("X/Twitter", "X/Twitterを使う")
    assert glossary.found("公開書簡", "この公開書簡を")
    assert glossary.found("*ال*رسالة", "بالرسالة") or glossary.found("*رسالة", "بالرسالة")


def test_a_new_language_starts_from_the_template(tmp_path, monkeypatch):
    text = glossary.new_glossary("is", "Icelandic")
    path = tmp_path / "is.tbx"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY", tmp_path)
    (tmp_path / "is.toml").write_text(glossary.new_style_sheet("is", "Icelandic"), encoding="utf-8")
    terms = {term.id: term for term in glossary.terms("is", tmp_path)}
    assert terms["name-mastodon"].expected == "Mastodon"  # names need no translation
    assert "open-letter" not in terms  # for the translators to fill in
    sheet = glossary.style("is", tmp_path)
    assert sheet.date == "6. janúar 2025" and sheet.digit_group == "."
    assert sheet.quotation_marks == set()  # quotation marks not yet chosen: none checked
