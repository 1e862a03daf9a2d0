"""A refused correction in the clerk's words (context ``CorrectionWords``), never repeating personal data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.dossier_page.field_words import field_label, status_label
from desktop.dossier_page.status_actions import error_text
from desktop.new_dossier.typed_dates import TypedDateError
from desktop.new_dossier.wording import citizen_id_words
from dossiers.errors import (
    CitizenIdError,
    CorrectionNeedsReason,
    CorrectionNotAllowed,
    InvalidCorrectedValue,
    NothingCorrected,
)


def correction_error_text(error: BaseException) -> str:
    """Why a correction was not saved (nothing was written)."""
    if isinstance(error, CorrectionNotAllowed):
        fields = ", ".join(field_label(code) for code in error.params.get("field_codes", ()))
        return (
            QCoreApplication.translate(
                "CorrectionWords",
                "These details can no longer be corrected: %1. The dossier's status is now: %2.",
            )
            .replace("%1", fields)
            .replace("%2", status_label(str(error.params.get("status_code", "1"))))
        )
    if isinstance(error, NothingCorrected):
        return QCoreApplication.translate("CorrectionWords", "Nothing was changed: correct a detail first.")
    if isinstance(error, CorrectionNeedsReason):
        return QCoreApplication.translate("CorrectionWords", "Give the reason for the correction.")
    if isinstance(error, InvalidCorrectedValue):
        problems = {
            "empty": QCoreApplication.translate("CorrectionWords", "The full name cannot be empty."),
            "after_today": QCoreApplication.translate("CorrectionWords", "The birth date is after today."),
            "unnamed": QCoreApplication.translate("CorrectionWords", "Every document needs its name."),
            "count": QCoreApplication.translate(
                "CorrectionWords", "Every document's count must be at least 1."
            ),
        }
        return problems.get(
            str(error.params.get("problem")),
            QCoreApplication.translate("CorrectionWords", "A corrected value is not acceptable."),
        )
    if isinstance(error, CitizenIdError):
        return citizen_id_words(error)
    if isinstance(error, TypedDateError):
        if error.problem == "format":
            return QCoreApplication.translate(
                "CorrectionWords", "Type the birth date as DD/MM/YYYY, e.g. 05/09/1990."
            )
        return QCoreApplication.translate(
            "CorrectionWords", "The birth date does not exist: check the day and the month."
        )
    return error_text(error)
