"""Creating and unlocking this workstation's store: the slow, disk-bound steps the UI runs in the background.

Every function here blocks (Argon2id, SQLCipher, file I/O): call it through
:meth:`desktop.background.Background.run`, never on the UI thread.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sync.connection import Connection
from sync.errors import StoreDamaged, StoreError, StoreLocked, WrongPassphrase
from sync.keyfile import login_key
from sync.keys import (
    ClerkInfo,
    create_key_file,
    generate_recovery_keypair,
    list_clerks,
    load_recovery_public_key,
    recovery_fingerprint,
    unlock,
)
from sync.store import Store, StorePaths, get_record, put_record, set_meta
from sync.unlock_backoff import UnlockBackoff
from workstation.dossier_desk import DESK_MIGRATIONS
from workstation.errors import DamagedStore, UnlockRefused
from workstation.settings import SITE_META_KEY, SiteSettings, read_site_settings

CLERK_RECORD_TYPE = "desk.clerk"


@dataclass(frozen=True)
class DeskSession:
    """An unlocked desk: the open store, the clerk at the keyboard and the site settings."""

    store: Store
    clerk: ClerkInfo
    full_name: str | None
    site: SiteSettings | None

    def __repr__(self) -> str:  # the clerk's name stays out of logs and tracebacks
        return f"DeskSession(clerk={self.clerk.clerk_id!r})"


def workstation_exists(folder: Path | str) -> bool:
    """Whether this folder already holds a store's key file (else the first-run wizard runs)."""
    return StorePaths(Path(folder)).key_file.exists()


def clerk_logins(folder: Path | str) -> tuple[str, ...]:
    """The clerks' logins, for the unlock screen."""
    return tuple(c.login for c in list_clerks(StorePaths(Path(folder)).key_file))


def read_recovery_key(path: Path | str) -> tuple[bytes, str]:
    """A province recovery public key file's PEM bytes and fingerprint; RecoveryKeyError if it is not one."""
    pem = Path(path).read_bytes()[:65536]
    return pem, recovery_fingerprint(load_recovery_public_key(pem))


def create_workstation(
    folder: Path | str,
    *,
    site: SiteSettings,
    login: str,
    full_name: str,
    passphrase: str,
    recovery_pem: bytes | None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> DeskSession:
    """Create the key file (first clerk) and the encrypted store, save the site settings; return the session.

    Without ``recovery_pem`` the recovery slot is wrapped to a throw-away key: nobody can recover the store
    if every passphrase is forgotten (the wizard says so before).
    """
    paths = StorePaths(Path(folder))
    if paths.key_file.exists() or paths.database.exists():
        raise StoreError("a store already exists in this folder")
    paths.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if recovery_pem is None:
        recovery_key = load_recovery_public_key(generate_recovery_keypair().public_pem)
        fingerprint = None
    else:
        recovery_key = load_recovery_public_key(recovery_pem)
        fingerprint = recovery_fingerprint(recovery_key)
    data_key = create_key_file(
        paths.key_file, login=login, passphrase=passphrase, recovery_public_key=recovery_key
    )
    try:
        store = Store.open(
            paths.folder, data_key, now=now, new_id=new_id, create=True, migrations=DESK_MIGRATIONS
        )
    except BaseException:
        _remove_new_store(paths)
        raise
    clerk = list_clerks(paths.key_file)[0]
    site = replace(site, recovery_key_fingerprint=fingerprint)
    site_text = site.to_json()
    name = full_name.strip()

    def save(conn: Connection) -> None:
        set_meta(conn, SITE_META_KEY, site_text)
        put_record(
            conn,
            CLERK_RECORD_TYPE,
            clerk.clerk_id,
            {"login": clerk.login, "full_name": name},
            updated_at=now(),
        )

    try:
        store.write(save).result()
    except BaseException:
        store.close()
        _remove_new_store(paths)
        raise
    return DeskSession(store, clerk, name, site)


def _remove_new_store(paths: StorePaths) -> None:
    """Undo a creation that failed half-way (this call made these files), so the wizard can run again."""
    for path in (*paths.database_files(), paths.key_file):
        path.unlink(missing_ok=True)


def unlock_workstation(
    folder: Path | str,
    login: str,
    passphrase: str,
    *,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
    open_store: Store | None = None,
    backoff_base_seconds: float = 1.0,
) -> DeskSession:
    """Check the passphrase (with the backoff) and open the store, or reuse ``open_store`` after a lock.

    Raises :class:`UnlockRefused` for a wrong login/passphrase or while the backoff is running, and
    :class:`DamagedStore` when the passphrase is right but the database is missing, empty, cut short or
    damaged (the key file says the key is right, so it is the database): the files are left untouched.
    """
    paths = StorePaths(Path(folder))
    backoff = UnlockBackoff.beside(paths.key_file, now, base_seconds=backoff_base_seconds)
    try:
        data_key = unlock(paths.key_file, login, passphrase, database=paths.database, backoff=backoff)
        if open_store is None:
            store = Store.open(
                paths.folder, data_key, now=now, new_id=new_id, key_checked=True, migrations=DESK_MIGRATIONS
            )
        elif hmac.compare_digest(open_store.data_key, data_key):
            store = open_store
        else:
            raise StoreError("the open store is not the one this passphrase unlocks")
    except StoreLocked as exc:
        raise UnlockRefused("locked", exc.retry_after) from None
    except WrongPassphrase:
        raise UnlockRefused("wrong", backoff.retry_after()) from None
    except StoreDamaged as exc:
        raise DamagedStore(str(exc), reason=exc.reason) from None
    clerk = next(c for c in list_clerks(paths.key_file) if login_key(c.login) == login_key(login))
    with store.reader() as conn:
        site = read_site_settings(conn)
        record = get_record(conn, CLERK_RECORD_TYPE, clerk.clerk_id)
    full_name = record.data.get("full_name") if record is not None else None
    return DeskSession(store, clerk, full_name if isinstance(full_name, str) else None, site)
