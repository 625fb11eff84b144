"""Catalog progress, shared with the Sphinx extensions (docs/_ext/leavex/progress.py)."""

from leavex.progress import Progress, progress  # noqa: E402

from .languages import load  # noqa: F401  (puts docs/_ext on the path)

__all__ = ["Progress", "progress"]
