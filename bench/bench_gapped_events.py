"""A one-event push after many hostile gapped events (issue 14, finding 2), in-process on the server's
replica (``ServerReplica.receive_encoded``, what the push route calls), on SQLite and on a throwaway
PostgreSQL cluster.

Hostile workstations of one commune push ``--gapped`` events that can never be applied (their counters start
at 2), in batches of 500; then an honest workstation pushes one event. Prints, per backend, the one-event
push's wall time (median of ``--repeat``) and the rows its queries return, in a clean commune and after the
gapped events, and how many events wait and how many were quarantined (defaults: 2,000 per origin, 10,000
per commune).

    .venv/bin/python bench/bench_gapped_events.py [--gapped 60000] [--origins 9]
        [--backend sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD  # noqa: E402
from server.communes import load_communes, official_communes  # noqa: E402
from server.storage.interface import ServerStorage  # noqa: E402
from server.storage.postgres_storage import PostgresStorage  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from server.sync_replica import ServerReplica  # noqa: E402
from sync.event_texts import decode_canonical  # noqa: E402
from tests.helpers.gapped_events import CountingStorage, gapped_texts  # noqa: E402
from tests.helpers.live_desks import ticking  # noqa: E402
from tests.helpers.postgres_cluster import postgres_cluster  # noqa: E402
from tests.helpers.server_replicas import enrol_replica  # noqa: E402

BATCH = 500


def replica(storage: ServerStorage, commune: str, pusher: str) -> ServerReplica:
    return ServerReplica(
        storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking(), pusher=pusher
    )


def one_push(storage: ServerStorage, commune: str, number: int, repeat: int) -> tuple[float, int]:
    """Median seconds and rows read of ``repeat`` one-event pushes by the honest desk."""
    counting = CountingStorage(storage)
    times, rows = [], []
    for i in range(repeat):
        event = decode_canonical(gapped_texts("desk-honest", commune, [number + i])[0])
        start, before = time.perf_counter(), counting.rows
        replica(counting, commune, "desk-honest").receive_encoded([event])  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
        rows.append(counting.rows - before)
    return statistics.median(times), int(statistics.median(rows))


def measure(storage: ServerStorage, gapped: int, origins: int, repeat: int) -> dict[str, float]:
    storage.migrate()
    commune = official_communes("01")[0].code
    load_communes(storage, "01")
    enrol_replica(storage, commune, "desk-honest")
    clean_s, clean_rows = one_push(storage, commune, 1, repeat)
    per_origin = gapped // origins
    for o in range(origins):
        origin = f"desk-h{o}"
        enrol_replica(storage, commune, origin)
        texts = gapped_texts(origin, commune, range(2, per_origin + 2))
        for i in range(0, len(texts), BATCH):
            replica(storage, commune, origin).receive_encoded(
                [decode_canonical(t) for t in texts[i : i + BATCH]]
            )
    after_s, after_rows = one_push(storage, commune, 1 + repeat, repeat)
    with storage.transaction() as tx:
        waiting = tx.query("SELECT COUNT(*) FROM sync_waiting")[0][0]
        quarantined = tx.query("SELECT COUNT(*) FROM sync_quarantine")[0][0]
    return {
        "clean_ms": clean_s * 1000,
        "clean_rows": clean_rows,
        "after_ms": after_s * 1000,
        "after_rows": after_rows,
        "waiting": waiting,
        "quarantined": quarantined,
    }


def report(name: str, f: dict[str, float], gapped: int) -> str:
    return (
        f"{name}: one-event push {f['clean_ms']:.1f} ms / {f['clean_rows']:.0f} rows in a clean commune; "
        f"{f['after_ms']:.1f} ms / {f['after_rows']:.0f} rows after {gapped} gapped events "
        f"({f['waiting']:.0f} waiting, {f['quarantined']:.0f} quarantined)"
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gapped", type=int, default=60_000)
    parser.add_argument("--origins", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-gapped-")))
        if args.backend in ("sqlite", "both"):
            storage = SqliteStorage(root / "server.db")
            print(report("SQLite", measure(storage, args.gapped, args.origins, args.repeat), args.gapped))
            storage.close()
        if args.backend in ("postgresql", "both"):
            url = stack.enter_context(postgres_cluster())
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE DATABASE gapped")
            storage = PostgresStorage(url.rsplit("/", 1)[0] + "/gapped", pool_size=2)
            print(report("PostgreSQL", measure(storage, args.gapped, args.origins, args.repeat), args.gapped))
            storage.close()


if __name__ == "__main__":
    main(sys.argv[1:])
