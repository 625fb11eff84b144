"""The project's sources as a unit: what a copy of the project needs to build."""

from __future__ import annotations

import shutil
from pathlib import Path

from leavex.project import ROOT

SOURCES = (
    "conf.py",
    "languages.toml",
    "requirements.txt",
    "docs",
    "glossary",
    "leavex",
    "locales",
    "tools",
)


def copy_sources(destination: Path) -> Path:
    """Copy what builds the editions (not build/, not the environment) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return destination
