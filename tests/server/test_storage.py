"""Both storage backends: numbered migrations recorded in the database, and each storage operation."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from server.communes import official_communes, official_province
from server.enrolment import choose_block
from server.errors import (
    AccountExists,
    EnrolmentRefused,
    ReplicaAlreadyEnrolled,
    SchemaTooNew,
    UnknownAccount,
    UnknownCommune,
    UnknownDevice,
)
from server.storage.interface import ServerStorage
from server.storage.postgres_storage import POSTGRES_MIGRATIONS
from server.storage.records import Account, Device, EnrolmentCode, Role, Session
from server.storage.sql_storage import SqlMigration, check_migrations
from server.storage.sqlite_storage import SQLITE_MIGRATIONS, SqliteStorage
from tests.server.conftest import START

TODAY = dt.date(2026, 3, 2)


def device(device_id: str, commune: str, replica: str | None = None) -> Device:
    return Device(
        device_id, commune, replica or f"r-{device_id}", "Bàn", "c2lnbg==", "ZXhjaA==", "h" * 64, START
    )


def code(code_id: str, commune: str, hours: float = 72) -> EnrolmentCode:
    return EnrolmentCode(code_id, commune, f"hash-{code_id}", START, START + dt.timedelta(hours=hours))


def chooser(device_id: str, blocks: int = 10):
    return lambda c, held: choose_block(c, held, device_id=device_id, today=TODAY, block_count=blocks)


def test_migrations_are_numbered_and_recorded(bare_storage: ServerStorage) -> None:
    assert bare_storage.applied_migrations() == []
    numbers = list(range(1, len(SQLITE_MIGRATIONS) + 1))
    assert bare_storage.migrate(START) == numbers
    applied = bare_storage.applied_migrations()
    assert [(m.number, m.applied_at) for m in applied] == [(n, START) for n in numbers]
    assert bare_storage.migrate() == []  # idempotent
    assert [m.name for m in SQLITE_MIGRATIONS] == [m.name for m in POSTGRES_MIGRATIONS]


def test_a_database_from_a_newer_server_is_refused(bare_storage: ServerStorage) -> None:
    bare_storage.migrate()
    backend = type(bare_storage)
    step = SqlMigration(
        len(backend.migrations) + 1, "from the future", ("CREATE TABLE future_things (x integer)",)
    )
    newer = type("NewerStorage", (backend,), {"migrations": (*backend.migrations, step)})
    where = bare_storage.path if isinstance(bare_storage, SqliteStorage) else bare_storage.url
    newer_server = newer(where)
    try:
        assert newer_server.migrate() == [step.number]
    finally:
        newer_server.close()
    with pytest.raises(SchemaTooNew, match=f"version {step.number}"):
        bare_storage.migrate()


def test_check_migrations_refuses_gaps_and_duplicate_names() -> None:
    check_migrations(SQLITE_MIGRATIONS)
    with pytest.raises(ValueError, match="numbered"):
        check_migrations([SqlMigration(2, "a", ())])
    with pytest.raises(ValueError, match="distinct"):
        check_migrations([SqlMigration(1, "a", ()), SqlMigration(2, "a", ())])


def test_communes_load_idempotently(bare_storage: ServerStorage) -> None:
    bare_storage.migrate()
    province, communes = official_province("01"), official_communes("01")
    assert bare_storage.add_communes(province, communes) == len(communes)
    assert bare_storage.add_communes(province, communes) == 0
    assert bare_storage.get_province("01") == province
    assert bare_storage.list_communes("01") == communes
    assert bare_storage.list_communes("79") == []
    assert bare_storage.get_commune(communes[0].code) == communes[0]
    assert bare_storage.get_commune("nope") is None
    changed = bare_storage.set_commune_agency(communes[0].code, "000.00.01.H26")
    assert changed.agency == "000.00.01.H26"
    with pytest.raises(UnknownCommune):
        bare_storage.set_commune_agency("99999", "X")
    with pytest.raises(ValueError, match="province"):
        bare_storage.add_communes(official_province("79"), communes[:1])


def test_enrol_device_redeems_the_code_once(storage: ServerStorage, communes: list[str]) -> None:
    storage.add_enrolment_code(code("c1", communes[0]))
    block = storage.enrol_device("hash-c1", device("d1", communes[0]), START, chooser("d1"))
    assert (block.first, block.last, block.slot, block.valid_from) == (1, 1000, 0, TODAY)
    assert storage.get_sequence_block("d1") == block
    assert storage.get_device("d1") == device("d1", communes[0])
    redeemed = storage.get_enrolment_code("hash-c1")
    assert redeemed is not None and redeemed.used_at == START and redeemed.device_id == "d1"
    with pytest.raises(EnrolmentRefused) as refused:
        storage.enrol_device("hash-c1", device("d2", communes[0]), START, chooser("d2"))
    assert refused.value.reason == "used"
    assert storage.get_device("d2") is None


@pytest.mark.parametrize(
    ("code_commune", "at", "reason"),
    [(0, START + dt.timedelta(hours=72), "expired"), (1, START, "wrong_commune")],
)
def test_enrol_device_refusals_change_nothing(
    storage: ServerStorage, communes: list[str], code_commune: int, at: dt.datetime, reason: str
) -> None:
    storage.add_enrolment_code(code("c1", communes[code_commune]))
    with pytest.raises(EnrolmentRefused) as refused:
        storage.enrol_device("hash-c1", device("d1", communes[0]), at, chooser("d1"))
    assert refused.value.reason == reason
    assert storage.get_device("d1") is None and storage.list_sequence_blocks(communes[0]) == []
    with pytest.raises(EnrolmentRefused) as unknown:
        storage.enrol_device("hash-none", device("d1", communes[0]), START, chooser("d1"))
    assert unknown.value.reason == "unknown"


def test_a_replica_id_is_enrolled_once(storage: ServerStorage, communes: list[str]) -> None:
    storage.add_enrolment_code(code("c1", communes[0]))
    storage.add_enrolment_code(code("c2", communes[0]))
    storage.enrol_device("hash-c1", device("d1", communes[0], "same"), START, chooser("d1"))
    with pytest.raises(ReplicaAlreadyEnrolled):
        storage.enrol_device("hash-c2", device("d2", communes[0], "same"), START, chooser("d2"))
    assert storage.get_enrolment_code("hash-c2").used_at is None  # type: ignore[union-attr]


def test_codes_need_a_known_commune(storage: ServerStorage) -> None:
    with pytest.raises(UnknownCommune):
        storage.add_enrolment_code(code("c1", "99999"))


def test_concurrent_enrolments_in_one_commune_get_distinct_blocks(
    storage: ServerStorage, communes: list[str]
) -> None:
    count = 6
    for i in range(count):
        storage.add_enrolment_code(code(f"c{i}", communes[0]))
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            storage.enrol_device(f"hash-c{i}", device(f"d{i}", communes[0]), START, chooser(f"d{i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    blocks = storage.list_sequence_blocks(communes[0])
    assert sorted(b.slot for b in blocks) == list(range(count))


def test_revoke_releases_the_block_and_is_idempotent(storage: ServerStorage, communes: list[str]) -> None:
    storage.add_enrolment_code(code("c1", communes[0]))
    storage.enrol_device("hash-c1", device("d1", communes[0]), START, chooser("d1"))
    later = START + dt.timedelta(hours=1)
    revoked = storage.revoke_device("d1", later, TODAY)
    assert revoked.revoked and revoked.revoked_at == later
    assert storage.get_sequence_block("d1").released_on == TODAY  # type: ignore[union-attr]
    again = storage.revoke_device("d1", later + dt.timedelta(hours=1), TODAY + dt.timedelta(days=1))
    assert again.revoked_at == later
    assert storage.get_sequence_block("d1").released_on == TODAY  # type: ignore[union-attr]
    with pytest.raises(UnknownDevice):
        storage.revoke_device("nope", later, TODAY)
    assert [d.id for d in storage.list_devices(commune_code=communes[0])] == ["d1"]
    assert [d.id for d in storage.list_devices(province_code="01")] == ["d1"]
    assert storage.list_devices(province_code="79") == []


def test_accounts_and_sessions(storage: ServerStorage) -> None:
    account = Account("a1", "officer.one", Role.SUPERVISOR, "01", "$argon2id$x", START)
    storage.add_account(account)
    assert storage.get_account("a1") == account
    assert storage.get_account_by_username("officer.one") == account
    with pytest.raises(AccountExists):
        storage.add_account(Account("a2", "officer.one", Role.OFFICER, "01", "h", START))
    with pytest.raises(AccountExists):
        storage.add_account(Account("a1", "other.name", Role.OFFICER, "01", "h", START))
    storage.set_account_password("a1", "new-hash")
    assert storage.get_account("a1").password_hash == "new-hash"  # type: ignore[union-attr]
    with pytest.raises(UnknownAccount):
        storage.set_account_password("zz", "h")
    storage.disable_account("a1", START)
    assert storage.get_account("a1").disabled_at == START  # type: ignore[union-attr]
    with pytest.raises(UnknownAccount):
        storage.disable_account("zz", START)
    session = Session("s1", "a1", "sh", START, START + dt.timedelta(hours=12))
    storage.add_session(session)
    assert storage.get_session("s1") == session
    storage.revoke_session("s1", START)
    assert storage.get_session("s1").revoked_at == START  # type: ignore[union-attr]
    assert storage.get_session("nope") is None


def test_nul_characters_and_sql_in_values_are_stored_as_data(storage: ServerStorage) -> None:
    name = "x'); DROP TABLE accounts; --"
    storage.add_account(Account("a1", name, Role.OFFICER, "01", "h", START))
    assert storage.get_account_by_username(name).username == name  # type: ignore[union-attr]
    assert storage.get_account_by_username("' OR '1'='1") is None
