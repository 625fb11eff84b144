"""Sphinx configuration of the #LeaveX publication.

One source tree, built once per language: the build passes ``-D language=<code>``, and
everything language-specific is read from ``languages.toml`` by our extensions (the
package ``leavex``, importable from the repository root like the tools: `make` puts the
root on the virtual environment's path).
"""

import os

from leavex.project import DEFAULT_BASE_URL, ROOT_DOCUMENT, SOURCE_LANGUAGE

# -- Project information -----------------------------------------------------

project = "Leave X – Protect Democracy"
author = "#LeaveX"
copyright = "2025, #LeaveX"
language = SOURCE_LANGUAGE  # each edition overrides it on the command line

# -- General configuration ---------------------------------------------------

extensions = [
    # third-party
    "myst_parser",
    "sphinx_design",
    # ours (leavex/)
    "leavex.catalog_checks",
    "leavex.site",
    "leavex.talk",
    "leavex.contacts",
    "leavex.printing",
    "leavex.downloads",
    "leavex.completeness",
    "leavex.cards",
    "leavex.sharing",
    "leavex.patches",
]

root_doc = ROOT_DOCUMENT
exclude_patterns = ["_static", "_templates"]
templates_path = ["docs/_templates"]
nitpicky = True

# -- Internationalisation ----------------------------------------------------

locale_dirs = ["../locales"]  # relative to the source directory, docs/
gettext_compact = False  # one catalog per document: small files for translators
gettext_uuid = False
# Translators' contact in every catalog's header (tools/tidy_catalogs.py keeps it there).
gettext_last_translator = "#LeaveX translators <leavexeu@pm.me>"
gettext_language_team = "#LeaveX translators <leavexeu@pm.me>"
# Mark untranslated paragraphs so that incomplete editions show what is still English.
translation_progress_classes = True

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 2

# -- Options for HTML output -------------------------------------------------

html_theme = "furo"
html_static_path = ["docs/_static"]
html_css_files = ["leavex.css"]
# One deferred script on every page: Furo's page behaviour (its furo.js is not loaded),
# the language switcher's memory, sharing (docs/_static/leavex.js). The pages that need
# them add talk.js (leavex/talk.py) and letter.js (leavex/sharing.py).
html_js_files = [("leavex.js", {"defer": "defer"})]
html_favicon = "docs/_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
html_permalinks_icon = "#"
html_last_updated_fmt = None
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "leavex/language-switcher.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": False,
}

# -- Options of our extensions -----------------------------------------------

# The address the site is published at: canonical URLs, hreflang links, QR codes.
leavex_base_url = os.environ.get("LEAVEX_BASE_URL", DEFAULT_BASE_URL)

# -- Patches of third-party code (leavex.patches) -------------------------------------

# Build-speed fixes to Sphinx, MyST and WeasyPrint, each verified against pinned versions.
# LEAVEX_PATCHES=off builds without any of them (each output in a fresh process): the
# editions are the same, byte for byte, only slower.
leavex_patches = os.environ.get("LEAVEX_PATCHES", "on") != "off"

# -- Print editions (leavex.printing) ----------------------------------------

leavex_paper = os.environ.get("PAPER", "a4")  # or "letter"
# Set by the build from SOURCE_DATE_EPOCH (default: the last commit), for identical rebuilds.
leavex_source_date_epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
