"""The SQL both backends share: queries written once with ``?`` placeholders, run through a backend's ``Tx``.

A backend supplies its connection handling, its numbered migrations, how it stores times and dates, and how
it locks a row for the rest of a transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from server.errors import (
    AccountExists,
    BadInput,
    DatabaseUnavailable,
    DuplicateRow,
    EnrolmentRefused,
    ReplicaAlreadyEnrolled,
    SchemaTooNew,
    StorageError,
    UnknownAccount,
    UnknownCommune,
    UnknownDevice,
)
from server.storage.interface import BlockChooser, Tx
from server.storage.records import (
    Account,
    AppliedMigration,
    Commune,
    Device,
    EnrolmentCode,
    Province,
    Role,
    SequenceBlock,
    Session,
)
from server.storage.scope_gates import ScopeGates

MIGRATIONS_TABLE = "schema_migrations"
PING_TIMEOUT = 2.0
"""Seconds a readiness check waits for a database connection."""
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _check_names(*names: str) -> None:
    if not all(_NAME.fullmatch(name) for name in names):
        raise ValueError("table and column names must be plain lower-case names")


def insert_statement(
    table: str, columns: Sequence[str], rows: int, *, skip_existing: bool, placeholder: str = "?"
) -> str:
    """``INSERT INTO table (columns) VALUES (…), (…) …`` for ``rows`` rows (names are checked, values are
    parameters); with ``skip_existing``, rows whose key is taken are left out (``ON CONFLICT DO NOTHING``)."""
    if rows < 1 or not columns:
        raise ValueError("an insert needs rows and columns")
    _check_names(table, *columns)
    one = "(" + ", ".join([placeholder] * len(columns)) + ")"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([one] * rows)
    return sql + (" ON CONFLICT DO NOTHING" if skip_existing else "")


@dataclass(frozen=True, slots=True)
class SqlMigration:
    """One numbered schema step: its statements run in one transaction with the row that records it."""

    number: int
    name: str
    statements: tuple[str, ...]


def check_migrations(migrations: Sequence[SqlMigration]) -> None:
    """Raise ``ValueError`` unless the migrations are numbered 1, 2, 3 … with distinct, non-empty names."""
    numbers = [m.number for m in migrations]
    if numbers != list(range(1, len(migrations) + 1)):
        raise ValueError(f"migrations must be numbered 1..{len(migrations)} in order, got {numbers}")
    names = [m.name for m in migrations]
    if len(set(names)) != len(names) or not all(names):
        raise ValueError("migration names must be non-empty and distinct")


_CODE_COLUMNS = "id, commune_code, code_hash, created_at, expires_at, used_at, device_id"
_DEVICE_COLUMNS = (
    "id, commune_code, replica_id, label, signing_key, exchange_key, secret_hash, enrolled_at, revoked_at,"
    " revoked_counter"
)
_BLOCK_COLUMNS = "device_id, commune_code, slot, agency, first_number, last_number, valid_from, released_on"
_ACCOUNT_COLUMNS = "id, username, role, province_code, password_hash, created_at, disabled_at, department"
_SESSION_COLUMNS = "id, account_id, secret_hash, created_at, expires_at, revoked_at"
_COMMUNE_COLUMNS = "code, province_code, name, division_type, agency, merged_into"
_BLOCKS_OF_COMMUNE = (
    f"SELECT {_BLOCK_COLUMNS} FROM sequence_blocks WHERE commune_code = ? ORDER BY slot, valid_from"
)
_USED = "this enrolment code was already used: ask IT for a new one"


class SqlStorage(ABC):
    """The shared implementation of ``ServerStorage``; subclasses are the SQLite and PostgreSQL backends."""

    backend: ClassVar[str]
    migrations: ClassVar[tuple[SqlMigration, ...]]
    for_update: ClassVar[str] = ""
    """Appended to a SELECT to lock its rows until the transaction ends (PostgreSQL: `` FOR UPDATE``)."""

    # ---- what a backend provides
    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Tx]:
        """A transaction that commits when the block ends normally and rolls back otherwise.

        The driver's unique-key violations come out as ``DuplicateRow``, its other errors as ``StorageError``.
        """

    @abstractmethod
    def _lock_for_migration(self, tx: Tx) -> None: ...

    @abstractmethod
    def _migrations_table_sql(self) -> str: ...

    @abstractmethod
    def close(self) -> None: ...

    # ---- for the sync replica and attachments (server.sync_replica, server.attachment_uploads)
    def transaction(self) -> AbstractContextManager[Tx]:
        """A transaction for callers that keep their own SQL (written with ``?`` placeholders)."""
        return self._transaction()

    def ping(self, timeout: float = PING_TIMEOUT) -> None:
        """Raise ``DatabaseUnavailable`` unless the database answers (readiness; PostgreSQL waits at most
        ``timeout`` seconds for a connection)."""
        try:
            with self._transaction() as tx:
                tx.query(f"SELECT count(*) FROM {MIGRATIONS_TABLE}")
        except StorageError as exc:
            raise DatabaseUnavailable("the database does not answer") from exc

    @contextmanager
    def scope_transaction(self, name: str) -> Iterator[Tx]:
        """A transaction holding ``name``'s lock (``lock_scope``) until it ends. The transactions of this
        process that want the same scope wait for their turn before they take a database connection
        (``server.storage.scope_gates``), so a line of waiters never empties the connection pool."""
        with self._gates().hold(name), self.transaction() as tx:
            self.lock_scope(tx, name)
            yield tx

    _gates_made = threading.Lock()

    def _gates(self) -> ScopeGates:
        gates = self.__dict__.get("_scope_gates")
        if gates is None:
            with SqlStorage._gates_made:
                gates = self.__dict__.setdefault("_scope_gates", ScopeGates())
        return gates  # type: ignore[no-any-return]

    def lock_scope(self, tx: Tx, name: str) -> None:  # noqa: B027 - SQLite needs nothing here
        """Serialise transactions that touch the same ``name`` (e.g. a commune's events) until ``tx`` ends.

        SQLite's ``BEGIN IMMEDIATE`` already serialises every writer.
        """

    def among(self, column: str, values: Sequence[Any]) -> tuple[str, Any]:
        """A condition "``column`` is one of ``values``" with its single parameter (SQLite: a JSON array)."""
        _check_names(column)
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values))

    def time_in(self, value: dt.datetime | None) -> Any:
        """A time as this backend stores it."""
        return self._time_in(value)

    def time_out(self, value: Any) -> dt.datetime | None:
        return self._time_out(value)

    def _time_in(self, value: dt.datetime | None) -> Any:
        return value

    def _time_out(self, value: Any) -> dt.datetime | None:
        return value

    def _date_in(self, value: dt.date | None) -> Any:
        return value

    def _date_out(self, value: Any) -> dt.date | None:
        return value

    # ---- migrations
    def migrate(self, now: dt.datetime | None = None) -> list[int]:
        check_migrations(self.migrations)
        applied_at = now if now is not None else dt.datetime.now(dt.UTC)
        newly: list[int] = []
        for migration in self.migrations:
            with self._transaction() as tx:
                self._lock_for_migration(tx)
                tx.run(self._migrations_table_sql())
                done = {row[0] for row in tx.query(f"SELECT number FROM {MIGRATIONS_TABLE}")}
                newest = max(done, default=0)
                if newest > len(self.migrations):
                    raise SchemaTooNew(
                        f"the database is at schema version {newest}, but this server knows versions up to "
                        f"{len(self.migrations)}: update the server"
                    )
                if migration.number in done:
                    continue
                for statement in migration.statements:
                    tx.run(statement)
                tx.run(
                    f"INSERT INTO {MIGRATIONS_TABLE} (number, name, applied_at) VALUES (?, ?, ?)",
                    (migration.number, migration.name, self._time_in(applied_at)),
                )
                newly.append(migration.number)
        return newly

    def applied_migrations(self) -> list[AppliedMigration]:
        with self._transaction() as tx:
            tx.run(self._migrations_table_sql())
            rows = tx.query(f"SELECT number, name, applied_at FROM {MIGRATIONS_TABLE} ORDER BY number")
        return [AppliedMigration(r[0], r[1], self._must_time(r[2])) for r in rows]

    # ---- row conversion
    def _must_time(self, value: Any) -> dt.datetime:
        converted = self._time_out(value)
        if converted is None:
            raise StorageError("a required time is missing in the database")
        return converted

    def _must_date(self, value: Any) -> dt.date:
        converted = self._date_out(value)
        if converted is None:
            raise StorageError("a required date is missing in the database")
        return converted

    @staticmethod
    def _commune(row: tuple[Any, ...]) -> Commune:
        return Commune(*row)

    def _code(self, row: tuple[Any, ...]) -> EnrolmentCode:
        return EnrolmentCode(
            row[0],
            row[1],
            row[2],
            self._must_time(row[3]),
            self._must_time(row[4]),
            self._time_out(row[5]),
            row[6],
        )

    def _device(self, row: tuple[Any, ...]) -> Device:
        counter = None if row[9] is None else int(row[9])
        return Device(*row[:7], self._must_time(row[7]), self._time_out(row[8]), counter)

    def _block(self, row: tuple[Any, ...]) -> SequenceBlock:
        return SequenceBlock(*row[:6], self._must_date(row[6]), self._date_out(row[7]))

    def _account(self, row: tuple[Any, ...]) -> Account:
        return Account(
            row[0],
            row[1],
            Role(row[2]),
            row[3],
            row[4],
            self._must_time(row[5]),
            self._time_out(row[6]),
            row[7],
        )

    def _session(self, row: tuple[Any, ...]) -> Session:
        return Session(
            row[0],
            row[1],
            row[2],
            self._must_time(row[3]),
            self._must_time(row[4]),
            self._time_out(row[5]),
        )

    # ---- communes
    def add_communes(self, province: Province, communes: Sequence[Commune]) -> int:
        if any(c.province_code != province.code for c in communes):
            raise ValueError("every commune must belong to the province given")
        added = 0
        with self._transaction() as tx:
            tx.run(
                "INSERT INTO provinces (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING",
                (province.code, province.name),
            )
            for c in communes:
                added += tx.run(
                    f"INSERT INTO communes ({_COMMUNE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (code) DO NOTHING",
                    (c.code, c.province_code, c.name, c.division_type, c.agency, c.merged_into),
                )
        return added

    def get_province(self, code: str) -> Province | None:
        with self._transaction() as tx:
            rows = tx.query("SELECT code, name FROM provinces WHERE code = ?", (code,))
        return Province(*rows[0]) if rows else None

    def get_commune(self, code: str) -> Commune | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE code = ?", (code,))
        return self._commune(rows[0]) if rows else None

    def list_communes(self, province_code: str | None = None) -> list[Commune]:
        with self._transaction() as tx:
            if province_code is None:
                rows = tx.query(f"SELECT {_COMMUNE_COLUMNS} FROM communes ORDER BY code")
            else:
                rows = tx.query(
                    f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE province_code = ? ORDER BY code",
                    (province_code,),
                )
        return [self._commune(r) for r in rows]

    def set_commune_agency(self, code: str, agency: str) -> Commune:
        with self._transaction() as tx:
            if not tx.run("UPDATE communes SET agency = ? WHERE code = ?", (agency, code)):
                raise UnknownCommune(f"no commune with code {code}")
            rows = tx.query(f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE code = ?", (code,))
        return self._commune(rows[0])

    def rename_commune(self, code: str, name: str) -> Commune:
        with self._transaction() as tx:
            if not tx.run("UPDATE communes SET name = ? WHERE code = ?", (name, code)):
                raise UnknownCommune(f"no commune with code {code}")
            rows = tx.query(f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE code = ?", (code,))
        return self._commune(rows[0])

    def merge_commune(self, code: str, into: str | None) -> Commune:
        with self._transaction() as tx:
            found = {
                row[0]: row[1]
                for row in tx.query(
                    f"SELECT code, merged_into FROM communes WHERE code IN (?, ?){self.for_update}",
                    (code, into if into is not None else code),
                )
            }
            for wanted in (code, into):
                if wanted is not None and wanted not in found:
                    raise UnknownCommune(f"no commune with code {wanted}")
            if into is not None:
                if into == code:
                    raise BadInput("a commune cannot be merged into itself")
                if found[into] is not None:
                    raise BadInput(f"commune {into} was merged into {found[into]}: merge into that one")
                # communes merged into this one before now belong to the one it joins
                tx.run("UPDATE communes SET merged_into = ? WHERE merged_into = ?", (into, code))
            tx.run("UPDATE communes SET merged_into = ? WHERE code = ?", (into, code))
            rows = tx.query(f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE code = ?", (code,))
        return self._commune(rows[0])

    # ---- enrolment and devices
    def add_enrolment_code(self, code: EnrolmentCode) -> None:
        with self._transaction() as tx:
            if not tx.query("SELECT 1 FROM communes WHERE code = ?", (code.commune_code,)):
                raise UnknownCommune(f"no commune with code {code.commune_code}")
            tx.run(
                f"INSERT INTO enrolment_codes ({_CODE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    code.id,
                    code.commune_code,
                    code.code_hash,
                    self._time_in(code.created_at),
                    self._time_in(code.expires_at),
                    self._time_in(code.used_at),
                    code.device_id,
                ),
            )

    def get_enrolment_code(self, code_hash: str) -> EnrolmentCode | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_CODE_COLUMNS} FROM enrolment_codes WHERE code_hash = ?", (code_hash,))
        return self._code(rows[0]) if rows else None

    def enrol_device(
        self, code_hash: str, device: Device, now: dt.datetime, choose_block: BlockChooser
    ) -> SequenceBlock:
        try:
            with self._transaction() as tx:
                return self._enrol(tx, code_hash, device, now, choose_block)
        except DuplicateRow as exc:  # a concurrent enrolment of the same replica or device id
            raise ReplicaAlreadyEnrolled(
                "this replica id is already enrolled: a restored or copied workstation needs a new one"
            ) from exc

    def _enrol(
        self, tx: Tx, code_hash: str, device: Device, now: dt.datetime, choose_block: BlockChooser
    ) -> SequenceBlock:
        rows = tx.query(
            f"SELECT {_CODE_COLUMNS} FROM enrolment_codes WHERE code_hash = ?{self.for_update}", (code_hash,)
        )
        if not rows:
            raise EnrolmentRefused("this enrolment code is not known", reason="unknown")
        code = self._code(rows[0])
        if code.used_at is not None:
            raise EnrolmentRefused(
                "this enrolment code was already used: ask IT for a new one", reason="used"
            )
        if now >= code.expires_at:
            raise EnrolmentRefused("this enrolment code has expired: ask IT for a new one", reason="expired")
        if code.commune_code != device.commune_code:
            raise EnrolmentRefused(
                f"this enrolment code is for another commune, not {device.commune_code}",
                reason="wrong_commune",
            )
        communes = tx.query(
            f"SELECT {_COMMUNE_COLUMNS} FROM communes WHERE code = ?{self.for_update}", (device.commune_code,)
        )
        if not communes:
            raise UnknownCommune(f"no commune with code {device.commune_code}")
        if tx.query("SELECT 1 FROM devices WHERE replica_id = ?", (device.replica_id,)):
            raise ReplicaAlreadyEnrolled(
                "this replica id is already enrolled: a restored or copied workstation needs a new one"
            )
        blocks = [
            self._block(r)
            for r in tx.query(
                _BLOCKS_OF_COMMUNE,
                (device.commune_code,),
            )
        ]
        block = choose_block(self._commune(communes[0]), blocks)
        if block.device_id != device.id or block.commune_code != device.commune_code:
            raise ValueError("the chosen block belongs to another device or commune")
        tx.run(
            f"INSERT INTO devices ({_DEVICE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                device.id,
                device.commune_code,
                device.replica_id,
                device.label,
                device.signing_key,
                device.exchange_key,
                device.secret_hash,
                self._time_in(device.enrolled_at),
                self._time_in(device.revoked_at),
                device.revoked_counter,
            ),
        )
        tx.run(
            f"INSERT INTO sequence_blocks ({_BLOCK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                block.device_id,
                block.commune_code,
                block.slot,
                block.agency,
                block.first,
                block.last,
                self._date_in(block.valid_from),
                self._date_in(block.released_on),
            ),
        )
        used = tx.run(
            "UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL",
            (self._time_in(now), device.id, code.id),
        )
        if used != 1:
            raise EnrolmentRefused(
                "this enrolment code was already used: ask IT for a new one", reason="used"
            )
        return block

    def get_device(self, device_id: str) -> Device | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE id = ?", (device_id,))
        return self._device(rows[0]) if rows else None

    def list_devices(
        self, *, commune_code: str | None = None, province_code: str | None = None
    ) -> list[Device]:
        where, params = [], []
        if commune_code is not None:
            where.append("commune_code = ?")
            params.append(commune_code)
        if province_code is not None:
            where.append("commune_code IN (SELECT code FROM communes WHERE province_code = ?)")
            params.append(province_code)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_DEVICE_COLUMNS} FROM devices{clause} ORDER BY enrolled_at, id", params)
        return [self._device(r) for r in rows]

    def revoke_device(self, device_id: str, now: dt.datetime, today: dt.date) -> Device:
        with self._transaction() as tx:
            communes = tx.query("SELECT commune_code FROM devices WHERE id = ?", (device_id,))
            if not communes:
                raise UnknownDevice(f"no device with id {device_id}")
            # under the commune's lock: no push of its events lands between the counter read and the mark
            self.lock_scope(tx, f"commune:{communes[0][0]}")
            changed = tx.run(
                "UPDATE devices SET revoked_at = ?, revoked_counter = ("
                " SELECT MAX(n) FROM ("
                "  SELECT COALESCE(MAX(e.counter), 0) AS n FROM sync_events e"
                "  WHERE e.replica_id = devices.replica_id"
                "  UNION ALL"
                "  SELECT COALESCE(MAX(q.counter), 0) FROM sync_quarantine q"
                "  WHERE q.replica_id = devices.replica_id"
                " ) AS held) WHERE id = ? AND revoked_at IS NULL",
                (self._time_in(now), device_id),
            )
            rows = tx.query(f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE id = ?", (device_id,))
            if changed:
                tx.run(
                    "UPDATE sequence_blocks SET released_on = ? WHERE device_id = ? AND released_on IS NULL",
                    (self._date_in(today), device_id),
                )
        return self._device(rows[0])

    def get_sequence_block(self, device_id: str) -> SequenceBlock | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_BLOCK_COLUMNS} FROM sequence_blocks WHERE device_id = ?", (device_id,))
        return self._block(rows[0]) if rows else None

    def list_sequence_blocks(self, commune_code: str) -> list[SequenceBlock]:
        with self._transaction() as tx:
            rows = tx.query(
                _BLOCKS_OF_COMMUNE,
                (commune_code,),
            )
        return [self._block(r) for r in rows]

    # ---- accounts
    def add_account(self, account: Account) -> None:
        try:
            with self._transaction() as tx:
                if tx.query("SELECT 1 FROM accounts WHERE username = ?", (account.username,)):
                    raise AccountExists("an account with this user name exists already")
                tx.run(
                    f"INSERT INTO accounts ({_ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        account.id,
                        account.username,
                        account.role.value,
                        account.province_code,
                        account.password_hash,
                        self._time_in(account.created_at),
                        self._time_in(account.disabled_at),
                        account.department,
                    ),
                )
        except DuplicateRow as exc:
            raise AccountExists("an account with this user name or id exists already") from exc

    def _one_account(self, column: str, value: str) -> Account | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE {column} = ?", (value,))
        return self._account(rows[0]) if rows else None

    def get_account(self, account_id: str) -> Account | None:
        return self._one_account("id", account_id)

    def list_accounts(self, province_code: str) -> list[Account]:
        with self._transaction() as tx:
            rows = tx.query(
                f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE province_code = ? ORDER BY username",
                (province_code,),
            )
        return [self._account(row) for row in rows]

    def get_account_by_username(self, username: str) -> Account | None:
        return self._one_account("username", username)

    def set_account_password(self, account_id: str, password_hash: str) -> None:
        with self._transaction() as tx:
            if not tx.run("UPDATE accounts SET password_hash = ? WHERE id = ?", (password_hash, account_id)):
                raise UnknownAccount(f"no account with id {account_id}")

    def disable_account(self, account_id: str, now: dt.datetime) -> None:
        with self._transaction() as tx:
            if not tx.query("SELECT 1 FROM accounts WHERE id = ?", (account_id,)):
                raise UnknownAccount(f"no account with id {account_id}")
            tx.run(
                "UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                (self._time_in(now), account_id),
            )

    def add_session(self, session: Session) -> None:
        with self._transaction() as tx:
            tx.run(
                f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    session.id,
                    session.account_id,
                    session.secret_hash,
                    self._time_in(session.created_at),
                    self._time_in(session.expires_at),
                    self._time_in(session.revoked_at),
                ),
            )

    def get_session(self, session_id: str) -> Session | None:
        with self._transaction() as tx:
            rows = tx.query(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        return self._session(rows[0]) if rows else None

    def revoke_session(self, session_id: str, now: dt.datetime) -> None:
        with self._transaction() as tx:
            tx.run(
                "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (self._time_in(now), session_id),
            )
