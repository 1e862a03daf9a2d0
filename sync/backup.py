"""Online backup of a store in use, and restore with a fresh replica identity.

A backup folder holds a consistent snapshot of the database (SQLite's online backup API, still encrypted with
the same data key), a copy of the key file and of the attachments, and ``manifest.json`` (format version,
creation time, source replica id, schema version, SHA-256 of every file). It is built in a hidden sibling
folder and renamed into place when complete, so a half-written backup never looks like one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from sync.attachments import PART_SUFFIX
from sync.connection import open_connection
from sync.durable_files import fsync_directory
from sync.errors import BackupError, SchemaTooNew
from sync.migrations import Migrations, schema_version
from sync.store import (
    ATTACHMENTS_DIR,
    DATABASE_NAME,
    KEY_FILE_NAME,
    STORE_MIGRATIONS,
    ReplicaIdentity,
    Store,
    StorePaths,
    assign_identity,
    current_identity,
)
from sync.store_writer import immediate_transaction

BACKUP_FORMAT = "motcua-store-backup"
BACKUP_FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupManifest:
    format_version: int
    created_at: str
    source_replica_id: str
    schema_version: int
    files: dict[str, str]  # relative POSIX path → SHA-256 (hex)

    def to_json(self) -> str:
        body = {
            "format": BACKUP_FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "source_replica_id": self.source_replica_id,
            "schema_version": self.schema_version,
            "files": dict(sorted(self.files.items())),
        }
        return json.dumps(body, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> BackupManifest:
        """Parse and check a manifest; :class:`BackupError` if it is not a valid one."""
        try:
            body = json.loads(text)
        except ValueError:
            raise BackupError("the backup manifest is not valid JSON") from None
        if not isinstance(body, dict) or body.get("format") != BACKUP_FORMAT:
            raise BackupError("this folder's manifest is not a motcua store backup")
        version = body.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BackupError("the backup manifest has no valid format version")
        if version > BACKUP_FORMAT_VERSION:
            raise BackupError(
                f"this backup has format {version}; this program reads up to {BACKUP_FORMAT_VERSION}; "
                "update motcua"
            )
        created_at, replica, schema, files = (
            body.get("created_at"),
            body.get("source_replica_id"),
            body.get("schema_version"),
            body.get("files"),
        )
        if not isinstance(created_at, str) or not isinstance(replica, str) or not replica:
            raise BackupError("the backup manifest lacks its creation time or source replica id")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise BackupError("the backup manifest has no valid schema version")
        if not isinstance(files, dict) or DATABASE_NAME not in files:
            raise BackupError("the backup manifest does not list the database")
        for name, digest in files.items():
            _check_member(name)
            if not isinstance(digest, str) or len(digest) != 64 or not _is_hex(digest):
                raise BackupError("the backup manifest has an invalid checksum")
        return cls(version, created_at, replica, schema, dict(files))


@dataclass(frozen=True)
class RestoredStore:
    folder: Path
    replica_id: str
    restored_from: str
    schema_version: int


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdef" for ch in text)


def _check_member(name: object) -> None:
    """A file named in a manifest must stay inside the backup folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise BackupError("the backup manifest names an invalid file")
    path = PurePosixPath(name)
    bad_part = any(part in ("", ".", "..") for part in name.split("/"))
    if path.is_absolute() or bad_part or name == MANIFEST_NAME:
        raise BackupError("the backup manifest names a file outside the backup")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` (fsynced) and return the SHA-256 of the bytes copied."""
    digest = hashlib.sha256()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the key file, the attachments
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def _write_synced(path: Path, data: bytes) -> None:
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def _sibling(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{secrets.token_hex(4)}")


def _attachment_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        # ``.part`` files are attachments still being written: not part of the store yet.
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(PART_SUFFIX))


def create_backup(
    store: Store, backup_folder: Path | str, *, now: Callable[[], datetime] | None = None
) -> BackupManifest:
    """Back up ``store`` (in use: writes may go on meanwhile) into the new or empty folder ``backup_folder``.

    ``now`` defaults to the store's clock. Raises :class:`BackupError` if the folder is not empty.
    """
    now = now or store.now
    backup_folder = Path(backup_folder)
    if backup_folder.exists() and not _is_empty_dir(backup_folder):
        raise BackupError("the backup folder is not empty")
    backup_folder.parent.mkdir(parents=True, exist_ok=True)
    stage = _sibling(backup_folder, "partial")
    stage.mkdir(mode=0o700)
    try:
        files: dict[str, str] = {}
        db_copy = stage / DATABASE_NAME
        target = open_connection(db_copy, store.data_key)
        try:
            with store.reader() as source:
                source.backup(target)  # one step: a consistent snapshot even while the writer commits
            schema = schema_version(target)
            identity = current_identity(target)
            (check,) = target.execute("PRAGMA quick_check").fetchone()
        finally:
            target.close()
        os.chmod(db_copy, 0o600)
        if identity is None or check != "ok":
            raise BackupError("the store could not be copied consistently")
        files[DATABASE_NAME] = _sha256(db_copy)
        with db_copy.open("rb+") as stream:
            os.fsync(stream.fileno())
        if store.paths.key_file.is_file():
            files[KEY_FILE_NAME] = _copy_hashing(store.paths.key_file, stage / KEY_FILE_NAME)
        for path in _attachment_files(store.paths.attachments):
            relative = path.relative_to(store.paths.attachments).as_posix()
            member = f"{ATTACHMENTS_DIR}/{relative}"
            try:
                files[member] = _copy_hashing(path, stage / ATTACHMENTS_DIR / relative)
            except FileNotFoundError:  # removed while we were copying (e.g. a temporary file renamed)
                continue
        created = now().isoformat()
        manifest = BackupManifest(BACKUP_FORMAT_VERSION, created, identity.replica_id, schema, files)
        _write_synced(stage / MANIFEST_NAME, manifest.to_json().encode())
        fsync_directory(stage)
        if backup_folder.exists():
            backup_folder.rmdir()
        stage.rename(backup_folder)
        fsync_directory(backup_folder.parent)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return manifest


def read_manifest(backup_folder: Path | str) -> BackupManifest:
    path = Path(backup_folder) / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BackupError("this folder has no backup manifest") from None
    except (OSError, UnicodeDecodeError):
        raise BackupError("the backup manifest cannot be read") from None
    return BackupManifest.from_json(text)


def verify_backup(backup_folder: Path | str) -> BackupManifest:
    """Check the manifest and every file's checksum; :class:`BackupError` names the first problem."""
    backup_folder = Path(backup_folder)
    manifest = read_manifest(backup_folder)
    for name, digest in manifest.files.items():
        path = backup_folder / name
        if not path.is_file():
            raise BackupError(f"the backup is missing {name}")
        if _sha256(path) != digest:
            raise BackupError(f"the backup's {name} is damaged (checksum mismatch)")
    return manifest


def restore(
    backup_folder: Path | str,
    target_folder: Path | str,
    data_key: bytes,
    *,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
    overwrite: bool = False,
    migrations: Migrations = STORE_MIGRATIONS,
) -> RestoredStore:
    """Restore a verified backup into ``target_folder`` under a NEW replica id (the old one kept as previous).

    Refuses a non-empty target unless ``overwrite``. The target is only replaced once the restored copy has
    been checked and re-identified; on any failure it is left as it was.
    """
    backup_folder, target_folder = Path(backup_folder), Path(target_folder)
    manifest = read_manifest(backup_folder)
    newest = max((migration.number for migration in migrations), default=0)  # numbered in tracks, with gaps
    if manifest.schema_version > newest:
        raise SchemaTooNew(
            f"this backup was written by a newer motcua (schema {manifest.schema_version}); "
            f"this program knows up to {newest}; update motcua"
        )
    if target_folder.exists() and not _is_empty_dir(target_folder):
        if not overwrite:
            raise BackupError("the restore target folder is not empty")
        if not target_folder.is_dir():
            raise BackupError("the restore target is not a folder")
    target_folder.parent.mkdir(parents=True, exist_ok=True)
    stage = _sibling(target_folder, "restoring")
    stage.mkdir()
    try:
        for name, digest in manifest.files.items():
            source = backup_folder / name
            if not source.is_file():
                raise BackupError(f"the backup is missing {name}")
            if _copy_hashing(source, stage / name) != digest:
                raise BackupError(f"the backup's {name} is damaged (checksum mismatch)")
        paths = StorePaths(stage)
        paths.attachments.mkdir(exist_ok=True)
        identity = _reidentify(paths, data_key, manifest, now=now, new_id=new_id)
        fsync_directory(stage)
        _replace_folder(stage, target_folder)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return RestoredStore(
        target_folder, identity.replica_id, manifest.source_replica_id, manifest.schema_version
    )


def _reidentify(
    paths: StorePaths,
    data_key: bytes,
    manifest: BackupManifest,
    *,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> ReplicaIdentity:
    conn = open_connection(paths.database, data_key)  # WrongPassphrase if the key is not this store's
    try:
        (check,) = conn.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError("the backed-up database fails its integrity check")
        if schema_version(conn) != manifest.schema_version:
            raise BackupError("the backed-up database does not match its manifest (schema version)")
        old = current_identity(conn)
        if old is None or old.replica_id != manifest.source_replica_id:
            raise BackupError("the backed-up database does not match its manifest (replica id)")
        with immediate_transaction(conn):
            identity = assign_identity(
                conn, paths.database, new_id=new_id, now=now, reason="restored", previous_id=old.replica_id
            )
    finally:
        conn.close()
    return identity


def _replace_folder(stage: Path, target: Path) -> None:
    """Move ``stage`` to ``target``; an existing target is set aside first and removed only after."""
    if not target.exists():
        stage.rename(target)
    elif _is_empty_dir(target):
        target.rmdir()
        stage.rename(target)
    else:
        aside = _sibling(target, "replaced")
        target.rename(aside)
        try:
            stage.rename(target)
        except BaseException:
            aside.rename(target)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    fsync_directory(target.parent)
