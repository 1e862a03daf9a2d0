"""The province's dossier index on SQLite and PostgreSQL: rewritten in the transaction that applies a
dossier's events (a desk's push, an officer's action), searched without diacritics by phrase prefixes,
paged by keyset, counted per quick filter."""

from __future__ import annotations

import datetime as dt

from dossiers.dossier_record import DOSSIER_RECORD
from dossiers.lifecycle import Status
from server.dossier_index import QueueFilter, queue_counts, queue_page, rebuild_missing
from server.storage.interface import ServerStorage
from sync.replica_memory import MemoryReplica
from tests.helpers.live_desks import province
from tests.server.conftest import Clock

TODAY = dt.date(2026, 3, 2)


def _fields(number: int, name: str, appointment: str) -> dict[str, object]:
    return {
        "commune": "00070",
        "procedure_code": "1.001193" if number % 2 else "2.000815",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": name,
        "applicant_id_number": f"0011900{number:05d}",
        "code": f"00070-260302-{number:04d}",
        "received_at": f"2026-03-02T08:{number:02d}:00+07:00",
        "appointment": appointment,
    }


def test_the_index_follows_the_events_and_answers_the_queue(storage: ServerStorage, clock: Clock) -> None:
    replica = province(storage, "00070")
    names = ["Nguyễn Thị Lan", "Nguyễn Văn Lâm", "Trần Thị Lan Anh", "Lê Văn Đức"]
    for number in range(1, 21):
        replica.write(
            "dossier",
            f"d-{number:02d}",
            _fields(number, names[number % 4], "2026-03-0" + str(1 + number % 3)),
            "clerk",
        )
    everyone = QueueFilter(None)
    first = queue_page(storage, everyone, TODAY, limit=8)
    assert [row.record_id for row in first.rows] == [f"d-{n:02d}" for n in range(20, 12, -1)]
    second = queue_page(storage, everyone, TODAY, after=first.next_after, limit=8)
    third = queue_page(storage, everyone, TODAY, after=second.next_after, limit=8)
    assert len(second.rows) == 8 and len(third.rows) == 4 and third.next_after is None
    found = queue_page(storage, QueueFilter(None, search="nguyen thi lan"), TODAY).rows
    assert {row.applicant_name for row in found} == {"Nguyễn Thị Lan"} and len(found) == 5
    assert len(queue_page(storage, QueueFilter(None, search="LAN"), TODAY).rows) == 10  # "Lan", "Lan Anh"
    assert len(queue_page(storage, QueueFilter(None, search="van la"), TODAY).rows) == 5  # Nguyễn Văn Lâm
    assert [
        r.record_id for r in queue_page(storage, QueueFilter(None, search="001190000007"), TODAY).rows
    ] == ["d-07"]
    assert [
        r.record_id for r in queue_page(storage, QueueFilter(None, search="260302-0011"), TODAY).rows
    ] == ["d-11"]
    assert queue_page(storage, QueueFilter(None, search="100%_"), TODAY).rows == []
    counts = queue_counts(storage, QueueFilter(None, procedures=("1.001193",)), TODAY)
    assert counts["all"] == 10 and counts["overdue"] + counts["today"] + counts["soon"] == 10

    replica.write("dossier", "d-07", {"status": {"from": "1", "to": "5", "by": "province"}}, "ho.tich")
    assert queue_counts(storage, everyone, TODAY)["supplement"] == 1
    row = queue_page(storage, QueueFilter(None, status=Status.SUPPLEMENT_REQUESTED), TODAY).rows[0]
    assert row.record_id == "d-07"

    desk = MemoryReplica("replica-a", "desk", (DOSSIER_RECORD,), clock.now)
    with storage.transaction() as tx:  # an enrolled workstation of the commune may push
        tx.run(
            "INSERT INTO devices (id, commune_code, replica_id, label, signing_key, exchange_key,"
            " secret_hash, enrolled_at) VALUES ('dev', '00070', 'replica-a', 'Bàn 1', 'k', 'k', 'h', ?)",
            (storage.time_in(clock.now()),),
        )
    desk.write("dossier", "d-99", _fields(99 % 60, "Phạm Thu Hà", "2026-03-05"), "clerk")
    replica.receive(desk.missing_for(replica.vector()))
    assert [
        r.record_id for r in queue_page(storage, QueueFilter(None, search="pham thu ha"), TODAY).rows
    ] == ["d-99"]

    with storage.transaction() as tx:  # a database from before the index: filled at the server's start
        tx.run("DELETE FROM dossier_index")
        tx.run("DELETE FROM dossier_words")
    assert rebuild_missing(storage) == 21
    assert len(queue_page(storage, QueueFilter(None, search="nguyen thi lan"), TODAY).rows) == 5
