"""The province's side of the work on dossiers: read, search, act, decide, see and resolve conflicts.

Every write is one event of the commune's :class:`ServerReplica` with the side ``"province"`` and the officer
as author, made in one transaction under the commune's lock (the status change is built from the status the
dossier is in at that moment); desks receive it at their next pull. Status changes follow
``dossiers.lifecycle`` for the PROVINCE actor: anything else is refused with a 409 naming both statuses.
Used by the officers' API (``server.province_routes``) and the admin CLI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from dossiers.dossier import HandOver
from dossiers.dossier_record import RECORD_TYPE_NAME, hand_over_value, transition_value
from dossiers.errors import IllegalTransition
from dossiers.lifecycle import (
    INITIAL_STATUS,
    RULES,
    Action,
    Actor,
    Status,
    allowed_transitions,
    check_transition,
    rule_for,
)
from server import dossier_index
from server.attachment_uploads import store_whole
from server.errors import BadInput, Conflict, Forbidden, NotFound
from server.storage.interface import Tx
from server.sync_replica import ServerReplica
from sync.change_events import ChangeEvent, thaw
from sync.conflicts import UNSET, explain
from sync.conflicts import Conflict as FieldConflict
from sync.errors import ConflictOpen, TransitionRefused, WriteRejected, WrongSide
from sync.record_merge import RecordState
from sync.version_vectors import EventId

PROVINCE = Actor.PROVINCE
STATUS_FIELD = "status"
DECISION_FIELD = "province_decision"
MAX_PAGE = 200
ACTION_TARGETS: Mapping[Action, Status] = {rule.action: rule.target for rule in RULES}
"""Each lifecycle action leads to one status (``accept`` and ``receive_supplement`` both to ACCEPTED)."""
REASON_REQUIRED = frozenset({Action.STOP, Action.REFUSE})


class UnknownDossier(NotFound):
    code = "unknown_dossier"


class UnknownConflict(NotFound):
    code = "unknown_conflict"


class TransitionNotAllowed(Conflict):
    """A status change the lifecycle does not allow the province; the message names both statuses."""

    code = "transition_not_allowed"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class WriteNotPossible(Conflict):
    """A write the record's state refuses now (an open conflict, a conflict that changed)."""

    code = "write_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class WrongSideWrite(Forbidden):
    code = "wrong_side"


class BadWrite(BadInput):
    code = "bad_write"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@contextmanager
def sync_refusals() -> Iterator[None]:
    """Turn the sync package's write refusals into the server's HTTP errors."""
    try:
        yield
    except TransitionRefused as exc:
        raise TransitionNotAllowed(str(exc), reason="transition_refused") from None
    except ConflictOpen as exc:
        raise WriteNotPossible(str(exc), reason="conflict_open") from None
    except WrongSide as exc:
        raise WrongSideWrite(str(exc)) from None
    except WriteRejected as exc:
        if exc.reason in ("stale_conflict", "resolution_too_early"):
            raise WriteNotPossible(str(exc), reason=exc.reason) from None
        raise BadWrite(str(exc), reason=exc.reason) from None


def status_of(state: RecordState) -> Status:
    try:
        return Status(state.get(STATUS_FIELD, INITIAL_STATUS.value))
    except ValueError:
        return INITIAL_STATUS


def _status_words(status: Status) -> str:
    return f"'{status.label_en}' (status {status.value})"


def province_actions(status: Status) -> list[str]:
    """The actions the province may take on a dossier in ``status``."""
    found = []
    for target in allowed_transitions(status, PROVINCE):
        rule = rule_for(status, target)
        if rule is not None:
            found.append(rule.action.value)
    return found


def _require(state: RecordState, dossier_id: str) -> RecordState:
    if not state.history:
        raise UnknownDossier(f"no dossier {dossier_id[:64]!r} in this commune")
    return state


def read_dossier(replica: ServerReplica, dossier_id: str) -> RecordState:
    """The merged dossier of this commune, or ``UnknownDossier``."""
    return _require(replica.record(RECORD_TYPE_NAME, dossier_id), dossier_id)


# ---- reading -----------------------------------------------------------------------------------------------


def summary(state: RecordState) -> dict[str, Any]:
    """One line of a dossier list."""
    status = status_of(state)
    values = state.values
    return {
        "id": state.record_id,
        "code": values.get("code"),
        "procedure_code": values.get("procedure_code"),
        "procedure_name": values.get("procedure_name"),
        "applicant_name": values.get("applicant_name"),
        "received_at": values.get("received_at"),
        "appointment": values.get("appointment"),
        "status": status.value,
        "status_label": status.label_en,
        "open_conflicts": len(state.conflicts),
    }


@dataclass(frozen=True)
class DossierPage:
    total: int
    dossiers: list[dict[str, Any]]


def list_dossiers(
    replica: ServerReplica,
    *,
    query: str | None = None,
    status: Status | None = None,
    limit: int = 50,
    offset: int = 0,
) -> DossierPage:
    """The commune's dossiers, newest received first, filtered by a search text (without diacritics, as the
    beginning of a name, an ID number, a code or a phone) and a status; read from the dossier index."""
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise BadInput(f"limit is 1–{MAX_PAGE} and offset at least 0")
    wanted = dossier_index.QueueFilter(
        (replica.scope,), commune=replica.scope, status=status, search=query or ""
    )
    total, rows = dossier_index.offset_page(replica.storage, wanted, limit=limit, offset=offset)
    return DossierPage(
        total,
        [
            {
                "id": row.record_id,
                "code": row.code or None,
                "procedure_code": row.procedure_code or None,
                "procedure_name": row.procedure_name or None,
                "applicant_name": row.applicant_name or None,
                "received_at": row.received_at or None,
                "appointment": row.appointment or None,
                "status": row.status.value,
                "status_label": row.status.label_en,
                "open_conflicts": row.open_conflicts,
            }
            for row in rows
        ],
    )


def timeline(events: Sequence[ChangeEvent]) -> list[dict[str, Any]]:
    """The record's events in causal order: who, which side, when (device clock), what."""
    return [
        {
            "event": str(event.id),
            "author": event.author,
            "side": event.side,
            "device_time": event.device_time.isoformat(),
            "fields": {name: thaw(value) for name, value in event.fields.items()},
            "resolves": [str(e) for e in event.resolves],
        }
        for event in events
    ]


def dossier_detail(replica: ServerReplica, dossier_id: str) -> dict[str, Any]:
    """A dossier's values, status, what the province may do, open conflicts (explained) and timeline."""
    state = read_dossier(replica, dossier_id)
    status = status_of(state)
    return {
        "id": state.record_id,
        "commune": replica.scope,
        "values": thaw(state.values),
        "status": status.value,
        "status_label": status.label_en,
        "province_actions": province_actions(status),
        "conflicts": [explain(conflict) for conflict in state.conflicts],
        "timeline": timeline(state.history),
    }


def conflicts_of(replica: ServerReplica, dossier_id: str | None = None) -> list[dict[str, Any]]:
    """The open conflicts (explained) of one dossier, or of every dossier of the commune."""
    if dossier_id is not None:
        return [explain(c) for c in read_dossier(replica, dossier_id).conflicts]
    return [explain(c) for c in replica.open_conflicts(RECORD_TYPE_NAME)]


def conflict_in_words(explained: Mapping[str, Any]) -> str:
    """One conflict as a few lines of English for IT (values are shown as written)."""
    lines = [
        f"dossier {explained['record_id']}, field {explained['field']} ({explained['kind']}): "
        f"{len(explained['choices'])} different values were written without seeing each other"
    ]
    for number, choice in enumerate(explained["choices"], 1):
        shown = " (shown for now)" if choice["provisional"] else ""
        lines.append(f"  {number}. {choice['value']!r}{shown}")
        for write in choice["writes"]:
            lines.append(
                f"     by {write['author']} at the {write['side']} ({write['replica']}), "
                f"device time {write['device_time']}: event {write['event']}"
            )
    return "\n".join(lines)


# ---- acting ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    """What an officer gives with an action: a note or reason, the missing papers, an amount to pay."""

    note: str = ""
    missing: tuple[tuple[str, str], ...] = ()
    amount: int | None = None


def _transition(status: Status, action: Action) -> dict[str, str]:
    target = ACTION_TARGETS[action]
    try:
        rule = check_transition(status, target, PROVINCE)
    except IllegalTransition as exc:
        allowed = ", ".join(province_actions(status)) or "nothing"
        raise TransitionNotAllowed(
            f"the province cannot {action.label_en} this dossier: it cannot go from {_status_words(status)} "
            f"to {_status_words(target)} ({exc.message}); from {_status_words(status)} the province may: "
            f"{allowed}",
            reason=exc.code,
        ) from None
    if rule.action is not action:
        raise TransitionNotAllowed(
            f"from {_status_words(status)} to {_status_words(target)} the action is "
            f"{rule.action.value}, not {action.value}",
            reason="wrong_action",
        )
    return transition_value(status, target, PROVINCE)


def action_fields(
    state: RecordState, action: Action, given: ActionInput, *, author: str, at: dt.datetime
) -> dict[str, Any]:
    """The fields of the event for ``action`` on a dossier in its current ``state`` (checked)."""
    if state.conflict(STATUS_FIELD) is not None:
        raise WriteNotPossible(
            "the dossier's status has an open conflict: resolve it first", reason="conflict_open"
        )
    status = status_of(state)
    fields: dict[str, Any] = {STATUS_FIELD: _transition(status, action)}
    note = given.note.strip()
    if action in REASON_REQUIRED and not note:
        raise BadWrite(f"{action.value} needs a reason (it is printed on the form)", reason="reason_required")
    if action is Action.HAND_OVER:
        appointment = state.get("appointment")
        hand_over = HandOver(
            from_party=Actor.DESK.label_vi,
            to_party=Actor.PROVINCE.label_vi,
            at=at,
            by=author,
            due=None if appointment is None else dt.date.fromisoformat(str(appointment)),
            note=note,
        )
        fields["hand_overs"] = [hand_over_value(hand_over)]
    elif action is Action.REQUEST_SUPPLEMENT:
        if not given.missing:
            raise BadWrite(
                "a supplement request lists every missing or incomplete paper, in one go", reason="no_items"
            )
        items = [{"name": name, "reason": why} for name, why in given.missing]
        fields["requests"] = [
            {"kind": "supplement", "form": "Mẫu 02", "at": at.isoformat(), "by": author, "items": items}
        ]
    elif action is Action.REQUEST_FINANCIAL_OBLIGATION:
        fields["requests"] = [
            {"kind": "financial_obligation", "at": at.isoformat(), "by": author, "amount": given.amount}
        ]
    if note:
        form = rule_for(status, ACTION_TARGETS[action])
        prefix = f"{form.form}: " if form is not None and form.form else ""
        fields["notes"] = [f"{prefix}{note}"]
    return fields


def act(
    replica: ServerReplica,
    dossier_id: str,
    action: Action,
    given: ActionInput,
    *,
    author: str,
    now: Callable[[], dt.datetime],
) -> ChangeEvent:
    """Take ``action`` on a dossier as the province (one event, one transaction)."""

    def build(state: RecordState) -> dict[str, Any]:
        return action_fields(_require(state, dossier_id), action, given, author=author, at=now())

    with sync_refusals():
        return replica.write_from(RECORD_TYPE_NAME, dossier_id, build, author)


def decide(
    replica: ServerReplica,
    dossier_id: str,
    *,
    text: str,
    outcome: str | None,
    author: str,
    now: Callable[[], dt.datetime],
) -> ChangeEvent:
    """Write the province-owned decision on a dossier."""
    if not text.strip():
        raise BadWrite("a decision needs its text", reason="empty")

    def build(state: RecordState) -> dict[str, Any]:
        _require(state, dossier_id)
        decision = {"text": text.strip(), "outcome": outcome, "by": author, "at": now().isoformat()}
        return {DECISION_FIELD: decision}

    with sync_refusals():
        return replica.write_from(RECORD_TYPE_NAME, dossier_id, build, author)


@dataclass(frozen=True, slots=True, repr=False)  # no file content in a repr
class DecisionFile:
    """A decision's file as the officer gave it (its content checked by the caller: a PDF or an image)."""

    name: str
    media_type: str
    data: bytes


def complete_with_decision(
    replica: ServerReplica,
    dossier_id: str,
    *,
    text: str,
    file: DecisionFile | None,
    note: str,
    author: str,
    now: Callable[[], dt.datetime],
) -> ChangeEvent:
    """Complete a dossier with the province's decision (and its file): one event carrying both the status
    change and the decision, and the file stored in the same transaction. A refused completion (the lifecycle,
    an open conflict) stores neither decision nor file; a file that cannot be stored leaves the dossier as it
    was."""
    if not text.strip():
        raise BadWrite("a decision needs its text", reason="empty")
    attached: dict[str, Any] | None = None
    if file is not None:
        attached = {
            "sha256": hashlib.sha256(file.data).hexdigest(),
            "name": file.name,
            "media_type": file.media_type,
            "size": len(file.data),
        }

    def build(state: RecordState) -> dict[str, Any]:
        at = now()
        fields = action_fields(
            _require(state, dossier_id), Action.COMPLETE, ActionInput(note=note), author=author, at=at
        )
        fields[DECISION_FIELD] = {
            "text": text.strip(),
            "outcome": "completed",
            "by": author,
            "at": at.isoformat(),
            "file": attached,
        }
        return fields

    def store_file(tx: Tx) -> None:
        if file is not None:
            store_whole(replica.storage, tx, replica.scope, file.data, now=now())

    with sync_refusals():
        return replica.write_from(RECORD_TYPE_NAME, dossier_id, build, author, along=store_file)


def parse_event_id(text: str) -> EventId:
    """An event id as shown (``replica:counter``)."""
    replica, _, counter = str(text).rpartition(":")
    if not replica or not counter.isdigit() or len(counter) > 18:
        raise BadWrite("an event id is written replica:counter", reason="bad_event_id")
    return EventId(replica, int(counter))


def resolve(
    replica: ServerReplica,
    dossier_id: str,
    field: str,
    *,
    author: str,
    choose: str | None = None,
    value: Any = UNSET,
    seen: Sequence[str] | None = None,
) -> ChangeEvent:
    """Resolve the open conflict on ``field`` by choosing a write (its event id) or giving a new value.

    ``seen``: the event ids of the conflict as the officer saw it; if the conflict changed since, 409.
    """
    state = read_dossier(replica, dossier_id)
    conflict: FieldConflict | None = state.conflict(field)
    if conflict is None:
        raise UnknownConflict(f"no open conflict on {field[:40]!r} for this dossier")
    if seen is not None and sorted(seen) != sorted(str(e) for e in conflict.event_ids):
        raise WriteNotPossible("this conflict is no longer open as shown; look at it again", reason="stale")
    if (choose is None) == (value is UNSET):
        raise BadWrite("a resolution chooses one write or gives a new value", reason="bad_choice")
    if value is not UNSET and field == STATUS_FIELD:
        raise BadWrite("a status conflict is resolved by choosing one of the writes", reason="bad_choice")
    chosen = parse_event_id(choose) if choose is not None else None
    with sync_refusals():
        return replica.resolve(conflict, author, choose=chosen, value=value)
