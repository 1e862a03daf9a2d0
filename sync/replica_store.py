"""The durable replica: change events kept in the encrypted store, with the rules of :class:`MemoryReplica`.

Tables (migration 4 of :mod:`sync.store`): ``change_events`` holds every applied event in its canonical
encoded form, keyed by ``(replica_id, counter)``; ``waiting_events`` the events whose causes have not arrived;
``replica_vector`` this replica's version vector; ``record_states`` a cache derived from the events (each
record's values, vector, conflicting fields and scope), recomputed for the records a write or a received batch
touches, in the same transaction as the events. Events are the truth: :meth:`ReplicaStore.rebuild` derives
the cache again from them.

Every change runs on the store's single writer (:meth:`Store.write`), one transaction each: a write that the
merge rules refuse, or a batch that fails half-way (e.g. the search hook raises), leaves nothing behind. The
``submit_*`` methods return the writer's future (for a user interface); the plain ones wait for it.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.change_events import (
    ChangeEvent,
    FrozenDict,
    canonical_json,
    decode_event,
    freeze,
    thaw,
)
from sync.conflicts import UNSET, Conflict
from sync.connection import Connection
from sync.device_keys import DeviceIdentity
from sync.errors import BadEventData, ReplicaIdReused
from sync.event_refusals import is_refusal, one_is_refusal_of_other
from sync.event_signatures import sign_event
from sync.event_texts import EncodedEvent, encoded_all
from sync.field_policies import RecordType
from sync.local_writes import LocalChange, LocalTarget, known_type, resolve_conflict, write_record
from sync.record_merge import RecordState, merge_record
from sync.replica_memory import ReceiveReport
from sync.search_index import index_record
from sync.store import Store, get_meta, set_meta
from sync.version_vectors import EventId, VersionVector

RecordKey = tuple[str, str]
SearchTexts = Callable[[str, RecordState], Sequence[str]]
OnChange = Callable[[Connection, RecordState], None]

CACHE_META_KEY = "replica_state_types"  # record type → fingerprint of the definition its cache rows follow
MAX_LIST_LIMIT = 10_000

_EVENT_COLUMNS = "context_total, replica_id, counter, body"


@dataclass(frozen=True)
class StoredRecord:
    """A record as the state cache holds it (for lists): its values, vector, conflicting fields and scope."""

    record_type: str
    record_id: str
    values: FrozenDict
    vector: VersionVector
    conflict_fields: tuple[str, ...]
    scope: str | None

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflict_fields)

    def get(self, field: str, default: Any = None) -> Any:
        return self.values.get(field, default)


def _sorted_bodies(rows: Iterable[tuple[int, str, int, str]]) -> list[str]:
    """Event texts from ``(context_total, replica_id, counter, body)`` rows, causes first (causal_key)."""
    return [row[3] for row in sorted(rows, key=lambda row: (row[0], row[1], row[2]))]


def _plain_json(value: dict[str, Any]) -> str:
    """``canonical_json`` of a value that is plain JSON already (no frozen parts to thaw again)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _check_name(what: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a {what} is a non-empty string")
    return value


def _scope_text(value: Any) -> str | None:
    """What the ``scope`` column holds for a scope field's value: strings as they are, else canonical JSON."""
    if value is None:
        return None
    return value if isinstance(value, str) else canonical_json(value)


def _type_fingerprint(kind: RecordType, scope_field: str | None) -> str:
    """What the cached states of a record type depend on, as far as it can be told (not a machine's rules)."""
    fields = [
        [
            spec.name,
            spec.kind.value,
            spec.owner,
            None if spec.machine is None else type(spec.machine).__qualname__,
        ]
        for spec in kind.fields
    ]
    return canonical_json({"fields": fields, "scope": scope_field})


def _first_missing(event: ChangeEvent, known: Mapping[str, int]) -> tuple[str, int] | None:
    """The first (replica id, counter) ``event`` needs and ``known`` lacks; None if it can be applied now."""
    origin, counter = event.id
    if known.get(origin, 0) < counter - 1:
        return origin, counter - 1
    for replica_id, needed in event.context.items():
        if known.get(replica_id, 0) < needed:
            return replica_id, needed
    return None


def deliverable(pending: Mapping[EventId, ChangeEvent], known: dict[str, int]) -> list[ChangeEvent]:
    """The events of ``pending`` that can be applied on top of ``known``, each after its causes.

    ``known`` (replica id → counter) is raised as they are applied. An event waits on the first counter it
    lacks and is looked at again only when that counter arrives, so a batch costs O(n log n), not O(n²).
    """
    ready: list[tuple[tuple[int, str, int], EventId]] = []
    blocked: dict[str, list[tuple[int, EventId]]] = {}

    def place(event: ChangeEvent) -> None:
        need = _first_missing(event, known)
        if need is None:
            heapq.heappush(ready, (event.causal_key(), event.id))
        else:
            heapq.heappush(blocked.setdefault(need[0], []), (need[1], event.id))

    for event in pending.values():
        place(event)
    applied: list[ChangeEvent] = []
    while ready:
        _, event_id = heapq.heappop(ready)
        event = pending[event_id]
        applied.append(event)
        known[event_id.replica_id] = event_id.counter
        waiters = blocked.get(event_id.replica_id)
        while waiters and waiters[0][0] <= event_id.counter:
            _, unblocked = heapq.heappop(waiters)
            place(pending[unblocked])
    return applied


class ReplicaStore:
    """This store's replica: the same operations and results as :class:`MemoryReplica`, kept on disk.

    The replica id is the store's (a restored or copied store gets a new one, whose counters start at 1).
    ``side`` is stamped on local writes; ``now`` (default: the store's clock) is the device time on events.
    ``scope_field`` names the field holding a record's scope (e.g. its commune code), the same for every type
    that has it, or per record type as a mapping; :meth:`open_conflicts` and :meth:`list_records` filter by
    its value. ``search_texts(record_type, state)`` gives a record's searchable texts, indexed with
    :mod:`sync.search_index` after each change, in the same transaction. ``on_change(conn, state)`` is called
    in that transaction too, after every change of a record's state (e.g. to keep a caller's own list table).
    """

    def __init__(
        self,
        store: Store,
        side: str,
        record_types: Iterable[RecordType],
        *,
        now: Callable[[], datetime] | None = None,
        scope_field: str | Mapping[str, str] | None = None,
        search_texts: SearchTexts | None = None,
        on_change: OnChange | None = None,
        identity: Callable[[Connection], DeviceIdentity | None] | None = None,
    ) -> None:
        """``identity(conn)`` gives the device keys that sign each event this replica makes (read on the
        writer's connection at each write, so keys saved later, e.g. at enrolment, sign from then on)."""
        self._store = store
        self._identity = identity
        self.side = _check_name("side", side)
        self._types = {kind.name: kind for kind in record_types}
        self._now = now or store.now
        self._search_texts = search_texts
        self._on_change = on_change
        self._scope: dict[str, str] = {}
        if isinstance(scope_field, str):
            self._scope = {name: scope_field for name, kind in self._types.items() if kind.field(scope_field)}
        elif scope_field is not None:
            for name, field in scope_field.items():
                if self._type(name).field(field) is None:
                    raise ValueError(f"record type {name!r} has no field {field!r} to be its scope")
                self._scope[name] = field
        self._refresh_cache_if_stale()

    @property
    def replica_id(self) -> str:
        return self._store.replica_id

    @property
    def store(self) -> Store:
        return self._store

    # -- what it knows ---------------------------------------------------------------------------------------

    def vector(self) -> VersionVector:
        """Every event up to these counters has been applied here."""
        with self._store.reader() as conn:
            return VersionVector(dict(conn.execute("SELECT replica_id, counter FROM replica_vector")))

    def events(self) -> tuple[ChangeEvent, ...]:
        """Every applied event, in causal order."""
        with self._store.reader() as conn:
            rows = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM change_events").fetchall()
        return tuple(decode_event(text) for text in _sorted_bodies(rows))

    def waiting(self) -> tuple[ChangeEvent, ...]:
        """Events held but not applied yet, because an event they depend on has not arrived."""
        with self._store.reader() as conn:
            rows = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM waiting_events").fetchall()
        return tuple(decode_event(text) for text in _sorted_bodies(rows))

    def waiting_beyond(self, vector: VersionVector) -> bool:
        """Whether a waiting event is one a replica knowing ``vector`` lacks (``missing_encoded`` passes
        waiting events on)."""
        with self._store.reader() as conn:
            rows = conn.execute("SELECT replica_id, counter FROM waiting_events").fetchall()
        return any(counter > vector[replica_id] for replica_id, counter in rows)

    def record_keys(self) -> list[RecordKey]:
        """(record type, record id) of every record with applied events, sorted."""
        with self._store.reader() as conn:
            rows = conn.execute("SELECT DISTINCT record_type, record_id FROM change_events").fetchall()
        return sorted((str(kind), str(key)) for kind, key in rows)

    def record(self, record_type: str, record_id: str) -> RecordState:
        """The current state of one record (an empty state if it has no events yet)."""
        kind = self._type(record_type)
        _check_name("record id", record_id)
        with self._store.reader() as conn:
            return merge_record(kind, record_id, self._record_events(conn, record_type, record_id))

    def history(self, record_type: str, record_id: str) -> tuple[ChangeEvent, ...]:
        """The applied events of one record (any record type, known or not), in causal order."""
        _check_name("record type", record_type)
        _check_name("record id", record_id)
        with self._store.reader() as conn:
            rows = conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM change_events WHERE record_type = ? AND record_id = ?",
                (record_type, record_id),
            ).fetchall()
        return tuple(decode_event(text) for text in _sorted_bodies(rows))

    def open_conflicts(
        self, record_type: str | None = None, *, record_id: str | None = None, where: str | None = None
    ) -> tuple[Conflict, ...]:
        """Open conflicts by record then field: all, or of one type, one record, or one scope value.

        ``where`` is a scope value (see ``scope_field``): only records whose scope field holds it.
        """
        sql = "SELECT record_type, record_id FROM record_states WHERE has_conflicts = 1"
        params: list[str] = []
        if record_type is not None:
            self._type(record_type)
            sql += " AND record_type = ?"
            params.append(record_type)
        if record_id is not None:
            sql += " AND record_id = ?"
            params.append(_check_name("record id", record_id))
        if where is not None:
            self._check_scope_query(record_type, where)
            sql += " AND scope = ?"
            params.append(where)
        with self._store.reader() as conn:
            keys = sorted((kind, key) for kind, key in conn.execute(sql, params) if kind in self._types)
            found: list[Conflict] = []
            for kind, key in keys:
                state = merge_record(self._types[kind], key, self._record_events(conn, kind, key))
                found.extend(state.conflicts)
        return tuple(found)

    def list_records(
        self, record_type: str, *, limit: int = 100, offset: int = 0, where: str | None = None
    ) -> list[StoredRecord]:
        """Records of one type from the state cache, by record id; ``where`` filters by scope value."""
        self._type(record_type)
        for what, number, low in (("limit", limit, 1), ("offset", offset, 0)):
            if isinstance(number, bool) or not isinstance(number, int) or number < low:
                raise ValueError(f"a list {what} is an integer of at least {low}")
        if limit > MAX_LIST_LIMIT:
            raise ValueError(f"a list limit is at most {MAX_LIST_LIMIT}")
        sql = "SELECT record_id, scope, state FROM record_states WHERE record_type = ?"
        params: list[Any] = [record_type]
        if where is not None:
            self._check_scope_query(record_type, where)
            sql += " AND scope = ?"
            params.append(where)
        sql += " ORDER BY record_id LIMIT ? OFFSET ?"
        params += [limit, offset]
        with self._store.reader() as conn:
            rows = conn.execute(sql, params).fetchall()
        records = []
        for key, scope, text in rows:
            data = json.loads(text)
            records.append(
                StoredRecord(
                    record_type,
                    key,
                    freeze(data["values"]),
                    VersionVector.from_dict(data["vector"]),
                    tuple(data["conflicts"]),
                    scope,
                )
            )
        return records

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        """The canonical texts of the events (applied or waiting) a replica knowing ``vector`` lacks, causes
        first; read per replica id with the primary key (``counter > vector[replica_id]``)."""
        if not isinstance(vector, VersionVector):
            raise TypeError("missing_encoded takes a VersionVector")
        with self._store.reader() as conn:
            rows: list[tuple[int, str, int, str]] = []
            for replica_id, counter in conn.execute(
                "SELECT replica_id, counter FROM replica_vector"
            ).fetchall():
                if counter > vector[replica_id]:
                    rows += conn.execute(
                        f"SELECT {_EVENT_COLUMNS} FROM change_events WHERE replica_id = ? AND counter > ?",
                        (replica_id, vector[replica_id]),
                    ).fetchall()
            for row in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM waiting_events"):
                if row[2] > vector[row[1]]:
                    rows.append(row)
        return _sorted_bodies(rows)

    def missing_for(self, vector: VersionVector) -> list[ChangeEvent]:
        """The events (applied or waiting) a replica that knows ``vector`` lacks, causes first."""
        return [decode_event(text) for text in self.missing_encoded(vector)]

    # -- writing ---------------------------------------------------------------------------------------------

    def submit_write(
        self, record_type: str, record_id: str, fields: Mapping[str, Any], author: str
    ) -> Future[ChangeEvent]:
        """Queue a local change; the future gives the event, or the :class:`WriteRejected` that refused it."""
        if not isinstance(fields, Mapping):
            raise BadEventData("an event's fields are a mapping of field name to value")
        try:  # copy now: later changes to ``fields`` by the caller do not count
            frozen: Mapping[str, Any] = freeze(fields)
        except BadEventData:  # raised again where MemoryReplica raises it: after the field checks
            frozen = fields

        def operation(conn: Connection) -> ChangeEvent:
            kind = self._type(record_type)
            return write_record(self._target(conn), kind, record_id, frozen, author)

        return self._store.write(operation)

    def write(self, record_type: str, record_id: str, fields: Mapping[str, Any], author: str) -> ChangeEvent:
        """Make and apply a local change event; raise a :class:`WriteRejected` if it is not allowed."""
        return self.submit_write(record_type, record_id, fields, author).result()

    def write_in(
        self, conn: Connection, record_type: str, record_id: str, fields: Mapping[str, Any], author: str
    ) -> ChangeEvent:
        """Make and apply a local change event inside an operation already running on the store's writer
        (``conn`` is its connection): the event commits or rolls back with the operation's other writes."""
        if not isinstance(fields, Mapping):
            raise BadEventData("an event's fields are a mapping of field name to value")
        return write_record(self._target(conn), self._type(record_type), record_id, fields, author)

    def submit_resolve(
        self, conflict: Conflict, author: str, *, choose: EventId | None = None, value: Any = UNSET
    ) -> Future[ChangeEvent]:
        """Queue a resolution of ``conflict`` (see :meth:`resolve`)."""
        if not isinstance(conflict, Conflict):
            raise TypeError("resolve takes a Conflict")
        if value is not UNSET:
            value = freeze(value)

        def operation(conn: Connection) -> ChangeEvent:
            kind = self._type(conflict.record_type)
            return resolve_conflict(self._target(conn), kind, conflict, author, choose=choose, value=value)

        return self._store.write(operation)

    def resolve(
        self, conflict: Conflict, author: str, *, choose: EventId | None = None, value: Any = UNSET
    ) -> ChangeEvent:
        """Resolve an open conflict by choosing a competing write (``choose``) or writing a new ``value``."""
        return self.submit_resolve(conflict, author, choose=choose, value=value).result()

    # -- receiving -------------------------------------------------------------------------------------------

    def submit_receive(self, events: Iterable[ChangeEvent]) -> Future[ReceiveReport]:
        """Queue a batch of events from another replica; the whole batch is one transaction."""
        return self.submit_receive_encoded(encoded_all(events))

    def receive(self, events: Iterable[ChangeEvent]) -> ReceiveReport:
        """Take events from another replica (any order, duplicates allowed); idempotent.

        The batch is checked before anything changes: an event whose id is already held with other content,
        or one made under this replica's own id that it never made, raises and nothing is taken.
        """
        return self.submit_receive(events).result()

    def submit_receive_encoded(self, events: Iterable[EncodedEvent]) -> Future[ReceiveReport]:
        """:meth:`submit_receive` for events with their canonical texts (stored as they are)."""
        batch: dict[EventId, EncodedEvent] = {}
        duplicates = 0
        for item in events:
            known = batch.get(item.event.id)
            if known is not None:
                if known.text != item.text:
                    raise BadEventData(f"two different events carry the id {item.event.id}")
                duplicates += 1
                continue
            batch[item.event.id] = item

        def operation(conn: Connection) -> ReceiveReport:
            return self._receive(conn, batch, duplicates)

        return self._store.write(operation)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        """:meth:`receive` for events with their canonical texts (stored as they are)."""
        return self.submit_receive_encoded(events).result()

    def _receive(
        self, conn: Connection, batch: Mapping[EventId, EncodedEvent], duplicates: int
    ) -> ReceiveReport:
        own = self.replica_id
        new: dict[EventId, EncodedEvent] = {}
        held_texts = self._held_texts(conn, batch)
        for event_id, row in batch.items():
            held = held_texts.get(event_id)
            if held is not None:
                if held != row.text and not one_is_refusal_of_other(decode_event(held), row.event):
                    raise BadEventData(f"two different events carry the id {event_id}")
                # a refusal of an event held here (or the other way round): the held text stays
                duplicates += 1
                continue
            if event_id.replica_id == own:
                raise ReplicaIdReused("received an event under this replica's own id that it never made")
            new[event_id] = row
        if not new:
            (waiting,) = conn.execute("SELECT count(*) FROM waiting_events").fetchone()
            return ReceiveReport(new=0, duplicates=duplicates, waiting=int(waiting))
        held_back = {
            EventId(replica_id, counter): EncodedEvent(decode_event(body), body)
            for replica_id, counter, body in conn.execute(
                "SELECT replica_id, counter, body FROM waiting_events"
            )
        }
        pending = {**held_back, **new}
        known = dict(conn.execute("SELECT replica_id, counter FROM replica_vector").fetchall())
        applied = deliverable({event_id: row.event for event_id, row in pending.items()}, known)
        applied_ids = {event.id for event in applied}
        self._insert(conn, "change_events", [pending[event.id] for event in applied])
        conn.executemany(
            "DELETE FROM waiting_events WHERE replica_id = ? AND counter = ?",
            [event_id for event_id in held_back if event_id in applied_ids],
        )
        self._insert(
            conn, "waiting_events", [row for event_id, row in new.items() if event_id not in applied_ids]
        )
        self._save_vector(conn, {event.id.replica_id: known[event.id.replica_id] for event in applied})
        fresh = {event.id: event for event in applied}
        for key in sorted({event.record_key for event in applied}):
            kind = self._types.get(key[0])
            if kind is not None:
                self._save_state(conn, merge_record(kind, key[1], self._record_events(conn, *key, fresh)))
        return ReceiveReport(new=len(new), duplicates=duplicates, waiting=len(pending) - len(applied))

    # -- the state cache -------------------------------------------------------------------------------------

    def rebuild(self, record_types: Iterable[str] | None = None) -> int:
        """Derive the state cache (and search index) of the given record types (default: all) from the events
        again, in one transaction; return the number of records."""
        names = (
            list(self._types) if record_types is None else [self._type(name).name for name in record_types]
        )
        return self._store.write(lambda conn: self._rebuild(conn, names)).result()

    def _rebuild(self, conn: Connection, names: Iterable[str]) -> int:
        count = 0
        for name in names:
            kind = self._types[name]
            conn.execute("DELETE FROM record_states WHERE record_type = ?", (name,))
            rows = conn.execute(
                "SELECT record_id, body FROM change_events WHERE record_type = ? ORDER BY record_id", (name,)
            )
            current: str | None = None
            events: list[ChangeEvent] = []
            while batch := rows.fetchmany(1000):
                for record_id, body in batch:
                    if record_id != current:
                        if current is not None:
                            self._save_state(conn, merge_record(kind, current, events), reindex=True)
                            count += 1
                        current, events = record_id, []
                    events.append(decode_event(body))
            if current is not None:
                self._save_state(conn, merge_record(kind, current, events), reindex=True)
                count += 1
        return count

    def _refresh_cache_if_stale(self) -> None:
        """Rebuild the cache of record types whose definition (or scope field) changed since it was made,
        and drop the cache of types this program does not know (rebuilt if they come back)."""
        wanted = {name: _type_fingerprint(kind, self._scope.get(name)) for name, kind in self._types.items()}
        with self._store.reader() as conn:
            stored = get_meta(conn, CACHE_META_KEY)
        if stored is not None and json.loads(stored) == wanted:
            return

        def operation(conn: Connection) -> None:
            text = get_meta(conn, CACHE_META_KEY)
            before: dict[str, str] = {} if text is None else json.loads(text)
            for name in before.keys() - wanted.keys():
                conn.execute("DELETE FROM record_states WHERE record_type = ?", (name,))
            self._rebuild(conn, [name for name in wanted if before.get(name) != wanted[name]])
            set_meta(conn, CACHE_META_KEY, canonical_json(wanted))

        self._store.write(operation).result()

    # -- storage helpers (on the writer's or a reader's connection) ------------------------------------------

    def _type(self, name: str) -> RecordType:
        return known_type(self._types, name)

    def _target(self, conn: Connection) -> LocalTarget:
        """This replica as the local write sequence's target, on the writer's connection ``conn``."""
        return LocalTarget(
            self.side,
            self._now,
            lambda record_type, record_id: self._record_events(conn, record_type, record_id),
            lambda: self._next_id(conn),
            lambda change: self._apply_local(conn, change),
            None if self._identity is None else lambda event: self._sign(conn, event),
        )

    def _sign(self, conn: Connection, event: ChangeEvent) -> ChangeEvent:
        identity = None if self._identity is None else self._identity(conn)
        return event if identity is None else sign_event(event, identity)

    def _check_scope_query(self, record_type: str | None, where: object) -> None:
        if not isinstance(where, str):
            raise TypeError("a scope value is a string")
        if record_type is not None and record_type not in self._scope:
            raise ValueError(f"record type {record_type!r} has no scope field")

    @staticmethod
    def _record_events(
        conn: Connection, record_type: str, record_id: str, fresh: Mapping[EventId, ChangeEvent] | None = None
    ) -> list[ChangeEvent]:
        rows = conn.execute(
            "SELECT replica_id, counter, body FROM change_events WHERE record_type = ? AND record_id = ?",
            (record_type, record_id),
        ).fetchall()
        fresh = fresh or {}
        return [fresh.get(EventId(replica, counter)) or decode_event(body) for replica, counter, body in rows]

    @staticmethod
    def _held_texts(conn: Connection, ids: Iterable[EventId]) -> dict[EventId, str]:
        """The stored texts of those of ``ids`` held here (applied or waiting).

        A batch holds runs of counters per replica, so each replica's run is read as one key range (or key
        by key, where its counters are too sparse for a range).
        """
        runs: dict[str, list[int]] = {}
        for replica_id, counter in ids:
            runs.setdefault(replica_id, []).append(counter)
        found: dict[EventId, str] = {}
        for table in ("change_events", "waiting_events"):
            for replica_id, counters in runs.items():
                low, high = min(counters), max(counters)
                if high - low < 4 * len(counters):
                    rows = conn.execute(
                        f"SELECT counter, body FROM {table} WHERE replica_id = ? AND counter BETWEEN ? AND ?",
                        (replica_id, low, high),
                    ).fetchall()
                else:
                    rows = [
                        (counter, row[0])
                        for counter in counters
                        if (
                            row := conn.execute(
                                f"SELECT body FROM {table} WHERE replica_id = ? AND counter = ?",
                                (replica_id, counter),
                            ).fetchone()
                        )
                        is not None
                    ]
                found.update((EventId(replica_id, counter), str(body)) for counter, body in rows)
        return found

    def _next_id(self, conn: Connection) -> EventId:
        row = conn.execute(
            "SELECT counter FROM replica_vector WHERE replica_id = ?", (self.replica_id,)
        ).fetchone()
        return EventId(self.replica_id, (0 if row is None else int(row[0])) + 1)

    @staticmethod
    def _insert(conn: Connection, table: str, rows: Iterable[EncodedEvent]) -> None:
        conn.executemany(
            f"INSERT INTO {table} (replica_id, counter, record_type, record_id, context_total, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    *row.event.id,
                    row.event.record_type,
                    row.event.record_id,
                    row.event.context.total(),
                    row.text,
                )
                for row in rows
            ],
        )

    @staticmethod
    def _save_vector(conn: Connection, counters: Mapping[str, int]) -> None:
        conn.executemany(
            "INSERT INTO replica_vector (replica_id, counter) VALUES (?, ?)"
            " ON CONFLICT (replica_id) DO UPDATE SET counter = excluded.counter",
            sorted(counters.items()),
        )

    def _apply_local(self, conn: Connection, change: LocalChange) -> None:
        """Store a checked local event with its record's new state."""
        self._insert(conn, "change_events", [change.encoded])
        self._save_vector(conn, {change.event.id.replica_id: change.event.id.counter})
        self._save_state(conn, change.after)

    def _save_state(self, conn: Connection, state: RecordState, *, reindex: bool = False) -> None:
        """Write one record's cache row and, with a search hook, its search index entry.

        The cache row keeps a digest of the record's search texts: the index is only rewritten when they
        changed (most events, e.g. a note or a document, leave them as they were), or always with ``reindex``.
        """
        if all(is_refusal(event) for event in state.history):  # its only events were refused: not a record
            return
        conflict_fields = [conflict.field for conflict in state.conflicts]
        body: dict[str, Any] = {
            "values": thaw(state.values),
            "vector": state.vector.to_dict(),
            "conflicts": conflict_fields,
        }
        texts: list[str] | None = None
        if self._search_texts is not None:
            texts = list(self._search_texts(state.record_type, state))
            body["search"] = hashlib.sha256(canonical_json(texts).encode()).hexdigest()[:32]
            if not reindex:
                row = conn.execute(
                    "SELECT json_extract(state, '$.search') FROM record_states"
                    " WHERE record_type = ? AND record_id = ?",
                    (state.record_type, state.record_id),
                ).fetchone()
                reindex = row is None or row[0] != body["search"]
        scope_field = self._scope.get(state.record_type)
        scope = None if scope_field is None else _scope_text(state.values.get(scope_field))
        conn.execute(
            "INSERT INTO record_states (record_type, record_id, scope, has_conflicts, state)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_type, record_id) DO UPDATE SET"
            " scope = excluded.scope, has_conflicts = excluded.has_conflicts, state = excluded.state",
            (state.record_type, state.record_id, scope, int(bool(conflict_fields)), _plain_json(body)),
        )
        if texts is not None and reindex:
            index_record(conn, state.record_type, state.record_id, texts)
        if self._on_change is not None:
            self._on_change(conn, state)
