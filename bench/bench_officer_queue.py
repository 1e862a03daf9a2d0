# ruff: noqa: E501
"""The officers' queue over the province's dossier index at 1,000,000 dossiers (SQLite): first and deep pages
by keyset, filters, diacritics-free search, the counts per quick filter.

The index rows are inserted directly (what ``server.dossier_index.refresh`` writes when events are applied);
the queries are the ones the web page runs (``queue_page``, ``queue_counts``).

Run: ``.venv/bin/python bench/bench_officer_queue.py [dossiers]`` (default 1,000,000).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossiers.lifecycle import Status  # noqa: E402
from server.communes import load_communes  # noqa: E402
from server.dossier_index import QueueFilter, queue_counts, queue_page, search_phrases  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from sync.folding import fold  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]  # fmt: skip
PROCEDURES = [f"1.00{n:04d}" for n in range(14)]
HO_TICH = tuple(PROCEDURES[:9])
TODAY = dt.date(2026, 6, 15)
ID_PROBE = "001012345678"


def fill(storage: SqliteStorage, count: int, communes: list[str]) -> None:
    rng = random.Random(7)
    statuses = [s.value for s in Status]
    rows = []
    start = dt.datetime(2025, 1, 1, 8, 0)
    for number in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        received = start + dt.timedelta(seconds=number * 31)
        code = f"{number:08d}"
        id_number = f"0010{rng.randrange(10**8):08d}"
        commune = communes[number % len(communes)]
        recent = number > count - count // 50  # the last 2%: still being worked on; older ones finished
        status = rng.choice(statuses) if recent else ("10" if rng.random() < 0.97 else rng.choice(statuses))
        rows.append((
            f"d{number:08d}", commune, rng.choice(PROCEDURES), "Thủ tục", status, code, name,
            fold(f"d{number:08d} {name} {id_number} {code}"), received.isoformat() + "+07:00",
            (received.date() + dt.timedelta(days=rng.randrange(1, 20))).isoformat(), "", int(rng.random() < 0.001),
        ))  # fmt: skip
        if len(rows) == 50_000:
            _insert(storage, rows)
            rows = []
    _insert(storage, rows)
    with storage.transaction() as tx:
        rows_of = tx.query("SELECT record_id, applicant_name, code, search_text FROM dossier_index")
        tx.run_many(
            "INSERT INTO dossier_words (word, record_id) VALUES (?, ?)",
            [
                (phrase, rid)
                for rid, name, code, text in rows_of
                for phrase in search_phrases([rid, name, code, text.split()[-2]])
            ],
        )


def _insert(storage: SqliteStorage, rows: list[tuple[object, ...]]) -> None:
    if not rows:
        return
    with storage.transaction() as tx:
        tx.run_many(
            "INSERT INTO dossier_index (record_id, commune_code, procedure_code, procedure_name, status, code,"
            " applicant_name, search_text, received_at, appointment, finished_on, open_conflicts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def timed(what: Callable[[], object], runs: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        what()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), max(times)


def main(count: int) -> None:
    global TODAY  # noqa: PLW0603 - the day after the newest dossier, whatever the count
    TODAY = (dt.datetime(2025, 1, 1, 8, 0) + dt.timedelta(seconds=count * 31)).date()
    with tempfile.TemporaryDirectory() as folder:
        storage = SqliteStorage(Path(folder) / "server.db")
        storage.migrate()
        load_communes(storage, "01")
        communes = [c.code for c in storage.list_communes("01")]
        began = time.perf_counter()
        fill(storage, count, communes)
        with storage.transaction() as tx:
            tx.run("ANALYZE")
        print(f"{count:,} index rows in {time.perf_counter() - began:.0f} s, {len(communes)} communes")
        everyone = QueueFilter(None)
        department = QueueFilter(None, procedures=HO_TICH)
        deep = queue_page(storage, everyone, TODAY, limit=200)
        for _ in range(20):  # 4,000 rows in: a cursor as the web page's "next page" carries it
            deep = queue_page(storage, everyone, TODAY, after=deep.next_after, limit=200)
        with storage.transaction() as tx:
            far = tx.query(
                "SELECT received_at, record_id FROM dossier_index ORDER BY received_at DESC, record_id DESC"
                " LIMIT 1 OFFSET ?",
                (count * 9 // 10,),
            )[0]
        far_cursor = f"{far[0]}|{far[1]}"
        cases: list[tuple[str, Callable[[], object]]] = [
            ("first page, every dossier", lambda: queue_page(storage, everyone, TODAY, limit=25)),
            ("first page, one department (9 of 14 procedures)", lambda: queue_page(storage, department, TODAY, limit=25)),
            ("page after 4,000 rows (keyset)", lambda: queue_page(storage, everyone, TODAY, after=deep.next_after, limit=25)),
            ("page after 900,000 rows (keyset)", lambda: queue_page(storage, everyone, TODAY, after=far_cursor, limit=25)),
            ("one commune", lambda: queue_page(storage, QueueFilter(None, commune=communes[5]), TODAY, limit=25)),
            ("one status (supplement requested)", lambda: queue_page(storage, QueueFilter(None, status=Status.SUPPLEMENT_REQUESTED), TODAY, limit=25)),
            ("overdue, one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, due="overdue"), TODAY, limit=25)),
            ("search 'nguyen van lan' (common)", lambda: queue_page(storage, QueueFilter(None, search="nguyen van lan"), TODAY, limit=25)),
            ("search an ID number (no match)", lambda: queue_page(storage, QueueFilter(None, search=ID_PROBE), TODAY, limit=25)),
            ("search a rare name 'ngo xuan yen', one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, search="ngo xuan yen"), TODAY, limit=25)),
            ("search 'nguyen' (very common) + counts", lambda: (queue_page(storage, QueueFilter(None, search="nguyen"), TODAY, limit=25), queue_counts(storage, QueueFilter(None, search="nguyen"), TODAY))),
            ("counts of the 6 quick filters, one department", lambda: queue_counts(storage, department, TODAY)),
            ("counts of the 6 quick filters, one commune", lambda: queue_counts(storage, QueueFilter(None, commune=communes[5]), TODAY)),
        ]  # fmt: skip
        print("| query | median ms | max ms |\n|---|---:|---:|")
        for name, run in cases:
            median, worst = timed(run)
            print(f"| {name} | {median:.1f} | {worst:.1f} |")
        storage.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
