"""Backoff after wrong passphrases: doubling, capped, persisted, reset on success, never permanent."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.errors import StoreLocked
from sync.unlock_backoff import UnlockBackoff, attempts_path_for, delay_after


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def backoff(tmp_path: Path, clock: FakeClock) -> UnlockBackoff:
    return UnlockBackoff.beside(tmp_path / "motcua.key", clock)


def test_attempts_file_sits_beside_the_key_file(tmp_path: Path) -> None:
    assert attempts_path_for(tmp_path / "motcua.key") == tmp_path / "motcua.key.attempts"


def test_delay_doubles_from_one_second_and_stops_at_five_minutes() -> None:
    assert [delay_after(n) for n in range(0, 6)] == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert delay_after(9) == 256.0
    assert delay_after(10) == 300.0
    assert delay_after(10_000) == 300.0


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_delay_is_monotone_and_capped(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert 0 <= delay_after(lo) <= delay_after(hi) <= 300.0


def test_no_failures_means_no_wait(backoff: UnlockBackoff, tmp_path: Path) -> None:
    assert backoff.failures == 0
    assert backoff.retry_after() == 0
    backoff.check()
    assert not (tmp_path / "motcua.key.attempts").exists()


def test_too_soon_raises_store_locked_with_retry_after(backoff: UnlockBackoff, clock: FakeClock) -> None:
    assert backoff.record_failure() == 1.0
    with pytest.raises(StoreLocked) as info:
        backoff.check()
    assert info.value.retry_after == pytest.approx(1.0)
    clock.advance(0.4)
    assert backoff.retry_after() == pytest.approx(0.6)
    clock.advance(0.6)
    backoff.check()
    assert backoff.record_failure() == 2.0
    clock.advance(1.5)
    with pytest.raises(StoreLocked) as info:
        backoff.check()
    assert info.value.retry_after == pytest.approx(0.5)


def test_many_failures_wait_at_most_five_minutes(backoff: UnlockBackoff, clock: FakeClock) -> None:
    for _ in range(30):
        backoff.record_failure()
    assert backoff.retry_after() == pytest.approx(300.0)
    clock.advance(299)
    with pytest.raises(StoreLocked):
        backoff.check()
    clock.advance(1)
    backoff.check()


def test_state_is_persisted_across_instances(tmp_path: Path, clock: FakeClock) -> None:
    first = UnlockBackoff.beside(tmp_path / "motcua.key", clock)
    for _ in range(3):
        first.record_failure()
    second = UnlockBackoff.beside(tmp_path / "motcua.key", clock)
    assert second.failures == 3
    assert second.retry_after() == pytest.approx(4.0)


def test_success_resets(backoff: UnlockBackoff, clock: FakeClock) -> None:
    backoff.record_failure()
    backoff.record_failure()
    clock.advance(2)
    backoff.record_success()
    assert backoff.failures == 0
    assert backoff.record_failure() == 1.0


def test_success_without_failures_writes_nothing(backoff: UnlockBackoff, tmp_path: Path) -> None:
    backoff.record_success()
    assert list(tmp_path.iterdir()) == []


def test_clock_set_back_waits_at_most_one_delay(backoff: UnlockBackoff, clock: FakeClock) -> None:
    for _ in range(4):
        backoff.record_failure()  # 8 s
    clock.advance(-86_400 * 365)
    assert backoff.retry_after() == pytest.approx(8.0)
    clock.advance(8)
    backoff.check()


def test_clock_set_forward_then_back_is_not_a_lockout(backoff: UnlockBackoff, clock: FakeClock) -> None:
    clock.advance(86_400 * 365)
    backoff.record_failure()
    clock.advance(-86_400 * 365)
    assert backoff.retry_after() == pytest.approx(1.0)
    clock.advance(1)
    backoff.check()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[]",
        b'{"format": "other", "version": 1, "failures": 3, "last_failure": 0}',
        b'{"format": "motcua-unlock-attempts", "version": 9, "failures": 3, "last_failure": 0}',
        b'{"format": "motcua-unlock-attempts", "version": 1, "failures": -1, "last_failure": 0}',
        b'{"format": "motcua-unlock-attempts", "version": 1, "failures": 3, "last_failure": Infinity}',
        b'{"format": "motcua-unlock-attempts", "version": 1, "failures": 3, "last_failure": NaN}',
        b'{"format": "motcua-unlock-attempts", "version": 1, "failures": "3", "last_failure": 0}',
        b"\xff\xfe",
    ],
)
def test_damaged_state_counts_as_no_failures(tmp_path: Path, clock: FakeClock, content: bytes) -> None:
    path = tmp_path / "motcua.key.attempts"
    path.write_bytes(content)
    backoff = UnlockBackoff(path, clock)
    assert backoff.failures == 0
    backoff.check()
    assert backoff.record_failure() == 1.0


def test_state_file_is_small_json_without_personal_data(backoff: UnlockBackoff, tmp_path: Path) -> None:
    backoff.record_failure()
    doc = json.loads((tmp_path / "motcua.key.attempts").read_text())
    assert set(doc) == {"format", "version", "failures", "last_failure"}
    assert doc["failures"] == 1


@pytest.mark.parametrize(("base", "cap"), [(0, 300), (-1, 300), (10, 5)])
def test_bad_parameters_are_refused(tmp_path: Path, clock: FakeClock, base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        UnlockBackoff(tmp_path / "a", clock, base_seconds=base, cap_seconds=cap)


def test_custom_base_and_cap(tmp_path: Path, clock: FakeClock) -> None:
    backoff = UnlockBackoff(tmp_path / "a", clock, base_seconds=0.5, cap_seconds=3)
    assert [backoff.record_failure() for _ in range(5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


@given(
    failures=st.integers(min_value=1, max_value=200),
    jumps=st.lists(st.floats(min_value=-1e8, max_value=1e8), max_size=5),
)
def test_never_a_permanent_lockout(
    tmp_path_factory: pytest.TempPathFactory, failures: int, jumps: list[float]
) -> None:
    clock = FakeClock()
    path = tmp_path_factory.mktemp("b") / "state"
    backoff = UnlockBackoff(path, clock)
    backoff.record_failure()
    # Jump straight to ``failures`` in a row (recording each one would fsync hundreds of times).
    doc = json.loads(path.read_text()) | {"failures": failures}
    path.write_text(json.dumps(doc))
    assert backoff.failures == failures
    for jump in jumps:
        clock.advance(jump)
        assert 0 <= backoff.retry_after() <= 300.0
    clock.advance(300)
    backoff.check()
