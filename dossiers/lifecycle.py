"""The dossier lifecycle: statuses, who may change them, and how concurrent changes are ordered.

The statuses carry the numbers provincial systems report to the national portal (docs/domain.md; seen in
one province's public code, unconfirmed as a national standard). The legal moves are one table, ``RULES``:
each row is a source status, a target status, the action it stands for, the actors who may perform it and
the form (Appendix I, Circular 03/2025) the desk prints for it.

The desk flow it encodes (docs/domain.md, "Legal frame"):

- Every dossier starts as ``NEW``: an online registration, or a citizen at the desk whose papers the clerk is
  checking. From there the desk accepts it (Mẫu 01), asks in one go for everything missing (Mẫu 02), refuses
  it (Mẫu 03) or records that the citizen withdrew it.
- An accepted dossier is handed over for processing (a row of the control sheet, Mẫu 06). Processing may ask
  for a supplement (Mẫu 02), ask the citizen to pay a financial obligation (taxes, levies: the province), be
  stopped (Mẫu 05) or finish (``PROCESSED``); the desk then returns the result.
- A supplement received goes back to ``ACCEPTED`` (the desk records the new papers, and hands the dossier over
  again: a new control-sheet row); a financial obligation met goes back to ``PROCESSING``.
- The citizen may withdraw at any point before the result is ready; withdrawal is recorded at the desk.

Actors: ``DESK`` is the commune (its one-stop desk, including the commune's own officers whose decisions the
desk records: most commune procedures, e.g. a birth registration, are processed and completed in the commune,
offline, the same day); ``PROVINCE`` is a provincial officer acting through the server's API (design §6).
Only the desk records what happens with the citizen in front of it (withdrawal, result returned); only the
province asks for a financial obligation.

Overdue is not a status: it is computed from the appointment date (``dossiers.appointments``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from dossiers.errors import ActorNotAllowed, IllegalTransition


class Status(StrEnum):
    """A dossier's status; the value is the national status number as text."""

    NEW = "1"
    ACCEPTED = "2"
    REFUSED = "3"
    PROCESSING = "4"
    SUPPLEMENT_REQUESTED = "5"
    FINANCIAL_OBLIGATION_REQUESTED = "6"
    WITHDRAWN = "7"
    STOPPED = "8"
    PROCESSED = "9"
    RESULT_RETURNED = "10"

    @property
    def number(self) -> int:
        """The national status number."""
        return int(self.value)

    @property
    def label_vi(self) -> str:
        return _STATUS_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _STATUS_LABELS[self][1]

    @classmethod
    def from_number(cls, number: int) -> Status:
        """The status with this national number; ``ValueError`` for an unknown one."""
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"a status number is an int, not {type(number).__name__}")
        return cls(str(number))


_STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.NEW: ("Mới đăng ký", "newly registered"),
    Status.ACCEPTED: ("Đã tiếp nhận", "accepted"),
    Status.REFUSED: ("Từ chối tiếp nhận", "refused"),
    Status.PROCESSING: ("Đang xử lý", "processing"),
    Status.SUPPLEMENT_REQUESTED: ("Yêu cầu bổ sung hồ sơ", "supplement requested"),
    Status.FINANCIAL_OBLIGATION_REQUESTED: (
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        "financial obligation requested",
    ),
    Status.WITHDRAWN: ("Công dân rút hồ sơ", "withdrawn by the citizen"),
    Status.STOPPED: ("Dừng xử lý", "processing stopped"),
    Status.PROCESSED: ("Đã xử lý xong", "processed"),
    Status.RESULT_RETURNED: ("Đã trả kết quả", "result returned"),
}

INITIAL_STATUS = Status.NEW
"""Every dossier starts here; an in-person dossier is accepted (or refused) right after it is typed in."""

TERMINAL_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RESULT_RETURNED})


class Actor(StrEnum):
    """Who changes a dossier's status."""

    DESK = "desk"
    PROVINCE = "province"

    @property
    def label_vi(self) -> str:
        return _ACTOR_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _ACTOR_LABELS[self][1]


_ACTOR_LABELS: dict[Actor, tuple[str, str]] = {
    Actor.DESK: ("Bộ phận Một cửa cấp xã", "commune desk"),
    Actor.PROVINCE: ("Cơ quan cấp tỉnh", "province"),
}


class Action(StrEnum):
    """What a status change means, as a clerk would name it."""

    ACCEPT = "accept"
    REFUSE = "refuse"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    HAND_OVER = "hand_over"
    REQUEST_FINANCIAL_OBLIGATION = "request_financial_obligation"
    RECORD_FINANCIAL_OBLIGATION_MET = "record_financial_obligation_met"
    COMPLETE = "complete"
    STOP = "stop"
    WITHDRAW = "withdraw"
    RETURN_RESULT = "return_result"

    @property
    def label_vi(self) -> str:
        return _ACTION_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _ACTION_LABELS[self][1]


_ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.ACCEPT: ("Tiếp nhận hồ sơ", "accept"),
    Action.REFUSE: ("Từ chối tiếp nhận", "refuse"),
    Action.REQUEST_SUPPLEMENT: ("Yêu cầu bổ sung, hoàn thiện hồ sơ", "request a supplement"),
    Action.RECEIVE_SUPPLEMENT: ("Nhận hồ sơ bổ sung", "record the supplement received"),
    Action.HAND_OVER: ("Chuyển xử lý", "hand over for processing"),
    Action.REQUEST_FINANCIAL_OBLIGATION: (
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        "request a financial obligation",
    ),
    Action.RECORD_FINANCIAL_OBLIGATION_MET: (
        "Đã thực hiện nghĩa vụ tài chính",
        "record the financial obligation met",
    ),
    Action.COMPLETE: ("Hoàn thành xử lý", "complete processing"),
    Action.STOP: ("Dừng xử lý", "stop processing"),
    Action.WITHDRAW: ("Rút hồ sơ", "record the withdrawal"),
    Action.RETURN_RESULT: ("Trả kết quả", "record the result returned"),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One legal status change: who may make it and the form printed for it (``None``: no form)."""

    source: Status
    target: Status
    action: Action
    actors: frozenset[Actor]
    form: str | None = None


_DESK = frozenset({Actor.DESK})
_PROVINCE = frozenset({Actor.PROVINCE})
_BOTH = frozenset(Actor)

S = Status
A = Action
RULES: tuple[Rule, ...] = (
    # Reception: checking a new dossier.
    Rule(S.NEW, S.ACCEPTED, A.ACCEPT, _BOTH, "Mẫu 01"),
    Rule(S.NEW, S.SUPPLEMENT_REQUESTED, A.REQUEST_SUPPLEMENT, _BOTH, "Mẫu 02"),
    Rule(S.NEW, S.REFUSED, A.REFUSE, _BOTH, "Mẫu 03"),
    Rule(S.NEW, S.WITHDRAWN, A.WITHDRAW, _DESK),
    # Accepted, waiting to be handed over.
    Rule(S.ACCEPTED, S.PROCESSING, A.HAND_OVER, _BOTH, "Mẫu 06"),
    Rule(S.ACCEPTED, S.SUPPLEMENT_REQUESTED, A.REQUEST_SUPPLEMENT, _BOTH, "Mẫu 02"),
    Rule(S.ACCEPTED, S.WITHDRAWN, A.WITHDRAW, _DESK),
    # Processing.
    Rule(S.PROCESSING, S.SUPPLEMENT_REQUESTED, A.REQUEST_SUPPLEMENT, _BOTH, "Mẫu 02"),
    Rule(S.PROCESSING, S.FINANCIAL_OBLIGATION_REQUESTED, A.REQUEST_FINANCIAL_OBLIGATION, _PROVINCE),
    Rule(S.PROCESSING, S.PROCESSED, A.COMPLETE, _BOTH),
    Rule(S.PROCESSING, S.STOPPED, A.STOP, _BOTH, "Mẫu 05"),
    Rule(S.PROCESSING, S.WITHDRAWN, A.WITHDRAW, _DESK),
    # Waiting for the citizen's supplement (asked before or after acceptance).
    Rule(S.SUPPLEMENT_REQUESTED, S.ACCEPTED, A.RECEIVE_SUPPLEMENT, _BOTH),
    Rule(S.SUPPLEMENT_REQUESTED, S.REFUSED, A.REFUSE, _BOTH, "Mẫu 03"),
    Rule(S.SUPPLEMENT_REQUESTED, S.STOPPED, A.STOP, _BOTH, "Mẫu 05"),
    Rule(S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, A.WITHDRAW, _DESK),
    # Waiting for the citizen to pay a financial obligation.
    Rule(S.FINANCIAL_OBLIGATION_REQUESTED, S.PROCESSING, A.RECORD_FINANCIAL_OBLIGATION_MET, _BOTH),
    Rule(S.FINANCIAL_OBLIGATION_REQUESTED, S.STOPPED, A.STOP, _BOTH, "Mẫu 05"),
    Rule(S.FINANCIAL_OBLIGATION_REQUESTED, S.WITHDRAWN, A.WITHDRAW, _DESK),
    # The result is ready at the desk.
    Rule(S.PROCESSED, S.RESULT_RETURNED, A.RETURN_RESULT, _DESK),
)
del S, A


def _index(rules: Iterable[Rule]) -> MappingProxyType[tuple[Status, Status], Rule]:
    table: dict[tuple[Status, Status], Rule] = {}
    for rule in rules:
        key = (rule.source, rule.target)
        if key in table:
            raise ValueError(f"the lifecycle table lists {rule.source!r} → {rule.target!r} twice")
        if rule.source in TERMINAL_STATUSES:
            raise ValueError(f"the lifecycle table leaves the terminal status {rule.source!r}")
        if not rule.actors:
            raise ValueError(f"the lifecycle rule {rule.source!r} → {rule.target!r} has no actor")
        table[key] = rule
    return MappingProxyType(table)


_BY_PAIR = _index(RULES)


def _status(value: Status | str) -> Status:
    if isinstance(value, Status):
        return value
    if not isinstance(value, str):
        raise TypeError(f"a status is a Status or its number as text, not {type(value).__name__}")
    return Status(value)


def _actor(value: Actor | str) -> Actor:
    if isinstance(value, Actor):
        return value
    if not isinstance(value, str):
        raise TypeError(f"an actor is an Actor or its name, not {type(value).__name__}")
    return Actor(value)


def rule_for(current: Status | str, target: Status | str) -> Rule | None:
    """The rule for going from ``current`` to ``target``, whoever does it; ``None`` if there is none."""
    return _BY_PAIR.get((_status(current), _status(target)))


def check_transition(current: Status | str, target: Status | str, actor: Actor | str) -> Rule:
    """Return the rule allowing ``actor`` to move a dossier from ``current`` to ``target``.

    Raises ``IllegalTransition`` when no one may make this move, ``ActorNotAllowed`` (a subclass) when someone
    may but not this actor.
    """
    source, goal, who = _status(current), _status(target), _actor(actor)
    rule = _BY_PAIR.get((source, goal))
    if rule is None:
        raise IllegalTransition(
            from_status=source.label_en, to_status=goal.label_en, from_code=source.value, to_code=goal.value
        )
    if who not in rule.actors:
        allowed = sorted(rule.actors)
        raise ActorNotAllowed(
            actor=who.label_en,
            actor_code=who.value,
            allowed=" or ".join(a.label_en for a in allowed),
            allowed_codes=tuple(a.value for a in allowed),
            from_status=source.label_en,
            to_status=goal.label_en,
            from_code=source.value,
            to_code=goal.value,
        )
    return rule


def transition(current: Status | str, target: Status | str, actor: Actor | str) -> Status:
    """The new status after ``actor`` moves a dossier from ``current`` to ``target`` (checked)."""
    return check_transition(current, target, actor).target


def allowed_transitions(status: Status | str, actor: Actor | str) -> tuple[Status, ...]:
    """The statuses ``actor`` may move a dossier to from ``status``, by national number."""
    source, who = _status(status), _actor(actor)
    return tuple(
        sorted(
            (rule.target for rule in RULES if rule.source is source and who in rule.actors),
            key=lambda s: s.number,
        )
    )


def is_terminal(status: Status | str) -> bool:
    """True when nothing more can happen to a dossier in ``status``."""
    return _status(status) in TERMINAL_STATUSES


@dataclass(frozen=True, slots=True, order=True)
class Transition:
    """One status change as recorded: from ``source`` to ``target`` by ``actor``."""

    source: Status
    target: Status
    actor: Actor

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", _status(self.source))
        object.__setattr__(self, "target", _status(self.target))
        object.__setattr__(self, "actor", _actor(self.actor))

    @property
    def rule(self) -> Rule:
        """The rule allowing it (raises ``IllegalTransition`` if none does)."""
        return check_transition(self.source, self.target, self.actor)


def _follows(first: Transition, then: Transition) -> bool:
    """Whether ``then``'s action is still legal, for its actor, once ``first`` has happened."""
    rule = _BY_PAIR.get((first.target, then.target))
    return rule is not None and rule.action is then.rule.action and then.actor in rule.actors


def order_concurrent(a: Transition, b: Transition) -> tuple[Transition, ...] | None:
    """Order two concurrent transitions made from the same status, or ``None`` if a person must decide.

    The rule, for the sync engine's ``state`` policy:
    - same target (e.g. the desk and the province both accept): they are one change; the result holds one of
      them (the smaller, so the answer does not depend on the argument order);
    - otherwise ``a`` then ``b`` is an order when ``b``'s action (same action, same actor) is legal from
      ``a``'s target; e.g. from ACCEPTED, "hand over" then the province's "request supplement" gives
      SUPPLEMENT_REQUESTED, and from PROCESSING, "request supplement" then the desk's "withdrawal" gives
      WITHDRAWN;
    - when neither order, or both, is legal, the two are a conflict: ``None`` (e.g. the desk completes while
      the province stops; the desk accepts while the province refuses).

    Raises ``IllegalTransition`` if either is not a legal transition, ``ValueError`` if they start from
    different statuses.
    """
    if not isinstance(a, Transition) or not isinstance(b, Transition):
        raise TypeError("order_concurrent takes two Transition values")
    a.rule, b.rule  # noqa: B018 - checks both are legal
    if a.source is not b.source:
        raise ValueError(
            f"concurrent transitions must start from the same status, not {a.source.label_en!r} "
            f"and {b.source.label_en!r}"
        )
    if a.target is b.target:
        return (min(a, b),)
    a_then_b, b_then_a = _follows(a, b), _follows(b, a)
    if a_then_b and not b_then_a:
        return (a, b)
    if b_then_a and not a_then_b:
        return (b, a)
    return None
