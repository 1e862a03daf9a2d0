"""Saving one record in the encrypted store vs a plain stdlib-sqlite3 insert of the same row; opening time.

Prints per-operation medians and ratios (machines differ; the ratios are what we track). Each save is its own
transaction with ``synchronous=FULL`` in WAL mode, so both sides pay one fsync per save.

    .venv/bin/python bench/bench_store.py [saves_per_round] [rounds]
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.connection import open_connection  # noqa: E402
from sync.store import Store, encode_record_data  # noqa: E402

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)
RECORDS_DDL = (
    "CREATE TABLE records (type TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL CHECK (json_valid(data)),"
    " updated_at TEXT NOT NULL, PRIMARY KEY (type, id)) WITHOUT ROWID"
)
UPSERT = (
    "INSERT INTO records (type, id, data, updated_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (type, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"
)


def clock() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def sample(n: int) -> dict[str, object]:
    return {
        "code": f"000.00.12.H29-250601-{n:04d}",
        "procedure": "1.001612",
        "status": "received",
        "documents": ["to_khai", "giay_to_tuy_than"],
        "note": "Hồ sơ nộp trực tiếp tại bộ phận một cửa",
    }


def per_op(fn: Callable[[int], None], count: int, offset: int) -> float:
    start = time.perf_counter()
    for i in range(offset, offset + count):
        fn(i)
    return (time.perf_counter() - start) / count


def plain_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma).fetchall()
    return conn


def main(argv: list[str]) -> None:
    saves = int(argv[1]) if len(argv) > 1 else 200
    rounds = int(argv[2]) if len(argv) > 2 else 6
    key = os.urandom(32)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        folder = Path(tmp) / "store"
        store = Store.open(folder, key, now=clock, new_id=new_id, create=True)
        direct = open_connection(Path(tmp) / "direct.db", key)
        direct.execute(RECORDS_DDL)
        plain = plain_connection(Path(tmp) / "plain.db")
        plain.execute(RECORDS_DDL)

        def store_save(i: int) -> None:
            store.put_record("dossier", f"d{i}", sample(i)).result()

        def insert_on(conn: sqlite3.Connection | object) -> Callable[[int], None]:
            def save(i: int) -> None:
                c = conn
                c.execute("BEGIN IMMEDIATE")  # type: ignore[attr-defined]
                c.execute(UPSERT, ("dossier", f"d{i}", encode_record_data(sample(i)), clock().isoformat()))  # type: ignore[attr-defined]
                c.execute("COMMIT")  # type: ignore[attr-defined]

            return save

        results: dict[str, list[float]] = {"store": [], "encrypted": [], "plain": []}
        offset = itertools.count(0, saves)
        runs: list[tuple[str, Callable[[int], None]]] = [
            ("plain", insert_on(plain)),
            ("encrypted", insert_on(direct)),
            ("store", store_save),
        ]
        for r in range(rounds):  # interleaved, order rotated, so that disk noise hits all three alike
            o = next(offset)
            for name, fn in runs[r % 3 :] + runs[: r % 3]:
                results[name].append(per_op(fn, saves, o))
        store.close()
        direct.close()
        plain.close()

        opens: dict[str, list[float]] = {"store_open": [], "connection": [], "plain_open": []}
        for _ in range(max(5, rounds)):
            t = time.perf_counter()
            Store.open(folder, key, now=clock, new_id=new_id).close()
            opens["store_open"].append(time.perf_counter() - t)
            t = time.perf_counter()
            open_connection(folder / "store.db", key).close()
            opens["connection"].append(time.perf_counter() - t)
            t = time.perf_counter()
            plain_connection(Path(tmp) / "plain.db").close()
            opens["plain_open"].append(time.perf_counter() - t)

    med = {name: statistics.median(v) for name, v in (results | opens).items()}
    ms = 1000.0
    print(f"single-record save, {saves} saves x {rounds} rounds, one transaction each, synchronous=FULL, WAL")
    print(f"  plain sqlite3 insert:              {med['plain'] * ms:8.3f} ms")
    print(f"  SQLCipher insert (same thread):    {med['encrypted'] * ms:8.3f} ms")
    print(f"  Store.put_record (writer thread):  {med['store'] * ms:8.3f} ms")
    print(f"  ratio store / plain:               {med['store'] / med['plain']:8.2f}")
    print(f"  ratio SQLCipher / plain:           {med['encrypted'] / med['plain']:8.2f}")
    print("open / unlock (raw data key; the Argon2id unwrap of the key file is separate, ~0.1 s)")
    print(f"  plain sqlite3 connect + pragmas:   {med['plain_open'] * ms:8.3f} ms")
    print(f"  SQLCipher connect + key check:     {med['connection'] * ms:8.3f} ms")
    print(f"  Store.open (migrations checked):   {med['store_open'] * ms:8.3f} ms")
    print(f"  ratio Store.open / plain connect:  {med['store_open'] / med['plain_open']:8.2f}")
    print(json.dumps({k: round(v * ms, 4) for k, v in med.items()}))


if __name__ == "__main__":
    main(sys.argv)
