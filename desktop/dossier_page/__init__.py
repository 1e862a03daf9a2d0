"""A dossier's page: details, documents, attachments, timeline, status actions and conflict resolution."""

from desktop.dossier_page.dossier_view import DossierWindow

__all__ = ["DossierWindow"]
