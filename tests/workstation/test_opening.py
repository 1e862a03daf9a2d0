"""Creating and unlocking the workstation's store (the background steps, run here directly)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.errors import RecoveryKeyError, StoreError, WeakPassphrase
from sync.keyfile import read_key_file
from sync.keys import generate_recovery_keypair, recover
from sync.store import Store
from sync.unlock_backoff import UnlockBackoff
from tests.helpers.workstations import PASSPHRASE, Clock, hanoi_site, ids
from workstation.dossier_desk import DESK_MIGRATIONS
from workstation.opening import (
    CLERK_RECORD_TYPE,
    UnlockRefused,
    clerk_logins,
    create_workstation,
    read_recovery_key,
    unlock_workstation,
    workstation_exists,
)


def _create(folder: Path, clock: Clock, **changes: object):
    values: dict[str, object] = {
        "site": hanoi_site(),
        "login": "lan",
        "full_name": "Nguyễn Thị Lan",
        "passphrase": PASSPHRASE,
        "recovery_pem": None,
        "now": clock,
        "new_id": ids().__next__,
    }
    values.update(changes)
    return create_workstation(folder, **values)  # type: ignore[arg-type]


def test_create_then_unlock(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "store"
    assert not workstation_exists(folder)
    session = _create(folder, clock)
    assert workstation_exists(folder)
    assert session.clerk.login == "lan" and session.full_name == "Nguyễn Thị Lan"
    assert session.site == hanoi_site()
    record = session.store.get_record(CLERK_RECORD_TYPE, session.clerk.clerk_id)
    assert record is not None and record.data == {"login": "lan", "full_name": "Nguyễn Thị Lan"}
    session.store.close()
    assert "Nguyễn".encode() not in (folder / "store.db").read_bytes()
    assert clerk_logins(folder) == ("lan",)

    again = unlock_workstation(folder, "Lan", PASSPHRASE, now=clock, new_id=ids("x").__next__)
    try:
        assert again.clerk == session.clerk
        assert again.site == hanoi_site() and again.full_name == "Nguyễn Thị Lan"
        # after a lock, the open store is reused rather than opened twice
        relocked = unlock_workstation(
            folder, "lan", PASSPHRASE, now=clock, new_id=ids().__next__, open_store=again.store
        )
        assert relocked.store is again.store
    finally:
        again.store.close()


def test_wrong_passphrase_then_backoff(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "store"
    _create(folder, clock).store.close()
    with pytest.raises(UnlockRefused) as wrong:
        unlock_workstation(folder, "lan", "not the passphrase", now=clock, new_id=ids().__next__)
    assert wrong.value.reason == "wrong" and wrong.value.retry_after == pytest.approx(1.0)
    with pytest.raises(UnlockRefused) as locked:
        unlock_workstation(folder, "lan", PASSPHRASE, now=clock, new_id=ids().__next__)
    assert locked.value.reason == "locked" and locked.value.retry_after == pytest.approx(1.0)
    with pytest.raises(UnlockRefused) as unknown:
        clock.advance(2)
        unlock_workstation(folder, "nobody", PASSPHRASE, now=clock, new_id=ids().__next__)
    assert unknown.value.reason == "wrong" and unknown.value.retry_after == pytest.approx(2.0)
    clock.advance(3)
    session = unlock_workstation(folder, "lan", PASSPHRASE, now=clock, new_id=ids().__next__)
    session.store.close()
    assert UnlockBackoff.beside(folder / "store.key", clock).failures == 0


def test_unlock_refuses_an_open_store_of_another_folder(tmp_path: Path, clock: Clock) -> None:
    first = _create(tmp_path / "a", clock)
    second = _create(tmp_path / "b", clock)
    second.store.close()
    try:
        with pytest.raises(StoreError):
            unlock_workstation(
                tmp_path / "b", "lan", PASSPHRASE, now=clock, new_id=ids().__next__, open_store=first.store
            )
    finally:
        first.store.close()


def test_create_refuses_an_existing_store_and_weak_passphrases(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "store"
    with pytest.raises(WeakPassphrase):
        _create(folder, clock, passphrase="short")
    assert not workstation_exists(folder)
    _create(folder, clock).store.close()
    before = (folder / "store.key").read_bytes()
    with pytest.raises(StoreError):
        _create(folder, clock)
    assert (folder / "store.key").read_bytes() == before


def test_a_failed_store_creation_leaves_no_orphan_key_file(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "store"

    def broken_ids() -> str:
        raise RuntimeError("id factory broken")

    with pytest.raises(RuntimeError):
        _create(folder, clock, new_id=broken_ids)
    assert not (folder / "store.key").exists() and not (folder / "store.db").exists()
    _create(folder, clock).store.close()  # and the wizard can run again


def test_recovery_key_is_wrapped_when_given(tmp_path: Path, clock: Clock) -> None:
    pair = generate_recovery_keypair()
    pem_file = tmp_path / "province.pem"
    pem_file.write_bytes(pair.public_pem)
    pem, fingerprint = read_recovery_key(pem_file)
    assert fingerprint == pair.fingerprint
    session = _create(tmp_path / "store", clock, recovery_pem=pem)
    session.store.close()
    assert session.site is not None and session.site.recovery_key_fingerprint == pair.fingerprint
    assert read_key_file(tmp_path / "store" / "store.key").recovery.fingerprint == pair.fingerprint
    from sync.keys import load_recovery_private_key

    data_key = recover(tmp_path / "store" / "store.key", load_recovery_private_key(pair.private_pem))
    Store.open(
        tmp_path / "store", data_key, now=clock, new_id=ids().__next__, migrations=DESK_MIGRATIONS
    ).close()


def test_skipped_recovery_key_is_recorded(tmp_path: Path, clock: Clock) -> None:
    session = _create(tmp_path / "store", clock)
    session.store.close()
    assert session.site is not None and session.site.recovery_key_fingerprint is None


def test_read_recovery_key_refuses_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pem"
    bad.write_text("hello")
    with pytest.raises(RecoveryKeyError):
        read_recovery_key(bad)
    with pytest.raises(OSError):
        read_recovery_key(tmp_path / "missing.pem")
