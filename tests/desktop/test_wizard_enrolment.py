"""The first-run wizard's enrolment step against a real provincial server (uvicorn on 127.0.0.1, SQLite)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from desktop.background import Background
from desktop.first_run_wizard import FirstRunWizard
from desktop.language import LanguageSwitcher, catalogue_bytes
from sync.device_keys import DeviceIdentity
from sync.enrolment_client import enrol_device
from tests.helpers.qt_keys import press, type_text
from tests.helpers.workstations import ids
from tests.server.conftest import Province
from workstation.enrolment import server_link, stored_credentials
from workstation.opening import unlock_workstation
from workstation.sequence_blocks import read_sequence_space
from workstation.settings import read_site_settings
from workstation.sync_keys import device_identity

PASS = "trống đồng Đông Sơn"


@pytest.fixture
def wizard(qtbot, tmp_path: Path, province: Province) -> Iterator[FirstRunWizard]:
    """A wizard on step 5 for Phường Hoàn Kiếm (Hà Nội), with a clerk and no recovery key."""
    switcher = LanguageSwitcher(QApplication.instance())
    assert switcher.apply("vi", catalogue_bytes("vi"))  # as the clerk sees it
    background = Background()
    made = FirstRunWizard(background, tmp_path / "store", now=province.clock.now, new_id=ids("desk").__next__)
    qtbot.addWidget(made)
    made.show()
    picker = made.commune_page.picker
    type_text(picker.province_list.search, "ha noi")
    press(picker.province_list.search, Qt.Key.Key_Down)
    type_text(picker.commune_list.search, "hoàn kiếm")
    made.next()
    made.next()
    clerk = made.clerk_page
    type_text(clerk.login, "lan")
    type_text(clerk.full_name, "Nguyễn Thị Lan")
    type_text(clerk.passphrase, PASS)
    type_text(clerk.repeat, PASS)
    made.next()
    made.recovery_page.skip.setChecked(True)
    made.next()
    assert made.currentPage() is made.enrol_page
    yield made
    background.shutdown()
    switcher.apply("en", None)


def _enrol(qtbot, page, address: str, code: str) -> None:
    page.address.clear()
    page.code.clear()
    type_text(page.address, address)
    type_text(page.code, code)
    press(page.code, Qt.Key.Key_Return)  # Enter in the code field enrols
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def test_the_wizard_enrols_with_a_code_and_the_desk_keeps_it(
    qtbot,
    wizard: FirstRunWizard,
    province: Province,
    tmp_path: Path,
) -> None:
    page = wizard.enrol_page
    page.enrol.click()
    assert "https://" in page.error.text()  # nothing typed: said in words, nothing sent
    used = province.code()
    _enrol(qtbot, page, province.live.url, used)
    assert page.enrolment is not None and page.status.text().startswith("Đã đăng ký")
    assert "0001–1000" in page.status.text() and "00070" in page.status.text()
    assert not page.code.isEnabled() and page.isComplete()
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        wizard.grab().save(str(Path("docs/screenshots/desk-wizard-enrolled.png")))
    wizard.next()
    summary = wizard.finish_page.summary.text()
    assert "0001–1000" in summary and "00070" in summary
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=30_000)
    session = wizard.session
    assert session is not None and session.site is not None and session.site.agency_id == "00070"
    store = session.store
    try:
        assert page.identity is not None and store.replica_id == page.identity.replica_id
        assert device_identity(store).public() == page.identity.public()  # the enrolled keys were kept
        credentials = stored_credentials(store)
        assert credentials is not None and credentials == page.enrolment.credentials
        link = server_link(store)
        assert link is not None and link.server_url == province.live.url and link.commune == "00070"
        with store.reader() as conn:
            space = read_sequence_space(conn)
        assert space is not None and (space.agency, space.first, space.last) == ("00070", 1, 1000)
        me = province.live.get("/v1/me", token=credentials).json()
        assert me["replica_id"] == store.replica_id
    finally:
        store.close()
    for path in (tmp_path / "store").rglob("*"):
        if path.is_file():
            assert credentials.encode() not in path.read_bytes()
    again = unlock_workstation(
        tmp_path / "store", "lan", PASS, now=province.clock.now, new_id=ids("x").__next__
    )
    with again.store.reader() as conn:
        assert read_site_settings(conn).agency_id == "00070"  # type: ignore[union-attr]
    again.store.close()


def test_a_refused_code_is_explained_and_the_wizard_goes_on_without_enrolling(
    qtbot,
    wizard: FirstRunWizard,
    province: Province,
    tmp_path: Path,
) -> None:
    page = wizard.enrol_page
    spent = province.code()
    enrol_device(province.live.url, spent, DeviceIdentity.generate("other-desk"), "Bàn 2", commune="00070")
    _enrol(qtbot, page, province.live.url, spent)
    assert "đã được dùng" in page.error.text() and "Tiếp theo" in page.error.text()
    short = province.code("00070", "--hours", "1")
    province.clock.advance(hours=2)
    _enrol(qtbot, page, province.live.url, short)
    assert "hết hạn" in page.error.text()
    _enrol(qtbot, page, province.live.url, province.code("00004"))
    assert "xã, phường khác" in page.error.text()
    _enrol(qtbot, page, "http://127.0.0.1:9", province.code())
    assert "Không kết nối được" in page.error.text()
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        wizard.grab().save(str(Path("docs/screenshots/desk-wizard-enrol-refused.png")))
    assert page.enrolment is None and page.isComplete() and page.code.isEnabled()
    wizard.next()
    assert "chưa đăng ký" in wizard.finish_page.summary.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=30_000)
    session = wizard.session
    assert session is not None and session.site is not None and session.site.agency_id == "01.00070"
    assert stored_credentials(session.store) is None and server_link(session.store) is None
    session.store.close()
