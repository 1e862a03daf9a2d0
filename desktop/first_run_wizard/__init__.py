"""The first-run wizard: commune, agency and opening hours, first clerk, recovery key, enrolment; then creates
the encrypted store in the background (Argon2id and SQLCipher take a moment) with a busy indicator.

One module per page (``commune_page`` … ``finish_page``) and the wizard itself (``wizard``)."""

from __future__ import annotations

from desktop.first_run_wizard.office_page import suggested_agency_id
from desktop.first_run_wizard.wizard import FirstRunWizard

__all__ = ["FirstRunWizard", "suggested_agency_id"]
