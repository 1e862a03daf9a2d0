"""Step 1 of the first-run wizard: the commune this desk serves."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from desktop.commune_picker import CommunePicker
from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from workstation.commune_names import desk_commune_list, official_commune_list


class CommunePage(WizardPage):
    """Which commune this desk serves."""

    def __init__(self) -> None:
        super().__init__()
        self.picker = CommunePicker(self)
        self.intro = note_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.picker)
        self.picker.changed.connect(self.completeChanged)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your commune"))
        self.setSubTitle(
            self.tr("Step 1 of 5. Choose the province, then the commune or ward this desk serves.")
        )
        communes = desk_commune_list()
        if communes is official_commune_list():
            self.intro.setText(
                self.tr(
                    "The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025)."
                )
            )
        else:  # a reference-data release from the province was applied before the set-up
            self.intro.setText(
                self.tr("The list is the one your province published (%1 communes and wards).").replace(
                    "%1", str(sum(c.merged_into is None for c in communes.communes))
                )
            )

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.picker.commune() is not None
