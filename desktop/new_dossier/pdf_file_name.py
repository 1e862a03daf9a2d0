"""Where a form's PDF is offered to go: the Documents folder, under the form number and the dossier's code
(nothing personal)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from dossiers.dossier import Dossier
from dossiers.dossier_codes import format_code
from dossiers.vietnam_time import VIETNAM_TIME
from sync.folding import fold


def pdf_file_name(form_number: str, dossier: Dossier) -> str:
    """``mau-01-000.00.01.H22-260213-0001.pdf``; a dossier without a code yet (waiting for a supplement) is
    named by when it was received: ``mau-02-20260213-1530.pdf``."""
    form = "-".join(fold(form_number).split())
    if dossier.code is not None:
        return f"{form}-{format_code(dossier.code)}.pdf"
    return f"{form}-{dossier.received_at.astimezone(VIETNAM_TIME):%Y%m%d-%H%M}.pdf"


def documents_folder() -> str:
    """Where a PDF is offered to go first: the clerk's Documents folder (the home folder if the system names
    none), never the folder the program happened to start in."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())
