"""A desk's pull of the province's reference data over HTTP (ETags, nothing published yet, per-commune fees),
and the clock comparison's parts: the server's time on ``hello``, the offset, the warning threshold."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from server.catalogues import publish_catalogue
from server.fee_tables import FeeTable, publish_fee_table
from sync.server_clock import SERVER_TIME_HEADER, ServerClockReading, read_server_clock
from sync.sync_session import run_session
from tests.helpers.catalogue_versions import catalogue_text
from tests.helpers.enrolled_desks import BA_DINH, HOAN_KIEM, it_enrol, new_desk, open_work, unlock
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Ids, Province
from workstation.enrolment import stored_transport_factory
from workstation.province_contact import ClockWarning, clock_warning
from workstation.province_reference import pull_reference, read_reference
from workstation.settings import DEFAULT_CLOCK_WARNING_MINUTES, LocalSettings


def test_a_desk_pulls_its_communes_fees_and_the_catalogue_once(tmp_path: Path, province: Province) -> None:
    data = new_desk(tmp_path, "desk", province.clock)
    assert it_enrol(data, province, province.code(HOAN_KIEM))[0] == 0
    session = unlock(data, province.clock)
    store = session.store
    try:
        factory = stored_transport_factory(store)
        assert factory is not None
        with factory() as transport:  # nothing published yet: nothing changes, no error
            pulled = pull_reference(store, transport)
        assert (pulled.catalogue_version, pulled.fee_version, pulled.changed) == (None, None, False)

        publish_catalogue(province.storage, catalogue_text(4), province.clock.now())
        table = FeeTable(
            {"1.004873": 5_000, "1.001022": 8_000}, {HOAN_KIEM: {"1.004873": 3_000}, BA_DINH: {}}
        )
        publish_fee_table(province.storage, table, province.clock.now())
        with factory() as transport:
            pulled = pull_reference(store, transport)
            assert (pulled.catalogue_version, pulled.fee_version, pulled.changed) == (4, 1, True)
            again = pull_reference(store, transport)  # the ETags match: 304, nothing rewritten
            assert (again.catalogue_version, again.fee_version, again.changed) == (4, 1, False)
        with store.reader() as conn:
            held = read_reference(conn)
        assert held.catalogue is not None and held.catalogue.version == 4
        assert held.fees == {"1.004873": 3_000, "1.001022": 8_000} and held.fee_version == 1

        with factory() as transport:  # the server's time comes with hello
            replica = open_work(session, province.clock, "reference").desk.replica
            run_session(replica, transport, now=province.clock.now)
            assert transport.server_clock is not None
            assert transport.server_clock.server_time == province.clock.now()
    finally:
        store.close()


def test_the_offset_counts_the_time_since_the_answer_came() -> None:
    server = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    reading = read_server_clock(
        {SERVER_TIME_HEADER: "2026-03-02T01:00:00.000+00:00"}, monotonic=lambda: 100.0
    )
    assert reading == ServerClockReading(server, 100.0)
    desk = server + dt.timedelta(minutes=12, seconds=30)
    assert reading.offset(lambda: desk, monotonic=lambda: 102.0) == dt.timedelta(minutes=12, seconds=28)
    for bad in ({}, {SERVER_TIME_HEADER: "yesterday"}, {SERVER_TIME_HEADER: "2026-03-02T01:00:00"}):
        assert read_server_clock(bad) is None  # missing, unreadable, or without its time zone


def test_the_warning_starts_past_the_threshold_it_sets() -> None:
    assert DEFAULT_CLOCK_WARNING_MINUTES == LocalSettings().clock_warning_minutes == 5
    assert clock_warning(None, 5) is None and clock_warning(300, 5) is None and clock_warning(-300, 5) is None
    assert clock_warning(301, 5) == ClockWarning(5, True)
    assert clock_warning(dt.timedelta(minutes=-15), 5) == ClockWarning(15, False)
    assert clock_warning(dt.timedelta(minutes=-15), 20) is None
    assert "15 minutes behind the provincial server's" in ClockWarning(15, False).words()
    stored = LocalSettings(clock_warning_minutes=20)
    assert LocalSettings.from_json(stored.to_json()).clock_warning_minutes == 20
    damaged = stored.to_json().replace("20", "0")
    assert LocalSettings.from_json(damaged).clock_warning_minutes == 5  # an unusable value: the default


def test_reference_answers_are_gzip_compressed_when_the_desk_accepts_it(province: Province) -> None:
    enrolled = enrol(province.live, province.storage, HOAN_KIEM, province.clock, Ids(), "desk-gzip")
    published = publish_catalogue(province.storage, catalogue_text(2), province.clock.now())
    device = {"Authorization": f"Bearer {enrolled['device_secret']}"}
    answer = province.live.get(
        "/v1/reference/catalogue", headers={**device, "Accept-Encoding": "gzip"}, stream=True
    )
    sent = answer.raw.read(decode_content=False)
    assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(sent).decode("utf-8") == published.body
    assert len(sent) * 4 < len(published.body.encode("utf-8"))  # indented JSON: at least 4 times smaller
    plain = province.live.get("/v1/reference/catalogue", headers={**device, "Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.text == published.body
