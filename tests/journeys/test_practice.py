"""Practice mode, end to end through the application object (issue 17): a trainee opens practice mode, prints
the practice cards and scans card 3 into the real scanner field, receives the birth registration (its receipt
carries the practice mark and a code the real parser refuses), turns a marriage case lacking a paper into a
Mẫu 02, syncs with the simulated province, sees three exercises checked, and resets to the start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.new_dossier import NewDossierDialog
from desktop.practice.practice_desk import PracticeDesk
from desktop.practice.practice_look import BANNER_TEXT, TITLE_PREFIX
from dossiers.dossier_codes import parse_code
from dossiers.errors import DossierCodeError
from dossiers.lifecycle import Status
from dossiers.practice_marks import PRACTICE_MARK
from dossiers.vietnam_time import VIETNAM_TIME
from tests.helpers.journey_steps import FileDialogAnswer, click, pdf_text, queue_shown, shortcut
from tests.helpers.practice_desks import practice_program, scanned_cards
from tests.helpers.qt_keys import press, type_text
from workstation.practice.practice_store import CAST, citizens_for

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("zbarimg") is None, reason="poppler or zbar missing"
)


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _open_new_dossier(qtbot, desk: PracticeDesk, procedure_words: str, qr_text: str) -> NewDossierDialog:
    shortcut(qtbot, desk.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(_visible(NewDossierDialog)) == 1)
    [dialog] = _visible(NewDossierDialog)
    qtbot.waitUntil(dialog.picker.search.hasFocus)
    type_text(dialog.picker.search, procedure_words)
    press(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.applicant.scan.hasFocus()
    type_text(dialog.applicant.scan, qr_text)  # the scanner types the card, one key per character
    press(dialog.applicant.scan, Qt.Key.Key_Return)
    return dialog


def _receive_card_3(qtbot, desk: PracticeDesk, qr_text: str, tmp_path: Path) -> str:
    dialog = _open_new_dossier(qtbot, desk, "khai sinh", qr_text)
    assert dialog.applicant.edits["full_name"].text() == citizens_for_today(desk)[CAST.birth_card].full_name
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["relationship"], "cha")
    shortcut(qtbot, dialog, Qt.Key.Key_F5)
    checklist = dialog.checklist.list
    required = [row for row, doc in enumerate(dialog.procedure.documents) if doc.required]
    for row in range(checklist.count()):
        if row in required:
            press(checklist, Qt.Key.Key_Space)
        press(checklist, Qt.Key.Key_Down)
    shortcut(qtbot, dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    assert dialog.preview_dialog.windowTitle().startswith(TITLE_PREFIX)  # every window says practice
    assert dialog.windowTitle().startswith(TITLE_PREFIX)
    assert any(label.text() == BANNER_TEXT for label in dialog.findChildren(QLabel))  # and has the banner
    press(dialog.preview_dialog, Qt.Key.Key_Escape)
    receipt = tmp_path / "out" / "bien-nhan.pdf"
    receipt.parent.mkdir(exist_ok=True)
    answer = FileDialogAnswer(receipt)
    click(qtbot, dialog.pdf_button)
    qtbot.waitUntil(lambda: receipt.exists() and receipt.stat().st_size > 1000, timeout=20_000)
    qtbot.waitUntil(lambda: desk.background.pending == 0, timeout=20_000)
    assert answer.answered is not None
    text = pdf_text(receipt)
    assert " ".join(PRACTICE_MARK.split()) in " ".join(text.split())  # the diagonal mark, on the receipt
    [code] = {word for word in text.split() if word.startswith("TH-THUCHANH-")}
    with pytest.raises(DossierCodeError):
        parse_code(code)  # the real parser refuses a practice code
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    return code


def citizens_for_today(desk: PracticeDesk) -> dict:
    return {c.card: c for c in citizens_for(desk.now().astimezone(VIETNAM_TIME).date())}


def _marriage_lacking_a_paper(qtbot, desk: PracticeDesk) -> None:
    card = citizens_for_today(desk)[CAST.marriage_card]
    dialog = _open_new_dossier(qtbot, desk, "1.000894", card.qr_text)
    assert dialog.procedure is not None and dialog.procedure.code == "1.000894", dialog.procedure.code
    type_text(dialog.applicant.edits["phone"], "0987000111")
    assert dialog.checklist.missing_required()  # nothing ticked: the declaration is missing
    assert "Mẫu 02" in dialog.primary.text()
    shortcut(qtbot, dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=20_000)
    assert dialog.dossier.status is Status.SUPPLEMENT_REQUESTED
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    press(dialog.preview_dialog, Qt.Key.Key_Escape)
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _practice_sync(qtbot, desk: PracticeDesk) -> None:
    sync = desk.screens.sync
    results = []
    sync.finished.connect(results.append)
    shortcut(qtbot, desk.window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    assert results[0].received_new > 0 if hasattr(results[0], "received_new") else True
    assert desk.province is not None and desk.province.answers > 0  # the officers answered


def _check_exercises(qtbot, desk: PracticeDesk, trainee: str) -> dict[str, bool]:
    shortcut(
        qtbot,
        desk.window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: desk.exercises_dialog is not None and desk.exercises_dialog.isVisible())
    dialog = desk.exercises_dialog
    if dialog.trainee.text() != trainee:
        dialog.trainee.setFocus()
        dialog.trainee.selectAll()
        press(dialog.trainee, Qt.Key.Key_Delete)
        type_text(dialog.trainee, trainee)
    dialog.results = ()
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: bool(dialog.results) and not dialog.busy, timeout=20_000)
    return {r.exercise.key: r.passed for r in dialog.results}


def test_a_trainee_practises(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with practice_program(data) as program:
        desk = program.controller
        assert isinstance(desk, PracticeDesk)
        qtbot.waitUntil(lambda: desk.window is not None and desk.queue is not None, timeout=30_000)
        window = desk.window
        qtbot.waitUntil(lambda: queue_shown(window))
        assert window.windowTitle().startswith(TITLE_PREFIX)
        assert any(BANNER_TEXT == label.text() for label in window.findChildren(QLabel))
        assert desk.session.store.replica_id.startswith("thuchanh-")

        cards = tmp_path / "the.pdf"  # the practice cards, printed, then read as a scanner reads them
        answer = FileDialogAnswer(cards)
        desk.action_cards.trigger()
        qtbot.waitUntil(lambda: desk.cards_written == cards, timeout=20_000)
        assert answer.answered is not None
        card3 = citizens_for_today(desk)[CAST.birth_card]
        scanned = [text for text in scanned_cards(cards, tmp_path) if text.startswith(card3.id_number)]
        assert scanned == [card3.qr_text]

        code = _receive_card_3(qtbot, desk, scanned[0], tmp_path)
        _marriage_lacking_a_paper(qtbot, desk)
        _practice_sync(qtbot, desk)

        done = _check_exercises(qtbot, desk, "Lê Thị Thu")
        assert done["receive_birth"] and done["marriage_supplement"] and done["province_answers"]
        assert not done["resolve_conflict"]
        dialog = desk.exercises_dialog
        assert "3" in dialog.progress.text()
        row = [r.exercise.key for r in dialog.results].index("receive_birth")
        assert code in dialog.table.item(row, 2).text()  # the explanation names the practice code

        click(qtbot, dialog.reset_button)  # back to the start, once the trainer says yes
        qtbot.waitUntil(lambda: desk.reset_question is not None and desk.reset_question.isVisible())
        with qtbot.waitSignal(desk.reset_done, timeout=30_000):
            click(qtbot, desk.reset_question.button(QMessageBox.StandardButton.Yes))
        qtbot.waitUntil(lambda: desk.work is not None and desk.screens is not None, timeout=30_000)
        done = _check_exercises(qtbot, desk, "Lê Thị Thu")
        assert not any(done.values())
        assert "0" in dialog.progress.text()
