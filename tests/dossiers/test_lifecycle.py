"""The dossier lifecycle: statuses, the transition table, actors and the ordering of concurrent changes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.errors import ActorNotAllowed, DossierError, IllegalTransition
from dossiers.lifecycle import (
    INITIAL_STATUS,
    RULES,
    TERMINAL_STATUSES,
    Action,
    Actor,
    Status,
    Transition,
    allowed_transitions,
    check_transition,
    is_terminal,
    order_concurrent,
    rule_for,
    transition,
)

S = Status
DESK, PROVINCE = Actor.DESK, Actor.PROVINCE


def legal_transitions() -> list[Transition]:
    return [Transition(rule.source, rule.target, actor) for rule in RULES for actor in sorted(rule.actors)]


# --- statuses and actors ---


def test_statuses_carry_the_national_numbers() -> None:
    assert [s.number for s in Status] == list(range(1, 11))
    assert Status.NEW == "1" and Status.RESULT_RETURNED == "10"
    assert Status.from_number(5) is Status.SUPPLEMENT_REQUESTED
    assert Status.from_number(6) is Status.FINANCIAL_OBLIGATION_REQUESTED
    assert Status.from_number(7) is Status.WITHDRAWN
    assert Status.from_number(8) is Status.STOPPED
    assert Status.from_number(9) is Status.PROCESSED


@pytest.mark.parametrize("number", [0, 11, -1])
def test_from_number_rejects_unknown_numbers(number: int) -> None:
    with pytest.raises(ValueError):
        Status.from_number(number)


@pytest.mark.parametrize("number", ["2", 2.0, True, None])
def test_from_number_rejects_non_ints(number: object) -> None:
    with pytest.raises(TypeError):
        Status.from_number(number)  # type: ignore[arg-type]


def test_every_status_actor_and_action_has_both_labels() -> None:
    for member in [*Status, *Actor, *Action]:
        assert member.label_vi.strip() and member.label_en.strip()
    assert Status.ACCEPTED.label_vi == "Đã tiếp nhận"
    assert Status.RESULT_RETURNED.label_en == "result returned"
    assert len({s.label_vi for s in Status}) == len(Status)
    assert len({s.label_en for s in Status}) == len(Status)


# --- the table ---


def test_the_table_lists_each_move_once_and_never_leaves_a_terminal_status() -> None:
    pairs = [(r.source, r.target) for r in RULES]
    assert len(pairs) == len(set(pairs))
    assert all(r.source not in TERMINAL_STATUSES for r in RULES)
    assert all(r.source is not r.target for r in RULES)
    assert all(r.actors for r in RULES)


def test_every_status_is_reachable_from_the_start_and_every_open_one_can_move() -> None:
    reached, frontier = {INITIAL_STATUS}, [INITIAL_STATUS]
    while frontier:
        status = frontier.pop()
        for rule in RULES:
            if rule.source is status and rule.target not in reached:
                reached.add(rule.target)
                frontier.append(rule.target)
    assert reached == set(Status)
    for status in set(Status) - TERMINAL_STATUSES:
        assert allowed_transitions(status, DESK) or allowed_transitions(status, PROVINCE)


def test_forms_printed_for_the_desk_decisions() -> None:
    assert rule_for(S.NEW, S.ACCEPTED).form == "Mẫu 01"  # type: ignore[union-attr]
    assert rule_for(S.NEW, S.SUPPLEMENT_REQUESTED).form == "Mẫu 02"  # type: ignore[union-attr]
    assert rule_for(S.NEW, S.REFUSED).form == "Mẫu 03"  # type: ignore[union-attr]
    assert rule_for(S.PROCESSING, S.STOPPED).form == "Mẫu 05"  # type: ignore[union-attr]
    assert rule_for(S.PROCESSED, S.RESULT_RETURNED).action is Action.RETURN_RESULT  # type: ignore[union-attr]
    assert rule_for(S.NEW, S.PROCESSED) is None
    assert rule_for("2", "4").action is Action.HAND_OVER  # type: ignore[union-attr]


def test_rule_for_rejects_unknown_statuses() -> None:
    with pytest.raises(ValueError):
        rule_for("0", "1")
    with pytest.raises(TypeError):
        rule_for(2, 4)  # type: ignore[arg-type]


# --- the desk flow ---


def walk(start: Status, *steps: tuple[Status, Actor]) -> Status:
    status = start
    for target, actor in steps:
        status = transition(status, target, actor)
        assert status is target
    return status


def test_same_day_procedure_done_entirely_at_the_commune() -> None:
    end = walk(
        INITIAL_STATUS,
        (S.ACCEPTED, DESK),
        (S.PROCESSING, DESK),
        (S.PROCESSED, DESK),
        (S.RESULT_RETURNED, DESK),
    )
    assert is_terminal(end)


def test_province_processing_with_a_supplement_and_a_financial_obligation() -> None:
    walk(
        S.NEW,
        (S.ACCEPTED, DESK),
        (S.PROCESSING, DESK),
        (S.SUPPLEMENT_REQUESTED, PROVINCE),
        (S.ACCEPTED, DESK),  # the citizen brings the papers to the desk
        (S.PROCESSING, DESK),  # handed over again: a new control-sheet row
        (S.FINANCIAL_OBLIGATION_REQUESTED, PROVINCE),
        (S.PROCESSING, DESK),  # the citizen shows the payment receipt
        (S.PROCESSED, PROVINCE),
        (S.RESULT_RETURNED, DESK),
    )


def test_incomplete_then_refused_and_stopped_and_withdrawn_paths() -> None:
    assert walk(S.NEW, (S.SUPPLEMENT_REQUESTED, DESK), (S.REFUSED, DESK)) is S.REFUSED
    assert walk(S.NEW, (S.REFUSED, DESK)) is S.REFUSED
    assert walk(S.NEW, (S.ACCEPTED, DESK), (S.PROCESSING, PROVINCE), (S.STOPPED, PROVINCE)) is S.STOPPED
    assert walk(S.NEW, (S.ACCEPTED, DESK), (S.PROCESSING, DESK), (S.WITHDRAWN, DESK)) is S.WITHDRAWN


def test_transition_accepts_the_stored_text_values() -> None:
    assert transition("2", "4", "desk") is Status.PROCESSING
    assert check_transition("4", "6", "province").action is Action.REQUEST_FINANCIAL_OBLIGATION


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.NEW, S.PROCESSED),  # skipping the desk
        (S.ACCEPTED, S.ACCEPTED),  # no change is not a transition
        (S.RESULT_RETURNED, S.PROCESSING),  # terminal
        (S.REFUSED, S.ACCEPTED),
        (S.STOPPED, S.PROCESSING),
        (S.PROCESSED, S.STOPPED),
        (S.PROCESSED, S.WITHDRAWN),  # too late to withdraw: the result is ready
        (S.SUPPLEMENT_REQUESTED, S.PROCESSING),  # a supplement goes back through the desk
    ],
)
def test_illegal_transitions_name_both_statuses(current: Status, target: Status) -> None:
    for actor in Actor:
        with pytest.raises(IllegalTransition) as caught:
            transition(current, target, actor)
        assert not isinstance(caught.value, ActorNotAllowed)
        assert caught.value.code == "illegal_transition"
        assert current.label_en in str(caught.value) and target.label_en in str(caught.value)
        assert caught.value.params["from_code"] == current.value
        assert caught.value.params["to_code"] == target.value


@pytest.mark.parametrize(
    ("current", "target", "actor"),
    [
        (S.PROCESSING, S.FINANCIAL_OBLIGATION_REQUESTED, DESK),
        (S.PROCESSING, S.WITHDRAWN, PROVINCE),
        (S.NEW, S.WITHDRAWN, PROVINCE),
        (S.PROCESSED, S.RESULT_RETURNED, PROVINCE),
    ],
)
def test_wrong_actor_is_named(current: Status, target: Status, actor: Actor) -> None:
    with pytest.raises(ActorNotAllowed) as caught:
        check_transition(current, target, actor)
    error = caught.value
    assert isinstance(error, IllegalTransition) and isinstance(error, DossierError)
    assert error.code == "actor_not_allowed"
    assert actor.label_en in error.message
    assert current.label_en in error.message and target.label_en in error.message
    assert error.params["actor_code"] == actor.value
    assert actor.value not in error.params["allowed_codes"]


@pytest.mark.parametrize(
    ("current", "target", "actor", "exc"),
    [
        ("11", "2", DESK, ValueError),
        ("accepted", "2", DESK, ValueError),
        ("1", "2", "clerk", ValueError),
        (1, 2, DESK, TypeError),
        (S.NEW, None, DESK, TypeError),
        (S.NEW, S.ACCEPTED, None, TypeError),
    ],
)
def test_transition_rejects_bad_inputs(current: object, target: object, actor: object, exc: type) -> None:
    with pytest.raises(exc):
        transition(current, target, actor)  # type: ignore[arg-type]


def test_allowed_transitions() -> None:
    assert allowed_transitions(S.NEW, DESK) == (S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN)
    assert allowed_transitions(S.NEW, PROVINCE) == (S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED)
    assert allowed_transitions(S.PROCESSING, PROVINCE) == (
        S.SUPPLEMENT_REQUESTED,
        S.FINANCIAL_OBLIGATION_REQUESTED,
        S.STOPPED,
        S.PROCESSED,
    )
    assert allowed_transitions("9", "desk") == (S.RESULT_RETURNED,)
    assert allowed_transitions(S.PROCESSED, PROVINCE) == ()
    for status in TERMINAL_STATUSES:
        assert allowed_transitions(status, DESK) == allowed_transitions(status, PROVINCE) == ()


def test_allowed_transitions_agrees_with_transition_everywhere() -> None:
    for current, target, actor in itertools.product(Status, Status, Actor):
        allowed = target in allowed_transitions(current, actor)
        try:
            transition(current, target, actor)
        except IllegalTransition:
            assert not allowed
        else:
            assert allowed


def test_allowed_transitions_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError):
        allowed_transitions("0", DESK)
    with pytest.raises(ValueError):
        allowed_transitions(S.NEW, "citizen")
    with pytest.raises(TypeError):
        allowed_transitions(S.NEW, 1)  # type: ignore[arg-type]


def test_is_terminal() -> None:
    assert {s for s in Status if is_terminal(s)} == {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RESULT_RETURNED}
    assert not is_terminal("9")  # processed: the result still has to be returned
    with pytest.raises(ValueError):
        is_terminal("99")
    with pytest.raises(TypeError):
        is_terminal(10)  # type: ignore[arg-type]


@given(st.lists(st.tuples(st.sampled_from(Status), st.sampled_from(Actor)), max_size=30))
def test_random_walks_only_take_allowed_steps(steps: list[tuple[Status, Actor]]) -> None:
    status = INITIAL_STATUS
    for target, actor in steps:
        try:
            new = transition(status, target, actor)
        except IllegalTransition:
            assert target not in allowed_transitions(status, actor)
        else:
            assert new is target and not is_terminal(status)
            status = new


# --- transitions and concurrent ordering ---


def test_transition_value_coerces_and_checks() -> None:
    t = Transition("2", "4", "desk")  # type: ignore[arg-type]
    assert (t.source, t.target, t.actor) == (S.ACCEPTED, S.PROCESSING, DESK)
    assert t.rule.action is Action.HAND_OVER
    with pytest.raises(IllegalTransition):
        Transition(S.NEW, S.PROCESSED, DESK).rule  # noqa: B018
    with pytest.raises(ValueError):
        Transition("2", "4", "nobody")  # type: ignore[arg-type]


def test_identical_transitions_are_one() -> None:
    a = Transition(S.ACCEPTED, S.PROCESSING, DESK)
    assert order_concurrent(a, a) == (a,)
    b = Transition(S.ACCEPTED, S.PROCESSING, PROVINCE)
    assert order_concurrent(a, b) == order_concurrent(b, a)
    assert len(order_concurrent(a, b) or ()) == 1


def test_hand_over_then_the_provinces_supplement_request() -> None:
    hand_over = Transition(S.ACCEPTED, S.PROCESSING, DESK)
    supplement = Transition(S.ACCEPTED, S.SUPPLEMENT_REQUESTED, PROVINCE)
    assert order_concurrent(hand_over, supplement) == (hand_over, supplement)
    assert order_concurrent(supplement, hand_over) == (hand_over, supplement)


def test_withdrawal_comes_after_a_concurrent_supplement_request() -> None:
    supplement = Transition(S.PROCESSING, S.SUPPLEMENT_REQUESTED, PROVINCE)
    withdrawal = Transition(S.PROCESSING, S.WITHDRAWN, DESK)
    assert order_concurrent(withdrawal, supplement) == (supplement, withdrawal)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Transition(S.PROCESSING, S.PROCESSED, DESK), Transition(S.PROCESSING, S.STOPPED, PROVINCE)),
        (Transition(S.NEW, S.ACCEPTED, DESK), Transition(S.NEW, S.REFUSED, PROVINCE)),
        (Transition(S.PROCESSING, S.PROCESSED, PROVINCE), Transition(S.PROCESSING, S.WITHDRAWN, DESK)),
        (
            Transition(S.SUPPLEMENT_REQUESTED, S.ACCEPTED, DESK),
            Transition(S.SUPPLEMENT_REQUESTED, S.STOPPED, PROVINCE),
        ),
        (Transition(S.PROCESSING, S.STOPPED, DESK), Transition(S.PROCESSING, S.WITHDRAWN, DESK)),
    ],
)
def test_orders_a_person_must_decide(a: Transition, b: Transition) -> None:
    assert order_concurrent(a, b) is None
    assert order_concurrent(b, a) is None


def test_order_concurrent_rejects_bad_inputs() -> None:
    accepted = Transition(S.NEW, S.ACCEPTED, DESK)
    with pytest.raises(ValueError, match="same status"):
        order_concurrent(accepted, Transition(S.ACCEPTED, S.PROCESSING, DESK))
    with pytest.raises(IllegalTransition):
        order_concurrent(accepted, Transition(S.NEW, S.PROCESSED, DESK))
    with pytest.raises(ActorNotAllowed):
        order_concurrent(accepted, Transition(S.NEW, S.WITHDRAWN, PROVINCE))
    with pytest.raises(TypeError):
        order_concurrent(accepted, (S.NEW, S.ACCEPTED, DESK))  # type: ignore[arg-type]


def test_order_concurrent_is_symmetric_and_every_order_is_a_legal_walk() -> None:
    moves = legal_transitions()
    conflicts = 0
    for a, b in itertools.product(moves, moves):
        if a.source is not b.source:
            continue
        ab, ba = order_concurrent(a, b), order_concurrent(b, a)
        assert ab == ba
        if ab is None:
            conflicts += 1
            continue
        status = a.source
        for step in ab:
            status = transition(status, step.target, step.actor)
        if a.target is b.target:
            assert len(ab) == 1
        else:
            assert set(ab) == {a, b}
            assert status is ab[1].target
    assert conflicts  # the table does have conflicts for a person
