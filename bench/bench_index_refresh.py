"""What keeping the dossier index costs a push: a desk's backlog of new dossiers received by the server's
replica (SQLite, in process, batches of 500 as the sync pushes them), with the index refreshed in the same
transaction as the events, against the same receive with the refresh switched off (for this measurement).

Run: ``.venv/bin/python bench/bench_index_refresh.py [dossiers]`` (default 5,000).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossiers.dossier_record import DOSSIER_RECORD  # noqa: E402
from server import dossier_index  # noqa: E402
from server.communes import load_communes  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from sync.event_texts import encoded_all  # noqa: E402
from sync.replica_memory import MemoryReplica  # noqa: E402
from sync.version_vectors import VersionVector  # noqa: E402
from tests.helpers.live_desks import dossier_fields, province, ticking  # noqa: E402


def run(count: int, with_index: bool) -> float:
    with tempfile.TemporaryDirectory() as folder:
        storage = SqliteStorage(Path(folder) / "server.db")
        storage.migrate()
        load_communes(storage, "01")
        with storage.transaction() as tx:
            tx.run(
                "INSERT INTO devices (id, commune_code, replica_id, label, signing_key, exchange_key,"
                " secret_hash, enrolled_at) VALUES ('dev', '00070', 'desk-a', 'Bàn 1', 'k', 'k', 'h', ?)",
                (storage.time_in(ticking()()),),
            )
        desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
        for number in range(count):
            fields = dossier_fields("00070", number)
            fields["applicant_name"] = f"Nguyễn Văn Bình {number}"
            desk.write("dossier", f"d-{number:06d}", fields, "clerk")
        events = encoded_all(desk.missing_for(VersionVector({})))
        replica = province(storage, "00070")
        saved = dossier_index.refresh
        if not with_index:
            dossier_index.refresh = lambda *args, **kwargs: None  # type: ignore[assignment]
        try:
            began = time.perf_counter()
            for start in range(0, len(events), 500):
                replica.receive_encoded(events[start : start + 500])
            elapsed = time.perf_counter() - began
        finally:
            dossier_index.refresh = saved
        storage.close()
        return elapsed


def main(count: int) -> None:
    with_index, without = [], []
    for _ in range(3):
        without.append(run(count, False))
        with_index.append(run(count, True))
    a, b = statistics.median(without), statistics.median(with_index)
    print(
        f"{count:,} new dossiers in batches of 500: {a:.2f} s without the index, {b:.2f} s with it "
        f"(ratio {b / a:.2f}; {1000 * (b - a) / count:.2f} ms per dossier)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
