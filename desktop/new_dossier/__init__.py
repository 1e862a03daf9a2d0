"""The "New dossier" screen: pick the procedure, the applicant (typed or from the ID card QR), the documents,
scans, the fee and appointment in words, then save with the code assigned offline and print the receipt."""

from desktop.new_dossier.new_dossier_dialog import NewDossierDialog

__all__ = ["NewDossierDialog"]
