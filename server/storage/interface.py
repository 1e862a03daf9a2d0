"""``ServerStorage``: what the server needs from its database, whichever backend holds it.

Both backends keep explicit, numbered migrations recorded in the table ``schema_migrations``. Later parts
(change events, replicas' checkpoints for the sync endpoints) arrive as new numbered migrations in both
backends plus new methods here; nothing in this interface assumes they are absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from server.storage.records import (
    Account,
    AppliedMigration,
    Commune,
    Device,
    EnrolmentCode,
    Province,
    SequenceBlock,
    Session,
)


class Tx(Protocol):
    """A running transaction."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute a statement; return the number of rows it changed."""
        ...

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Execute one statement for each row of parameters."""
        ...

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        """Add many rows to ``table`` at once (PostgreSQL: ``COPY``; multi-row ``INSERT`` statements when
        ``skip_existing`` leaves out the rows whose key is taken). A taken key otherwise raises
        ``DuplicateRow``."""
        ...


BlockChooser = Callable[[Commune, Sequence[SequenceBlock]], SequenceBlock]
"""Given the commune and every block its devices ever held, the block for the new device (or raise)."""


@runtime_checkable
class ServerStorage(Protocol):
    """The server's database. Every method is one transaction; all are safe to call from many threads."""

    backend: str

    def migrate(self, now: dt.datetime | None = None) -> list[int]:
        """Apply the migrations not applied yet (recorded as applied at ``now``, default the real time);
        return their numbers. Raises ``SchemaTooNew`` for a database a newer server migrated."""
        ...

    def applied_migrations(self) -> list[AppliedMigration]: ...

    def close(self) -> None: ...

    def ping(self, timeout: float = 2.0) -> None:
        """Raise ``DatabaseUnavailable`` unless the database answers (the readiness check)."""
        ...

    # communes
    def add_communes(self, province: Province, communes: Sequence[Commune]) -> int:
        """Add the province and those of its communes not stored yet; return how many were new."""
        ...

    def get_province(self, code: str) -> Province | None: ...

    def get_commune(self, code: str) -> Commune | None: ...

    def list_communes(self, province_code: str | None = None) -> list[Commune]: ...

    def set_commune_agency(self, code: str, agency: str) -> Commune: ...

    def rename_commune(self, code: str, name: str) -> Commune:
        """Give the commune its new official name (published to desks with the reference data)."""
        ...

    def merge_commune(self, code: str, into: str | None) -> Commune:
        """Mark the commune as merged into ``into`` (``None``: not merged); those merged into it follow."""
        ...

    # enrolment and devices
    def add_enrolment_code(self, code: EnrolmentCode) -> None: ...

    def get_enrolment_code(self, code_hash: str) -> EnrolmentCode | None: ...

    def enrol_device(
        self, code_hash: str, device: Device, now: dt.datetime, choose_block: BlockChooser
    ) -> SequenceBlock:
        """In one transaction: redeem the code (unused, unexpired, for ``device.commune_code``), add the
        device and the block ``choose_block`` picks.

        Raises ``EnrolmentRefused`` or ``ReplicaAlreadyEnrolled``.
        """
        ...

    def get_device(self, device_id: str) -> Device | None: ...

    def list_devices(
        self, *, commune_code: str | None = None, province_code: str | None = None
    ) -> list[Device]: ...

    def revoke_device(self, device_id: str, now: dt.datetime, today: dt.date) -> Device:
        """Mark the device revoked (idempotent), recording the highest counter of its events held here then
        (``Device.revoked_counter``), and release its block from ``today``."""
        ...

    def get_sequence_block(self, device_id: str) -> SequenceBlock | None: ...

    def list_sequence_blocks(self, commune_code: str) -> list[SequenceBlock]: ...

    # accounts
    def add_account(self, account: Account) -> None: ...

    def get_account(self, account_id: str) -> Account | None: ...

    def list_accounts(self, province_code: str) -> list[Account]: ...

    def get_account_by_username(self, username: str) -> Account | None: ...

    def set_account_password(self, account_id: str, password_hash: str) -> None: ...

    def disable_account(self, account_id: str, now: dt.datetime) -> None: ...

    def add_session(self, session: Session) -> None: ...

    def get_session(self, session_id: str) -> Session | None: ...

    def revoke_session(self, session_id: str, now: dt.datetime) -> None: ...

    # raw transactions for the sync replica, attachments and catalogues (their SQL uses ``?`` placeholders)
    def transaction(self) -> AbstractContextManager[Tx]: ...

    def lock_scope(self, tx: Tx, name: str) -> None:
        """Serialise transactions touching ``name`` (a commune's events) until ``tx`` ends."""
        ...

    def scope_transaction(self, name: str) -> AbstractContextManager[Tx]:
        """A transaction holding ``name``'s lock; this process's other waiters for it hold no connection."""
        ...

    def among(self, column: str, values: Sequence[Any]) -> tuple[str, Any]:
        """A condition "``column`` is one of ``values``" with its single parameter: ``(sql, parameter)``."""
        ...

    def time_in(self, value: dt.datetime | None) -> Any: ...

    def time_out(self, value: Any) -> dt.datetime | None: ...
