"""The desk's clerk accounts: who may open the store (the key file's slots) and who they are (the store's
``desk.clerk`` records: login, full name, role).

The head clerk (the first clerk, made by the first-run wizard) adds and removes clerks from an unlocked
desk; IT with the province's recovery key adds one when no head clerk is left (``motcua add-clerk``). A
removed clerk loses her key-file slot; her record stays, so the timeline still names her changes.

Every function here blocks (Argon2id, the key file, the store): run it off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from sync.connection import Connection
from sync.errors import ClerkExists, ClerkSlotError, KeyFileError, LastClerk, UnknownClerk, WeakPassphrase
from sync.keyfile import login_key
from sync.keys import add_clerk, list_clerks, remove_clerk
from sync.store import Store, get_record, list_records, put_record
from workstation.errors import WorkstationError
from workstation.opening import CLERK_RECORD_TYPE

HEAD = "head"
CLERK = "clerk"
ROLES = (HEAD, CLERK)
MAX_FULL_NAME_CHARS = 100


class ClerkAccountError(WorkstationError):
    """A clerk account cannot be added or removed; ``code`` is stable, ``template`` the English words.

    The message names no person (it may reach a log); the desk words ``code`` in the clerk's language.
    """

    code: ClassVar[str] = "clerk_account"
    template: ClassVar[str] = "the clerk account cannot be changed"

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.template.format(**params))


class NotHeadClerk(ClerkAccountError):
    code = "not_head"
    template = "only the desk's head clerk can add or remove clerks"


class LoginTaken(ClerkAccountError):
    code = "login_taken"
    template = "a clerk with this login already exists"


class BadLogin(ClerkAccountError):
    code = "bad_login"
    template = "a login name has 1 to 64 visible characters"


class NoFullName(ClerkAccountError):
    code = "no_full_name"
    template = "the clerk's full name is missing or too long"


class PassphraseTooShort(ClerkAccountError):
    code = "weak_passphrase"
    template = "the passphrase is too short"


class NotAClerk(ClerkAccountError):
    code = "unknown_clerk"
    template = "no clerk of this desk has this login"


class RemovingOneself(ClerkAccountError):
    code = "self"
    template = "a clerk cannot remove her own account"


class LastHeadClerk(ClerkAccountError):
    code = "last_head"
    template = "the desk's last head clerk cannot be removed"


class KeyFileBusy(ClerkAccountError):
    code = "key_file"
    template = "the key file cannot be changed now ({reason})"


@dataclass(frozen=True)
class DeskClerk:
    """One clerk account of this desk: key-file slot joined with the store's record."""

    clerk_id: str
    login: str
    full_name: str | None
    role: str

    def __repr__(self) -> str:  # the clerk's name stays out of logs and tracebacks
        return f"DeskClerk({self.clerk_id!r}, role={self.role!r})"

    @property
    def is_head(self) -> bool:
        return self.role == HEAD


def _role_of(data: Mapping[str, Any] | None) -> str:
    """A record's role. The wizard's record (from before roles) has none: it is the head clerk's."""
    if data is None:
        return CLERK
    role = data.get("role", HEAD)
    return role if role in ROLES else CLERK


def desk_clerks(key_file: Path, conn: Connection) -> tuple[DeskClerk, ...]:
    """Every clerk who can open this desk (one per key-file slot), in the key file's order."""
    clerks = []
    for slot in list_clerks(key_file):
        record = get_record(conn, CLERK_RECORD_TYPE, slot.clerk_id)
        data = record.data if record is not None else None
        name = data.get("full_name") if data is not None else None
        full_name = name if isinstance(name, str) else None
        clerks.append(DeskClerk(slot.clerk_id, slot.login, full_name, _role_of(data)))
    return tuple(clerks)


def read_desk_clerks(key_file: Path, store: Store) -> tuple[DeskClerk, ...]:
    """:func:`desk_clerks` through one of the store's readers."""
    with store.reader() as conn:
        return desk_clerks(key_file, conn)


def clerk_names(store: Store) -> dict[str, str]:
    """Full names by login (compared as :func:`sync.keyfile.login_key`), also of clerks who have left."""
    with store.reader() as conn:
        records = list_records(conn, CLERK_RECORD_TYPE)
    names: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.updated_at):  # a login given again: the newest name
        login, name = record.data.get("login"), record.data.get("full_name")
        if isinstance(login, str) and isinstance(name, str) and name.strip():
            try:
                names[login_key(login)] = name
            except KeyFileError:
                continue
    return names


def name_for(names: Mapping[str, str], author: str) -> str:
    """The full name of the clerk whose login is ``author``; else ``author`` as it is (a province officer)."""
    try:
        return names.get(login_key(author), author)
    except KeyFileError:
        return author


def _require_head(clerks: tuple[DeskClerk, ...], actor: str | None) -> DeskClerk | None:
    """The acting head clerk; ``actor`` None means IT opened the store with the province's recovery key."""
    if actor is None:
        return None
    me = next((c for c in clerks if login_key(c.login) == login_key(actor)), None)
    if me is None or not me.is_head:
        raise NotHeadClerk()
    return me


def add_desk_clerk(
    key_file: Path,
    store: Store,
    *,
    actor: str | None,
    login: str,
    full_name: str,
    passphrase: str,
    role: str = CLERK,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> DeskClerk:
    """Give a new clerk her own key-file slot (her passphrase) and record her full name and role.

    ``actor`` is the unlocked head clerk's login, or None for IT holding the recovery key (who opened
    ``store`` with it). If the record cannot be written, the new slot is taken out again.
    """
    if role not in ROLES:
        raise ValueError(f"unknown clerk role {role!r}")
    name = full_name.strip()
    if not name or len(name) > MAX_FULL_NAME_CHARS:
        raise NoFullName()
    _require_head(read_desk_clerks(key_file, store), actor)
    clerk_id = new_id()
    try:
        add_clerk(key_file, store.data_key, login=login, passphrase=passphrase, clerk_id=clerk_id)
    except ClerkExists:
        raise LoginTaken() from None
    except WeakPassphrase:
        raise PassphraseTooShort() from None
    except ClerkSlotError:
        raise BadLogin() from None
    except KeyFileError as exc:
        raise KeyFileBusy(reason=str(exc)) from None
    slot = next(c for c in list_clerks(key_file) if c.clerk_id == clerk_id)
    data = {"login": slot.login, "full_name": name, "role": role}

    def save(conn: Connection) -> None:
        put_record(conn, CLERK_RECORD_TYPE, clerk_id, data, updated_at=now())

    try:
        store.write(save).result()
    except BaseException:
        remove_clerk(key_file, store.data_key, slot.login)
        raise
    return DeskClerk(clerk_id, slot.login, name, role)


def remove_desk_clerk(key_file: Path, store: Store, *, actor: str, login: str) -> DeskClerk:
    """Take a clerk's slot out of the key file (her record stays, for the timeline); returns who it was.

    Only a head clerk may, never for herself, never the last head clerk. The data key stays the same: IT
    re-encrypts under a new one with ``motcua rotate-key`` when the clerk has left the office.
    """
    clerks = read_desk_clerks(key_file, store)
    me = _require_head(clerks, actor)
    try:
        wanted = login_key(login)
    except KeyFileError:
        raise NotAClerk() from None
    target = next((c for c in clerks if login_key(c.login) == wanted), None)
    if target is None:
        raise NotAClerk()
    if me is not None and target.clerk_id == me.clerk_id:
        raise RemovingOneself()
    if target.is_head and sum(c.is_head for c in clerks) == 1:
        raise LastHeadClerk()
    try:
        remove_clerk(key_file, store.data_key, target.login)
    except (LastClerk, UnknownClerk):
        raise NotAClerk() from None
    except KeyFileError as exc:
        raise KeyFileBusy(reason=str(exc)) from None
    return target
