"""Every patch of third-party code, in one place.

A build worker builds many languages in turn (``tools/scheduling.py``); the patches below
keep work that Sphinx, MyST, WeasyPrint and cffi would otherwise redo for every string,
template or font, and keep one language's build from leaking into the next. Each was
found with a profiler (``benchmarks/build.py`` measures the whole) and reaches into code
that is not ours, so:

- each is applied only where the installed versions are the ones it was verified against
  (``Patch.verified``); otherwise it is skipped with a warning naming the versions;
- all of them are switched off by one setting, ``leavex_patches`` in conf.py
  (``LEAVEX_PATCHES=off make``). The build then gives each output of each language a
  fresh process, so no state crosses from one build to the next, and the output is the
  same byte for byte (a test compares).
"""

from __future__ import annotations

import copy
import ctypes.util
import importlib.metadata
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import jinja2
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

# Not through Sphinx's logger: with -W a warning is an error, and a skipped patch costs
# time, not correctness.
logger = logging.getLogger(__name__)


def cache_myst_default_settings() -> None:
    """MyST's renderer evaluates ``options.get("document", make_document())`` for every
    parse, so each translated string (Sphinx parses every msgstr on its own) also builds
    a throwaway document with freshly computed docutils default settings: about 1 ms each,
    100 times per language. The settings depend only on the parser class; we compute them
    once and hand out copies, so nothing is shared between documents."""
    from myst_parser.mdit_to_docutils import base

    if getattr(base.get_default_settings, "leavex_cached", False):
        return
    compute = cache(base.get_default_settings)

    def get_default_settings(*components):
        return copy.copy(compute(*components))

    get_default_settings.leavex_cached = True
    base.get_default_settings = get_default_settings


def reuse_myst_parsers() -> None:
    """MyST builds a new markdown-it parser for every parse (plugins set up, a renderer
    that inspects its own methods): 0.2 ms, and Sphinx parses each translated string on
    its own, 100 times per language. A parser depends only on its configuration, and its
    renderer starts afresh at every render, so a parser whose render is over is lent
    again to the next parse with the same configuration. One still rendering (a parse
    within a parse) is never lent: that parse gets a new one."""
    from myst_parser.parsers import sphinx_ as myst_sphinx

    if getattr(myst_sphinx.create_md_parser, "leavex_reused", False):
        return
    create = myst_sphinx.create_md_parser
    idle: dict[tuple[int, type], tuple[object, object]] = {}

    def create_md_parser(config, renderer):
        key = (id(config), renderer)
        lent = idle.pop(key, None)
        if lent is not None and lent[0] is config:  # same object, not a reused id
            return lent[1]
        parser = create(config, renderer)
        render = parser.render

        def render_then_give_back(src, env=None):
            try:
                return render(src, env)
            finally:
                parser.options.pop("document", None)  # let the document go
                if len(idle) > 16:  # configurations of builds long finished
                    idle.clear()
                idle[key] = (config, parser)

        parser.render = render_then_give_back
        return parser

    create_md_parser.leavex_reused = True
    myst_sphinx.create_md_parser = create_md_parser


def import_weasyprint() -> None:
    """WeasyPrint finds its C libraries (Pango, HarfBuzz…) by trying each one's names on
    every platform. For each name that dlopen() does not know, cffi calls
    ``ctypes.util.find_library``, which runs ldconfig, gcc and ld: about twenty programs,
    0.2 s in every process that imports WeasyPrint. On Linux the names that load are the
    sonames dlopen() finds itself, so while WeasyPrint loads, a lookup consults the
    linker cache only (ctypes' own first step) and skips the compilers."""
    import sys

    if "weasyprint" in sys.modules:
        return
    find_library = ctypes.util.find_library
    linker_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if sys.platform == "linux" and linker_cache is not None:
        ctypes.util.find_library = linker_cache
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = find_library


SIZED_ARRAY = re.compile(r"(?P<item>[A-Za-z_][\w ]*?)\s*\[(?P<length>\d+)\]")


def share_cffi_array_types() -> None:
    """WeasyPrint subsets each font with ``ffi.new(f"hb_codepoint_t[{n}]", values)``.
    cffi caches parsed types by their text, so every new ``n`` is parsed again by
    pycparser (7 ms): about 20 times per language, 0.14 s. An array that takes its length
    from its initial values is the same allocation as ``hb_codepoint_t[]``, parsed once."""
    from weasyprint.text.ffi import ffi

    if "new" in vars(ffi):  # already shared (a worker builds many languages)
        return
    allocate = ffi.new

    def new(cdecl, init=None):
        if init is None:  # by far the most common call: keep it quick
            return allocate(cdecl)
        if isinstance(cdecl, str) and isinstance(init, list | tuple):
            match = SIZED_ARRAY.fullmatch(cdecl)
            if match and int(match["length"]) == len(init):
                return allocate(f"{match['item']}[]", init)
        return allocate(cdecl, init)

    ffi.new = new


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process.

    Every Sphinx application makes a new template environment, which lexes, parses and
    compiles Furo's templates again (35 ms per language). Jinja checks each entry against
    its template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def keep_compiled_templates(app: Sphinx) -> None:
    """Jinja's public API (``Environment.bytecode_cache``), on Sphinx's environment."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if isinstance(environment, jinja2.Environment):
        environment.bytecode_cache = COMPILED_TEMPLATES


def hide_debug_logging() -> None:
    """Sphinx sets its logger to DEBUG and leaves it to its handlers to drop what the
    verbosity hides, so each extension's registrations and each event make a log record
    nobody reads: 1,600 per language. Set the logger to what the handlers show."""
    from sphinx.util import logging as sphinx_logging

    if getattr(sphinx_logging.setup, "leavex_quiet", False):
        return
    setup = sphinx_logging.setup

    def setup_at_shown_level(app, status, warning, *, verbosity: int = 0) -> None:
        setup(app, status, warning, verbosity=verbosity)
        shown = sphinx_logging.VERBOSITY_MAP[max(verbosity, 0)]
        logging.getLogger(sphinx_logging.NAMESPACE).setLevel(shown)

    setup_at_shown_level.leavex_quiet = True
    sphinx_logging.setup = setup_at_shown_level


def forget_translators() -> None:
    """Sphinx keeps the interface's translators in a module-level cache and adds a new
    language as a fallback of the one it has: a worker that built another language before
    would answer in that language. Empty the cache before each build."""
    import sphinx.locale

    sphinx.locale.translators.clear()


@dataclass(frozen=True)
class Patch:
    name: str
    apply: Callable[[], None]
    verified: dict[str, str]  # distribution: the version the patch was verified against
    # "process": once per process; "weasyprint": when WeasyPrint is first needed;
    # "build": before each Sphinx build; "builder": on each builder, given to the patch
    when: str


PATCHES = (
    Patch(
        "MyST default settings", cache_myst_default_settings, {"myst-parser": "5.2.0"}, "process"
    ),
    Patch("MyST parsers lent again", reuse_myst_parsers, {"myst-parser": "5.2.0"}, "process"),
    Patch("WeasyPrint's quick import", import_weasyprint, {"weasyprint": "70.0"}, "weasyprint"),
    Patch(
        "cffi array types parsed once",
        share_cffi_array_types,
        {"weasyprint": "70.0", "cffi": "2.1.1"},
        "weasyprint",
    ),
    Patch("Sphinx's debug records", hide_debug_logging, {"sphinx": "9.0.4"}, "process"),
    Patch("Sphinx's translators per build", forget_translators, {"sphinx": "9.0.4"}, "build"),
    Patch(
        "Jinja templates compiled once",
        keep_compiled_templates,
        {"sphinx": "9.0.4", "jinja2": "3.1.6"},
        "builder",
    ),
)


def enabled() -> bool:
    """The one switch (conf.py's ``leavex_patches``)."""
    from .settings import conf

    return bool(conf().get("leavex_patches", True))


@cache
def applicable(name: str) -> bool:
    """Whether the installed versions are those the patch was verified against; a
    mismatch is said once per process."""
    if not enabled():
        return False
    patch = next(patch for patch in PATCHES if patch.name == name)
    found = {name: importlib.metadata.version(name) for name in patch.verified}
    if found != patch.verified:
        logger.warning(
            "leavex.patches: %r skipped: verified with %s, installed %s. Check that it still "
            "applies, then update its versions in leavex/patches.py.",
            patch.name,
            ", ".join(f"{name} {version}" for name, version in patch.verified.items()),
            ", ".join(f"{name} {version}" for name, version in found.items()),
        )
        return False
    return True


def apply(when: str, *arguments) -> None:
    """Apply the applicable patches of one kind ("process", "build", "builder")."""
    for patch in PATCHES:
        if patch.when == when and applicable(patch.name):
            patch.apply(*arguments)


def load_weasyprint() -> None:
    """Import WeasyPrint (late: only print editions need it), patched where that applies."""
    apply("weasyprint")
    import weasyprint  # noqa: F401  (done already where the quick import applied)


def on_builder_inited(app: Sphinx) -> None:
    apply("builder", app)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("leavex_patches", True, "", types=[bool])
    apply("process")
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
