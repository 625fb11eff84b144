"""Print editions: a Sphinx builder that renders each document to a tagged PDF (WeasyPrint).

Each document goes through a minimal template (``print/document.html``) and a print
stylesheet, never through the web theme: no sidebars, no "documentation" chrome. Links
point to the online edition; the talk becomes its title, link and QR code; a QR code and
short link at the end lead to the document's own online edition in the same language.
"""

from __future__ import annotations

import html
import logging as stdlib_logging
import os
import re
import time
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.html5 import HTML5Translator

from . import flyers, fonts, hyphenation, languages, patches
from .completeness import is_printable
from .locations import catalog_file, pdf_dir
from .project import INTERFACE_DOMAIN, PRINT_DOCUMENTS, page_path, pdf_name
from .qrcodes import qr_svg

logger = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# The letter and the flyer step down from the language's body size (languages.toml), half
# a point at a time, until they fit on one page (never below MIN_FITTED_SIZE; a letter may
# then take two pages, a flyer never).
MIN_FITTED_SIZE = 9.0
SIZE_STEP = 0.5
MAX_PAGES = {"letter": 2, flyers.FLYER: 1}

# One WeasyPrint font configuration per process: fonts found and loaded once, then reused
# for every document of every language a worker builds.
_font_config = None


def font_config():
    global _font_config
    if _font_config is None:
        patches.load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


class PrintEditionError(SphinxError):
    category = "Print edition error"


class FetchRefused(PrintEditionError):
    """WeasyPrint asked for something that is not one of the project's files."""


@cache
def offline_fetcher_class():
    """A WeasyPrint URL fetcher that serves the project's own files and inline data only.

    A print edition never goes online: a remote image (say, a tracking pixel slipped into
    a translation) would be fetched from the build machine and embedded in the PDF. Any
    other address stops the edition with an error naming it. (A class made on first use:
    WeasyPrint is imported late, see patches.load_weasyprint.)"""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class ProjectFilesOnly(URLFetcher):
        def __init__(self, roots: tuple[Path, ...], where: str) -> None:
            super().__init__()
            self.roots, self.where = tuple(root.resolve() for root in roots), where

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                    return super().fetch(url, headers)
            # Fatal: WeasyPrint would otherwise log the failure and print without it.
            raise FatalURLFetchingError(
                f"{self.where}: refused to fetch {url}: print editions use only the "
                f"project's own files and never go online"
            )

    return ProjectFilesOnly


@lru_cache(maxsize=4)
def parsed_stylesheet(path: str, mtime_ns: int):
    """The print stylesheet, parsed once per process (and again when it is edited):
    WeasyPrint objects for stylesheets are meant to be shared between documents."""
    from weasyprint import CSS

    fetcher = offline_fetcher_class()((Path(path).parent,), path)
    return CSS(filename=path, font_config=font_config(), url_fetcher=fetcher)


@lru_cache(maxsize=2)
def image_cache(static_files_changed: int) -> dict:
    """WeasyPrint's images (the banner) by URL, loaded once per process for as long as
    the static files stay as they are."""
    return {}


TAG = re.compile(r"<[^>]+>")


class WeasyPrintWarnings(stdlib_logging.Handler):
    """Pass WeasyPrint's warnings (an unsupported CSS rule, an unreadable image) to Sphinx,
    where ``-W`` turns them into errors instead of letting them scroll by."""

    def emit(self, record: stdlib_logging.LogRecord) -> None:
        logger.warning("WeasyPrint: %s", record.getMessage(), type="leavex", subtype="print")


def capture_weasyprint_logs() -> None:
    progress = stdlib_logging.getLogger("weasyprint.progress")
    progress.setLevel(stdlib_logging.WARNING)  # not its progress reports
    progress.propagate = False
    weasyprint_logger = stdlib_logging.getLogger("weasyprint")
    weasyprint_logger.setLevel(stdlib_logging.WARNING)
    weasyprint_logger.propagate = False
    if not any(isinstance(h, WeasyPrintWarnings) for h in weasyprint_logger.handlers):
        weasyprint_logger.addHandler(WeasyPrintWarnings())


def online_url(config, code: str, docname: str) -> str:
    """The address of a document's online edition: ``<site>/<lang>/<doc>/``."""
    return f"{config.leavex_base_url.rstrip('/')}/{code}/{page_path(docname)}"


def short_link(url: str) -> str:
    """What is printed under the QR code: the address without its scheme."""
    return re.sub(r"^https?://", "", url)


def source_date(config) -> datetime:
    """The edition's date, from SOURCE_DATE_EPOCH, so that rebuilds are byte-identical."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or config.leavex_source_date_epoch or 0)
    return datetime.fromtimestamp(epoch, tz=UTC)


class PrintTranslator(HTML5Translator):
    """HTML for paper: external links show where they lead; a name never breaks at its
    slash (a flyer's headline must not end a line on "X/"). A word joiner (U+2060), not a
    nowrap box: WeasyPrint breaks lines badly before a box that does not fit."""

    UNBROKEN = {"X/Twitter": "X/\u2060Twitter"}

    def visit_Text(self, node: nodes.Text) -> None:
        super().visit_Text(node)
        for name, joined in self.UNBROKEN.items():
            self.body[-1] = self.body[-1].replace(name, joined)

    def depart_reference(self, node: nodes.Element) -> None:
        super().depart_reference(node)
        uri = node.get("refuri", "")
        if not uri or uri.startswith("#"):
            return
        shown = uri.removeprefix("mailto:").split("?", 1)[0]
        if node.astext().strip() in (uri, shown):
            return
        self.body.append(f' <span class="url" dir="ltr">{self.encode(short_link(shown))}</span>')


class PrintBuilder(StandaloneHTMLBuilder):
    """One PDF per document, written to ``leavex_pdf_dir``."""

    name = "leavexprint"
    format = "html"
    epilog = "The print editions are in %(outdir)s."
    search = False
    copysource = False
    default_translator_class = PrintTranslator
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg"]

    def init(self) -> None:
        super().init()
        self.language = languages.get(self.config.language)

    @property
    def static_dir(self) -> Path:
        """The stylesheet and banner: the site's static files (html_static_path)."""
        return Path(self.confdir, self.config.html_static_path[0]).resolve()

    @property
    def pdf_dir(self) -> Path:
        return pdf_dir(self.config, self.outdir)

    def editions(self, docname: str) -> list[Path]:
        """The PDFs made of a document: one, or for the flyer, the flyer and its sheet."""
        names = [docname, flyers.SHEET] if docname == flyers.FLYER else [docname]
        return [self.pdf_dir / pdf_name(name, self.language.code) for name in names]

    def get_outdated_docs(self):
        for docname in PRINT_DOCUMENTS:
            if docname not in self.env.found_docs:
                continue  # a project without this document (a test's, say)
            pdfs = self.editions(docname)
            if not is_printable(self.srcdir, self.config, docname):
                for pdf in pdfs:
                    pdf.unlink(missing_ok=True)  # an older edition must not outlive its translation
                logger.info("%s: print edition withheld until its translation is complete", docname)
                continue
            newest_input = max(
                Path(self.env.doc2path(docname)).stat().st_mtime, self._catalog_mtime(docname)
            )
            if any(not pdf.exists() or pdf.stat().st_mtime < newest_input for pdf in pdfs):
                yield docname

    def _catalog_mtime(self, docname: str) -> float:
        catalogs = (
            catalog_file(self.srcdir, self.config, domain) for domain in (docname, INTERFACE_DOMAIN)
        )
        return max((path.stat().st_mtime for path in catalogs if path.exists()), default=0.0)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # On paper a link to another document leads to its online edition.
        return online_url(self.config, self.language.code, docname)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def post_process_images(self, doctree: nodes.Node) -> None:
        super().post_process_images(doctree)
        # Point images at their sources: WeasyPrint reads them from disk.
        self.imgpath = ""
        for candidate in list(self.images):
            self.images[candidate] = str(Path(self.srcdir, candidate))

    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        self.pdf_dir.mkdir(parents=True, exist_ok=True)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname not in PRINT_DOCUMENTS or not is_printable(self.srcdir, self.config, docname):
            return
        started = time.perf_counter()
        doctree.settings = self.docsettings
        self.secnumbers = {}
        self.fignumbers = {}
        self.imgpath = ""
        self.current_docname = docname
        visitor = self.create_translator(doctree, self)
        doctree.walkabout(visitor)
        body = "".join(visitor.fragment)
        title = self.env.titles[docname].astext()
        target, *derived = self.editions(docname)
        if docname in MAX_PAGES:
            document = self.fit(docname, title, body)
        else:
            document = self.render_checked(docname, title, body, self.language.print_size)
        self.write_pdf(document, target)
        if docname == flyers.FLYER:
            paper = self.config.leavex_paper
            flyers.impose(target, derived[0], paper, title, self.language.bcp47)
        logger.info("%s: %s (%.2f s)", docname, target.name, time.perf_counter() - started)

    def render_checked(self, docname: str, title: str, body: str, size: float):
        page = self.render_print_page(docname, title, body, size)
        self.check_glyphs(docname, page)
        return self.render_pdf(page, f"{self.language.code}/{docname}")

    def fit(self, docname: str, title: str, body: str):
        """The largest type size, from the language's own down by half points, that sets
        the document on one page. Most languages fit at the first size tried; for the
        others a binary search over the smaller sizes finds the largest that fits (more
        text never takes fewer pages) in two or three layouts instead of up to eight."""
        start = self.language.print_size
        steps = int((start - MIN_FITTED_SIZE) / SIZE_STEP)
        sizes = [start - SIZE_STEP * step for step in range(steps + 1)]
        smallest = self.render_checked(docname, title, body, sizes[0])
        if len(smallest.pages) == 1:
            return smallest
        fitting, low, high = None, 1, len(sizes) - 1  # the sizes still open, largest first
        while low <= high:
            middle = (low + high) // 2
            document = self.render_checked(docname, title, body, sizes[middle])
            if len(document.pages) == 1:
                fitting, high = document, middle - 1
            else:
                smallest, low = document, middle + 1
        if fitting is not None:
            return fitting
        # Nothing fits on one page: the smallest size decides (a letter may take two).
        pages, size = len(smallest.pages), sizes[-1]
        if pages > MAX_PAGES[docname]:
            raise PrintEditionError(
                f"{self.language.code}/{docname}: {pages} pages even at {size} pt; it must not "
                f"exceed {MAX_PAGES[docname]}: shorten the translation"
            )
        return smallest

    def render_print_page(self, docname: str, title: str, body: str, size: float) -> str:
        flyer = docname == flyers.FLYER
        url = online_url(self.config, self.language.code, flyers.LEADS_TO if flyer else docname)
        if flyer:
            qr_label = flyers.qr_label(short_link(url))
            paper = flyers.FLYER_PAGE[self.config.leavex_paper][0]
        else:
            qr_label = _("QR code leading to this document online: %(address)s") % {
                "address": short_link(url)
            }
            paper = PAPER_SIZES[self.config.leavex_paper]
        date = source_date(self.config)
        context = {
            "language": self.language,
            "title": title,
            "body": body,
            "docname": docname,
            "author": "#LeaveX",
            "campaign": str(_("Leave X – Protect Democracy")),
            "online_url": url,
            "online_short": short_link(url),
            "online_qr": qr_svg(url, qr_label),
            "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "fonts": fonts.font_stack(self.language),
            "font_size": size,
            "paper": paper,
            "banner": str(self.static_dir / "leavex-banner.svg"),
            "_": _,
        }
        template = "print/flyer.html" if flyer else "print/document.html"
        return self.templates.render(template, context)

    def check_glyphs(self, docname: str, page: str) -> None:
        """Refuse to print a character that no configured font has (never a silent box)."""
        text = html.unescape(TAG.sub(" ", re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)))
        try:
            missing = fonts.uncovered(text, self.language)
        except fonts.MissingFontError as err:
            raise PrintEditionError(f"{self.language.code}/{docname}: {err}") from None
        if missing:
            stack = ", ".join(fonts.font_stack(self.language))
            characters = "; ".join(fonts.describe(ch) for ch in missing)
            raise PrintEditionError(
                f"{self.language.code}/{docname}: no configured font ({stack}) has {characters}"
            )

    def render_pdf(self, page: str, where: str):
        capture_weasyprint_logs()
        fonts_found = font_config()  # first: it imports WeasyPrint the quick way
        from weasyprint import HTML

        hyphenation.preload(self.language.bcp47)
        static = self.static_dir
        stylesheet = static / "print.css"
        from weasyprint.urls import FatalURLFetchingError

        fetcher = offline_fetcher_class()((Path(self.srcdir), static), where)
        try:
            return HTML(string=page, base_url=str(self.srcdir), url_fetcher=fetcher).render(
                stylesheets=[parsed_stylesheet(str(stylesheet), stylesheet.stat().st_mtime_ns)],
                cache=image_cache(max(path.stat().st_mtime_ns for path in static.iterdir())),
                font_config=fonts_found,
                pdf_variant="pdf/ua-1",
                pdf_tags=True,
            )
        except FatalURLFetchingError as err:
            raise FetchRefused(str(err)) from None

    def write_pdf(self, document, target: Path) -> None:
        staged = target.with_suffix(".pdf.part")
        document.write_pdf(
            staged,
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
            pdf_identifier=target.name.encode(),
            custom_metadata=True,
        )
        os.replace(staged, target)

    def copy_assets(self) -> None:
        # Paper needs no web assets: the print template reads the sources' own files.
        # The folder is still made, as Furo writes its pygments.css there after any build.
        self._static_dir.mkdir(parents=True, exist_ok=True)

    def finish(self) -> None:
        pass  # no indices, extra pages, search index or object inventory for paper


def on_builder_inited(app: Sphinx) -> None:
    if app.config.leavex_paper not in PAPER_SIZES:
        from sphinx.errors import ConfigError

        raise ConfigError(
            f"leavex_paper = {app.config.leavex_paper!r}: use one of {', '.join(PAPER_SIZES)}"
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("leavex_pdf_dir", "", "", types=[str])
    # Settings that change what is printed: a change re-reads and re-renders everything.
    app.add_config_value("leavex_paper", "a4", "env", types=[str])
    app.add_config_value("leavex_source_date_epoch", 0, "env", types=[int])
    app.add_builder(PrintBuilder)
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
