"""The practice desk: the real desk's screens on the practice store, with a simulated province.

:class:`PracticeDesk` is a :class:`~desktop.app.DeskController` whose store is the practice store
(``workstation.practice.practice_store``: its own folder, a fixed passphrase, opened without asking), whose
sync goes to the in-process :class:`~workstation.practice.simulated_province.SimulatedProvince`, and whose
every window wears the practice look. It never enrols, never syncs with a server and never writes or reads a
USB bundle (each refused in words); every form it prints carries the practice mark. Started by
``motcua --practice`` (then quitting quits) or from the unlock screen (then quitting goes back to it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from desktop.app import DeskController, new_replica_id, utc_now
from desktop.language import catalogue_bytes
from desktop.main_window import MainWindow
from desktop.practice.exercises_dialog import ExercisesDialog
from desktop.practice.practice_cards import render_cards_pdf
from desktop.practice.practice_look import PracticeLook
from desktop.printing.practice_mark import start_practice_printing, stop_practice_printing
from dossiers.vietnam_time import VIETNAM_TIME
from workstation.dossier_desk import QueueFilter
from workstation.opening import DeskSession
from workstation.practice.exercises import PROGRESS_FILE_NAME, ProgressBook, check_exercises
from workstation.practice.practice_store import (
    CAST,
    citizens_for,
    desk_commune,
    open_practice_store,
    practice_data_dir,
    practice_locations,
    practice_new_id,
    remove_practice_store,
)
from workstation.practice.simulated_province import SimulatedProvince
from workstation.settings import SiteSettings, load_local_settings
from workstation.store_lock import StoreInUse
from workstation.work_session import WorkSession


class PracticeDesk(DeskController):
    """The desk in practice mode (see the module docstring)."""

    ended = Signal()
    """Practice mode was left (started from the unlock screen: the real desk shows it again)."""
    reset_done = Signal()

    def __init__(
        self,
        app: QApplication,
        data_dir: Path | None,
        *,
        standalone: bool,
        now: Callable[[], dt.datetime] = utc_now,
        new_id: Callable[[], str] = new_replica_id,
    ) -> None:
        super().__init__(app, practice_locations(data_dir), now=now, new_id=practice_new_id(new_id))
        self.standalone = standalone
        self.data_dir = data_dir
        self.practice_folder = practice_data_dir(data_dir)
        self.progress = ProgressBook(self.practice_folder / PROGRESS_FILE_NAME)
        self.look = PracticeLook(app)
        self.province: SimulatedProvince | None = None
        self.exercises_dialog: ExercisesDialog | None = None
        self.refusal: QMessageBox | None = None
        self.reset_question: QMessageBox | None = None
        self.printed: list[tuple[str, str]] = []
        self.cards_written: Path | None = None

    # --- start: the practice store, opened without asking -------------------------------------------------

    def start(self) -> None:
        start_practice_printing(lambda form, code: self.printed.append((form, code)))
        self.look.install()
        locations, now, new_id, data_dir = self.locations, self.now, self.new_id, self.data_dir

        def prepare() -> tuple[object, DeskSession | None, bytes | None, StoreInUse | None]:
            local = load_local_settings(locations.settings_file)
            in_use = self._lock_store(locations.store_folder)
            session = (
                None
                if in_use
                else open_practice_store(
                    locations.store_folder, now=now, new_id=new_id, commune=desk_commune(data_dir)
                )
            )
            return local, session, catalogue_bytes(local.language), in_use

        self.background.run(prepare, on_success=self._practice_ready)

    def _practice_ready(
        self, result: tuple[object, DeskSession | None, bytes | None, StoreInUse | None]
    ) -> None:
        local, session, catalogue, in_use = result
        self.local = local  # type: ignore[assignment]
        self.store_folder = self.locations.store_folder
        self.language.apply(self.local.language, catalogue)
        self._apply_font(self.local.font_points)
        if in_use is not None or session is None:
            self._refuse_to_open(in_use)  # type: ignore[arg-type]
        else:
            self._opened(session)
            self.idle.stop()  # practice never locks: nothing in it is secret
        self.ready.emit()

    def _remember_commune(self, site: object) -> None:
        """The practice store's commune is never copied anywhere (the real desk's file is only read)."""

    def _site(self) -> SiteSettings | None:
        """The practice store's own site (its commune is the one its citizens live in)."""
        return self.session.site if self.session is not None else None

    def lock(self, mode: str = "locked") -> None:
        """Practice mode does not lock (its store holds only made-up citizens)."""

    # --- the window: practice menu, simulated province, refusals -----------------------------------------

    def _main_window(self) -> MainWindow:
        fresh = self.window is None
        window = super()._main_window()
        if fresh:
            self.menu_practice = QMenu(self.tr("&Practice"), window)
            self.action_exercises = QAction(self.tr("&Exercises…"), window)
            self.action_exercises.setShortcut(QKeySequence("Ctrl+Shift+E"))
            self.action_exercises.triggered.connect(self.open_exercises)
            self.action_cards = QAction(self.tr("Print the practice &cards…"), window)
            self.action_cards.triggered.connect(self.print_cards)
            self.action_reset = QAction(self.tr("&Reset the practice data…"), window)
            self.action_reset.triggered.connect(lambda: self.ask_reset(""))
            self.action_leave = QAction(self.tr("&Leave practice mode"), window)
            self.action_leave.triggered.connect(self.quit)
            for action in (self.action_exercises, self.action_cards, self.action_reset, self.action_leave):
                self.menu_practice.addAction(action)
            window.menuBar().insertMenu(window.menu_help.menuAction(), self.menu_practice)
            window.toolbar.addSeparator()
            window.toolbar.addAction(self.action_exercises)
            window.action_clerks.setEnabled(False)
        return window

    def _work_opened(self, work: WorkSession) -> None:
        today = work.today()
        conflict = {c.card: c for c in citizens_for(today, self._site())}[CAST.conflict_card].id_number
        self.province = SimulatedProvince(now=self.now, new_id=self.new_id, conflict_ids={conflict})
        super()._work_opened(work)
        if self.queue is not None:  # the sample queue was received on earlier days: show all of it
            self.queue.set_filter(QueueFilter.ALL)
        screens = self.screens
        assert screens is not None
        screens.sync.set_transport_factory(self.province.transport)  # the simulated province, in process
        status = screens.sync_status
        for action, what in ((status.action_export, "export"), (status.action_import, "import")):
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, what=what: self.refuse(what))

    def refuse(self, what: str) -> QMessageBox:
        """Say in words why practice mode does not do ``what`` ("export", "import", "enrol", "sync")."""
        words = {
            "export": self.tr(
                "Practice mode never writes a USB bundle: practice data must not reach the province."
            ),
            "import": self.tr(
                "Practice mode never reads a USB bundle: real data must not enter the practice store."
            ),
            "enrol": self.tr("Practice mode never enrols with the provincial server."),
        }
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Practice mode"), words.get(what, ""), parent=self.window
        )
        box.setObjectName(f"practice-refusal-{what}")
        self.refusal = box
        box.open()
        return box

    # --- exercises, cards, reset --------------------------------------------------------------------------

    def open_exercises(self) -> ExercisesDialog:
        dialog = self.exercises_dialog
        if dialog is None:
            dialog = ExercisesDialog(self.background, self._check, self.window)
            dialog.reset_requested.connect(self.ask_reset)
            self.exercises_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _check(self, trainee: str) -> tuple[tuple, dict[str, str]]:
        """Runs on a worker thread."""
        work = self.work
        if work is None:
            raise RuntimeError("the practice desk is not open")
        results = check_exercises(work.desk, work.today(), self._site())
        return results, self.progress.record(trainee, results, self.now())

    def print_cards(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the practice cards"), "the-thuc-hanh.pdf", self.tr("PDF files (*.pdf)")
        )
        if not name:
            return
        today = self.now().astimezone(VIETNAM_TIME).date()
        citizens = citizens_for(today, self._site())
        self.background.run(  # the chosen file (maybe a USB stick) is written off the UI thread
            lambda: render_cards_pdf(citizens, name),
            on_success=self._cards_saved,
            on_failure=lambda _error: self._status(
                self.tr("The practice cards could not be written there. Check the folder and try again.")
            ),
        )

    def _cards_saved(self, path: Path) -> None:
        self.cards_written = path
        self._status(self.tr("Practice cards saved."))

    def _status(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 10_000)

    def ask_reset(self, trainee: str = "") -> QMessageBox:
        """Ask before going back to the start (what the trainee did in the practice store is deleted)."""
        text = self.tr(
            "Delete everything done in practice mode and start again with the sample dossiers? "
            "Real data is not touched."
        )
        if trainee:
            text += " " + self.tr("The progress of %1 starts again too.").replace("%1", trainee)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Reset the practice data"), text, parent=self.window
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self.reset(trainee))
        self.reset_question = box
        box.open()
        return box

    def reset(self, trainee: str = "") -> None:
        """Back to the start: the practice store deleted and made again (and ``trainee``'s progress)."""
        if self.session is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget not in (self.window, self.exercises_dialog):
                widget.hide()
        if self.screens is not None:
            self.screens.shutdown()
        session, self.session, self.work = self.session, None, None
        folder, now, new_id, progress = self.store_folder, self.now, self.new_id, self.progress
        data_dir = self.data_dir

        def again() -> DeskSession:
            session.store.close()
            remove_practice_store(folder)
            if trainee:
                progress.forget(trainee)
            return open_practice_store(folder, now=now, new_id=new_id, commune=desk_commune(data_dir))

        self.background.run(again, on_success=self._reset_opened)

    def _reset_opened(self, session: DeskSession) -> None:
        self._opened(session)
        self.idle.stop()
        self.reset_done.emit()

    # --- leaving ------------------------------------------------------------------------------------------

    def quit(self) -> None:
        if self.standalone:
            super().quit()
            return
        for widget in QApplication.topLevelWidgets():
            if widget.property("motcua_practice_look") or widget is self.window:
                widget.hide()
        self.shutdown()
        self.ended.emit()

    def shutdown(self) -> None:
        super().shutdown()
        stop_practice_printing()
        self.look.remove()
        self.language.release()  # the real desk's own translator stays


def practice_desk(
    app: QApplication,
    data_dir: Path | None,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    standalone: bool,
) -> PracticeDesk:
    """The factory the ``motcua`` entry point hands to ``desktop.app`` (which does not import this module)."""
    return PracticeDesk(app, data_dir, standalone=standalone, now=now, new_id=new_id)
