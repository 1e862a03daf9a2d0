"""A change the province's rules refuse is refused alone (issue 14): the desk's other changes, before and
after it, reach the province and the commune's other desks; the clerk reads the refusal in words after the
sync; ``motcua info`` counts it for IT. Through the desk as ``desktop.app.build()`` makes it, a second desk
through the desk's own sync, and a live server on 127.0.0.1.

The refused change is written into the desk's replica under its own keys, bypassing the reception rules (a
tampered or broken desk: a real desk never writes such a value).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.__main__ import main as motcua
from tests.helpers.enrolled_desks import HOAN_KIEM, PASS, draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.journey_steps import desk_program, shortcut, unlock_as
from tests.server.conftest import Province
from workstation.enrolment import stored_transport_factory
from workstation.province_refusals import read_refusals
from workstation.reference_sync import sync_with_province
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import Activity, ProgressMeter


def _info(data: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert motcua(["info", "--data-dir", str(data)]) == 0
    return out.getvalue()


def test_a_refused_change_is_refused_alone_and_told_in_words(
    qtbot, tmp_path: Path, province: Province
) -> None:
    clock = province.clock
    data_a, data_b = new_desk(tmp_path, "desk-a", clock), new_desk(tmp_path, "desk-b", clock)
    for data in (data_a, data_b):
        status, said = it_enrol(data, province, province.code(HOAN_KIEM))
        assert status == 0, said

    session = unlock(data_a, clock)
    work = open_work(session, clock, "d")
    dossier = work.desk.receive(draft())
    replica = work.desk.replica
    replica.write("dossier", dossier.dossier_id, {"fee": "miễn phí"}, "lan")  # refused: not a whole number
    replica.write("dossier", dossier.dossier_id, {"fee": 30_000}, "lan")  # valid, made after it
    session.store.close()

    with desk_program(data_a, now=clock.now) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.sync.can_sync, timeout=10_000)
        panel = desk.screens.sync_status
        shortcut(qtbot, desk.window, Qt.Key.Key_F9)  # Sync now
        qtbot.waitUntil(lambda: "từ chối" in panel.note, timeout=30_000)
        assert panel.note == "Tỉnh từ chối 1 thay đổi: gọi CNTT."
        tip = panel.note_label.toolTip()
        assert "Đồng bộ xong: gửi 3, nhận 0." in tip and "các thay đổi khác của máy đã được gửi" in tip
        assert "giá trị hoặc bước chuyển trạng thái mà quy định không cho phép" in tip
        assert "miễn phí" not in tip and "miễn phí" not in panel.note  # the reason, never the value
        qtbot.waitUntil(lambda: desk.background.pending == 0)

    assert "refused changes:      1" in _info(data_a)

    # the province and the commune's other desk hold the dossier with the valid change, not the refused one
    session_b = unlock(data_b, clock)
    work_b = open_work(session_b, clock, "e")
    try:
        factory = stored_transport_factory(session_b.store)
        assert factory is not None
        sync_with_province(
            work_b.desk.replica,
            factory,
            ProgressMeter(Activity.SYNC, lambda _progress: None),
            now=clock.now,
            checkpoints=StoreCheckpoints(session_b.store),
        )
        shown = work_b.desk.page(dossier.dossier_id)
        assert shown.state.get("fee") == 30_000
        assert read_refusals(session_b.store) == []
    finally:
        session_b.store.close()
