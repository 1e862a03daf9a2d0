"""The province's dossier index on SQLite and PostgreSQL: rewritten in the transaction that applies a
dossier's events (a desk's push, an officer's action), searched without diacritics by phrase prefixes,
paged by keyset, counted per quick filter."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dossiers.dossier_record import DOSSIER_RECORD
from dossiers.lifecycle import Status
from server.dossier_index import (
    NARROW,
    QueueFilter,
    offset_page,
    queue_counts,
    queue_page,
    rebuild_missing,
    search_phrases,
)
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
    for search in ("lan", "nguyen", "le van duc", "no one"):  # a search's counts: what each page would show
        department = QueueFilter(None, procedures=("1.001193",), search=search)
        assert queue_counts(storage, department, TODAY) == _counted_by_pages(storage, department)
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


def _counted_by_pages(storage: ServerStorage, wanted: QueueFilter) -> dict[str, int]:
    quick = {
        "all": wanted,
        "today": dataclasses.replace(wanted, due="today"),
        "soon": dataclasses.replace(wanted, due="soon"),
        "overdue": dataclasses.replace(wanted, due="overdue"),
        "supplement": dataclasses.replace(wanted, supplement=True),
        "conflicts": dataclasses.replace(wanted, conflicts=True),
    }
    return {name: len(queue_page(storage, chosen, TODAY, limit=200).rows) for name, chosen in quick.items()}


def _insert_index(
    storage: ServerStorage, rows: list[tuple[object, ...]], texts: dict[str, list[str]]
) -> None:
    """Index rows as ``refresh`` writes them, put in directly (thousands of dossiers, fast)."""
    columns = (
        "record_id", "commune_code", "procedure_code", "procedure_name", "status", "code", "applicant_name",
        "search_text", "received_at", "appointment", "finished_on", "open_conflicts",
    )  # fmt: skip
    words = [(phrase, rid) for rid, found in texts.items() for phrase in sorted(search_phrases(found))]
    with storage.transaction() as tx:
        tx.insert_rows("dossier_index", columns, rows)
        tx.insert_rows("dossier_words", ("word", "record_id"), words)


def test_a_search_matching_thousands_walks_the_newest_rows_and_finds_exactly_the_matching_ones(
    storage: ServerStorage,
) -> None:
    """More than NARROW dossiers match "nguyen": the page walks the newest rows, each checked by its own
    phrases (no list of ids), with every other filter, by keyset and by offset."""
    rows, texts, names = [], {}, {}
    for number in range(NARROW + 300):
        rid = f"d{number:05d}"
        name = "Trần Văn Anh" if number % 40 == 7 else "Nguyễn Văn An"
        commune = "00073" if number % 40 == 7 else "00070"
        status = Status.SUPPLEMENT_REQUESTED if number in (3, 19, 2001, 4444) else Status.RESULT_RETURNED
        received = dt.datetime(2026, 1, 1, 8) + dt.timedelta(minutes=number)
        code = f"{commune}-260101-{number:04d}"
        rows.append((
            rid, commune, "1.001193", "Đăng ký khai sinh", status.value, code, name, rid,
            f"{received:%Y-%m-%dT%H:%M}", "2026-01-20", "", 0,
        ))  # fmt: skip
        texts[rid] = [rid, name, code]
        names[rid] = name
    _insert_index(storage, rows, texts)
    newest_first = sorted(names, reverse=True)
    nguyen = [rid for rid in newest_first if names[rid] == "Nguyễn Văn An"]
    assert len(nguyen) > NARROW  # the wide path: no list of ids

    first = queue_page(storage, QueueFilter(None, search="nguyen"), TODAY, limit=25)
    assert [r.record_id for r in first.rows] == nguyen[:25]
    second = queue_page(storage, QueueFilter(None, search="Nguyễn"), TODAY, after=first.next_after, limit=25)
    assert [r.record_id for r in second.rows] == nguyen[25:50]
    assert [r.record_id for r in queue_page(storage, QueueFilter(None, search="nguy"), TODAY).rows] == nguyen[
        :50
    ]
    assert queue_page(storage, QueueFilter(None, search="guyen"), TODAY).rows == []  # phrases start at words
    supplement = QueueFilter(None, search="nguyen", status=Status.SUPPLEMENT_REQUESTED)
    assert [r.record_id for r in queue_page(storage, supplement, TODAY).rows] == [
        "d04444", "d02001", "d00019", "d00003"
    ]  # fmt: skip
    assert queue_page(storage, QueueFilter(None, commune="00073", search="nguyen"), TODAY).rows == []
    both = [
        r.record_id for r in queue_page(storage, QueueFilter(None, search="van an"), TODAY, limit=200).rows
    ]
    assert both == newest_first[:200]  # "Văn An" and "Văn Anh"
    assert queue_counts(storage, QueueFilter(None, search="nguyen"), TODAY) == {}  # type more
    assert queue_counts(storage, QueueFilter(None, search="tran van anh"), TODAY)["all"] == len(names) - len(
        nguyen
    )

    total, page = offset_page(
        storage, QueueFilter(("00070",), commune="00070", search="nguyen"), limit=10, offset=100
    )
    assert total == len(nguyen) and [r.record_id for r in page] == nguyen[100:110]
