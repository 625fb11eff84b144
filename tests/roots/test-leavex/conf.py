"""A tiny project for the fast tests: the publication's extensions, templates and
stylesheets on four short documents, in two languages (languages.toml here)."""

from leavex.project import DOCS
from leavex.settings import conf

project = "Leave X – Protect Democracy"
author = "#LeaveX"
copyright = "2025, #LeaveX"
language = "en"

# The publication's own extensions, as its conf.py lists them.
extensions = conf()["extensions"]
root_doc = "index"
exclude_patterns = ["_build", "locales"]
templates_path = [str(DOCS / "_templates")]
nitpicky = True

locale_dirs = ["locales"]
gettext_compact = False
translation_progress_classes = True

myst_enable_extensions = ["colon_fence"]

html_theme = "furo"
html_static_path = [str(DOCS / "_static")]
html_css_files = ["leavex.css"]
html_sidebars = {"**": ["sidebar/brand.html", "leavex/language-switcher.html"]}
