"""The token bucket, driven by a hand-moved clock."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.errors import RateLimited
from server.rate_limits import ConcurrencyLimiter, TokenBucketLimiter
from tests.server.conftest import Clock


def test_burst_then_refill() -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(per_minute=60, burst=3, now=clock.now)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # keys are separate
    clock.advance(seconds=1)
    assert limiter.take("a") == 0.0
    clock.advance(seconds=3600)
    assert [limiter.take("a") for _ in range(4)][-1] > 0  # refills only up to the burst


def test_check_raises_with_whole_seconds() -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(per_minute=6, burst=1, now=clock.now)
    limiter.check("a", "device")
    with pytest.raises(RateLimited) as raised:
        limiter.check("a", "device")
    assert raised.value.retry_after == 10 and raised.value.headers == {"Retry-After": "10"}


def test_a_clock_going_backwards_gives_nothing_extra() -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(per_minute=60, burst=1, now=clock.now)
    limiter.take("a")
    clock.advance(seconds=-30)
    assert limiter.take("a") > 0


def test_old_keys_are_forgotten_beyond_max_keys() -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(per_minute=1, burst=1, now=clock.now, max_keys=2)
    for key in "abc":
        limiter.take(key)
    assert limiter.take("a") == 0.0  # "a" was forgotten: a full bucket again
    assert limiter.take("c") > 0


def test_bad_settings() -> None:
    with pytest.raises(ValueError):
        TokenBucketLimiter(per_minute=0, burst=1, now=Clock().now)
    with pytest.raises(ValueError):
        TokenBucketLimiter(per_minute=1, burst=0, now=Clock().now)


@given(
    st.integers(1, 20),
    st.floats(1, 600),
    st.lists(st.floats(0, 30), min_size=1, max_size=80),
)
def test_never_more_than_burst_plus_refill(burst: int, per_minute: float, gaps: list[float]) -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(per_minute=per_minute, burst=burst, now=clock.now)
    allowed = 0
    for gap in gaps:
        clock.advance(seconds=gap)
        allowed += limiter.take("k") == 0.0
    elapsed = (clock.now() - Clock().now()) / dt.timedelta(seconds=1)
    assert allowed <= burst + elapsed * per_minute / 60 + 1e-6


def test_a_device_may_run_only_its_share_of_requests_at_once_and_gets_its_slots_back() -> None:
    slots = ConcurrencyLimiter(2)
    with slots.slot("dev-1", "workstation"), slots.slot("dev-1", "workstation"):
        with pytest.raises(RateLimited, match="already has 2 sync requests running"):
            with slots.slot("dev-1", "workstation"):
                pass
        with slots.slot("dev-2", "workstation"):  # another device is not held up
            pass
    with pytest.raises(ValueError):
        with slots.slot("dev-1", "workstation"):
            raise ValueError("the request failed")
    with slots.slot("dev-1", "workstation"), slots.slot("dev-1", "workstation"):
        pass
