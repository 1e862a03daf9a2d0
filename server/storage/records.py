"""What the server stores, as frozen dataclasses shared by every storage backend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A provincial account's role; each role may do everything the roles before it may."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune (xã), ward (phường) or special zone (đặc khu) from the official list."""

    code: str
    province_code: str
    name: str
    division_type: str
    agency: str
    """The agency identifier printed in dossier codes (the commune code until IT sets the official one)."""
    merged_into: str | None = None
    """The commune this one was merged into (``merge-commune``); desks enrolled for it keep its code."""


@dataclass(frozen=True, slots=True)
class EnrolmentCode:
    id: str
    commune_code: str
    code_hash: str
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
    device_id: str | None = None


@dataclass(frozen=True, slots=True)
class Device:
    """An enrolled workstation: its keys, its commune, and only a hash of its secret."""

    id: str
    commune_code: str
    replica_id: str
    label: str
    signing_key: str
    exchange_key: str
    secret_hash: str
    enrolled_at: dt.datetime
    revoked_at: dt.datetime | None = None
    revoked_counter: int | None = None
    """At revocation: the highest counter of this workstation's events the server then held (0: none). Its
    events above it are never taken (``server.event_origins``)."""

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True, slots=True)
class SequenceBlock:
    """The block ``first``–``last`` of a commune's daily dossier numbers held by one device.

    ``slot`` is the block's index in the commune's split; ``released_on`` is the day its device was revoked
    (the block may go to another device only from a later day).
    """

    device_id: str
    commune_code: str
    slot: int
    agency: str
    first: int
    last: int
    valid_from: dt.date
    released_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    username: str
    role: Role
    province_code: str
    password_hash: str
    created_at: dt.datetime
    disabled_at: dt.datetime | None = None
    department: str | None = None
    """An officer's department: the procedures' sector (lĩnh vực) whose dossiers it sees; ``None``: all."""


@dataclass(frozen=True, slots=True)
class Session:
    """An officer's login: a bearer token of which only a hash is kept."""

    id: str
    account_id: str
    secret_hash: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AppliedMigration:
    number: int
    name: str
    applied_at: dt.datetime
