"""The lazy queue model over 1,000,000 dossiers: row count, first page, a deep page, scrolling.

Fills an encrypted store's ``desk_queue`` directly (indexes dropped during the fill and built after), then
drives :class:`desktop.queue_model.QueueModel` offscreen and times, in milliseconds:

- the count (what the view needs before showing anything) and the first page;
- a page at 90 % depth reached by a jump (covering-index skip) and the page after it (keyset step);
- scrolling: 50 consecutive pages read in order from 50 % depth;
- the old way for comparison: one ``ORDER BY … LIMIT … OFFSET`` read at the same depth (the removed
  ``DossierDesk.queue_page``).

    .venv/bin/python bench/bench_queue_model.py [rows]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from dossiers.vietnam_time import VIETNAM_TIME

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.background import Background  # noqa: E402
from desktop.queue_model import QueueModel  # noqa: E402
from dossiers.catalogue import parse_catalogue  # noqa: E402
from dossiers.code_allocation import SequenceSpace  # noqa: E402
from dossiers.dossier import Office  # noqa: E402
from dossiers.working_calendar import WorkingCalendar  # noqa: E402
from resources import resource_path  # noqa: E402
from sync.store import Store  # noqa: E402
from workstation.dossier_desk import (  # noqa: E402
    DESK_MIGRATIONS,  # noqa: E402
    DossierDesk,
    QueueFilter,
)
from workstation.queue_pager import QueuePager, QueueQuery  # noqa: E402

VN = VIETNAM_TIME
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=VN)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan", "Thanh Tâm")
PROCEDURES = ("Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực bản sao", "Đăng ký khai tử")


def fill(store: Store, rows: int) -> None:
    def operation(conn) -> None:  # type: ignore[no-untyped-def]
        indexes = [
            (name, sql)
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'desk_queue'"
                " AND sql IS NOT NULL"
            )
        ]
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        rng = random.Random(7)
        start = NOW - dt.timedelta(days=3 * 365)
        step = (NOW - start) / rows
        batch = []
        for i in range(rows):
            received = start + step * i
            appointment = received.date() + dt.timedelta(days=rng.choice((0, 3, 5, 7, 15)))
            status = "10" if appointment < NOW.date() - dt.timedelta(days=30) else rng.choice("2459")
            batch.append(
                (
                    f"{i:012d}-{rng.getrandbits(32):08x}",
                    received.isoformat(),
                    received.date().isoformat(),
                    appointment.isoformat(),
                    status,
                    int(rng.random() < 0.001),
                    f"000.00.01.H22-{received:%y%m%d}-{i % 9999 + 1:04d}",
                    "1.001193",
                    rng.choice(PROCEDURES),
                    f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                    i,
                )
            )
            if len(batch) == 20_000:
                conn.executemany("INSERT INTO desk_queue VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
                batch.clear()
        conn.executemany("INSERT INTO desk_queue VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
        for _, sql in indexes:
            conn.execute(sql)

    store.write(operation).result()


def wait_for(condition, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the model did not answer in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main(rows: int) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(
            tmp,
            os.urandom(32),
            now=lambda: NOW,
            new_id=lambda: uuid.uuid4().hex,
            create=True,
            migrations=DESK_MIGRATIONS,
        )
        started = time.perf_counter()
        fill(store, rows)
        print(f"fill {rows:,} rows: {ms(started) / 1000:.1f} s")
        desk = DossierDesk(
            store,
            catalogue=parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes()),
            calendar=WorkingCalendar.vietnam(2022, 2027),
            office=Office("000.00.01.H22", "Trung tâm", "UBND", "Tân Hòa"),
            commune="00004",
            sequence_space=SequenceSpace("000.00.01.H22", "ws", 1, 9999),
            province_fees={},
            clerk="bench",
            now=lambda: NOW,
            new_id=lambda: uuid.uuid4().hex,
        )
        background = Background()
        model = QueueModel(
            QueuePager(desk),
            background,
            today=NOW.date,
            due_soon=lambda day: day + dt.timedelta(days=2),
            query=QueueQuery(QueueFilter.ALL),
        )
        loaded: list[int] = []
        model.page_loaded.connect(loaded.append)

        def fetch(row: int) -> float:
            begin = time.perf_counter()
            loaded.clear()
            model.data(model.index(row, 0))
            wait_for(lambda: bool(loaded))
            return ms(begin)

        begin = time.perf_counter()
        model.refresh()
        wait_for(lambda: model.rowCount() == rows)
        count_ms = ms(begin)
        wait_for(lambda: 0 in model.cached_page_numbers)
        first_ms = ms(begin)
        print(f"count: {count_ms:.0f} ms; count + first page: {first_ms:.0f} ms")
        deep = int(rows * 0.9) // model.page_size * model.page_size
        print(
            f"jump to row {deep:,}: {fetch(deep):.0f} ms; the page after it (keyset): "
            f"{fetch(deep + model.page_size):.0f} ms"
        )
        middle = rows // 2 // model.page_size * model.page_size
        fetch(middle)
        begin = time.perf_counter()
        for step in range(1, 51):
            fetch(middle + step * model.page_size)
        scroll_ms = ms(begin) / 50
        print(f"scrolling: {scroll_ms:.1f} ms per page of {model.page_size} rows")
        for column, name in ((1, "applicant"), (5, "status")):
            begin = time.perf_counter()
            loaded.clear()
            model.sort(column)
            wait_for(lambda: 0 in model.cached_page_numbers and bool(loaded))
            print(f"sort by {name}: {ms(begin):.0f} ms to the first page; jump to 90 %: {fetch(deep):.0f} ms")
        begin = time.perf_counter()
        with store.reader() as conn:  # the removed DossierDesk.queue_page: ORDER BY ... LIMIT ... OFFSET
            conn.execute(
                "SELECT dossier_id, received_at, applicant_name FROM desk_queue"
                " ORDER BY received_at DESC, dossier_id DESC LIMIT ? OFFSET ?",
                (model.page_size, deep),
            ).fetchall()
        old_ms = ms(begin)
        print(f"the old OFFSET read at the same depth: {old_ms:.0f} ms")
        begin = time.perf_counter()
        counts = desk.queue_counts()
        print(f"queue_counts (8 filters): {ms(begin):.0f} ms; overdue {counts[QueueFilter.OVERDUE]:,}")
        background.shutdown()
        store.close()
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
