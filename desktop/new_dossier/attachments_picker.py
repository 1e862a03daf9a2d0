"""Scans attached to the new dossier: from files, or from a watched scanner folder; stored encrypted through
the store's attachment store on the store's writer thread (never on the UI thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.warning_text import error_label
from sync.attachments import AttachmentInfo, AttachmentStore
from sync.connection import Connection
from sync.errors import AttachmentTooLarge
from sync.store import Store

SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})
SETTLE_MS = 1500
"""A new file in the scanner folder is taken once it has stopped growing for this long."""


def attachment_value(info: AttachmentInfo, name: str) -> dict[str, Any]:
    """The value recorded in the dossier's ``attachments`` set."""
    return {"sha256": info.sha256, "name": name, "media_type": info.media_type, "size": info.size}


def add_attachment(store: Store, path: Path, now: Callable[[], dt.datetime]) -> AttachmentInfo:
    """Store the file at ``path`` encrypted (on the store's writer); blocks: call it off the UI thread."""

    def operation(conn: Connection) -> AttachmentInfo:
        return AttachmentStore(conn, store.paths.attachments, now=now).add_path(path)

    return store.write(operation).result()


def list_scans(folder: Path) -> list[tuple[Path, int]]:
    """The scans in ``folder`` with their sizes."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SCAN_SUFFIXES or not path.is_file():
            continue
        found.append((path, path.stat().st_size))
    return found


class AttachmentsPicker(QWidget):
    """A list of attached scans, "Add files…" and "Watch scanner folder…"."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        background: Background,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._background = background
        self._now = now
        self.attached: list[dict[str, Any]] = []
        self.pending = 0
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.title.setBuddy(self.list)
        self.add_files = QPushButton(self)
        self.watch_folder = QPushButton(self)
        self.folder_label = QLabel(self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.error = error_label(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.watch_folder)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.error)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._take_settled)
        self._folder: Path | None = None
        self._seen: set[str] = set()
        self._sizes: dict[str, int] = {}
        self.watching = False
        self._scanning = False
        for button in (self.add_files, self.watch_folder):
            button.setAutoDefault(False)
        self.add_files.clicked.connect(self.choose_files)
        self.watch_folder.clicked.connect(self.choose_folder)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Attached scans"))
        self.add_files.setText(self.tr("Attach &files… (F6)"))
        self.watch_folder.setText(self.tr("&Watch scanner folder…"))
        if self._folder is not None:
            self.folder_label.setText(self.tr("Watching: {folder}").format(folder=str(self._folder)))

    # -- choosing -----------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Attach scans"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"))
        dialog.filesSelected.connect(lambda files: [self.add_path(Path(f)) for f in files])
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("The folder the scanner saves into"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda folder: self.watch(Path(folder)))
        dialog.open()

    def watch(self, folder: Path) -> None:
        """Attach every scan that appears in ``folder`` from now on (files already there are left alone).

        The folder is only ever listed off the UI thread (a scanner's network share can be slow): first the
        files already there, then :attr:`watching` is true and new files are taken as they settle.
        """
        if self._folder is not None:
            self.watcher.removePath(str(self._folder))
        self._folder = folder
        self.watching = False
        self._seen = set()
        self._sizes = {}
        self.folder_label.setText(self.tr("Watching: {folder}").format(folder=str(folder)))
        self._background.run(
            lambda: list_scans(folder),
            on_success=lambda scans: self._baseline(folder, scans),
            owner=self,
        )

    def _baseline(self, folder: Path, scans: list[tuple[Path, int]]) -> None:
        if folder != self._folder:
            return
        self._seen = {path.name for path, _size in scans}
        self.watcher.addPath(str(folder))
        self.watching = True
        self._settle.start()  # anything that arrived while the folder was being listed

    def _folder_changed(self, _path: str) -> None:
        self._settle.start()

    def _take_settled(self) -> None:
        folder = self._folder
        if folder is None or not self.watching or self._scanning:
            return
        self._scanning = True
        self._background.run(
            lambda: list_scans(folder),
            on_success=lambda scans: self._settled(folder, scans),
            on_failure=lambda _error: setattr(self, "_scanning", False),
            owner=self,
        )

    def _settled(self, folder: Path, scans: list[tuple[Path, int]]) -> None:
        self._scanning = False
        if folder != self._folder:
            return
        waiting = False
        for path, size in scans:
            if path.name in self._seen:
                continue
            if size == 0 or self._sizes.get(path.name) != size:
                self._sizes[path.name] = size  # still being written: look again shortly
                waiting = True
                continue
            self._seen.add(path.name)
            self.add_path(path)
        if waiting:
            self._settle.start()

    # -- adding -------------------------------------------------------------------------------------------

    def add_path(self, path: Path) -> None:
        """Store the file off the UI thread; it is listed when stored."""
        self.pending += 1
        self.error.clear()
        self._background.run(
            lambda: add_attachment(self._store, path, self._now),
            on_success=lambda info: self._added(info, path.name),
            on_failure=lambda error: self._failed(error, path.name),
            owner=self,
        )

    def _added(self, info: AttachmentInfo, name: str) -> None:
        self.pending -= 1
        if any(a["sha256"] == info.sha256 for a in self.attached):
            self.changed.emit()
            return
        self.attached.append(attachment_value(info, name))
        size_kb = max(1, round(info.size / 1024))
        self.list.addItem(f"{name} ({size_kb} KB)")
        self.changed.emit()

    def _failed(self, error: BaseException, name: str) -> None:
        self.pending -= 1
        if isinstance(error, AttachmentTooLarge):
            self.error.setText(self.tr("{name} is too large to attach.").format(name=name))
        elif isinstance(error, OSError):
            self.error.setText(
                self.tr("{name} could not be read: is it still open in the scanner program?").format(
                    name=name
                )
            )
        else:
            self.error.setText(self.tr("{name} could not be attached.").format(name=name))
        self.changed.emit()
