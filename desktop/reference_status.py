"""The province's reference data on the desk: which catalogue and fee table are in use (status bar), a new
one put into use at the next safe moment, and the warning when this PC's clock is off.

After each sync (:mod:`workstation.reference_sync` brought the data and measured the clock),
:meth:`ReferenceStatus.after_sync` reads what the store and the contact file hold, off the UI thread. A new
catalogue or fee table waits while a reception is being typed (a New dossier window is open, even hidden by a
lock) and is put into use when the last one closes, so a fee never changes under the clerk's hands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from desktop.background import Background
from desktop.warning_text import ERROR_RED, error_label
from workstation.dossier_desk import DossierDesk
from workstation.province_contact import (
    DEFAULT_CLOCK_WARNING_MINUTES,
    ClockWarning,
    ProvinceContact,
    clock_warning,
    note_contact,
    read_contact,
)
from workstation.province_reference import DeskReference, newest_catalogue, read_reference


class ReferenceStatus(QWidget):
    """The status bar's part about the province's reference data (the catalogue's version; the fee table's
    and a waiting update in its tooltip), and the clock warning's strip above the status bar."""

    def __init__(
        self,
        desk: DossierDesk,
        background: Background,
        window: QMainWindow,
        *,
        clock_warning_minutes: int = DEFAULT_CLOCK_WARNING_MINUTES,
    ) -> None:
        super().__init__(window)
        self.setObjectName("reference-status")
        self.desk, self.background = desk, background
        self.threshold = clock_warning_minutes
        self.folder: Path = desk.store.paths.folder
        self.fee_version: int | None = None
        self.pending: DeskReference | None = None
        self.warning: ClockWarning | None = None
        self._receptions: set[int] = set()
        self.last_contact: tuple[str | None, float | None] | None = None
        """When the last contact this area has read was, and the offset measured then."""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.version = QLabel(self)  # short: the sync area beside it needs the status bar's width
        self.version.setObjectName("catalogue-version")
        layout.addWidget(self.version)
        # The clock warning gets a strip of its own above the status bar, as wide as the window, shown only
        # while the clock is off: it must be read, and the status bar has no room for it.
        self.banner = QToolBar(window)
        self.banner.setObjectName("clock-warning-bar")
        self.banner.setMovable(False)
        self.banner.setFloatable(False)
        self.banner.toggleViewAction().setVisible(False)
        self.clock = error_label(self.banner)
        self.clock.setObjectName("clock-warning")
        self.clock.setWordWrap(False)  # one line (a toolbar sizes a wrapped label for a narrow width)
        self.clock.setContentsMargins(4, 2, 4, 2)
        self.clock.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.clock.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.addWidget(self.clock)
        palette = self.clock.palette()  # a toolbar paints its labels' text in the button colours
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
            palette.setColor(role, ERROR_RED)
        self.clock.setPalette(palette)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.banner)
        self.banner.hide()
        self.retranslate()
        folder, store = self.folder, desk.store

        def start() -> tuple[DeskReference, ProvinceContact | None]:
            with store.reader() as conn:
                return read_reference(conn), read_contact(folder)

        background.run(start, on_success=self._started, owner=self)

    # -- the reference data ----------------------------------------------------------------------------------

    @property
    def catalogue_version(self) -> int:
        return self.desk.catalogue.version

    def _started(self, found: tuple[DeskReference, ProvinceContact | None]) -> None:
        reference, contact = found
        self.fee_version = reference.fee_version if reference.fees == self.desk.province_fees else None
        self.last_contact = _measured(contact)  # an old measurement is not shown: the next one is
        self._note_in_use()
        self.retranslate()

    def after_sync(self, *_: object) -> None:
        """A sync ended (well or not): see what it brought and what it measured."""
        folder, store = self.folder, self.desk.store

        def read() -> tuple[DeskReference, ProvinceContact | None]:
            with store.reader() as conn:
                return read_reference(conn), read_contact(folder)

        try:
            self.background.run(read, on_success=self._arrived, owner=self)
        except RuntimeError:  # the desk is closing
            pass

    def _arrived(self, found: tuple[DeskReference, ProvinceContact | None]) -> None:
        reference, contact = found
        if contact is not None and _measured(contact) != self.last_contact:
            self.last_contact = _measured(contact)
            self.warning = clock_warning(contact.clock_offset_seconds, self.threshold)
        current, received = self.desk.catalogue, reference.catalogue
        new_catalogue = received is not None and received.version >= current.version and received != current
        if new_catalogue or (reference.fee_version is not None and reference.fee_version != self.fee_version):
            self.pending = reference
        self.apply_when_safe()
        self.retranslate()

    def reception_opened(self, dialog: QDialog) -> None:
        """A New dossier window opened: nothing changes until it is closed."""
        key = id(dialog)
        self._receptions.add(key)
        dialog.finished.connect(lambda *_: self._reception_closed(key))

    def _reception_closed(self, key: int) -> None:
        self._receptions.discard(key)
        if shiboken6.isValid(self):
            self.apply_when_safe()

    @property
    def reception_in_progress(self) -> bool:
        return bool(self._receptions)

    def apply_when_safe(self) -> None:
        """Put the waiting reference data into use unless a reception is being typed."""
        reference = self.pending
        if reference is None or self._receptions:
            self.retranslate()
            return
        self.pending = None
        self.desk.catalogue = newest_catalogue(self.desk.catalogue, reference.catalogue)
        if reference.fee_version is not None:
            self.desk.province_fees = dict(reference.fees)
            self.fee_version = reference.fee_version
        self._note_in_use()
        self.retranslate()

    def _note_in_use(self) -> None:
        folder = self.folder
        catalogue, fees = self.catalogue_version, self.fee_version
        since = self.desk.clock().astimezone(dt.UTC).isoformat(timespec="seconds")
        try:
            self.background.run(
                lambda: note_contact(
                    folder, catalogue_in_use=catalogue, fee_table_in_use=fees, in_use_since=since
                )
            )
        except RuntimeError:
            pass

    # -- words ----------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.version.setText(self.tr("Catalogue v%1").replace("%1", str(self.catalogue_version)))
        tip = self.tr("Catalogue of procedures: version %1").replace("%1", str(self.catalogue_version))
        if self.fee_version is not None:
            tip += "\n" + self.tr("The province's fee table: version %1").replace("%1", str(self.fee_version))
        if self.pending is not None:
            self.version.setText(
                self.tr("Catalogue v%1 (a new one waits)").replace("%1", str(self.catalogue_version))
            )
            tip += "\n" + self.tr(
                "The province published a new catalogue or fee table. It is used as soon as the "
                "reception being typed is finished or closed."
            )
        self.version.setToolTip(tip)
        warning = self.warning
        if warning is None:
            self.banner.hide()
            self.clock.clear()
            return
        if warning.ahead:
            words = self.tr(
                "This computer's clock is %1 minutes ahead of the provincial server's. Receipts, appointment "
                "dates and dossier numbers use it: ask IT to set the clock right."
            )
        else:
            words = self.tr(
                "This computer's clock is %1 minutes behind the provincial server's. Receipts, appointment "
                "dates and dossier numbers use it: ask IT to set the clock right."
            )
        self.clock.setText(words.replace("%1", str(warning.minutes)))
        self.clock.setToolTip(self.clock.text())  # all of it, should a large font cut the line
        self.banner.show()


def _measured(contact: ProvinceContact | None) -> tuple[str | None, float | None] | None:
    return None if contact is None else (contact.contact_at, contact.clock_offset_seconds)
