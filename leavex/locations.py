"""Where a language's Sphinx build finds its catalogs and puts its PDFs (from its settings:
a test project has its own)."""

from __future__ import annotations

from pathlib import Path

from .project import catalog_path


def locales_dir(srcdir, config) -> Path:
    """Our catalogs' folder, as Sphinx finds it (locale_dirs is relative to the sources)."""
    return Path(srcdir, config.locale_dirs[0])


def catalog_file(srcdir, config, domain: str) -> Path:
    """A catalog of the language being built."""
    return catalog_path(config.language, domain, locales_dir(srcdir, config))


def pdf_dir(config, outdir) -> Path:
    """Where the print editions go: leavex_pdf_dir, or pdf/ in the builder's output."""
    return Path(config.leavex_pdf_dir or Path(outdir) / "pdf")
