"""Change events in the encrypted store: events applied per second when received in batches of 1,000 (state
cache and search index updated in the same transaction), local writes per second, reading them back for a
sync (``missing_for``), and bytes per event in the database file.

The baseline is a plain stdlib-sqlite3 insert of the same encoded events in the same batches (no encryption,
no merge, no cache): the ratio is what we track, machines differ.

    .venv/bin/python bench/bench_events.py [events] [records]
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.change_events import ChangeEvent, encode_event  # noqa: E402
from sync.field_policies import RecordType, add_only_set, log, register, state  # noqa: E402
from sync.record_merge import RecordState  # noqa: E402
from sync.replica_store import ReplicaStore  # noqa: E402
from sync.store import Store  # noqa: E402
from sync.version_vectors import EventId, VersionVector  # noqa: E402

BATCH = 1000
T0 = datetime(2025, 6, 2, 7, 30, tzinfo=UTC)
FLOW = ["process", "request_supplement", "process", "return_result"]


class Flow:
    """A dossier-like status machine: received → processing ⇄ supplement → returned."""

    initial = "received"
    moves = {
        "process": {"received": "processing", "supplement": "processing"},
        "request_supplement": {"processing": "supplement"},
        "return_result": {"processing": "returned"},
    }

    def apply(self, current: Any, transition: Any) -> Any:
        try:
            return self.moves[transition][current]
        except KeyError:
            raise ValueError(f"{transition!r} is not allowed from {current!r}") from None

    def can_order(self, first: Any, second: Any) -> bool:
        return False


DOSSIER = RecordType(
    "dossier",
    [
        register("code"),
        register("procedure"),
        register("applicant"),
        register("phone"),
        register("commune"),
        add_only_set("documents"),
        log("notes"),
        state("status", Flow()),
    ],
)


def search_texts(record_type: str, record: RecordState) -> list[str]:
    return [str(record.get(name) or "") for name in ("code", "applicant", "phone")]


def generate(count: int, records: int, desks: int = 5) -> list[ChangeEvent]:
    """``count`` events from ``desks`` desks over ``records`` dossiers, in causal order: each dossier is
    created with its details, then gets documents, notes and status steps, each on the dossier's vector."""
    rng = random.Random(7)
    vectors: dict[str, VersionVector] = {}
    steps: dict[str, int] = {}
    counters = dict.fromkeys((f"desk-{n}" for n in range(desks)), 0)
    surnames, middles, names = ["Nguyễn", "Trần", "Lê", "Phạm"], ["Văn", "Thị", "Đức"], ["An", "Hoa", "Minh"]
    events = []
    for n in range(count):
        record_id = f"d{rng.randrange(records):07d}"
        step = steps.get(record_id, 0)
        steps[record_id] = step + 1
        if step == 0:
            fields: dict[str, Any] = {
                "code": f"000.00.12.H29-250602-{n % 10000:04d}",
                "procedure": "1.001612",
                "applicant": f"{rng.choice(surnames)} {rng.choice(middles)} {rng.choice(names)}",
                "phone": f"09{rng.randrange(10**8):08d}",
                "commune": f"{26000 + rng.randrange(40)}",
                "documents": ["to_khai", "giay_to_tuy_than"],
            }
        elif step % 3 == 1:
            fields = {"notes": [f"Đã gọi điện hẹn trả kết quả lần {step}"]}
        elif step % 3 == 2:
            fields = {"documents": [f"ban_sao_{step}"]}
        else:
            fields = {"status": FLOW[(step // 3 - 1) % len(FLOW)]}
        desk = f"desk-{rng.randrange(desks)}"
        counters[desk] += 1
        context = vectors.get(record_id, VersionVector())
        made = ChangeEvent(
            EventId(desk, counters[desk]),
            "dossier",
            record_id,
            fields,
            context,
            T0 + timedelta(seconds=n),
            f"clerk-{desk}",
            "desk",
        )
        vectors[record_id] = context.with_event(made.id)
        events.append(made)
    return events


def open_store(folder: Path, key: bytes, name: str) -> Store:
    ticks = itertools.count()
    return Store.open(
        folder, key, now=lambda: T0 + timedelta(seconds=next(ticks)), new_id=lambda: name, create=True
    )


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def database_bytes(store: Store) -> int:
    """The database file's size once the WAL is checkpointed into it."""
    store.write(lambda conn: None).result()
    with store.reader() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return store.paths.database.stat().st_size


def plain_baseline(folder: Path, texts: list[tuple[ChangeEvent, str]]) -> float:
    """Seconds to insert the encoded events into plain sqlite3, one transaction per batch."""
    conn = sqlite3.connect(folder / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL").fetchall()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE events (replica_id TEXT, counter INTEGER, record_type TEXT, record_id TEXT, body TEXT,"
        " PRIMARY KEY (replica_id, counter))"
    )
    start = time.perf_counter()
    for offset in range(0, len(texts), BATCH):
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
            [(*e.id, e.record_type, e.record_id, text) for e, text in texts[offset : offset + BATCH]],
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main(count: int, records: int) -> None:
    key = os.urandom(32)
    events = generate(count, records)
    texts = [(event, encode_event(event)) for event in events]
    body_bytes = sum(len(text.encode()) for _, text in texts)
    with tempfile.TemporaryDirectory(prefix="bench-events-") as tmp:
        root = Path(tmp)
        plain = plain_baseline(root, texts)

        store = open_store(root / "server", key, "server")
        replica = ReplicaStore(store, "province", [DOSSIER], scope_field="commune", search_texts=search_texts)
        empty = database_bytes(store)
        batches = [events[offset : offset + BATCH] for offset in range(0, count, BATCH)]
        received = timed(lambda: [replica.receive(batch) for batch in batches])
        size = database_bytes(store) - empty
        again = timed(lambda: [replica.receive(batch) for batch in batches[:5]])
        shuffled = list(events[: 5 * BATCH])
        random.Random(3).shuffle(shuffled)

        late = open_store(root / "late", key, "late")
        late_replica = ReplicaStore(late, "desk", [DOSSIER], search_texts=search_texts)
        out_of_order = timed(
            lambda: [late_replica.receive(shuffled[o : o + BATCH]) for o in range(0, len(shuffled), BATCH)]
        )
        waiting_left = len(late_replica.waiting())

        sent: list[str] = []
        export = timed(lambda: sent.extend(replica.missing_encoded(VersionVector())))
        decode = timed(lambda: replica.missing_for(VersionVector()))
        conflicts = timed(lambda: replica.open_conflicts(where="26001"))
        listing = timed(lambda: replica.list_records("dossier", limit=100, offset=records // 2))

        desk = ReplicaStore(
            open_store(root / "desk", key, "desk"), "desk", [DOSSIER], search_texts=search_texts
        )
        local_count = 200
        local = timed(
            lambda: [
                desk.write("dossier", f"d{n % 50}", {"notes": [f"ghi chú {n}"]}, author="clerk")
                for n in range(local_count)
            ]
        )
        rebuild = timed(replica.rebuild)
        for each in (store, late, desk.store):
            each.close()

    rows = [
        ("receive, in causal order", count / received, f"events/s  ({received:.1f} s)"),
        ("plain sqlite3 insert", count / plain, f"events/s  store/plain = {received / plain:.0f}x"),
        ("receive again (duplicates)", 5 * BATCH / again, "events/s"),
        ("receive shuffled", len(shuffled) / out_of_order, f"events/s  ({waiting_left} left waiting)"),
        ("missing_for, canonical text", count / export, f"events/s  ({len(sent):,} events)"),
        ("missing_for, decoded", count / decode, "events/s"),
        ("rebuild the state cache", count / rebuild, "events/s"),
        ("local writes, 1 txn each", local_count / local, "writes/s"),
    ]
    print(f"events: {count:,} over {records:,} dossiers, received in batches of {BATCH:,}")
    for label, rate, unit in rows:
        print(f"  {label:<28} {rate:10,.0f} {unit}")
    print(f"  open conflicts of a commune: {conflicts * 1000:.1f} ms; a page of 100: {listing * 1000:.1f} ms")
    print(
        f"bytes per event in the store: {size / count:,.0f} (encoded event alone: {body_bytes / count:,.0f})"
    )


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3]]
    main(*(arguments + [20_000, 5_000][len(arguments) :]))
