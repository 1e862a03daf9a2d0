"""Online backup of a store in use and restore under a new replica identity; damaged backups refused."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sync.backup import (
    BACKUP_FORMAT_VERSION,
    MANIFEST_NAME,
    BackupManifest,
    create_backup,
    read_manifest,
    restore,
    verify_backup,
)
from sync.connection import Connection, open_connection
from sync.errors import BackupError, SchemaTooNew, WrongPassphrase
from sync.migrations import Migration
from sync.store import STORE_MIGRATIONS, Store, put_record


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def ids(prefix: str) -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


KEY_FILE_BYTES = b'{"format": "motcua-key-file", "stand-in": true}\n'


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def store(tmp_path: Path, key: bytes) -> Iterator[Store]:
    s = Store.open(tmp_path / "store", key, now=Clock(), new_id=ids("orig"), create=True)
    s.paths.key_file.write_bytes(KEY_FILE_BYTES)
    (s.paths.attachments / "file-one").write_bytes(b"opaque encrypted bytes 1")
    (s.paths.attachments / "file-two").write_bytes(b"opaque encrypted bytes 2")
    (s.paths.attachments / "file-three.part").write_bytes(b"half-written attachment")

    def notes(conn: Connection) -> None:
        for i in range(20):
            put_record(conn, "note", f"n{i:02d}", {"i": i, "text": "Hồ sơ"}, updated_at=s.now())

    s.write(notes).result()
    yield s
    s.close()


@pytest.fixture
def backup(store: Store, tmp_path: Path) -> Path:
    folder = tmp_path / "backup"
    create_backup(store, folder)
    return folder


def test_a_backup_holds_database_key_file_attachments_and_manifest(store: Store, backup: Path) -> None:
    names = sorted(p.relative_to(backup).as_posix() for p in backup.rglob("*") if p.is_file())
    assert names == ["attachments/file-one", "attachments/file-two", MANIFEST_NAME, "store.db", "store.key"]
    manifest = read_manifest(backup)
    assert manifest.format_version == BACKUP_FORMAT_VERSION
    assert manifest.source_replica_id == store.replica_id
    assert manifest.schema_version == len(STORE_MIGRATIONS)
    assert datetime.fromisoformat(manifest.created_at).year == 2025
    for name, digest in manifest.files.items():
        assert sha(backup / name) == digest
    assert (backup / "store.key").read_bytes() == KEY_FILE_BYTES
    assert verify_backup(backup) == manifest
    assert not list(backup.parent.glob(".backup.partial-*"))
    for path in [backup, *backup.rglob("*")]:  # the key file's copy above all: the owner's only
        assert path.stat().st_mode & 0o077 == 0, (path.name, oct(path.stat().st_mode))


def test_the_backed_up_database_is_encrypted_with_the_same_key(
    store: Store, backup: Path, key: bytes
) -> None:
    assert not (backup / "store.db").read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(WrongPassphrase):
        open_connection(backup / "store.db", os.urandom(32)).close()


def test_a_backup_needs_an_empty_folder(store: Store, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "something").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        create_backup(store, full)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert create_backup(store, empty).source_replica_id == store.replica_id


def test_restore_gives_a_new_replica_id_and_the_same_data(
    store: Store, backup: Path, tmp_path: Path, key: bytes
) -> None:
    target = tmp_path / "restored"
    result = restore(backup, target, key, now=Clock(), new_id=ids("new"))
    assert result.replica_id == "new-1" and result.restored_from == store.replica_id
    assert result.folder == target and result.schema_version == len(STORE_MIGRATIONS)
    assert (target / "store.key").read_bytes() == KEY_FILE_BYTES
    assert (target / "attachments" / "file-one").read_bytes() == b"opaque encrypted bytes 1"
    assert not (target / MANIFEST_NAME).exists()
    assert not list(tmp_path.glob(".restored.restoring-*"))

    def no_new_id() -> str:
        raise AssertionError("a restored store keeps the identity the restore gave it")

    with Store.open(target, key, now=Clock(), new_id=no_new_id) as restored:
        assert restored.replica_id == "new-1"
        assert restored.identity.reason == "restored"
        assert restored.identity.restored_from == store.replica_id
        assert restored.list_records("note") == store.list_records("note")
        with restored.reader() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restoring_twice_gives_two_identities(backup: Path, tmp_path: Path, key: bytes) -> None:
    new_id = ids("n")
    one = restore(backup, tmp_path / "one", key, now=Clock(), new_id=new_id)
    two = restore(backup, tmp_path / "two", key, now=Clock(), new_id=new_id)
    assert one.replica_id != two.replica_id and one.restored_from == two.restored_from


def test_backup_while_writing_is_consistent(store: Store, tmp_path: Path, key: bytes) -> None:
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        i = 0
        while not stop.is_set():
            store.put_record("busy", f"b{i:05d}", {"i": i, "pad": "x" * 200}).result()
            written.append(i)
            i += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 30:
            stop.wait(0.01)
        before = len(written)
        create_backup(store, tmp_path / "live")
        after = len(written)
    finally:
        stop.set()
        writer.join(30)
    assert after > 0
    restore(tmp_path / "live", tmp_path / "live-restored", key, now=Clock(), new_id=ids("live"))
    with Store.open(tmp_path / "live-restored", key, now=Clock(), new_id=ids("x")) as restored:
        with restored.reader() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        got = [r.data["i"] for r in restored.list_records("busy")]
    # a snapshot: a prefix of the writes, at least those acknowledged before the backup began
    assert got == list(range(len(got)))
    assert before <= len(got) <= after + 1


def test_a_non_empty_target_is_refused_unless_overwrite(backup: Path, tmp_path: Path, key: bytes) -> None:
    target = tmp_path / "occupied"
    target.mkdir()
    (target / "precious.txt").write_text("keep me")
    with pytest.raises(BackupError, match="not empty"):
        restore(backup, target, key, now=Clock(), new_id=ids("r"))
    assert (target / "precious.txt").read_text() == "keep me"
    restore(backup, target, key, now=Clock(), new_id=ids("r"), overwrite=True)
    assert not (target / "precious.txt").exists() and (target / "store.db").is_file()
    assert not list(tmp_path.glob(".occupied.*"))


def test_an_empty_target_folder_is_fine(backup: Path, tmp_path: Path, key: bytes) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert restore(backup, target, key, now=Clock(), new_id=ids("r")).replica_id == "r-1"


def test_restore_with_the_wrong_key_leaves_no_trace(backup: Path, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        restore(backup, tmp_path / "t", os.urandom(32), now=Clock(), new_id=ids("r"))
    assert not (tmp_path / "t").exists()
    assert not list(tmp_path.glob(".t.*"))


# --- damaged backups -------------------------------------------------------------------------------------


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def rewrite_manifest(backup: Path, change: Callable[[dict[str, object]], None]) -> None:
    body = json.loads((backup / MANIFEST_NAME).read_text())
    change(body)
    (backup / MANIFEST_NAME).write_text(json.dumps(body))


def _drop(body: dict[str, object], field: str) -> None:
    del body[field]


def _set(body: dict[str, object], field: str, value: object) -> None:
    body[field] = value


def _add_file(body: dict[str, object], name: str) -> None:
    body["files"][name] = "0" * 64  # type: ignore[index]


DAMAGE: dict[str, Callable[[Path], None]] = {
    "database byte flipped": lambda b: flip_byte(b / "store.db", 5000),
    "key file byte flipped": lambda b: flip_byte(b / "store.key", 3),
    "attachment truncated": lambda b: (b / "attachments" / "file-one").write_bytes(b"opaque"),
    "database missing": lambda b: (b / "store.db").unlink(),
    "manifest missing": lambda b: (b / MANIFEST_NAME).unlink(),
    "manifest not json": lambda b: (b / MANIFEST_NAME).write_text("{not json"),
    "manifest not utf-8": lambda b: (b / MANIFEST_NAME).write_bytes(b"\xff\xfe\x00"),
    "manifest a list": lambda b: (b / MANIFEST_NAME).write_text("[]"),
    "wrong format": lambda b: rewrite_manifest(b, lambda m: _set(m, "format", "zip")),
    "newer format": lambda b: rewrite_manifest(b, lambda m: _set(m, "format_version", 99)),
    "format version bool": lambda b: rewrite_manifest(b, lambda m: _set(m, "format_version", True)),
    "no replica": lambda b: rewrite_manifest(b, lambda m: _drop(m, "source_replica_id")),
    "schema not int": lambda b: rewrite_manifest(b, lambda m: _set(m, "schema_version", "1")),
    "database not listed": lambda b: rewrite_manifest(b, lambda m: m["files"].pop("store.db")),  # type: ignore[attr-defined]
    "bad checksum text": lambda b: rewrite_manifest(b, lambda m: m["files"].update({"store.key": "XYZ"})),  # type: ignore[attr-defined]
    "path escapes": lambda b: rewrite_manifest(b, lambda m: _add_file(m, "../outside")),
    "absolute path": lambda b: rewrite_manifest(b, lambda m: _add_file(m, "/etc/passwd")),
    "manifest names itself": lambda b: rewrite_manifest(b, lambda m: _add_file(m, MANIFEST_NAME)),
    "listed file absent": lambda b: rewrite_manifest(b, lambda m: _add_file(m, "attachments/ghost")),
    "replica id mismatch": lambda b: rewrite_manifest(b, lambda m: _set(m, "source_replica_id", "other")),
}  # fmt: skip


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_backup_is_refused(damage: str, backup: Path, tmp_path: Path, key: bytes) -> None:
    DAMAGE[damage](backup)
    target = tmp_path / "target"
    with pytest.raises(BackupError):
        restore(backup, target, key, now=Clock(), new_id=ids("r"))
    assert not target.exists()
    assert not list(tmp_path.glob(".target.*"))
    if damage != "replica id mismatch":  # only opening the database can tell this one
        with pytest.raises(BackupError):
            verify_backup(backup)


def test_a_backup_from_a_newer_schema_is_refused(tmp_path: Path, key: bytes) -> None:
    newer = (*STORE_MIGRATIONS, Migration(len(STORE_MIGRATIONS) + 1, "future", lambda c: None))
    with Store.open(
        tmp_path / "s", key, now=Clock(), new_id=ids("s"), create=True, migrations=newer
    ) as store:
        create_backup(store, tmp_path / "b")
    with pytest.raises(SchemaTooNew, match="update motcua"):
        restore(tmp_path / "b", tmp_path / "t", key, now=Clock(), new_id=ids("r"))
    assert not (tmp_path / "t").exists()


def test_manifest_json_round_trips() -> None:
    manifest = BackupManifest(
        1, "2025-01-01T00:00:00+00:00", "r-1", 2, {"store.db": "a" * 64, "x/y": "b" * 64}
    )
    assert BackupManifest.from_json(manifest.to_json()) == manifest
