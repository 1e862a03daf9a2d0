"""Practice mode in the desk's own commune (issue 17, build item 2): the commune is kept in the plain settings
file when a desk is unlocked (also a desk made before it was kept there), practice mode reads it there (never
the real store) and makes its citizens, addresses, ID numbers and sample queue in that commune; practice data
made for another commune is rebuilt for the desk's by a reset; a missing or damaged commune falls back to
Phường Hoàn Kiếm."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.app import build
from desktop.practice.practice_desk import PracticeDesk, practice_desk
from dossiers.id_card_qr import parse_id_card_qr
from dossiers.vietnam_time import VIETNAM_TIME
from sync.log_redaction import reset_logging
from tests.helpers.desk_driver import close_desk
from tests.helpers.journey_steps import click, queue_shown, unlock_as
from tests.helpers.practice_desks import practice_program
from tests.helpers.workstations import hanoi_site
from workstation.opening import create_workstation
from workstation.practice.practice_store import (
    CAST,
    PRACTICE_SITE,
    citizens_for,
    desk_commune,
    practice_site,
)
from workstation.settings import CommuneIdentity, LocalSettings, load_local_settings

DA_NANG = dict(
    province_code=48, province_name="Thành phố Đà Nẵng", commune_code=20242, commune_name="Phường Hải Châu"
)
PASSPHRASE = "sông Hàn bốn mùa"


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def _practice_opened(qtbot, desk: PracticeDesk) -> None:
    qtbot.waitUntil(lambda: desk.window is not None and desk.work is not None, timeout=60_000)
    qtbot.waitUntil(lambda: queue_shown(desk.window), timeout=20_000)


def _assert_in_commune(desk: PracticeDesk, commune: str, province: str, place: str) -> None:
    site = desk.session.site
    assert (site.commune_name, site.province_name) == (commune, province)
    today = desk.now().astimezone(VIETNAM_TIME).date()
    cards = citizens_for(today, site)
    for card in cards:
        assert f", {commune}, {province}" in card.card_data.address
        assert card.id_number.startswith(place)
        assert parse_id_card_qr(card.qr_text, today=today) == card.card_data  # the desk's own parser
    due = {c.card: c for c in cards}[CAST.due_today_card]  # the sample queue lives there too
    [found] = desk.work.desk.search(due.full_name)
    assert commune in desk.work.desk.page(found).dossier.applicant.address


def test_practice_follows_the_desks_commune_read_from_the_plain_file(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    real = create_workstation(  # a desk made before the commune was kept in the plain file
        data / "store",
        site=hanoi_site(**DA_NANG, agency_id="000.00.48.H17"),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASSPHRASE,
        recovery_pem=None,
        now=lambda: dt.datetime.now(dt.UTC),
        new_id=lambda: uuid.uuid4().hex,
    )
    real.store.close()
    assert load_local_settings(data / "workstation.json").commune is None

    with practice_program(data) as built:  # the plain file names no commune yet: Hoàn Kiếm
        first = built.controller
        _practice_opened(qtbot, first)
        _assert_in_commune(first, "Phường Hoàn Kiếm", "Thành phố Hà Nội", "001")

    built = build(["motcua"], data_dir=data, practice_desk=practice_desk)  # the clerk unlocks the real desk
    try:
        unlock_as(qtbot, built.controller, "lan", PASSPHRASE)
        qtbot.waitUntil(lambda: built.controller.background.pending == 0, timeout=10_000)
        assert load_local_settings(data / "workstation.json").commune == CommuneIdentity(**DA_NANG)
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()

    real_store = _snapshot(data / "store")
    with practice_program(data) as built:
        desk = built.controller
        _practice_opened(qtbot, desk)
        _assert_in_commune(desk, "Phường Hoàn Kiếm", "Thành phố Hà Nội", "001")  # made earlier: kept
        qtbot.waitUntil(lambda: desk.background.pending == 0, timeout=20_000)  # the desk has settled
        desk.action_reset.trigger()
        box = desk.reset_question
        assert isinstance(box, QMessageBox)
        with qtbot.waitSignal(desk.reset_done, timeout=60_000):
            box.button(QMessageBox.StandardButton.Yes).click()
        _practice_opened(qtbot, desk)
        _assert_in_commune(desk, "Phường Hải Châu", "Thành phố Đà Nẵng", "048")  # rebuilt for the desk's
    assert _snapshot(data / "store") == real_store  # practice never opened the real store


def test_a_missing_or_damaged_commune_falls_back_to_hoan_kiem(tmp_path: Path) -> None:
    assert desk_commune(tmp_path) is None  # no plain file at all
    good = json.loads(LocalSettings(font_points=14, commune=CommuneIdentity(**DA_NANG)).to_json())
    assert LocalSettings.from_json(json.dumps(good)).commune == CommuneIdentity(**DA_NANG)
    for damaged in (
        "nonsense",
        None,
        [48, "Đà Nẵng"],
        {**DA_NANG, "province_code": "48"},
        {**DA_NANG, "commune_code": -1},
        {**DA_NANG, "commune_name": ""},
        {**DA_NANG, "commune_name": "x" * 500},
        {**DA_NANG, "province_name": "Đà\nNẵng"},
        {k: v for k, v in DA_NANG.items() if k != "commune_code"},
    ):
        (tmp_path / "workstation.json").write_text(
            json.dumps({**good, "commune": damaged}, ensure_ascii=False), encoding="utf-8"
        )
        local = load_local_settings(tmp_path / "workstation.json")
        assert local.commune is None and local.font_points == 14  # the rest of the file still counts
        site = practice_site(desk_commune(tmp_path))
        assert site == PRACTICE_SITE
        today = dt.date(2026, 12, 7)
        for card in citizens_for(today, site):
            assert "Phường Hoàn Kiếm, Thành phố Hà Nội" in card.card_data.address
            assert card.id_number.startswith("001")


HUE = dict(
    province_code=46, province_name="Thành phố Huế", commune_code=19786, commune_name="Phường Thuận Hóa"
)


def test_practice_from_the_unlock_screen_is_in_the_desks_commune(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    real = create_workstation(
        data / "store",
        site=hanoi_site(**HUE, agency_id="000.00.46.H57"),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASSPHRASE,
        recovery_pem=None,
        now=lambda: dt.datetime.now(dt.UTC),
        new_id=lambda: uuid.uuid4().hex,
    )
    real.store.close()
    built = build(["motcua"], data_dir=data, practice_desk=practice_desk)
    try:
        unlock_as(qtbot, built.controller, "lan", PASSPHRASE)  # the clerk's unlock keeps the commune
        qtbot.waitUntil(lambda: built.controller.background.pending == 0, timeout=10_000)
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
    real_store = _snapshot(data / "store")
    built = build(["motcua"], data_dir=data, practice_desk=practice_desk)  # the next morning: "Thực hành"
    try:
        desk = built.controller
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible(), timeout=20_000)
        click(qtbot, desk.unlock_screen.practice_button)
        practice = desk.practice
        assert isinstance(practice, PracticeDesk)
        _practice_opened(qtbot, practice)
        _assert_in_commune(practice, "Phường Thuận Hóa", "Thành phố Huế", "046")
        assert desk.session is None
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
    assert _snapshot(data / "store") == real_store
