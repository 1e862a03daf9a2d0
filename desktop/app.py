"""Application start-up and the desk's flow: first-run wizard or unlock screen, main window, lock, settings.

:class:`DeskController` owns the screens and the session. Everything slow (settings file, key file,
Argon2id, the store) goes through :class:`~desktop.background.Background`; the UI thread only shows things.

Locking hides every window of the session (data included) and shows the unlock screen; windows open at that
moment are parked per clerk and shown again when the same clerk unlocks, so half-typed input survives a
lock. The desk's dialogs therefore use ``open()``/``show()``, never a nested ``exec()``.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.background import Background
from desktop.clerks_dialog import ClerksDialog
from desktop.commune_notice import CommuneNotice
from desktop.desk_screens import DeskScreens
from desktop.first_run_wizard import FirstRunWizard
from desktop.idle_lock import IdleWatcher
from desktop.language import LanguageSwitcher, catalogue_bytes
from desktop.main_window import MainWindow
from desktop.queue_view import QueueView
from desktop.settings_dialog import DeskPreferences, SettingsDialog
from desktop.unlock_screen import UnlockScreen
from desktop.window_geometry import geometry_text, restore_geometry
from resources import use_reference_data
from sync.store import StorePaths
from workstation.about import app_version
from workstation.crash_log import CrashLog, start_logging
from workstation.installed_versions import InstalledVersions, apply_at_start
from workstation.it_commands.workstation_paths import LOG_FOLDER_NAME
from workstation.opening import DeskSession, clerk_logins, unlock_workstation, workstation_exists
from workstation.practice.practice_store import practice_data_dir
from workstation.settings import (
    DEFAULT_AUTO_LOCK_MINUTES,
    CommuneIdentity,
    LocalSettings,
    Locations,
    SiteSettings,
    load_local_settings,
    resolve_locations,
    save_local_settings,
    store_folder_for,
    write_site_settings,
)
from workstation.store_lock import StoreInUse, StoreLock
from workstation.sync_schedule import AutoSync
from workstation.work_session import WorkSession, open_work_session

MINUTE_MS = 60_000
GEOMETRY_SAVE_SECONDS = 5.0
DESK_HOLDER = "the motcua desk"
"""How the desk names itself in the store's lock file (an IT command refused meanwhile shows it)."""


@dataclass(frozen=True)
class StartState:
    """What the desk found at start: settings, the store's folder, whether it exists, or who holds it."""

    local: LocalSettings
    folder: Path
    exists: bool
    logins: tuple[str, ...]
    catalogue: bytes | None
    in_use: StoreInUse | None


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_replica_id() -> str:
    return uuid.uuid4().hex


PracticeFactory = Callable[..., "DeskController"]
"""Makes the practice desk (``desktop.practice.practice_desk.practice_desk``; handed in by the entry point,
so that this module does not import it): ``(app, data_dir, *, now, new_id, standalone)``."""


class DeskController(QObject):
    """The desk's screens and session. ``idle_unit_ms`` is one auto-lock "minute" (tests shorten it)."""

    ready = Signal()
    """The first screen (wizard or unlock) is shown."""
    session_opened = Signal(object)
    work_opened = Signal(object)
    """The desk's work session (``workstation.work_session.WorkSession``) is ready: the queue is shown."""
    locked = Signal()
    preferences_applied = Signal()

    def __init__(
        self,
        app: QApplication,
        locations: Locations,
        *,
        now: Callable[[], datetime] = utc_now,
        new_id: Callable[[], str] = new_replica_id,
        idle_unit_ms: int = MINUTE_MS,
        backoff_base_seconds: float = 1.0,
        practice_desk: PracticeFactory | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        # Qt's own dialogs, never the system's: they speak the desk's language (desktop.language), the
        # system's speak the system's.
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        self.locations = locations
        self.now = now
        self.new_id = new_id
        self.idle_unit_ms = idle_unit_ms
        self.backoff_base_seconds = backoff_base_seconds
        self.background = Background(self)
        self.language = LanguageSwitcher(app)
        self.local = LocalSettings()
        self._local_lock = threading.Lock()
        self.store_folder = locations.store_folder
        self.session: DeskSession | None = None
        self.work: WorkSession | None = None
        self.queue: QueueView | None = None
        self.screens: DeskScreens | None = None
        self.commune_notice: CommuneNotice | None = None
        self.is_locked = False
        self.wizard: FirstRunWizard | None = None
        self.window: MainWindow | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.clerks_dialog: ClerksDialog | None = None
        self.in_use_message: QMessageBox | None = None
        self.store_lock: StoreLock | None = None
        """This desk's hold on the store (see :mod:`workstation.store_lock`), from start to shutdown."""
        self.unlock_screen = UnlockScreen(self.background, self._attempt_unlock)
        self.unlock_screen.unlocked.connect(self._opened)
        self.unlock_screen.quit_requested.connect(self.quit)
        self.practice_desk, self.data_dir = practice_desk, data_dir
        self.practice: DeskController | None = None
        """The practice desk started from the unlock screen ("Thực hành"), while it runs."""
        self.unlock_screen.practice_requested.connect(self.start_practice)
        self.unlock_screen.set_practice_available(practice_desk is not None)
        self.idle = IdleWatcher(app, DEFAULT_AUTO_LOCK_MINUTES * idle_unit_ms, self)
        self.idle.idle.connect(self.lock)
        self._logins: tuple[str, ...] = ()
        self._parked: dict[str, list[QWidget]] = {}
        self.background.failed.connect(self._background_failed)

    # --- start ---------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Read the plain settings, lock the store for this desk and look for it (in the background), then
        show the first screen: the wizard, the unlock screen, or why the desk cannot open."""
        locations = self.locations

        def prepare() -> StartState:
            local = load_local_settings(locations.settings_file)
            folder = store_folder_for(locations, local)
            in_use = self._lock_store(folder)
            exists = in_use is None and workstation_exists(folder)
            return StartState(
                local,
                folder,
                exists,
                clerk_logins(folder) if exists else (),
                catalogue_bytes(local.language),
                in_use,
            )

        self.background.run(prepare, on_success=self._prepared)

    def _lock_store(self, folder: Path) -> StoreInUse | None:
        """Runs on a worker thread: hold the store for this desk until :meth:`shutdown`, or say who has it."""
        if self.store_lock is None:
            try:
                self.store_lock = StoreLock.acquire(folder, holder=DESK_HOLDER)
            except StoreInUse as exc:
                return exc
        return None

    def _prepared(self, result: StartState) -> None:
        self.local, self.store_folder, self._logins = result.local, result.folder, result.logins
        self.language.apply(result.local.language, result.catalogue)
        self._apply_font(result.local.font_points)
        if result.in_use is not None:
            self._refuse_to_open(result.in_use)
        elif result.exists:
            self._show_unlock("start")
        else:
            self.wizard = FirstRunWizard(self.background, result.folder, now=self.now, new_id=self.new_id)
            self.wizard.created.connect(self._opened)
            self.wizard.rejected.connect(self.quit)
            self.wizard.show()
        self.ready.emit()

    def _refuse_to_open(self, in_use: StoreInUse) -> None:
        """Another desk or an IT command has the store: say so; closing the message quits."""
        box = QMessageBox(QMessageBox.Icon.Critical, "motcua", "")
        box.setText(
            self.tr(
                "motcua is already open on this computer, or IT is working on its data (%1). "
                "Close it, then start motcua again."
            ).replace("%1", in_use.holder or "?")
        )
        box.finished.connect(self.quit)
        self.in_use_message = box
        box.open()

    # --- unlock and lock -----------------------------------------------------------------------------------

    def _attempt_unlock(self, login: str, passphrase: str) -> DeskSession:
        """Runs on a worker thread (see :class:`UnlockScreen`)."""
        open_store = self.session.store if self.session is not None else None
        return unlock_workstation(
            self.store_folder,
            login,
            passphrase,
            now=self.now,
            new_id=self.new_id,
            open_store=open_store,
            backoff_base_seconds=self.backoff_base_seconds,
        )

    def _show_unlock(self, mode: str, current: str | None = None) -> None:
        self.unlock_screen.prepare(self._logins, mode=mode, current=current)
        self.unlock_screen.show()
        self.unlock_screen.raise_()
        self.unlock_screen.activateWindow()

    def _opened(self, session: DeskSession) -> None:
        self.session = session
        self.is_locked = False
        if self.wizard is not None:  # the store was just created: the wizard goes for good
            wizard, self.wizard = self.wizard, None  # every later unlock comes here too: forget it now
            wizard.hide()
            wizard.deleteLater()
        login = session.clerk.login
        if login not in self._logins:
            self._logins = (*self._logins, login)
        self.unlock_screen.hide()
        window = self._main_window()
        if session.site is not None:
            work = self.work
            shown = work.site if work is not None and work.store is session.store else session.site
            window.set_site(shown.commune_name, shown.province_name)  # the listed name once work opened
            self._remember_commune(session.site)
        window.set_clerk(login, session.full_name)
        window.show()
        for parked in self._parked.pop(login, []):
            parked.show()
        minutes = session.site.auto_lock_minutes if session.site else DEFAULT_AUTO_LOCK_MINUTES
        self.idle.set_timeout_ms(minutes * self.idle_unit_ms)
        self.idle.start()
        self.session_opened.emit(session)
        self._open_work(session)

    def _remember_commune(self, site: SiteSettings) -> None:
        """Keep the commune in the plain settings file too (practice mode reads it there, never the store);
        desks made before this was kept get it at their next unlock."""
        commune = CommuneIdentity.of(site)
        if self.local.commune == commune:
            return
        self.local = replace(self.local, commune=commune)
        self._save_local()

    def _open_work(self, session: DeskSession) -> None:
        """Build the dossier service off the UI thread (once per store; a clerk switch keeps it)."""
        if session.site is None:
            return
        work = self.work
        if work is not None and work.store is session.store:
            if work.clerk_login != session.clerk.login:  # what the desk records and prints: this clerk
                work.desk.clerk = session.clerk.login
                work.desk.clerk_name = (session.full_name or "").strip()
                self.work = replace(work, desk_session=session)
            if self.queue is not None:
                self.queue.refresh()
            return
        now, new_id = self.now, self.new_id
        self.background.run(
            lambda: open_work_session(session, now=now, new_id=new_id), on_success=self._work_opened
        )

    def _work_opened(self, work: WorkSession) -> None:
        self.work = work
        window = self._main_window()
        window.set_site(work.site.commune_name, work.site.province_name)  # as the communes list names it
        if self.commune_notice is not None:
            notice, self.commune_notice = self.commune_notice, None
            window.removeToolBar(notice)
            notice.deleteLater()
        self.commune_notice = CommuneNotice(window, work.commune_standing)
        self.queue = QueueView(work, self.background)
        window.show_queue(self.queue)
        self.queue.refresh()
        self.queue.table.setFocus()
        if self.screens is not None:
            self.screens.shutdown()
            self.screens.deleteLater()
        self.screens = DeskScreens(
            window,
            work,
            self.background,
            refresh_queue=self.queue.refresh,
            new_id=self.new_id,
            data_dir=self.locations.settings_file.parent,
            auto_sync=AutoSync.every(self.local.sync_interval_seconds),
            synced_up_to=self.queue.set_synced_up_to,
            clock_warning_minutes=self.local.clock_warning_minutes,
        )
        self.work_opened.emit(work)

    def lock(self, mode: str = "locked") -> None:
        """Hide the session's windows (parked for this clerk) and show the unlock screen."""
        if self.session is None or self.is_locked:
            return
        self.is_locked = True
        self.idle.stop()
        self.remember_geometry()
        login = self.session.clerk.login
        visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.unlock_screen]
        self._parked.setdefault(login, []).extend(w for w in visible if w is not self.window)
        for widget in visible:
            widget.hide()
        self._show_unlock(mode, login)
        folder = self.store_folder
        self.background.run(lambda: clerk_logins(folder), on_success=self._refresh_logins)
        self.locked.emit()

    def start_practice(self) -> DeskController | None:
        """Practice mode from the unlock screen: the practice desk on its own store; the real store stays
        closed (only unlocked sessions open it) and the unlock screen comes back when practice ends."""
        if self.practice_desk is None or self.practice is not None or self.session is not None:
            return None
        self.unlock_screen.hide()
        practice = self.practice_desk(
            self.app, self.data_dir, now=self.now, new_id=self.new_id, standalone=False
        )
        practice.ended.connect(self._practice_ended)  # type: ignore[attr-defined]
        self.practice = practice
        practice.start()
        return practice

    def _practice_ended(self) -> None:
        self.practice = None
        self._show_unlock("start")

    def switch_clerk(self) -> None:
        self.lock("switch")

    def _refresh_logins(self, logins: tuple[str, ...]) -> None:
        if logins != self._logins and self.is_locked and not self.unlock_screen.busy:
            typed = self.unlock_screen.login.currentText()
            self._logins = logins
            self.unlock_screen.login.clear()
            self.unlock_screen.login.addItems(list(logins))
            self.unlock_screen.login.setCurrentText(typed)

    # --- main window and settings --------------------------------------------------------------------------

    def _main_window(self) -> MainWindow:
        if self.window is None:
            self.window = MainWindow()
            restore_geometry(self.window, self.local.window_geometry)
            self.window.lock_requested.connect(self.lock)
            self.window.switch_clerk_requested.connect(self.switch_clerk)
            self.window.settings_requested.connect(self.open_settings)
            self.window.clerks_requested.connect(self.open_clerks)
            self.window.quit_requested.connect(self.quit)
        return self.window

    def preferences(self) -> DeskPreferences:
        site = self.session.site if self.session else None
        return DeskPreferences(
            self.local.language,
            self.local.font_points,
            site.auto_lock_minutes if site else DEFAULT_AUTO_LOCK_MINUTES,
        )

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.preferences(), self.window)
        dialog.chosen.connect(self.apply_preferences)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_clerks(self) -> ClerksDialog | None:
        """The Clerks dialog for the clerk at the keyboard (a head clerk adds and removes clerks there)."""
        session = self.session
        if session is None or self.is_locked:
            return None
        shown = self.clerks_dialog
        if shown is not None and shiboken6.isValid(shown) and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return shown
        dialog = ClerksDialog(
            self.background,
            session.store,
            StorePaths(self.store_folder).key_file,
            session.clerk.login,
            now=self.now,
            new_id=self.new_id,
            parent=self.window,
        )
        dialog.clerks_changed.connect(self._clerks_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.clerks_dialog = dialog
        dialog.open()
        return dialog

    def _clerks_changed(self, logins: tuple[str, ...]) -> None:
        """The unlock screen's list follows the accounts at once (a lock reads them again anyway)."""
        self._logins = logins

    def apply_preferences(self, chosen: DeskPreferences) -> None:
        """Apply live: language, font size (saved in the plain file), auto-lock (saved in the store)."""
        local = replace(self.local, language=chosen.language, font_points=chosen.font_points)
        language_changed = local.language != self.local.language
        self.local = local
        self._apply_font(local.font_points)
        self._save_local()
        session = self.session
        if (
            session is not None
            and session.site is not None
            and chosen.auto_lock_minutes != session.site.auto_lock_minutes
        ):
            site = replace(session.site, auto_lock_minutes=chosen.auto_lock_minutes)
            self.session = replace(session, site=site)
            self.idle.set_timeout_ms(site.auto_lock_minutes * self.idle_unit_ms)
            self.background.watch(write_site_settings(session.store, site))
        if language_changed:
            language = local.language
            self.background.run(
                lambda: catalogue_bytes(language),
                on_success=lambda data: self._language_loaded(language, data),
            )
        else:
            self.preferences_applied.emit()

    def _language_loaded(self, language: str, catalogue: bytes | None) -> None:
        self.language.apply(language, catalogue)
        self.preferences_applied.emit()

    def _apply_font(self, points: int) -> None:
        font = self.app.font()
        font.setPointSize(points)
        self.app.setFont(font)

    def _background_failed(self, error: BaseException) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(
                self.tr("Something could not be saved (%1). Try again or ask IT.").replace(
                    "%1", getattr(error, "kind", type(error).__name__)
                ),
                15_000,
            )

    # --- quit ----------------------------------------------------------------------------------------------

    def remember_geometry(self) -> Future[None] | None:
        """Keep where the main window is in the plain settings file (written off the UI thread), for the
        next start; ``None`` if there is nothing new to keep."""
        window = self.window
        if window is None or not window.isVisible():
            return None
        text = geometry_text(window)
        if text == self.local.window_geometry:
            return None
        self.local = replace(self.local, window_geometry=text)
        return self._save_local()

    def _save_local(self) -> Future[None]:
        """Write the plain settings file off the UI thread; saves never overlap and each writes the newest
        settings, so a slower earlier save cannot undo a later change."""
        path, lock = self.locations.settings_file, self._local_lock

        def save() -> None:
            with lock:
                save_local_settings(path, self.local)

        return self.background.run(save)

    def quit(self) -> None:
        """Hide everything, finish the queued writes and background work, then leave the event loop."""
        self.idle.stop()
        remembered = self.remember_geometry()
        if self.screens is not None:
            self.screens.sync_before_close()  # bounded: the close always happens
        if remembered is not None:
            wait([remembered], timeout=GEOMETRY_SAVE_SECONDS)  # shutdown drops work not yet started
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        self.shutdown()
        self.app.quit()

    def shutdown(self) -> None:
        """Stop background work and close the store (waits for queued writes). Idempotent."""
        if self.practice is not None:
            self.practice.shutdown()
        self.idle.stop()
        if self.screens is not None:
            self.screens.shutdown()
        self.background.shutdown()  # waits for a start still taking the lock
        if self.session is not None:
            self.session.store.close()
        if self.store_lock is not None:
            self.store_lock.release()


@dataclass(frozen=True)
class DeskProgram:
    """The desk application as :func:`run` starts it: the Qt application and the desk's controller."""

    app: QApplication
    controller: DeskController
    crash_log: CrashLog

    def close_logs(self) -> None:
        """Put back the exception hooks the crash log replaced (for a test; the program keeps them)."""
        self.crash_log.close()


def build(
    argv: Sequence[str],
    data_dir: Path | None = None,
    *,
    now: Callable[[], datetime] = utc_now,
    new_id: Callable[[], str] = new_replica_id,
    practice: bool = False,
    practice_desk: PracticeFactory | None = None,
) -> DeskProgram:
    """Everything :func:`run` does before the event loop: the application, logging, the controller started.

    ``practice``: open practice mode only (``motcua --practice``), made by ``practice_desk``; the real store
    and its folder are not touched."""
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("motcua")
    app.setOrganizationName("motcua")
    app.setQuitOnLastWindowClosed(False)  # locking hides every window; quitting is explicit
    locations = resolve_locations(data_dir)
    log_dir = (practice_data_dir(data_dir) if practice else locations.settings_file.parent) / LOG_FOLDER_NAME
    crash_log = start_logging(log_dir, program="motcua desk", version=app_version(), now=now)  # redacted
    apply_at_start(locations.settings_file.parent)  # releases fetched at the last sync take effect now
    use_reference_data(InstalledVersions(locations.settings_file.parent).active_dir("reference"))
    if practice:
        if practice_desk is None:
            raise ValueError("practice mode needs the practice desk")
        controller = practice_desk(app, data_dir, now=now, new_id=new_id, standalone=True)
    else:
        controller = DeskController(
            app, locations, now=now, new_id=new_id, practice_desk=practice_desk, data_dir=data_dir
        )
    app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    return DeskProgram(app, controller, crash_log)


def run(
    argv: Sequence[str],
    data_dir: Path | None = None,
    *,
    practice: bool = False,
    practice_desk: PracticeFactory | None = None,
) -> int:
    """The desk application: build it, then run the event loop until the clerk quits."""
    return build(argv, data_dir, practice=practice, practice_desk=practice_desk).app.exec()
