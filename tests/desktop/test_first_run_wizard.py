"""The first-run wizard driven end to end with the keyboard, creating a real encrypted store."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.commune_picker import communes_of, matches, provinces
from desktop.first_run_wizard import FirstRunWizard, suggested_agency_id
from sync.keys import generate_recovery_keypair
from tests.helpers.desk_driver import running_desk
from tests.helpers.qt_keys import press, type_text
from tests.helpers.workstations import Clock, ids
from workstation.opening import unlock_workstation

PASS = "trống đồng Đông Sơn"


def _next(qtbot, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_the_official_lists() -> None:
    assert len(provinces()) == 34
    assert sum(len(communes_of(p.code)) for p in provinces()) == 3321
    hanoi = next(p for p in provinces() if p.name == "Thành phố Hà Nội")
    assert matches("ha noi", hanoi) and matches("HÀ NỘI", hanoi) and matches("  noi  ha ", hanoi)
    assert not matches("hai phong", hanoi)
    names = [c.name for c in communes_of(hanoi.code)]
    assert "Phường Hoàn Kiếm" in names and len(names) == len(set(names))
    assert suggested_agency_id(1, 70) == "01.00070"


def test_wizard_end_to_end(qtbot, tmp_path: Path, clock: Clock) -> None:
    pair = generate_recovery_keypair()
    (tmp_path / "province.pem").write_bytes(pair.public_pem)
    (tmp_path / "wrong.pem").write_text("this is not a key")
    with running_desk(tmp_path / "data", clock) as desk:
        desk.start()
        qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible())
        wizard = desk.wizard
        assert wizard is not None
        assert (
            wizard.button(QWizard.WizardButton.NextButton).text() == "&Tiếp theo >"
        )  # Vietnamese by default

        # 1. province and commune: search without diacritics, then with them
        picker = wizard.commune_page.picker
        assert not wizard.commune_page.isComplete()
        type_text(picker.province_list.search, "ha noi")
        assert picker.province_list.visible_names() == ["Thành phố Hà Nội"]
        press(picker.province_list.search, Qt.Key.Key_Down)
        assert picker.province() is not None and picker.province().name == "Thành phố Hà Nội"
        type_text(picker.commune_list.search, "hoàn kiếm")
        assert picker.commune_list.visible_names() == ["Phường Hoàn Kiếm"]
        assert wizard.commune_page.isComplete()
        _next(qtbot, wizard)

        # 2. agency identifier (prefilled from the official codes) and opening hours with Saturday morning
        office = wizard.office_page
        assert wizard.currentPage() is office and office.agency.text() == "01.00070"
        office.agency.selectAll()
        type_text(office.agency, "h22 bad")
        _next(qtbot, wizard)
        assert wizard.currentPage() is office and "chữ in hoa" in office.error.text()
        office.agency.selectAll()
        type_text(office.agency, "000.00.01.H22")
        office.saturday.setFocus()
        press(office.saturday, Qt.Key.Key_Space)
        assert office.saturday.isChecked() and office.saturday_counts.isEnabled()
        _next(qtbot, wizard)

        # 3. first clerk: a short passphrase, then a mismatch, are refused with clear messages
        clerk = wizard.clerk_page
        assert wizard.currentPage() is clerk
        type_text(clerk.login, "lan")
        type_text(clerk.full_name, "Nguyễn Thị Lan")
        type_text(clerk.passphrase, "ngắn")
        assert clerk.strength.text() == "Quá ngắn"
        type_text(clerk.repeat, "ngắn")
        _next(qtbot, wizard)
        assert (
            wizard.currentPage() is clerk and "quá ngắn" in clerk.error.text() and clerk.repeat.text() == ""
        )
        clerk.passphrase.clear()
        type_text(clerk.passphrase, PASS)
        assert clerk.strength.text() == "Rất tốt"
        type_text(clerk.repeat, PASS + "!")
        _next(qtbot, wizard)
        assert wizard.currentPage() is clerk and "không giống nhau" in clerk.error.text()
        type_text(clerk.repeat, PASS)
        _next(qtbot, wizard)

        # 4. recovery key: a wrong file is refused in words; the right one shows its fingerprint
        recovery = wizard.recovery_page
        assert wizard.currentPage() is recovery
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        recovery.load_file(tmp_path / "wrong.pem")
        qtbot.waitUntil(lambda: "không phải khoá khôi phục" in recovery.status.text())
        assert not recovery.isComplete()
        recovery.skip.setChecked(True)
        assert "không thể khôi phục" in recovery.warning.text() and recovery.isComplete()
        recovery.skip.setChecked(False)
        assert recovery.warning.text() == ""
        recovery.load_file(tmp_path / "province.pem")
        qtbot.waitUntil(lambda: recovery.isComplete())
        assert pair.fingerprint[:16] in recovery.status.text()
        _next(qtbot, wizard)

        # 5. enrolment: optional; Next goes on without it (tests/desktop/test_wizard_enrolment.py enrols)
        enrol = wizard.enrol_page
        assert wizard.currentPage() is enrol
        assert enrol.enrol.isEnabled() and enrol.isComplete()
        _next(qtbot, wizard)

        # 6. summary, then Finish creates the store in the background with a busy indicator
        finish = wizard.finish_page
        assert wizard.currentPage() is finish
        assert "Phường Hoàn Kiếm" in finish.summary.text() and "000.00.01.H22" in finish.summary.text()
        left_in_fields: list[str] = []
        desk.session_opened.connect(
            lambda _s: left_in_fields.append(clerk.passphrase.text() + clerk.repeat.text())
        )
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.busy and finish.progress.isVisibleTo(wizard)
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        qtbot.waitUntil(lambda: desk.session is not None, timeout=30_000)
        session = desk.session
        assert session is not None
        qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible())
        assert not shiboken6.isValid(wizard) or not wizard.isVisible()
        assert "Phường Hoàn Kiếm" in desk.window.empty.commune.text()
        assert session.site is not None
        assert session.site.agency_id == "000.00.01.H22"
        assert session.site.receive_only == frozenset({5}) and session.site.week[5]
        assert session.site.recovery_key_fingerprint == pair.fingerprint
        assert left_in_fields == [""]  # the passphrase is not kept in the widgets

    store_folder = tmp_path / "data" / "store"
    assert (store_folder / "store.key").exists() and (store_folder / "store.db").exists()
    assert "Hoàn Kiếm".encode() not in (store_folder / "store.db").read_bytes()
    again = unlock_workstation(store_folder, "lan", PASS, now=clock, new_id=ids("again").__next__)
    again.store.close()
    assert again.full_name == "Nguyễn Thị Lan"


def test_cancelling_the_wizard_creates_nothing(qtbot, tmp_path: Path, clock: Clock) -> None:
    with running_desk(tmp_path / "data", clock) as desk:
        desk.start()
        qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible())
        assert desk.wizard is not None
        desk.wizard.reject()
        assert not desk.wizard.isVisible()
    assert not (tmp_path / "data" / "store" / "store.key").exists()
