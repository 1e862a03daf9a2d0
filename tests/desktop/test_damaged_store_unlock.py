"""The real desk on a damaged store (issue 14, finding 4): the unlock screen says the data is kept untouched
and to call IT; after IT's ``motcua restore --force`` of a backup, the same desk unlocks again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.damaged_stores import damage, run_motcua
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.workstations import PASSPHRASE, Clock

REASONS = {"empty": "empty", "overwritten mid-file": "corrupt", "header overwritten": "unreadable"}


@pytest.mark.parametrize("how", sorted(REASONS))
def test_a_damaged_store_is_told_to_the_clerk_and_a_restore_brings_the_desk_back(
    qtbot, workstation, clock: Clock, how: str, monkeypatch, capsys
) -> None:
    data_dir, created = workstation
    usb = data_dir.parent / "usb"
    motcua = ("--data-dir", str(data_dir), "--login", "lan")
    assert run_motcua(monkeypatch, capsys, "backup", str(usb), *motcua, answers=(PASSPHRASE,))[0] == 0
    (backup,) = usb.iterdir()
    database = data_dir / "store" / "store.db"
    damaged = damage(database, how)

    with running_desk(data_dir, clock) as desk:
        desk.start()
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible())
        screen = desk.unlock_screen
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: "bị hỏng" in screen.message.text(), timeout=20_000)
        text = screen.message.text()
        if os.environ.get("MOTCUA_SCREENSHOTS"):
            shot = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "desk-unlock-damaged.png"
            screen.grab().save(str(shot))
        assert "giữ nguyên" in text and "gọi bộ phận CNTT" in text and "sao lưu" in text
        assert f"store_damaged/{REASONS[how]}" in text
        assert "Sai tên đăng nhập" not in text
        assert desk.session is None and desk.window is None
        desk.language.apply("en", None)  # the same message in English
        qtbot.waitUntil(lambda: "left exactly as it was" in screen.message.text())
        assert "Call IT" in screen.message.text()
    assert database.read_bytes() == damaged

    status, _out, err = run_motcua(
        monkeypatch, capsys, "restore", str(backup), "--force", *motcua, answers=(PASSPHRASE,)
    )
    assert status == 0, err
    with running_desk(data_dir, clock) as desk:
        desk.start()
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible())
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=20_000)
        assert desk.session is not None and desk.session.clerk == created.clerk
        assert desk.session.store.identity.reason == "restored"
        assert "Nguyễn Thị Lan" in desk.window.clerk_label.text()
