"""Import an al-folio (Jekyll) site as a sphinx-folio site: ``sphinx-folio import-alfolio``."""

from __future__ import annotations

from .importer import UsageError, import_alfolio
from .report import AlfolioError, Note, Report

__all__ = ["AlfolioError", "Note", "Report", "UsageError", "import_alfolio"]
