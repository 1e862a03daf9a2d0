"""What the server's new per-event checks cost (issue 14, findings 1 and 7): signing and verifying an event
(Ed25519 over its canonical text), checking a dossier event's values, and ingesting a batch of relayed,
signed events against the same batch pushed unsigned by its own desk (``ServerReplica.receive_encoded``,
in-process, SQLite).

    .venv/bin/python bench/bench_event_checks.py [--events 5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD  # noqa: E402
from dossiers.dossier_values import check_dossier_fields  # noqa: E402
from server.communes import load_communes, official_communes  # noqa: E402
from server.enrolment import EnrolmentRequest, enrol, issue_enrolment_code  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from server.sync_replica import ServerReplica  # noqa: E402
from sync.change_events import ChangeEvent, encode_event  # noqa: E402
from sync.device_keys import DeviceIdentity  # noqa: E402
from sync.event_signatures import sign_event, signature_valid  # noqa: E402
from sync.event_texts import decode_canonical  # noqa: E402
from sync.version_vectors import EventId, VersionVector  # noqa: E402
from tests.helpers.live_desks import T0, dossier_fields, ticking  # noqa: E402

BATCH = 500


def events(origin: str, commune: str, count: int) -> list[ChangeEvent]:
    fields = {**dossier_fields(commune, 1)}
    return [
        ChangeEvent(
            EventId(origin, n), "dossier", f"{origin}-{n}", fields, VersionVector(), T0, "lan", "desk"
        )
        for n in range(1, count + 1)
    ]


def per_event_us(seconds: float, count: int) -> float:
    return seconds / count * 1e6


def enrol_with(storage: SqliteStorage, commune: str, identity: DeviceIdentity) -> None:
    name = identity.replica_id
    code = issue_enrolment_code(
        storage, commune, now=lambda: T0, new_id=lambda: f"code-{name}", ttl=dt.timedelta(hours=1)
    ).code
    request = EnrolmentRequest(code, commune, name, identity.public())
    enrol(storage, request, now=lambda: T0, new_id=lambda: f"device-{name}", block_count=10)


def ingest(path: Path, texts: list[str], origin: str, pusher: str, device_keys: DeviceIdentity) -> float:
    """Seconds to receive ``texts`` in batches of 500 into a fresh SQLite server."""
    storage = SqliteStorage(path)
    storage.migrate()
    load_communes(storage, "01")
    commune = official_communes("01")[0].code
    enrol_with(storage, commune, device_keys)
    if pusher != origin:
        enrol_with(storage, commune, DeviceIdentity.generate(pusher))
    replica = ServerReplica(
        storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking(), pusher=pusher
    )
    decoded = [decode_canonical(t) for t in texts]
    start = time.perf_counter()
    for i in range(0, len(decoded), BATCH):
        replica.receive_encoded(decoded[i : i + BATCH])
    seconds = time.perf_counter() - start
    storage.close()
    return seconds


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args(argv)
    count = args.events
    commune = official_communes("01")[0].code
    identity = DeviceIdentity.generate("desk-a")
    plain = events("desk-a", commune, count)
    start = time.perf_counter()
    signed = [sign_event(e, identity) for e in plain]
    sign_s = time.perf_counter() - start
    key = identity.public().verifier()
    start = time.perf_counter()
    assert all(signature_valid(e, key) for e in signed)
    verify_s = time.perf_counter() - start
    start = time.perf_counter()
    for e in plain:
        check_dossier_fields(e.fields, "desk")
    values_s = time.perf_counter() - start
    print(
        f"per event: sign {per_event_us(sign_s, count):.0f} µs, "
        f"verify {per_event_us(verify_s, count):.0f} µs, value checks {per_event_us(values_s, count):.0f} µs"
    )
    with tempfile.TemporaryDirectory(prefix="motcua-checks-") as root:
        own = ingest(Path(root) / "own.db", [encode_event(e) for e in plain], "desk-a", "desk-a", identity)
        relayed = ingest(
            Path(root) / "relay.db", [encode_event(e) for e in signed], "desk-a", "desk-b", identity
        )
    print(
        f"ingest of {count} events (SQLite, batches of {BATCH}): pushed by their own desk, unsigned "
        f"{count / own:.0f} events/s; relayed by another desk, signed and verified "
        f"{count / relayed:.0f} events/s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
