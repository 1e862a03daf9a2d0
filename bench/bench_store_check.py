"""What checking a store at unlock costs: ``PRAGMA quick_check`` and ``integrity_check`` on a filled store.

Fills an encrypted desk store with dossier-sized rows (records, change events, record states, with their
indexes) up to a target size, closes it (dropping SQLite's page cache), then times, in milliseconds: opening a
connection, ``quick_check`` (what :meth:`sync.store.Store.open` runs on an existing store),
``integrity_check`` (what diagnostics runs) and the whole ``Store.open``; and the checks' throughput in MB/s.

    .venv/bin/python bench/bench_store_check.py [megabytes ...]
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.connection import open_connection  # noqa: E402
from sync.store import Store  # noqa: E402
from workstation.dossier_desk import DESK_MIGRATIONS  # noqa: E402

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
ROWS_PER_MB = 110  # one dossier's record, event and state (~2 KB of JSON each, with indexes) take ~9 KB


def body(i: int) -> str:
    values = {
        "applicant_name": f"Nguyễn Văn {i}",
        "applicant_address": f"Số {i} ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội",
        "procedure": "1.001612",
        "status": "received",
        "documents": [f"giay_to_{n}" for n in range(12)],
        "note": "Hồ sơ nộp trực tiếp tại bộ phận một cửa. " * 20,
    }
    return json.dumps({"values": values, "i": i}, ensure_ascii=False)


def fill(folder: Path, key: bytes, megabytes: int) -> None:
    ids = itertools.count(1)
    store = Store.open(
        folder, key, now=lambda: T0, new_id=lambda: f"r{next(ids)}", create=True, migrations=DESK_MIGRATIONS
    )

    def operation(conn) -> None:  # type: ignore[no-untyped-def]
        for i in range(megabytes * ROWS_PER_MB):
            text = body(i)
            conn.execute(
                "INSERT INTO records (type, id, data, updated_at) VALUES ('dossier', ?, ?, ?)",
                (f"d{i}", text, T0.isoformat()),
            )
            conn.execute(
                "INSERT INTO change_events VALUES ('r1', ?, 'dossier', ?, ?, ?)", (i + 1, f"d{i}", i, text)
            )
            conn.execute("INSERT INTO record_states VALUES ('dossier', ?, 'x', 0, ?)", (f"d{i}", text))

    store.write(operation).result()
    store.close()


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pragma(database: Path, key: bytes, sql: str) -> None:
    conn = open_connection(database, key)
    try:
        rows = conn.execute(sql).fetchall()
        assert rows == [("ok",)], rows
    finally:
        conn.close()


def measure(megabytes: int, key: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        folder = Path(tmp) / "store"
        fill(folder, key, megabytes)
        database = folder / "store.db"
        size = database.stat().st_size / 1_000_000

        def store_open() -> None:
            Store.open(folder, key, now=lambda: T0, new_id=str, migrations=DESK_MIGRATIONS).close()

        runs = {
            "connection": lambda: open_connection(database, key).close(),
            "quick": lambda: pragma(database, key, "PRAGMA quick_check"),
            "integrity": lambda: pragma(database, key, "PRAGMA integrity_check"),
            "store": store_open,
        }
        ms = {name: statistics.median(timed(fn) for _ in range(3)) * 1000 for name, fn in runs.items()}
    return (
        f"{size:7.1f} MB {ms['connection']:10.0f} {ms['quick']:10.0f} ({size * 1000 / ms['quick']:4.0f})"
        f" {ms['integrity']:13.0f} ({size * 1000 / ms['integrity']:4.0f}) {ms['store']:14.0f}"
    )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv[1:]] or [20, 100]
    key = os.urandom(32)
    print("store size  connect ms  quick_check ms (MB/s)  integrity_check ms (MB/s)  Store.open ms")
    for megabytes in sizes:
        print(measure(megabytes, key), flush=True)


if __name__ == "__main__":
    main(sys.argv)
