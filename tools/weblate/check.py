"""Run Weblate's own quality checks on the #LeaveX catalogs and glossaries.

Not part of `make test`: Weblate is a large Django application with C extensions, so it
gets an environment of its own (on Debian it needs pkg-config, cmake, and the -dev
packages of lz4, zstd, xxhash, acl, openssl, cairo, gobject-introspection and pango):

    python3 -m venv /tmp/weblate-venv
    /tmp/weblate-venv/bin/pip install -r tools/weblate/requirements.txt
    PYTHONPATH=. /tmp/weblate-venv/bin/python tools/weblate/check.py [--lang de,fr]
      [--component-flags-documents md-text] [--component-flags-interface ""] [--quiet]

Run from the repository's root. With the component settings CONTRIBUTING.md gives and the
per-string flags the catalogs carry (ignore-same on names, ignore-end-* where a language's
punctuation differs from the English by rule), Weblate 5.14.3 raised no alarm on any of
the 27 languages; --self-test plants known faults to show that the checks do fire.

What it does, the way Weblate does it (weblate/trans/models/unit.py: Unit.run_checks):

* every catalog locales/<lang>/LC_MESSAGES/<name>.po is loaded with Weblate's own
  gettext format class (weblate.formats.ttkit.PoFormat, which wraps translate-toolkit);
  one Weblate component per catalog name (index, letter, about, essay, flyer, sphinx),
  all in one project, as CONTRIBUTING.md "Submit: two ways" sets them up;
* component flags: `md-text` for the document catalogs, none for sphinx.po; unit flags
  come from the file exactly as Weblate reads them (PoUnit.flags: `#,` typecomments such
  as python-format, minus fuzzy, plus md-text/rst-text derived from the locations);
  flags are merged with the real Unit.get_all_flags / Translation.all_flags /
  Component.all_flags code;
* for every translated, non-fuzzy unit, every check in CHECKS.target (the CHECK_LIST
  of Weblate's default settings) is asked through its public entry point
  `check_target(sources, targets, unit)`, which itself applies should_skip (ignore-*
  flags, default_disabled checks enabled only by their flag, per-language skips);
* the source units (English, one per component and string) get CHECKS.source through
  `check_source(sources, unit)`;
* the TBX glossaries are loaded with weblate.formats.ttkit.TBXFormat as a glossary
  component and get CHECKS.glossary, as Unit.run_checks does for is_glossary.

No database: the Project/Component/Translation/Unit objects are light stand-ins that
expose what the checks read (source, target, context, note, flags, state, language,
plural, component name, project name ...). The language and plural objects are Weblate's
real (unsaved) Language and Plural models. Where a check queries the database, the query
is answered from the loaded catalogs by a stand-in with the same filter semantics:
  - ConsistencyCheck reads unit.propagated_units (Unit.objects.same(): same source and
    context, same language, same project, any component, excluding the unit itself);
  - ReusedCheck calls Unit.objects.same_target(unit) (UnitQuerySet.same_target);
  - TranslatedCheck only looks at history for untranslated units (none are checked);
  - MultipleFailingCheck counts the translations with failing checks for a source unit
    (get_related_checks), answered from this run's own results;
  - LongUntranslatedCheck reads unit.timestamp and the states of the unit's translations.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import django
from django.conf import settings

from leavex.project import DOCUMENTS as DOCUMENTS_ALL
from leavex.project import INTERFACE_DOMAIN, ROOT

DOCUMENTS = DOCUMENTS_ALL
INTERFACE = (INTERFACE_DOMAIN,)


def configure_django() -> None:
    """Weblate's example settings, with an in-memory SQLite that nothing ever queries."""
    import weblate.settings_example as example

    conf = {key: getattr(example, key) for key in dir(example) if key.isupper()}
    conf["DATABASES"] = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    conf["CACHES"] = {"default": locmem, "avatar": locmem}
    settings.configure(**conf)
    django.setup()


configure_django()

import weblate.trans.models as trans_models  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from weblate.checks.flags import Flags  # noqa: E402
from weblate.checks.models import CHECKS  # noqa: E402
from weblate.formats.ttkit import PoFormat, TBXFormat  # noqa: E402
from weblate.lang.models import Language, Plural  # noqa: E402
from weblate.trans.models import Component, Translation, Unit  # noqa: E402
from weblate.trans.util import split_plural  # noqa: E402
from weblate.utils.state import (  # noqa: E402
    STATE_EMPTY,
    STATE_FUZZY,
    STATE_READONLY,
    STATE_TRANSLATED,
)
from weblate.utils.version import VERSION  # noqa: E402


# ---------------------------------------------------------------- query stand-ins
class StandInQuerySet:
    """The few QuerySet operations the checks use, over an in-memory list of units."""

    def __init__(self, items):
        self.items = list(items)

    @staticmethod
    def _match(item, key, value) -> bool:
        field, _, lookup = key.partition("__")
        current = getattr(item, field)
        if lookup == "gte":
            return current >= value
        if lookup == "in":
            return current in value
        if lookup:
            raise NotImplementedError(key)
        return current == value

    def filter(self, **kwargs):
        return StandInQuerySet(
            i for i in self.items if all(self._match(i, k, v) for k, v in kwargs.items())
        )

    def exclude(self, **kwargs):
        return StandInQuerySet(
            i for i in self.items if not all(self._match(i, k, v) for k, v in kwargs.items())
        )

    def exists(self) -> bool:
        return bool(self.items)

    def count(self) -> int:
        return len(self.items)

    def values_list(self, field, flat=False):
        path = field.split("__")

        def get(item):
            for part in path:
                item = getattr(item, part)
            return item

        return StandInQuerySet(get(i) for i in self.items)

    def distinct(self):
        seen = []
        for item in self.items:
            if item not in seen:
                seen.append(item)
        return StandInQuerySet(seen)

    def order(self):
        return self

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)


class Registry:
    """All units of the run: the 'database' the stand-in queries read."""

    def __init__(self):
        self.units: list[StandInUnit] = []
        self.failing: list[tuple[StandInUnit, str]] = []  # (unit, check_id)

    def same(self, unit):
        """UnitQuerySet.same(unit) + Unit.propagated_units filters."""
        tr = unit.translation
        comp = tr.component
        return StandInQuerySet(
            u
            for u in self.units
            if u is not unit
            and u.source == unit.source
            and u.context == unit.context
            and u.translation.component.project is comp.project
            and u.translation.language.code == tr.language.code
            and u.translation.component.source_language.code == comp.source_language.code
            and u.translation.component.allow_translation_propagation
            and u.translation.plural_id == tr.plural_id
        )

    def same_target(self, unit, target=None):
        """UnitQuerySet.same_target(unit, target)."""
        if target is None:
            target = unit.target
        if not target or not any(split_plural(target)):
            return StandInQuerySet([])
        tr = unit.translation
        comp = tr.component
        result = [
            u
            for u in self.units
            if u.state >= STATE_TRANSLATED
            and u.target == target
            and u.translation.component.project is comp.project
            and u.translation.language.code == tr.language.code
            and u.translation.component.source_language.code == comp.source_language.code
            and u.translation.component.allow_translation_propagation
            and u.translation.plural_id == tr.plural_id
            and u.translation.plural.number > 1
            and u.source != unit.source
        ]
        if not tr.language.is_case_sensitive():
            result = [u for u in result if u.source.lower() != unit.source.lower()]
        return StandInQuerySet(result)


REGISTRY = Registry()


class StandInUnitManager:
    """Replaces Unit.objects for the one query ReusedCheck makes."""

    def same_target(self, unit, target=None):
        return REGISTRY.same_target(unit, target)


# ---------------------------------------------------------------- model stand-ins
def real(prop):
    """The function behind a Weblate (Django or functools) cached_property."""
    return getattr(prop, "real_func", None) or prop.func


class StandInProject:
    def __init__(self, name):
        self.name = name
        self.id = self.pk = 1
        self.check_flags = ""


class StandInComponent:
    """Exposes what the checks read from weblate.trans.models.Component."""

    all_flags = property(lambda self: real(Component.all_flags)(self))
    file_format_flags = property(lambda self: real(Component.file_format_flags)(self))
    is_multivalue = property(lambda self: Component.is_multivalue.fget(self))

    def __init__(self, project, name, file_format_cls, check_flags, is_glossary, pk):
        self.project = project
        self.name = name
        self.slug = name
        self.id = self.pk = pk
        self.file_format = file_format_cls.format_id
        self.file_format_cls = file_format_cls
        self.check_flags = check_flags
        self.is_glossary = is_glossary
        self.source_language = make_language("en")
        self.allow_translation_propagation = True  # Weblate's default
        self.batch_checks = False
        self.batched_checks = set()
        self.enforced_checks = []
        self.intermediate = ""
        self.stats = SimpleNamespace(translated_percent=100.0)

    def has_template(self):
        return False


class StandInTranslation:
    all_flags = property(lambda self: real(Translation.all_flags)(self))

    def __init__(self, component, language, plural, check_flags="", filename=""):
        self.component = component
        self.language = language
        self.language_code = language.code
        self.plural = plural
        self.plural_id = (plural.number, plural.formula)
        self.check_flags = check_flags
        self.filename = filename
        self.is_source = language.code == component.source_language.code
        self.enable_review = False

    def invalidate_cache(self):
        pass


class StandInUnit:
    """Exposes what the checks read from weblate.trans.models.Unit.

    Flags are merged by the real Unit.get_all_flags; plurals are split by the real
    Unit.get_source_plurals / get_target_plurals / adjust_plurals.
    """

    get_all_flags = Unit.get_all_flags
    get_source_plurals = Unit.get_source_plurals
    get_target_plurals = Unit.get_target_plurals
    adjust_plurals = Unit.adjust_plurals
    is_plural = property(lambda self: real(Unit.is_plural)(self))
    source_string = property(lambda self: real(Unit.source_string)(self))
    readonly = Unit.readonly
    translated = Unit.translated
    fuzzy = Unit.fuzzy
    approved = Unit.approved

    _next_pk = 1

    def __init__(
        self,
        translation,
        source,
        target,
        context,
        note,
        flags,
        state,
        pos,
        location,
        source_unit=None,
    ):
        self.translation = translation
        self.source = source
        self.target = target
        self.context = context
        self.note = note
        self.flags = flags  # string, as Unit.flags stores Flags(unit.flags).format()
        self.extra_flags = ""
        self.explanation = ""
        self.state = state
        self.position = pos
        self.location = location
        self.source_unit = source_unit if source_unit is not None else self
        self.pk = self.id = StandInUnit._next_pk
        StandInUnit._next_pk += 1
        self.check_cache = {}
        self.all_checks_names = set()
        self.timestamp = timezone.now() - timedelta(days=365)
        self.children = []  # target units of a source unit (Unit.unit_set)
        self._all_flags = None

    @property
    def all_flags(self):
        if self._all_flags is None:
            self._all_flags = self.get_all_flags()
        return self._all_flags

    @property
    def is_source(self):
        return self.source_unit is self

    @property
    def propagated_units(self):
        return REGISTRY.same(self)

    @property
    def unit_set(self):
        return StandInQuerySet(self.children)


# ---------------------------------------------------------------- languages
LANGUAGES: dict[str, Language] = {}


def make_language(code: str) -> Language:
    if code not in LANGUAGES:
        LANGUAGES[code] = Language(code=code, name=code)
    return LANGUAGES[code]


def make_plural(language: Language, plural_forms: str | None) -> Plural:
    if plural_forms:
        number, formula = Plural.parse_plural_forms(plural_forms)
    else:  # English source
        number, formula = 2, "n != 1"
    return Plural(language=language, source=Plural.SOURCE_GETTEXT, number=number, formula=formula)


def state_of(tt_unit, all_flags_of) -> int:
    """Unit.get_unit_state for a bilingual PO/TBX unit without review."""
    if tt_unit.is_readonly():
        return STATE_READONLY
    if "read-only" in all_flags_of():
        return STATE_READONLY
    if tt_unit.is_fuzzy():
        return STATE_FUZZY
    if not tt_unit.is_translated():
        return STATE_EMPTY
    return STATE_TRANSLATED


# ---------------------------------------------------------------- loading
def translated_unit(tt, pos, translation, source_translation, source_units, key):
    """The unit of a translate-toolkit unit in ``translation``, and its read-only English
    unit when this is the first language that has the string (Weblate keeps one source
    unit per string of a component, in ``source_units`` by ``key``), else None."""
    flags = Flags(tt.flags).format()
    new_source = None
    if key not in source_units:
        new_source = source_units[key] = StandInUnit(
            source_translation,
            tt.source,
            tt.source,
            tt.context,
            tt.notes,
            flags,
            STATE_READONLY,
            pos,
            tt.locations,
        )
    unit = StandInUnit(
        translation,
        tt.source,
        tt.target,
        tt.context,
        tt.notes,
        flags,
        STATE_EMPTY,
        pos,
        tt.locations,
        source_unit=source_units[key],
    )
    unit.state = state_of(tt, lambda u=unit: u.all_flags)
    return unit, new_source


def load(root: Path, languages: list[str], doc_flags: str, ui_flags: str, project_name: str):
    project = StandInProject(project_name)
    components = {}
    source_translations = {}
    source_units: dict[tuple[str, str, str], StandInUnit] = {}
    targets: list[StandInUnit] = []
    pk = 1
    for name in (*DOCUMENTS, *INTERFACE):
        components[name] = StandInComponent(
            project, name, PoFormat, doc_flags if name in DOCUMENTS else ui_flags, False, pk
        )
        pk += 1
        en = make_language("en")
        # Weblate's source translation of a bilingual component is read-only
        source_translations[name] = StandInTranslation(
            components[name], en, make_plural(en, None), check_flags="read-only"
        )

    for code in languages:
        language = make_language(code)
        for name, component in components.items():
            path = root / "locales" / code / "LC_MESSAGES" / f"{name}.po"
            if not path.exists():
                continue
            store = PoFormat(str(path), language_code=code, source_language="en")
            header = store.store.parseheader()
            translation = StandInTranslation(
                component,
                language,
                make_plural(language, header.get("Plural-Forms")),
                filename=str(path.relative_to(root)),
            )
            for pos, tt in enumerate(store.content_units, 1):
                key = (name, tt.source, tt.context)
                unit, new_source = translated_unit(
                    tt, pos, translation, source_translations[name], source_units, key
                )
                if new_source is not None:
                    REGISTRY.units.append(new_source)
                unit.source_unit.children.append(unit)
                REGISTRY.units.append(unit)
                targets.append(unit)
    return components, list(source_units.values()), targets


def load_glossaries(root: Path, languages: list[str], project):
    comp = StandInComponent(project, "glossary", TBXFormat, "", True, 100)
    en = make_language("en")
    src_tr = StandInTranslation(comp, en, make_plural(en, None), check_flags="read-only")
    units = []
    seen_sources = {}
    for code in languages:
        path = root / "glossary" / f"{code}.tbx"
        if not path.exists():
            continue
        language = make_language(code)
        store = TBXFormat(str(path), language_code=code, source_language="en")
        translation = StandInTranslation(
            comp, language, make_plural(language, None), filename=str(path.relative_to(root))
        )
        for pos, tt in enumerate(store.content_units, 1):
            key = (tt.source, tt.context)
            unit, new_source = translated_unit(tt, pos, translation, src_tr, seen_sources, key)
            if new_source is not None:
                units.append(new_source)
            units.append(unit)
    return units


# ---------------------------------------------------------------- running
def short(text: str, length: int = 70) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= length else text[: length - 1] + "…"


def describe(check, unit) -> str:
    if check.check_id == "multiple_failures":
        # Weblate's description links each failing check of the string's translations
        failing = defaultdict(list)
        for other, check_id in REGISTRY.failing:
            if other.source_unit is unit:
                failing[check_id].append(other.translation.language.code)
        return "Following checks are failing: " + "; ".join(
            f"{c}: {', '.join(sorted(langs))}" for c, langs in sorted(failing.items())
        )
    try:
        text = str(check.get_description(SimpleNamespace(unit=unit, name=check.check_id)))
    except Exception as error:  # noqa: BLE001
        return f"(no description: {error})"
    return re.sub(r"\s+", " ", strip_tags(text)).strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=ROOT, type=Path)
    parser.add_argument("--lang", default="", help="comma-separated codes (default all)")
    parser.add_argument("--component-flags-documents", default="md-text")
    parser.add_argument("--component-flags-interface", default="")
    parser.add_argument("--project-name", default="LeaveX")
    parser.add_argument("--quiet", action="store_true", help="summary only")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="plant known faults in memory and show that the checks "
        "and stand-ins catch them (files are not touched)",
    )
    args = parser.parse_args(argv)

    root = args.root
    languages = (
        args.lang.split(",")
        if args.lang
        else sorted(p.name for p in (root / "locales").iterdir() if p.is_dir())
    )

    # The one database query made directly on the model manager (ReusedCheck)
    trans_models.Unit.objects = StandInUnitManager()

    components, source_units, targets = load(
        root,
        languages,
        args.component_flags_documents,
        args.component_flags_interface,
        args.project_name,
    )
    project = next(iter(components.values())).project

    if args.self_test:
        return self_test(targets)

    print(
        f"Weblate {VERSION}; checks in CHECK_LIST: {len(CHECKS)} "
        f"(target {len(CHECKS.target)}, source {len(CHECKS.source)}, "
        f"glossary {len(CHECKS.glossary)})"
    )
    enabled = sorted(c for c, o in CHECKS.target.items() if not o.default_disabled)
    print(f"target checks enabled by default ({len(enabled)}): {', '.join(enabled)}")
    print(
        "component flags: "
        + "; ".join(
            f"{n}: '{c.check_flags}' -> all_flags '{c.all_flags.format()}'"
            for n, c in components.items()
        )
    )

    alarms = defaultdict(list)  # check_id -> [(lang, file, unit, detail)]
    checked = 0
    flag_usage = defaultdict(int)
    for unit in targets:
        if unit.state < STATE_TRANSLATED:  # only translated, non-fuzzy units
            continue
        checked += 1
        flag_usage[unit.all_flags.format()] += 1
        src = unit.get_source_plurals()
        tgt = unit.get_target_plurals()
        for check_id, check in CHECKS.target.items():
            if unit.readonly:
                break  # Unit.run_checks: no target checks on read-only units
            if check.check_target(src, tgt, unit):
                unit.all_checks_names.add(check_id)
                REGISTRY.failing.append((unit, check_id))
                alarms[check_id].append(unit)

    # Source checks, on the English source units
    related = CHECKS.source.get("multiple_failures")
    if related is not None:

        def get_related_checks(unit_ids, _ids=None):
            ids = set(unit_ids)
            return StandInQuerySet(
                SimpleNamespace(unit=u, name=c)
                for u, c in REGISTRY.failing
                if u.pk in ids or u.source_unit.pk in ids
            )

        related.get_related_checks = get_related_checks
    source_alarms = defaultdict(list)
    for unit in source_units:
        for check_id, check in CHECKS.source.items():
            if check.check_source(unit.get_source_plurals(), unit):
                source_alarms[check_id].append(unit)

    # Glossary component
    glossary_units = load_glossaries(root, languages, project)
    glossary_alarms = defaultdict(list)
    for unit in glossary_units:
        for check_id, check in CHECKS.glossary.items():
            if check.check_target(unit.get_source_plurals(), unit.get_target_plurals(), unit):
                glossary_alarms[check_id].append(unit)

    print(
        f"checked {checked} translated non-fuzzy units in {len(languages)} languages; "
        f"{len(source_units)} source units; {len(glossary_units)} glossary units"
    )
    print(
        "flag sets seen on checked units: "
        + "; ".join(f"'{k}': {v}" for k, v in sorted(flag_usage.items()))
    )
    print()

    total = 0
    for check_id in sorted(alarms):
        check = CHECKS[check_id]
        by_lang = defaultdict(list)
        for unit in alarms[check_id]:
            by_lang[unit.translation.language.code].append(unit)
        total += len(alarms[check_id])
        print(
            f"=== {check_id} ({check.name}): {len(alarms[check_id])} alarm(s) in "
            f"{len(by_lang)} language(s): {', '.join(sorted(by_lang))}"
        )
        if args.quiet:
            continue
        for code in sorted(by_lang):
            for unit in by_lang[code]:
                print(f"  [{code}] {unit.translation.filename}")
                print(f"      msgid:  {short(unit.source)}")
                print(f"      msgstr: {short(unit.target)}")
                print(f"      why:    {short(describe(check, unit), 160)}")
    for kind, table in (("source", source_alarms), ("glossary", glossary_alarms)):
        for check_id in sorted(table):
            check = CHECKS[check_id]
            print(f"=== {kind} check {check_id} ({check.name}): {len(table[check_id])} alarm(s)")
            total += len(table[check_id])
            if args.quiet:
                continue
            for unit in table[check_id]:
                where = unit.translation.filename or unit.translation.component.name
                print(f"  [{unit.translation.language.code}] {where}: {short(unit.source)}")
                if kind == "source":
                    print(f"      why:    {short(describe(check, unit), 300)}")
    print()
    print("SUMMARY (check, count, languages)")
    for kind, table in (
        ("target", alarms),
        ("source", source_alarms),
        ("glossary", glossary_alarms),
    ):
        for check_id in sorted(table):
            langs = sorted({u.translation.language.code for u in table[check_id]})
            print(f"  {kind:8} {check_id:22} {len(table[check_id]):4}  {' '.join(langs)}")
    print(f"total alarms: {total}")
    return 0


def self_test(targets) -> int:
    """Plant one fault per kind in memory; every planted fault must be caught."""

    def find(code, name, pred):
        return next(
            u
            for u in targets
            if u.translation.language.code == code
            and u.translation.component.name == name
            and pred(u)
        )

    plants = []

    def plant(unit, target, expected):
        unit.target = target
        plants.append((unit, expected))

    de_size = find("de", "sphinx", lambda u: "%(size)s" in u.source)
    plant(de_size, de_size.target.replace("%(size)s", "%(grösse)s"), "python_format")
    de_link = find("de", "about", lambda u: "](essay.md)" in u.source)
    plant(de_link, de_link.target.replace("](essay.md)", "] (essay.md)"), "md-link")
    de_bold = find("de", "letter", lambda u: "**" in u.source)
    plant(de_bold, de_bold.target.replace("**", ""), "md-syntax")
    fr_colon = find("fr", "about", lambda u: u.source.endswith(" want to:"))
    plant(fr_colon, re.sub(r"\s+:", ":", fr_colon.target), "punctuation_spacing")
    # the same English in two components translated two ways -> inconsistent
    dup = [
        u
        for u in targets
        if u.translation.language.code == "it" and u.source == "Leave X – Protect Democracy"
    ]
    assert len(dup) >= 2, "no repeated source"
    plant(dup[0], dup[0].target + " ora", "inconsistent")
    # two different English strings translated the same -> reused (nplurals > 1)
    pl_units = [
        u
        for u in targets
        if u.translation.language.code == "pl" and u.translation.component.name == "sphinx"
    ]
    plant(pl_units[1], pl_units[0].target, "reused")
    cs_unit = find("cs", "essay", lambda u: len(u.source) > 40)
    plant(cs_unit, "ano ano " + cs_unit.target, "duplicate")
    en_same = find("sv", "index", lambda u: len(u.source.split()) > 4)
    plant(en_same, en_same.source, "same")

    failures = 0
    for unit, expected in plants:
        fired = sorted(
            cid
            for cid, check in CHECKS.target.items()
            if check.check_target(unit.get_source_plurals(), unit.get_target_plurals(), unit)
        )
        ok = expected in fired
        failures += not ok
        print(
            f"{'ok  ' if ok else 'MISS'} expected {expected:20} fired {fired}  "
            f"[{unit.translation.language.code}/{unit.translation.component.name}] "
            f"{short(unit.target, 60)}"
        )
    print(f"{len(plants) - failures} of {len(plants)} planted faults caught")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
