"""``motcua backup DEST`` and ``motcua restore BACKUP``: encrypted store backups and restores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.backup import BackupManifest, RestoredStore, create_backup, restore, verify_backup
from sync.connection import DriverError
from sync.errors import BackupError, SchemaTooNew, StoreError, WrongPassphrase
from sync.store import KEY_FILE_NAME
from workstation.enrolment import ServerLink, forget_enrolment
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import obtain_data_key
from workstation.it_commands.damaged_store import open_desk_store
from workstation.it_commands.exclusive_use import exclusive_use
from workstation.it_commands.workstation_paths import WorkstationPaths, desk_migrations

BACKUP_PREFIX = "motcua-backup-"


def backup_folder_in(destination: Path, now: datetime) -> Path:
    """A new folder for one backup in ``destination`` (a folder, a USB stick), named by date and time."""
    stem = BACKUP_PREFIX + now.strftime("%Y%m%d-%H%M%S")
    candidate, number = destination / stem, 1
    while candidate.exists():
        number += 1
        candidate = destination / f"{stem}-{number}"
    return candidate


def _size_text(folder: Path) -> str:
    total = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return f"{total / 1_000_000:.1f} MB"


def run_backup(
    paths: WorkstationPaths,
    destination: Path | str,
    console: Console,
    *,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    """Back the store up (the desk may stay open) into a new dated folder, then verify it."""
    if not paths.has_store():
        raise CommandFailed(
            f"there is no store on this workstation to back up (looked in {paths.store_folder})"
        )
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise CommandFailed(f"{destination} is a file, not a folder: give the folder to back up into")
    try:
        destination.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandFailed(f"cannot use the folder {destination} ({exc.strerror or exc})") from None
    data_key = obtain_data_key(
        paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
    )
    target = backup_folder_in(destination, now())
    try:
        store = open_desk_store(paths, data_key, now=now, new_id=new_id, outcome="no backup was made")
        try:
            create_backup(store, target)
        finally:
            store.close()
        manifest = verify_backup(target)  # read back: USB sticks sometimes lie about what they wrote
    except DriverError as exc:  # damage that the check at opening did not reach
        raise CommandFailed(f"the backup failed: the store could not be read ({exc})") from None
    except (BackupError, StoreError) as exc:
        raise CommandFailed(f"the backup failed: {exc}") from None
    except OSError as exc:
        raise CommandFailed(
            f"the backup could not be written ({exc.strerror or exc}); is the disk full?"
        ) from None
    console.say(
        f"Backup written to {target} ({len(manifest.files)} files, {_size_text(target)}), and checked."
    )
    console.say(
        "It is encrypted: it opens with the passphrases of this desk's clerks at the time of the backup, "
        "or with the province's recovery key."
    )
    return EXIT_OK


def _check_backup(backup: Path) -> BackupManifest:
    if not backup.is_dir():
        raise CommandFailed(f"{backup} is not a folder (give the motcua-backup-… folder itself)")
    try:
        return verify_backup(backup)
    except BackupError as exc:
        raise CommandFailed(f"this backup cannot be used: {exc}") from None


def run_restore(
    paths: WorkstationPaths,
    backup: Path | str,
    console: Console,
    *,
    force: bool,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    """Restore ``backup`` as this workstation's store under a new replica id (over one only if forced)."""
    backup = Path(backup)
    manifest = _check_backup(backup)
    target = paths.store_folder
    if target.exists() and any(target.iterdir()) and not force:
        raise CommandFailed(
            f"this workstation already has a store at {target}; restoring would replace it. "
            "If that is what you want, close motcua and run the restore again with --force "
            "(the current store is only replaced once the backup has been checked and copied)."
        )
    with exclusive_use(paths, "restore"):
        key_file = backup / KEY_FILE_NAME
        data_key = obtain_data_key(
            key_file, None, console, login=login, recovery_key=recovery_key, now=now, backoff=False
        )
        restored = _restore_as(backup, target, data_key, force=force, now=now, new_id=new_id)
        former = _forget_enrolment(paths, data_key, now=now, new_id=new_id)
    console.say(f"Restored the backup of {manifest.created_at} into {restored.folder}.")
    console.say(
        f"This workstation's new replica id is {restored.replica_id} "
        f"(the backup's was {restored.restored_from})."
    )
    if former is not None:
        console.say(
            f"The backup was enrolled with {former.server_url} as device {former.device_id}; under its new "
            "replica id this store cannot sync as that device. Enrol it again with a new code from "
            "provincial IT (motcua enrol), and ask them to revoke the old device."
        )
    console.say(
        "Start motcua and sign in as before, then sync: work done after the backup comes back from the "
        "provincial server if it had been synced, with its scans."
    )
    return EXIT_OK


def _forget_enrolment(
    paths: WorkstationPaths, data_key: bytes, *, now: Callable[[], datetime], new_id: Callable[[], str]
) -> ServerLink | None:
    store = open_desk_store(paths, data_key, now=now, new_id=new_id, outcome="the enrolment was kept")
    try:
        return forget_enrolment(store)
    finally:
        store.close()


def _restore_as(
    backup: Path,
    target: Path,
    data_key: bytes,
    *,
    force: bool,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> RestoredStore:
    try:
        return restore(
            backup, target, data_key, now=now, new_id=new_id, overwrite=force, migrations=desk_migrations()
        )
    except SchemaTooNew as exc:
        raise CommandFailed(f"{exc}") from None
    except WrongPassphrase:
        raise CommandFailed("the key does not open this backup's database; nothing was changed") from None
    except (BackupError, StoreError) as exc:
        raise CommandFailed(f"the restore failed, nothing was changed: {exc}") from None
    except OSError as exc:
        raise CommandFailed(
            f"the restore could not be written ({exc.strerror or exc}); nothing was changed"
        ) from None
