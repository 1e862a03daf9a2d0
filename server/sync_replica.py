"""The server's replica, one commune at a time: ``ServerReplica`` implements the sync session's ``Replica``.

Every event is stored in ``sync_events`` with its record's *scope* (the commune code held in the record's
scope field). A device's session sees a ``ServerReplica`` of its own commune only: its vector, the events it
sends and the events it takes are those of that commune. The server's own writes (officers' actions) are
made under a replica id of its own *per commune* (``<server id>.<commune>``): a desk applies events in
causal order, one origin's counters without gaps, so one server-wide counter would leave every desk
waiting for the other communes' events it may never see.

An incoming batch is checked whole before anything is stored. What a desk may not do at all refuses the
batch (``EventsRefused``, a 403 with its reason): a record of another commune, an origin replica that is not
a workstation of this commune or whose signature fails, a new event under the server's own id, a refusal the
province never made. An event whose *content* the domain refuses (a ``side`` other than the desk's, a
province-owned field, a value or status change the rules do not allow) is refused alone: the province stores
its refusal in its place (:mod:`sync.event_refusals`) and the rest of the batch goes on; the acknowledgement
lists it in words. Each ``receive`` is one database transaction, holding the commune's lock (on PostgreSQL an
advisory lock, which holds across the processes of a multi-worker server); its database work is per batch, not
per event: one query for the records' scopes, each new event inserted once, already marked applied when its
causes are.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dossiers.practice_marks import PRACTICE_REFUSAL, is_practice_replica
from server import dossier_index
from server.errors import BadInput, Forbidden
from server.event_origins import EventOrigins
from server.record_checks import RECORD_CHECKS, FieldsCheck, ValueRefused, check_record_fields
from server.storage.interface import ServerStorage, Tx
from server.storage.lost_connections import again_if_lost
from server.waiting_events import REVOKED_ORIGIN, WaitingEvents, WaitingLimits
from sync.change_events import ChangeEvent, canonical_json, decode_event, encode_event
from sync.conflicts import UNSET, Conflict
from sync.device_keys import DeviceIdentity
from sync.errors import WriteRejected
from sync.event_refusals import RefusedEvent, is_refusal, one_is_refusal_of_other, refusal_of
from sync.event_texts import EncodedEvent, context_total, encoded_all
from sync.field_policies import RecordType
from sync.local_writes import LocalChange, LocalTarget, known_type, resolve_conflict, write_record_from
from sync.record_merge import RecordState, merge_record
from sync.replica_memory import ReceiveReport
from sync.version_vectors import EventId, VersionVector

log = logging.getLogger(__name__)
DESK_SIDE = "desk"
CLONED_REPLICA = (
    "this workstation's identity is used by two PCs (a copied disk or store?): a change it sends differs from"
    " the one the province already holds under the same number; nothing of this batch was kept. IT: keep one"
    " PC, and give the other a new store and a new enrolment"
)
PROVINCE_SIDE = "province"
_IDENTITY = "server_replica"
_EVENT_COLUMNS = (
    "replica_id", "counter", "record_type", "record_id", "scope", "side", "applied", "body", "received_at"
)  # fmt: skip


class EventsRefused(Forbidden):
    """A pushed batch holds an event this device may not send; nothing of the batch is stored."""

    code = "events_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class BadEvents(BadInput):
    """A pushed batch is not acceptable as data (unknown record type or field, reused ids)."""

    code = "bad_events"


def server_replica_base(storage: ServerStorage) -> str:
    """This server's replica id prefix, made once at random and kept in the database (the first of several
    server processes starting at once makes it; the others read it)."""
    with storage.transaction() as tx:
        rows = tx.query("SELECT value FROM sync_identity WHERE name = ?", (_IDENTITY,))
        if rows:
            return str(rows[0][0])
        value = "srv-" + secrets.token_hex(8)
        tx.run(
            "INSERT INTO sync_identity (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            (_IDENTITY, value),
        )
    with storage.transaction() as tx:
        return str(tx.query("SELECT value FROM sync_identity WHERE name = ?", (_IDENTITY,))[0][0])


def commune_replica_id(base: str, commune: str) -> str:
    """The replica id under which the server writes the records of ``commune``."""
    return f"{base}.{commune}"


@dataclass(frozen=True)
class _Incoming:
    event: ChangeEvent
    body: str
    scope: str


class ServerReplica:
    """The server's replica restricted to one commune (``scope``).

    ``device_replicas`` gives the replica ids of the workstations enrolled in the commune (revoked ones too:
    their past events may still be relayed by a peer); events from any other origin are refused.
    """

    def __init__(
        self,
        storage: ServerStorage,
        scope: str,
        record_types: Iterable[RecordType],
        *,
        scope_field: str,
        now: Callable[[], dt.datetime],
        base_id: str | None = None,
        side: str = PROVINCE_SIDE,
        pusher: str | None = None,
        waiting_limits: WaitingLimits | None = None,
        value_checks: Mapping[str, FieldsCheck] = RECORD_CHECKS,
        refusal_signer: DeviceIdentity | None = None,
    ) -> None:
        self.storage = storage
        self.refusal_signer = refusal_signer
        """The province's keys for this commune (its USB bundle keys), which sign its refusals; ``None``: the
        refusals go unsigned (desks take them from the province, but a LAN peer cannot prove them)."""
        self.value_checks = value_checks
        self.waiting_limits = waiting_limits or WaitingLimits()
        self.pusher = pusher
        """The replica id of the workstation whose credential pushes to this replica (``None``: in-process);
        see :mod:`server.event_origins`."""
        self.scope = scope
        self.scope_field = scope_field
        self.side = side
        self._types = {kind.name: kind for kind in record_types}
        self._now = now
        self._replica_id = commune_replica_id(base_id or server_replica_base(storage), scope)
        self._fields_allowed: set[tuple[str, tuple[str, ...]]] = set()
        """(record type, field names) that a workstation's event may set, as checked already."""

    @property
    def replica_id(self) -> str:
        return self._replica_id

    # -- reading -------------------------------------------------------------------------------------------

    def vector(self) -> VersionVector:
        """Every event of this commune up to these counters is applied here."""

        def read() -> VersionVector:
            with self.storage.transaction() as tx:
                return VersionVector(self._counters(tx))

        return again_if_lost(read)

    def _counters(self, tx: Tx) -> dict[str, int]:
        rows = tx.query("SELECT replica_id, counter FROM sync_counters WHERE scope = ?", (self.scope,))
        return {str(r[0]): int(r[1]) for r in rows}

    def waiting_beyond(self, vector: VersionVector) -> bool:
        """Always false: the server never passes on an event waiting for its causes (``missing_encoded``
        sends applied events only), so its vector says all it would send."""
        return False

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        """The applied events of this commune that ``vector`` lacks, causes first (events waiting for a cause
        are never sent: :mod:`server.waiting_events`)."""
        with self.storage.transaction() as tx:
            counters = self._counters(tx)
            rows: list[tuple[int, str, int, str]] = []
            for origin in sorted(counters):
                if counters[origin] <= vector[origin]:
                    continue
                rows += [
                    (context_total(str(r[1])), origin, int(r[0]), str(r[1]))
                    for r in tx.query(
                        "SELECT counter, body FROM sync_events WHERE replica_id = ?"
                        " AND counter > ? AND counter <= ? AND scope = ? AND applied = 1",
                        (origin, vector[origin], counters[origin], self.scope),
                    )
                ]
        rows.sort(key=lambda row: row[:3])  # ChangeEvent.causal_key, read without decoding the events
        return [row[3] for row in rows]

    def missing_for(self, vector: VersionVector) -> list[ChangeEvent]:
        return [decode_event(body) for body in self.missing_encoded(vector)]

    def history(self, record_type: str, record_id: str) -> list[ChangeEvent]:
        """The applied events of one record of this commune (empty for a record of another commune)."""
        with self.storage.transaction() as tx:
            return self._history(tx, record_type, record_id)

    def _history(self, tx: Tx, record_type: str, record_id: str) -> list[ChangeEvent]:
        rows = tx.query(
            "SELECT body FROM sync_events"
            " WHERE record_type = ? AND record_id = ? AND applied = 1 AND scope = ?",
            (record_type, record_id, self.scope),
        )
        events = (decode_event(r[0]) for r in rows)  # the province's refusals set nothing: left out
        return sorted((e for e in events if not is_refusal(e)), key=ChangeEvent.causal_key)

    def record(self, record_type: str, record_id: str) -> RecordState:
        """The merged state of one record of this commune."""
        return merge_record(self._type(record_type), record_id, self.history(record_type, record_id))

    def record_ids(self, record_type: str) -> list[str]:
        with self.storage.transaction() as tx:
            rows = tx.query(
                "SELECT record_id FROM sync_records WHERE scope = ? AND record_type = ? ORDER BY record_id",
                (self.scope, record_type),
            )
        return [str(r[0]) for r in rows]

    def records(self, record_type: str) -> list[RecordState]:
        """The merged state of every record of one type of this commune, by record id (one query)."""
        kind = self._type(record_type)
        with self.storage.transaction() as tx:
            rows = tx.query(
                "SELECT record_id, body FROM sync_events WHERE scope = ? AND record_type = ? AND applied = 1",
                (self.scope, record_type),
            )
        grouped: dict[str, list[ChangeEvent]] = {}
        for record_id, body in rows:
            event = decode_event(str(body))
            if not is_refusal(event):  # a record whose only events were refused is not one
                grouped.setdefault(str(record_id), []).append(event)
        return [merge_record(kind, rid, grouped[rid]) for rid in sorted(grouped)]

    def open_conflicts(self, record_type: str) -> list[Conflict]:
        """Every open conflict of this commune's records of one type (merges every record: for admin use)."""
        return [c for state in self.records(record_type) for c in state.conflicts]

    # -- receiving from a workstation ------------------------------------------------------------------------

    def receive(self, events: Iterable[ChangeEvent]) -> ReceiveReport:
        """Take a batch pushed by a workstation of this commune: checked whole, stored in one transaction
        (events whose content is refused are stored as their refusals: the report lists them)."""
        return self.receive_encoded(encoded_all(events))

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        """:meth:`receive` for events with their canonical texts (stored as they arrived)."""
        batch = list(events)

        def store() -> ReceiveReport:
            with self.storage.scope_transaction(f"commune:{self.scope}") as tx:
                return self._receive(tx, batch)

        return again_if_lost(store)  # a batch committed before the connection broke comes back as duplicates

    def _receive(self, tx: Tx, batch: Sequence[EncodedEvent]) -> ReceiveReport:
        held = self._held_bodies(tx, [item.event.id for item in batch])
        devices = EventOrigins.load(self.storage, tx, self.scope, self.pusher)
        scopes = self._stored_scopes(tx, {item.event.record_key for item in batch})
        fresh: dict[EventId, _Incoming] = {}
        refused: list[RefusedEvent] = []
        set_aside: dict[EventId, _Incoming] = {}
        """Events of a revoked workstation above what the server held of it then: quarantined, not taken."""
        duplicates = 0
        for event, body in ((item.event, item.text) for item in batch):
            origin = event.id.replica_id
            if is_practice_replica(origin):
                raise EventsRefused(f"events refused: {PRACTICE_REFUSAL}", reason="practice_replica")
            if origin not in devices and origin != self._replica_id:  # before the lookup: no answer tells
                raise EventsRefused(  # whether another commune's event id exists
                    "an event from a replica that is not a workstation of this commune",
                    reason="unknown_origin",
                )
            again = fresh.get(event.id) or set_aside.get(event.id)
            known = held.get(event.id) or (again.body if again is not None else None)
            if known is not None:
                if known != body and not one_is_refusal_of_other(decode_event(known), event):
                    if origin == self.pusher and event.id in held:
                        log.error("replica id collision: two PCs push as workstation %s", origin)
                        raise EventsRefused(CLONED_REPLICA, reason="replica_id_collision")
                    raise BadEvents(f"two different events carry the id {event.id}")
                duplicates += 1  # an event refused here, relayed again by a peer, stays refused
                continue
            if origin == self._replica_id:
                raise EventsRefused(
                    "an event under the server's own replica id that the server never made",
                    reason="forged_server_event",
                )
            if is_refusal(event):
                raise EventsRefused(
                    "a refusal of an event that the province never refused", reason="forged_refusal"
                )
            kind = self._types.get(event.record_type)
            if kind is None:
                raise BadEvents(f"unknown record type {event.record_type[:40]!r}")
            devices.check(event)
            if devices.revoked_late(event):
                set_aside[event.id] = _Incoming(event, body, self.scope)
                continue
            scope = self._scope_of(tx, event, scopes)
            try:
                self._check_event(kind, event)
                check_record_fields(self.value_checks, event.record_type, event.id, event.fields, event.side)
            except (EventsRefused, ValueRefused) as exc:  # this event alone: its refusal takes its place
                refused.append(RefusedEvent(f"{origin}:{event.id.counter}", exc.reason, exc.message))
                event = refusal_of(event, exc.reason, self.refusal_signer)
                body = encode_event(event)
            fresh[event.id] = _Incoming(event, body, scope)
        if set_aside:
            WaitingEvents(self.storage, tx, self.scope, self.waiting_limits).quarantine(
                {i: (item.event, item.body) for i, item in set_aside.items()}, REVOKED_ORIGIN, self._now()
            )
        waiting = self._store_and_deliver(tx, list(fresh.values()), scopes)
        for item in refused:
            log.warning("event %s of this commune's push refused alone: %s", item.event, item.reason)
        return ReceiveReport(new=len(fresh), duplicates=duplicates, waiting=waiting, refused=tuple(refused))

    def _check_event(self, kind: RecordType, event: ChangeEvent) -> None:
        """Refuse an event setting what the desk side may not set (unknown fields are malformed: 422)."""
        if event.side != DESK_SIDE:
            raise EventsRefused(
                f"a workstation may only send events of the side {DESK_SIDE!r}", reason="wrong_side"
            )
        names = (event.record_type, tuple(event.fields))
        if names in self._fields_allowed:  # a batch's events mostly set the same fields
            return
        for name in event.fields:
            spec = kind.field(name)
            if spec is None:
                raise BadEvents(f"record type {event.record_type!r} has no field {name[:40]!r}")
            if not spec.writable_by(DESK_SIDE):
                raise EventsRefused(
                    f"field {name!r} is written by the {spec.owner} side only", reason="owned_field"
                )
        self._fields_allowed.add(names)

    def _stored_scopes(self, tx: Tx, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The stored scope of each of these records that the server has seen (a query per record type)."""
        by_type: dict[str, list[str]] = {}
        for record_type, record_id in keys:
            by_type.setdefault(record_type, []).append(record_id)
        found: dict[tuple[str, str], str] = {}
        for record_type, ids in by_type.items():
            among, values = self.storage.among("record_id", ids)
            rows = tx.query(
                f"SELECT record_id, scope FROM sync_records WHERE record_type = ? AND {among}",
                (record_type, values),
            )
            found.update(((record_type, str(r[0])), str(r[1])) for r in rows)
        return found

    def _scope_of(self, tx: Tx, event: ChangeEvent, scopes: dict[tuple[str, str], str]) -> str:
        """The scope of ``event``'s record: the stored one (``scopes`` holds those of the batch's records), or
        the one its first event states."""
        key = event.record_key
        stated = event.fields.get(self.scope_field)
        established = scopes.get(key)
        if established is None:
            if stated is None:
                raise EventsRefused(
                    f"the first event of a record must set its {self.scope_field!r}", reason="no_scope"
                )
            established = stated if isinstance(stated, str) else canonical_json(stated)
        elif stated is not None and stated != established:
            raise EventsRefused(f"a record's {self.scope_field!r} cannot change", reason="scope_changed")
        if established != self.scope:
            raise EventsRefused(
                "a record of another commune: outside this workstation's scope", reason="scope"
            )
        scopes[key] = established
        return established

    def _held_bodies(self, tx: Tx, ids: Sequence[EventId]) -> dict[EventId, str]:
        found: dict[EventId, str] = {}
        by_origin: dict[str, list[int]] = {}
        for event_id in ids:
            by_origin.setdefault(event_id.replica_id, []).append(event_id.counter)
        for origin, counters in by_origin.items():
            low, high = min(counters), max(counters)
            wanted = set(counters)
            for counter, body in tx.query(
                "SELECT counter, body FROM sync_events WHERE replica_id = ? AND counter BETWEEN ? AND ?",
                (origin, low, high),
            ):
                if int(counter) in wanted:
                    found[EventId(origin, int(counter))] = str(body)
        return found

    def _store_and_deliver(
        self, tx: Tx, incoming: Sequence[_Incoming], scopes: Mapping[tuple[str, str], str]
    ) -> int:
        """Store the new events, applied at once if their causes are; apply the waiting ones they unblock.

        Which events can be applied is decided before they are written (:mod:`server.waiting_events`): each
        new event is inserted once with its final ``applied`` flag, or quarantined; only the waiting events
        whose missing cause has just arrived are read again. Returns how many events of this commune wait
        (one aggregate row; bounded by ``limits.waiting_events_per_commune``).
        """
        waiting = WaitingEvents(self.storage, tx, self.scope, self.waiting_limits)
        now = self._now()
        waiting.sweep_old(now)
        if not incoming:
            return waiting.count()
        events = {item.event.id: item.event for item in incoming}
        bodies = {item.event.id: item.body for item in incoming}
        known = self._counters(tx)
        before = dict(known)
        done = waiting.deliver(events, {i: len(b.encode()) for i, b in bodies.items()}, known)
        at = self.storage.time_in(now)
        kept = [item for item in incoming if item.event.id in done.applied or item.event.id in done.waiting]
        if kept:
            tx.insert_rows(
                "sync_events",
                _EVENT_COLUMNS,
                [
                    (
                        item.event.id.replica_id,
                        item.event.id.counter,
                        item.event.record_type,
                        item.event.record_id,
                        item.scope,
                        item.event.side,
                        int(item.event.id in done.applied),
                        item.body,
                        at,
                    )
                    for item in kept
                ],
            )
            keys = sorted({item.event.record_key for item in kept})
            tx.insert_rows(
                "sync_records",
                ("record_type", "record_id", "scope"),
                [(key[0], key[1], scopes[key]) for key in keys],
                skip_existing=True,
            )
        waiting.store(done, events, bodies, now)
        if done.unblocked:
            tx.run_many(
                "UPDATE sync_events SET applied = 1 WHERE replica_id = ? AND counter = ?",
                [(event_id.replica_id, event_id.counter) for event_id in done.unblocked],
            )
        if done.applied:
            self._save_counters(tx, before, known)
            self._refresh_index(
                tx, [events[i] if i in events else done.unblocked_events[i] for i in done.applied]
            )
        return waiting.count()

    def _refresh_index(self, tx: Tx, events: Iterable[ChangeEvent]) -> None:
        """Rewrite the province's queryable state of the dossiers these applied events touch."""
        kind = dossier_index.RECORD_TYPE_NAME
        ids = sorted({event.record_id for event in events if event.record_type == kind})
        if not ids or kind not in self._types:
            return
        among, values = self.storage.among("record_id", ids)
        histories: dict[str, list[ChangeEvent]] = {}
        for record_id, body in tx.query(  # one query for the batch's dossiers
            f"SELECT record_id, body FROM sync_events WHERE record_type = ? AND scope = ? AND applied = 1"
            f" AND {among}",
            (kind, self.scope, values),
        ):
            event = decode_event(str(body))
            if not is_refusal(event):  # a dossier whose only events were refused has no row
                histories.setdefault(str(record_id), []).append(event)
        dossier_index.refresh(
            tx, self.scope, ids, lambda rid: sorted(histories.get(rid, ()), key=ChangeEvent.causal_key)
        )

    def _save_counters(self, tx: Tx, before: Mapping[str, int], after: Mapping[str, int]) -> None:
        changed = [(rid, counter) for rid, counter in after.items() if before.get(rid) != counter]
        tx.run_many(
            "INSERT INTO sync_counters (replica_id, scope, counter) VALUES (?, ?, ?)"
            " ON CONFLICT (replica_id) DO UPDATE SET counter = excluded.counter",
            [(rid, self.scope, counter) for rid, counter in changed],
        )

    # -- the province's own writes ---------------------------------------------------------------------------

    def write(self, record_type: str, record_id: str, fields: Mapping[str, Any], author: str) -> ChangeEvent:
        """Make and store a province-side change to a record of this commune (checked like a desk's write)."""
        return self.write_from(record_type, record_id, lambda _current: fields, author)

    def write_from(
        self,
        record_type: str,
        record_id: str,
        build: Callable[[RecordState], Mapping[str, Any]],
        author: str,
        *,
        along: Callable[[Tx], None] | None = None,
    ) -> ChangeEvent:
        """Like :meth:`write`, with the fields made by ``build`` from the record's current state, read under
        the commune's lock (e.g. a status change from the status it is in now). ``along`` runs in the same
        transaction once the event is written (e.g. storing the file it names): if either fails, neither is
        kept."""
        kind = self._type(record_type)
        with self.storage.scope_transaction(f"commune:{self.scope}") as tx:

            def check(current: RecordState, fields: Mapping[str, Any]) -> None:
                self._check_record_scope(tx, record_type, record_id, fields, bool(current.vector))

            event = write_record_from(self._target(tx), kind, record_id, build, author, check=check)
            if along is not None:
                along(tx)
            return event

    def resolve(
        self, conflict: Conflict, author: str, *, choose: EventId | None = None, value: Any = UNSET
    ) -> ChangeEvent:
        """Resolve an open conflict of this commune from the province's side."""
        kind = self._type(conflict.record_type)
        with self.storage.scope_transaction(f"commune:{self.scope}") as tx:
            return resolve_conflict(self._target(tx), kind, conflict, author, choose=choose, value=value)

    def _target(self, tx: Tx) -> LocalTarget:
        """This replica as the local write sequence's target, in transaction ``tx``."""
        return LocalTarget(
            self.side,
            self._now,
            lambda record_type, record_id: self._history(tx, record_type, record_id),
            lambda: self._next_id(tx),
            lambda change: self._apply_local(tx, change),
        )

    def _check_record_scope(
        self, tx: Tx, record_type: str, record_id: str, fields: Mapping[str, Any], exists: bool
    ) -> None:
        rows = tx.query(
            "SELECT scope FROM sync_records WHERE record_type = ? AND record_id = ?", (record_type, record_id)
        )
        stated = fields.get(self.scope_field)
        if rows and str(rows[0][0]) != self.scope:
            raise WriteRejected("this record belongs to another commune", reason="scope")
        if stated is not None and stated != self.scope:
            raise WriteRejected(f"the {self.scope_field!r} of a record is its commune", reason="scope")
        if not rows and not exists and stated is None:
            raise WriteRejected(f"a new record must set its {self.scope_field!r}", reason="no_scope")

    def _next_id(self, tx: Tx) -> EventId:
        rows = tx.query("SELECT counter FROM sync_counters WHERE replica_id = ?", (self._replica_id,))
        return EventId(self._replica_id, (int(rows[0][0]) if rows else 0) + 1)

    def _apply_local(self, tx: Tx, change: LocalChange) -> None:
        event = change.event
        tx.run(
            "INSERT INTO sync_events (replica_id, counter, record_type, record_id, scope, side, applied,"
            " body, received_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
            (
                event.id.replica_id,
                event.id.counter,
                event.record_type,
                event.record_id,
                self.scope,
                event.side,
                change.encoded.text,
                self.storage.time_in(self._now()),
            ),
        )
        tx.run(
            "INSERT INTO sync_records (record_type, record_id, scope) VALUES (?, ?, ?)"
            " ON CONFLICT (record_type, record_id) DO NOTHING",
            (event.record_type, event.record_id, self.scope),
        )
        before = self._counters(tx)
        self._save_counters(tx, before, {**before, event.id.replica_id: event.id.counter})
        self._refresh_index(tx, [event])

    def _type(self, name: str) -> RecordType:
        return known_type(self._types, name)
