"""A damaged store is refused, never replaced: Store.open on real SQLCipher files emptied, cut short or
overwritten (issue 14, finding 4)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync.errors import StoreDamaged, WrongPassphrase
from sync.keys import (
    begin_rotation,
    create_key_file,
    generate_recovery_keypair,
    load_recovery_public_key,
    unlock,
)
from sync.store import Store, StorePaths, check_database
from tests.helpers.damaged_stores import DAMAGES, damage

PASSPHRASE = "mật khẩu đủ dài"
T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
REASONS = {
    "empty": "empty",
    "cut in half": "corrupt",
    "cut mid-page": "truncated",
    "overwritten mid-file": "corrupt",
    "header overwritten": "unreadable",
}


def now() -> datetime:
    return T0


def new_ids(prefix: str):  # type: ignore[no-untyped-def]
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


@pytest.fixture
def store_folder(tmp_path: Path) -> Path:
    """A closed store with its key file and a few hundred records (so the middle of the file is in use)."""
    paths = StorePaths(tmp_path / "store")
    paths.folder.mkdir()
    recovery = load_recovery_public_key(generate_recovery_keypair().public_pem)
    key = create_key_file(paths.key_file, login="lan", passphrase=PASSPHRASE, recovery_public_key=recovery)
    with Store.open(paths.folder, key, now=now, new_id=new_ids("first"), create=True) as store:
        for number in range(300):
            store.put_record("note", f"n{number}", {"text": f"ghi chú {number} " * 30})
    return paths.folder


def checked_key(folder: Path) -> bytes:
    return unlock(StorePaths(folder).key_file, "lan", PASSPHRASE)


def test_the_damages_are_real_and_an_intact_store_opens(store_folder: Path) -> None:
    assert set(REASONS) == set(DAMAGES)
    key = checked_key(store_folder)
    check_database(StorePaths(store_folder).database, key)
    with Store.open(store_folder, key, now=now, new_id=new_ids("x"), key_checked=True) as store:
        assert store.replica_id == "first-1" and len(store.list_records("note")) == 300


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_a_damaged_store_is_refused_and_left_untouched(store_folder: Path, how: str) -> None:
    database = StorePaths(store_folder).database
    damaged = damage(database, how)
    key = checked_key(store_folder)
    for create in (False, True):  # not even an explicit create replaces an existing file
        with pytest.raises(StoreDamaged) as refused:
            Store.open(store_folder, key, now=now, new_id=new_ids("new"), create=create, key_checked=True)
        assert refused.value.reason == REASONS[how] and refused.value.kind == "store_damaged"
        assert database.read_bytes() == damaged
    with pytest.raises(StoreDamaged) as checked:
        check_database(database, key)
    assert checked.value.reason == REASONS[how]
    assert database.read_bytes() == damaged


def test_without_the_key_files_word_a_damaged_header_looks_like_a_wrong_key(store_folder: Path) -> None:
    damaged = damage(StorePaths(store_folder).database, "header overwritten")
    with pytest.raises(WrongPassphrase):
        Store.open(store_folder, checked_key(store_folder), now=now, new_id=new_ids("new"))
    assert StorePaths(store_folder).database.read_bytes() == damaged


def test_a_missing_database_beside_its_key_file_is_damage_and_nothing_is_created(store_folder: Path) -> None:
    database = StorePaths(store_folder).database
    database.unlink()
    with pytest.raises(StoreDamaged) as refused:
        Store.open(store_folder, checked_key(store_folder), now=now, new_id=new_ids("new"), key_checked=True)
    assert refused.value.reason == "missing" and not database.exists()


def test_finishing_an_interrupted_key_rotation_refuses_an_emptied_database(store_folder: Path) -> None:
    paths = StorePaths(store_folder)
    begin_rotation(paths.key_file, checked_key(store_folder))  # ... and the machine stops here
    damage(paths.database, "empty")
    key_file = paths.key_file.read_bytes()
    with pytest.raises(StoreDamaged) as refused:
        unlock(paths.key_file, "lan", PASSPHRASE, database=paths.database)
    assert refused.value.reason == "empty"
    assert paths.database.stat().st_size == 0 and paths.key_file.read_bytes() == key_file
