"""Grab the queue with ~30 realistic dossiers: ``python -m tests.desktop.make_queue_screenshot OUT.png``.

Drives the real desk offscreen in a temporary folder: creates a workstation, unlocks it, receives dossiers
over the last two weeks through ``DossierDesk.receive`` (Vietnamese names), moves a few along, then grabs
the main window in Vietnamese with the "All" filter.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from dossiers.vietnam_time import VIETNAM_TIME
from tests.helpers.small_screen import small_screen_platform

# one 1366×768 screen, the commune PCs' usual
os.environ["QT_QPA_PLATFORM"] = small_screen_platform(os.environ.get("QT_QPA_PLATFORM"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import DeskController  # noqa: E402
from desktop.language import catalogue_bytes  # noqa: E402
from dossiers.catalogue import DocumentForm  # noqa: E402
from dossiers.citizen_id import Sex  # noqa: E402
from dossiers.dossier import Applicant, ReceivedDocument  # noqa: E402
from dossiers.lifecycle import Status  # noqa: E402
from sync.store import set_meta  # noqa: E402
from tests.desktop.make_screenshots import settle, wait_until  # noqa: E402
from tests.helpers.qt_keys import type_text  # noqa: E402
from tests.helpers.workstations import PASSPHRASE, Clock, hanoi_site, ids
from workstation.dossier_desk import DossierDraft, QueueFilter  # noqa: E402
from workstation.opening import create_workstation  # noqa: E402
from workstation.settings import resolve_locations  # noqa: E402
from workstation.work_session import PROVINCE_FEES_META_KEY  # noqa: E402

VN = VIETNAM_TIME
PEOPLE = (
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Long",
    "Phạm Thu Hằng",
    "Đỗ Minh Tuấn",
    "Hoàng Thị Mai",
    "Vũ Quốc Bảo",
    "Bùi Thanh Tâm",
    "Đặng Ngọc Lan",
    "Ngô Đức Huy",
    "Dương Thị Hồng",
    "Lý Văn Phúc",
    "Phan Thị Thảo",
    "Võ Minh Khôi",
    "Trịnh Thị Yến",
    "Đinh Công Sơn",
    "Mai Thị Hoa",
    "Tạ Quang Vinh",
    "Hồ Thị Kim Oanh",
    "Cao Văn Thắng",
    "Lâm Thị Ngân",
    "Kiều Văn Hậu",
    "Châu Thị Diễm",
    "Quách Văn Tài",
    "Lương Thị Xuân",
    "Nguyễn Hữu Thọ",
    "Trần Văn Khánh",
    "Lê Thị Phương",
    "Phạm Văn Dũng",
    "Đoàn Thị Liên",
)
PROCEDURES = ("1.001193", "2.000815", "1.000894", "2.000884", "1.004873", "2.000635", "1.000656", "1.004194")
PROVINCE_FEES = {"1.001193": 0, "1.000894": 0, "1.000656": 0, "1.004873": 0}


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        clock.now = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)  # 09:30 in Hà Nội, a Wednesday
        session = create_workstation(
            Path(tmp) / "store",
            site=hanoi_site(),
            login="lan",
            full_name="Nguyễn Thị Lan",
            passphrase=PASSPHRASE,
            recovery_pem=None,
            now=clock,
            new_id=ids().__next__,
        )
        fees = json.dumps(PROVINCE_FEES)
        session.store.write(lambda conn: set_meta(conn, PROVINCE_FEES_META_KEY, fees)).result()
        session.store.close()
        desk = DeskController(app, resolve_locations(Path(tmp)), now=clock, new_id=ids("dossier").__next__)
        desk.start()
        wait_until(lambda: desk.unlock_screen.isVisible() and desk.unlock_screen.login.isEnabled())
        desk.language.apply("vi", catalogue_bytes("vi"))
        screen = desk.unlock_screen
        screen.login.setEditText("")
        type_text(screen.login.lineEdit(), "lan")
        type_text(screen.passphrase, PASSPHRASE)
        screen.submit()
        wait_until(lambda: desk.work is not None and desk.queue is not None)
        assert desk.work is not None and desk.queue is not None
        service = desk.work.desk
        received = []
        start = clock.now - dt.timedelta(days=13)
        for n, name in enumerate(PEOPLE):
            clock.now = start + dt.timedelta(days=n * 14 // len(PEOPLE), hours=n % 7 * 0.9)
            if clock.now.astimezone(VN).weekday() >= 5:
                clock.now -= dt.timedelta(days=2)
            applicant = Applicant(name, dt.date(1960 + n, 1 + n % 12, 1 + n % 27), Sex.MALE, f"0010{n:08d}")
            draft = DossierDraft(
                PROCEDURES[n % len(PROCEDURES)],
                applicant,
                (ReceivedDocument("Bản chính giấy tờ", DocumentForm.ORIGINAL),),
                pages=2,
            )
            received.append(service.receive(draft))
        clock.now = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
        service.change_status(received[3].dossier_id, Status.PROCESSING)
        service.change_status(received[3].dossier_id, Status.SUPPLEMENT_REQUESTED, note="Thiếu bản sao")
        for dossier in received[:6]:
            if dossier is not received[3]:
                service.change_status(dossier.dossier_id, Status.PROCESSING)
        for n, dossier in enumerate(received[:24]):
            if n in (3, 7, 15):
                continue  # still open, past their appointment
            if n >= 6:
                service.change_status(dossier.dossier_id, Status.PROCESSING)
            service.change_status(dossier.dossier_id, Status.PROCESSED)
            service.change_status(dossier.dossier_id, Status.RESULT_RETURNED)
        window = desk.window
        assert window is not None
        window.resize(1366, 768)
        view = desk.queue
        view.set_filter(QueueFilter.ALL)
        desk.screens.dossiers_changed()  # as a save on the new-dossier screen would
        wait_until(lambda: view.model.rowCount() == len(PEOPLE) and 0 in view.model.cached_page_numbers)
        wait_until(lambda: view.counts.get(QueueFilter.ALL) == len(PEOPLE))
        view.table.selectRow(2)
        settle(0.5)
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(out)
        desk.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/desk-queue.png"))
