"""A store's data key for an IT command: a clerk's login and passphrase, or the province's recovery key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.errors import KeyFileError, RecoveryKeyError, StoreLocked, WrongPassphrase
from sync.keys import list_clerks, load_recovery_private_key, recover, unlock
from sync.unlock_backoff import UnlockBackoff
from workstation.it_commands.console import CommandFailed, Console

MAX_PEM_BYTES = 65536


def read_recovery_private_key(path: Path | str, console: Console) -> X25519PrivateKey:
    """The province's recovery private key from a PEM file, asking for its password if it has one."""
    try:
        pem = Path(path).read_bytes()[:MAX_PEM_BYTES]
    except OSError as exc:
        raise CommandFailed(f"cannot read the recovery key file {path} ({exc.strerror or exc})") from None
    try:
        return load_recovery_private_key(pem)
    except RecoveryKeyError as exc:
        if "needs its password" not in str(exc):
            raise CommandFailed(
                "this file is not the province's recovery private key (a PEM file made for motcua)"
            ) from None
    password = console.secret("Password of the recovery key file: ")
    try:
        return load_recovery_private_key(pem, password.encode("utf-8"))
    except RecoveryKeyError:
        raise CommandFailed("the recovery key's password is wrong") from None


def data_key_by_recovery(
    key_file: Path, database: Path | None, recovery_key: Path | str, console: Console
) -> bytes:
    """Unwrap the data key with the recovery private key in ``recovery_key``."""
    private = read_recovery_private_key(recovery_key, console)
    try:
        return recover(key_file, private, database=database)
    except WrongPassphrase:
        raise CommandFailed("this recovery key does not belong to this workstation's store") from None
    except KeyFileError as exc:
        raise CommandFailed(f"the key file cannot be used: {exc}") from None


def data_key_by_clerk(
    key_file: Path,
    database: Path | None,
    console: Console,
    *,
    login: str | None,
    now: Callable[[], datetime],
    backoff: bool = True,
) -> bytes:
    """Ask for a clerk's login (unless given) and passphrase and unwrap the data key.

    With ``backoff`` (the workstation's own key file) wrong passphrases slow down as at the desk; a backup's
    key file is read without it (nothing is written into the backup).
    """
    try:
        logins = [clerk.login for clerk in list_clerks(key_file)]
    except KeyFileError as exc:
        raise CommandFailed(f"the key file cannot be read: {exc}") from None
    if login is None:
        console.warn("Clerk accounts: " + ", ".join(logins))
        login = console.question("Login of a clerk of this desk: ")
    passphrase = console.secret(f"Passphrase of {login}: ")
    counter = UnlockBackoff.beside(key_file, now) if backoff else None
    try:
        return unlock(key_file, login, passphrase, database=database, backoff=counter)
    except StoreLocked as exc:
        raise CommandFailed(
            f"too many wrong passphrases: wait {max(1, round(exc.retry_after))} seconds and try again"
        ) from None
    except WrongPassphrase:
        raise CommandFailed("wrong login or passphrase; nothing was done") from None
    except KeyFileError as exc:
        raise CommandFailed(f"the key file cannot be used: {exc}") from None


def obtain_data_key(
    key_file: Path,
    database: Path | None,
    console: Console,
    *,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
    backoff: bool = True,
) -> bytes:
    """The data key from the recovery key if one is given, else from a clerk's login and passphrase."""
    if not key_file.is_file():
        raise CommandFailed(f"there is no key file at {key_file}")
    if recovery_key is not None:
        return data_key_by_recovery(key_file, database, recovery_key, console)
    return data_key_by_clerk(key_file, database, console, login=login, now=now, backoff=backoff)
