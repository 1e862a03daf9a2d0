"""Side by side, the competing values of one conflicting field: who wrote each, where and when; pick or type.

Built from ``sync.conflicts.explain``. The provisional value (what the desk shows until someone decides) is
marked. A status conflict shows the two transitions in words and can only be settled by picking one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dossier_page.field_words import device_time_text, field_label, replica_text, value_text
from desktop.warning_text import error_label
from sync.conflicts import Conflict, explain
from sync.field_policies import FieldKind
from sync.version_vectors import EventId

INTEGER_FIELDS = frozenset({"fee", "sets", "register_line"})
DATE_FIELDS = frozenset({"appointment", "applicant_birth_date"})
_DMY = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")


def typed_value(field: str, text: str) -> Any:
    """The value typed for ``field``, as the record stores it; ``ValueError`` (in words) if unusable."""
    text = text.strip()
    if not text:
        raise ValueError(QCoreApplication.translate("ConflictDialog", "Type the new value first."))
    if field in INTEGER_FIELDS:
        digits = text.replace(".", "").replace(" ", "").removesuffix("đ")
        if not digits.isdigit():
            raise ValueError(QCoreApplication.translate("ConflictDialog", "Type a whole number."))
        return int(digits)
    if field in DATE_FIELDS:
        match = _DMY.fullmatch(text)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                return dt.date(year, month, day).isoformat()
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(
                QCoreApplication.translate(
                    "ConflictDialog", "Type a date as day/month/year, e.g. 23/02/2026."
                )
            ) from None
    return text


class ConflictDialog(QDialog):
    """Resolve one conflict: ``resolution()`` gives ``{"choose": EventId}`` or ``{"value": ...}``."""

    def __init__(self, conflict: Conflict, own_replica_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.explained = explain(conflict)
        self.setWindowTitle(self.tr("Conflict: %1").replace("%1", field_label(conflict.field)))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        heading = QLabel(self)
        heading.setWordWrap(True)
        bold = QFont()
        bold.setBold(True)
        heading.setFont(bold)
        heading.setText(
            self.tr("%1 was changed in two places at the same time.").replace(
                "%1", field_label(conflict.field)
            )
        )
        layout.addWidget(heading)
        hint = QLabel(self)
        hint.setWordWrap(True)
        hint.setText(
            self.tr(
                "Decide which value is right. Nothing is lost: every write stays in the timeline. "
                "Times are those of each device's clock."
            )
        )
        layout.addWidget(hint)

        self.group = QButtonGroup(self)
        self.choice_buttons: list[QRadioButton] = []
        self._chosen_events: list[EventId] = []
        by_text = {str(c.event_id): c.event_id for c in conflict.competitors}
        sides = QHBoxLayout()
        layout.addLayout(sides)
        for number, choice in enumerate(self.explained["choices"], start=1):
            box = QGroupBox(self.tr("Value %1").replace("%1", str(number)), self)
            column = QVBoxLayout(box)
            button = QRadioButton(value_text(conflict.field, choice["value"]), box)
            button.setFont(bold)
            column.addWidget(button)
            if choice["provisional"]:
                marker = QLabel(self.tr("Shown now, until you decide"), box)
                column.addWidget(marker)
            for write in choice["writes"]:
                when = device_time_text(dt.datetime.fromisoformat(write["device_time"]))
                where = replica_text(write["side"], write["replica"], own_replica_id)
                line = QLabel(
                    self.tr("By %1, %2, at %3 (that device's clock)")
                    .replace("%1", write["author"])
                    .replace("%2", where)
                    .replace("%3", when),
                    box,
                )
                line.setWordWrap(True)
                column.addWidget(line)
            column.addStretch(1)
            sides.addWidget(box, 1)
            self.group.addButton(button)
            self.choice_buttons.append(button)
            self._chosen_events.append(by_text[choice["writes"][0]["event"]])

        self.new_button: QRadioButton | None = None
        self.new_value: QLineEdit | None = None
        if conflict.kind is not FieldKind.STATE:
            row = QHBoxLayout()
            self.new_button = QRadioButton(self.tr("Type a new value:"), self)
            self.new_value = QLineEdit(self)
            self.new_value.textEdited.connect(lambda _text: self.new_button.setChecked(True))  # type: ignore[union-attr]
            self.group.addButton(self.new_button)
            row.addWidget(self.new_button)
            row.addWidget(self.new_value, 1)
            layout.addLayout(row)
        else:
            note = QLabel(self.tr("A status conflict is settled by choosing one of the two changes."), self)
            note.setWordWrap(True)
            layout.addWidget(note)

        self.error = error_label(self)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Resolve"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Decide later"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._resolution: dict[str, Any] | None = None
        for button, event_id in zip(self.choice_buttons, self._chosen_events, strict=True):
            if event_id == conflict.provisional:
                button.setFocus()

    def pick(self, number: int) -> None:
        """Select the ``number``-th value (0-based), as a click would."""
        self.choice_buttons[number].setChecked(True)

    def value_texts(self) -> list[str]:
        return [button.text() for button in self.choice_buttons]

    def resolution(self) -> dict[str, Any] | None:
        """What the clerk decided (after ``accept``)."""
        return self._resolution

    def accept(self) -> None:
        checked = self.group.checkedButton()
        if checked is None:
            self._show(self.tr("Choose one of the values, or type a new one."))
            return
        if checked is self.new_button:
            assert self.new_value is not None
            try:
                self._resolution = {"value": typed_value(self.conflict.field, self.new_value.text())}
            except ValueError as error:
                self._show(str(error))
                return
        else:
            self._resolution = {"choose": self._chosen_events[self.choice_buttons.index(checked)]}
        super().accept()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
