"""Where a language's build finds its catalogs and puts its PDFs."""

from __future__ import annotations

from pathlib import Path

from .progress import catalog_path

# The catalog of interface strings (templates, our extensions, Sphinx's own): Sphinx
# translates them through its "sphinx" message domain.
INTERFACE_DOMAIN = "sphinx"


def locales_dir(srcdir, config) -> Path:
    """Our catalogs' folder, as Sphinx finds it (locale_dirs is relative to the sources)."""
    return Path(srcdir, config.locale_dirs[0])


def catalog_file(srcdir, config, domain: str) -> Path:
    """A catalog of the language being built."""
    return catalog_path(locales_dir(srcdir, config), config.language, domain)


def pdf_dir(config, outdir) -> Path:
    """Where the print editions go: leavex_pdf_dir, or pdf/ in the builder's output."""
    return Path(config.leavex_pdf_dir or Path(outdir) / "pdf")
