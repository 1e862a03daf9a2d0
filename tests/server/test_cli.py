"""The admin CLI, called through ``main(args)`` against SQLite and PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

from server.cli import main
from server.communes import official_communes
from server.enrolment import hash_enrolment_code
from server.passwords import verify_password
from server.storage.records import Role
from tests.server.conftest import Cli


def test_migrate_then_create_communes_idempotently(cli: Cli) -> None:
    code, out, _ = cli("migrate")
    assert code == 0 and "[1, 2, 3, 4]" in out
    assert "up to date" in cli("migrate")[1]
    total = len(official_communes("01"))
    code, out, _ = cli("create-communes", "--province", "1")
    assert code == 0 and f"{total} communes added" in out
    code, out, _ = cli("create-communes", "--province", "01")
    assert code == 0 and f"0 communes added, {total} in the database" in out
    storage = cli.storage()
    try:
        assert len(storage.list_communes("01")) == total
    finally:
        storage.close()


def test_unknown_province_or_commune_is_an_error(cli: Cli) -> None:
    code, _, err = cli("create-communes", "--province", "99")
    assert code == 2 and "not an official province code" in err
    code, _, err = cli("enrol-code", "--commune", "00004")
    assert code == 2 and "create-communes" in err  # not loaded yet


def test_enrol_code_is_shown_once_and_stored_hashed(cli: Cli) -> None:
    cli("create-communes", "--province", "01")
    code, out, _ = cli("enrol-code", "--commune", "4", "--hours", "2")
    assert code == 0
    shown = out.split(": ", 1)[1].split()[0]
    storage = cli.storage()
    try:
        stored = storage.get_enrolment_code(hash_enrolment_code(shown) or "")
        assert stored is not None and stored.commune_code == "00004"
        assert stored.created_at == cli.clock.now()
        assert (stored.expires_at - stored.created_at).total_seconds() == 7200
        assert shown.replace("-", "") not in stored.code_hash
    finally:
        storage.close()
    default_ttl = cli("enrol-code", "--commune", "00004")[1]
    assert "2026-03-05T01:00" in default_ttl  # 72 hours after the clock's 2026-03-02 01:00 UTC


def test_set_agency(cli: Cli) -> None:
    cli("create-communes", "--province", "01")
    code, out, _ = cli("set-agency", "--commune", "00004", "--agency", "000.00.01.H26")
    assert code == 0 and "000.00.01.H26" in out
    code, _, err = cli("set-agency", "--commune", "00004", "--agency", "not valid!")
    assert code == 2 and "agency identifier" in err


def test_create_account_reads_the_password_from_stdin(cli: Cli) -> None:
    code, out, _ = cli(
        "create-account",
        "--username",
        "IT.Admin",
        "--role",
        "admin",
        "--province",
        "1",
        stdin="a good password\n",
    )
    assert code == 0 and "admin" in out
    storage = cli.storage()
    try:
        account = storage.get_account_by_username("it.admin")
        assert account is not None and account.role is Role.ADMIN and account.province_code == "01"
        assert verify_password("a good password", account.password_hash)
    finally:
        storage.close()
    again = cli(
        "create-account", "--username", "it.admin", "--role", "officer", "--province", "01", stdin="x" * 12
    )
    assert again[0] == 2 and "exists" in again[2]
    weak = cli(
        "create-account", "--username", "other", "--role", "officer", "--province", "01", stdin="short\n"
    )
    assert weak[0] == 2 and "at least 10" in weak[2]
    bad_name = cli(
        "create-account", "--username", "a b", "--role", "officer", "--province", "01", stdin="x" * 12
    )
    assert bad_name[0] == 2 and "user name" in bad_name[2]


def test_revoke_and_list_devices(cli: Cli) -> None:
    from server.enrolment import EnrolmentRequest, enrol
    from sync.device_keys import DeviceIdentity

    cli("create-communes", "--province", "01")
    shown = cli("enrol-code", "--commune", "00004")[1].split(": ", 1)[1].split()[0]
    storage = cli.storage()
    try:
        done = enrol(
            storage,
            EnrolmentRequest(shown, "00004", "Bàn 1", DeviceIdentity.generate("r1").public()),
            now=cli.clock.now,
            new_id=cli.ids,
            block_count=10,
        )
    finally:
        storage.close()
    code, out, _ = cli("list-devices")
    assert code == 0 and done.device.id in out and "0001–1000" in out and "active" in out
    assert "Bàn 1" in out  # how IT tells the workstations apart
    code, out, _ = cli("revoke-device", "--device", done.device.id)
    assert code == 0 and "revoked" in out
    assert "revoked 2026-03-02" in cli("list-devices", "--commune", "00004")[1]
    code, _, err = cli("revoke-device", "--device", "nope")
    assert code == 2 and "no device" in err


def test_a_bad_config_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[server]\nport = 'eighty'\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["--config", str(path), "migrate"], stderr=err, stdout=io.StringIO()) == 2
    assert "server.port must be int" in err.getvalue()
