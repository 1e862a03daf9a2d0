"""The desk's screens measured at 1366×768 (the commune PCs' usual screen), offscreen, in Vietnamese and the
desk's own font size: inputs wide enough, nothing overlapping, no sideways scrolling, no text cut off."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desktop.app import DeskController
from desktop.new_dossier import NewDossierDialog
from desktop.sync_panel.sync_controller import SyncPhase, SyncStatus
from sync.errors import ServerOffline
from tests.helpers.applicant_drafts import NAMES, draft
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.qt_keys import press, type_text
from tests.helpers.small_screen import SCREEN_HEIGHT, SCREEN_WIDTH
from tests.helpers.workstations import Clock
from workstation.dossier_desk import QueueFilter

MIN_INPUT_WIDTH = 300
CERTIFIED_COPY = "2.000815"


def _open_with_dossiers(qtbot, desk: DeskController) -> None:
    desk.start()
    unlock(qtbot, desk)
    qtbot.waitUntil(lambda: desk.work is not None and desk.screens is not None, timeout=20_000)
    for n, name in enumerate(NAMES):
        desk.work.desk.receive(draft(name, CERTIFIED_COPY, f"0010900000{n:02d}"))  # a fee set by law
    desk.screens.dossiers_changed()
    desk.window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    qtbot.waitUntil(lambda: desk.queue.counts.get(QueueFilter.ALL) == len(NAMES))


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _cut_texts(area: QWidget) -> list[str]:
    """Labels in ``area`` whose text does not fit: wider than the label on one line, taller than the label
    when wrapped, or reaching outside ``area``."""
    cut = []
    for label in area.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        metrics = label.fontMetrics()
        if label.wordWrap():
            fits = label.heightForWidth(label.width()) <= label.height()
        else:
            shown = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")  # mnemonics
            fits = metrics.horizontalAdvance(shown) <= label.contentsRect().width()
        if not fits or not area.rect().contains(_rect_in(label, area)):
            cut.append(label.text())
    return cut


def test_queue_and_status_bar_fit_at_1366(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open_with_dossiers(qtbot, desk)
        view = desk.queue
        view.set_filter(QueueFilter.ALL)
        qtbot.waitUntil(lambda: view.model.rowCount() == len(NAMES))
        QApplication.processEvents()
        table = view.table
        assert not table.horizontalScrollBar().isVisible()
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width()
        assert header.sectionSize(2) >= 150  # the procedure's name keeps a readable width


def test_status_bar_texts_fit_at_1366(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open_with_dossiers(qtbot, desk)
        QApplication.processEvents()
        bar = desk.window.statusBar()
        assert _cut_texts(bar) == []
        # offline, with a problem in words: what happened and what to do are both readable
        sync = desk.screens.sync
        sync.status_changed.emit(SyncStatus(SyncPhase.FAILED, waiting=95, error=ServerOffline("down")))
        problem = desk.screens.sync_status.problem_label
        qtbot.waitUntil(
            lambda: problem.isVisible() and problem.height() >= problem.heightForWidth(problem.width())
        )
        assert "Kiểm tra" in problem.text()
        # on one line, as wide as the status bar allows: not squeezed into a corner three lines high
        assert problem.fontMetrics().horizontalAdvance(problem.text()) <= problem.contentsRect().width()
        assert _cut_texts(bar) == []
        for button in (desk.screens.sync_status.sync_button, desk.screens.sync_status.usb_button):
            assert bar.rect().contains(_rect_in(button, bar))


def _inputs(dialog: NewDossierDialog) -> dict[str, QRect]:
    return {
        edit.objectName() or str(n): edit.geometry()
        for n, edit in enumerate(dialog.applicant.findChildren(QLineEdit))
        if edit.isVisible()
    }


def _new_dossier_for(qtbot, desk: DeskController, words: str) -> NewDossierDialog:
    """The desk opened with dossiers, F2's dialog, and the procedure found by ``words`` picked."""
    _open_with_dossiers(qtbot, desk)
    dialog = desk.screens.open_new_dossier()
    qtbot.waitExposed(dialog)
    type_text(dialog.picker.search, words)
    press(dialog.picker.search, Qt.Key.Key_Return)
    QApplication.processEvents()
    return dialog


def test_new_dossier_uses_the_screen_and_keeps_its_inputs(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        dialog = _new_dossier_for(qtbot, desk, "1.000894")  # marriage: nine applicant fields
        assert dialog.width() >= SCREEN_WIDTH - 100 and dialog.height() >= SCREEN_HEIGHT - 100
        before = _inputs(dialog)
        assert len(before) >= 8
        assert all(rect.width() >= MIN_INPUT_WIDTH for rect in before.values()), before
        # a validation error (no name yet) shows, and the inputs keep their size
        dialog.save()
        qtbot.waitUntil(lambda: dialog.applicant.error.isVisible())
        QApplication.processEvents()
        after = _inputs(dialog)
        assert {k: r.size() for k, r in after.items()} == {k: r.size() for k, r in before.items()}
        for edit in dialog.applicant.findChildren(QLineEdit):
            if edit.isVisible():
                assert edit.height() >= edit.sizeHint().height()
        dialog.discard()


def test_a_certified_copy_shows_its_whole_fee_rule_below_the_list(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        dialog = _new_dossier_for(qtbot, desk, "chung thuc ban sao")
        picker = dialog.picker
        chosen, results = picker.chosen.geometry(), picker.results.geometry()
        assert "200.000" in picker.chosen.text()  # the cap of the per-page fee rule
        assert chosen.top() >= results.bottom()  # below the list, not over it
        assert picker.chosen.heightForWidth(chosen.width()) <= chosen.height()  # every line shown
        assert not picker.results.horizontalScrollBar().isVisible()
        assert _cut_texts(dialog.quote_box) == []
        dialog.discard()
