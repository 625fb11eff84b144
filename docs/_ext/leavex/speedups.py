"""Build speed: work that third-party code repeats for nothing, done once per process.

A build worker builds many languages in turn (``tools/build.py``); each fix below keeps
something it would otherwise redo for every string, template or font. Each was found
with a profiler; ``benchmarks/build.py`` measures the whole.
"""

from __future__ import annotations

import copy
import ctypes.util
import re
from functools import cache

import jinja2
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


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
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if isinstance(environment, jinja2.Environment):
        environment.bytecode_cache = COMPILED_TEMPLATES


def setup(app: Sphinx) -> ExtensionMetadata:
    cache_myst_default_settings()
    reuse_myst_parsers()
    app.connect("builder-inited", keep_compiled_templates)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
