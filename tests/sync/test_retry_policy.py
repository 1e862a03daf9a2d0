"""Backoff with jitter, bounded in tries and in time; what each error calls for; a pause that can be cut
short. The clock, the pause and the random source are passed in."""

from __future__ import annotations

import threading
import time

import pytest

from sync.errors import (
    BadSyncMessage,
    ClientTooOld,
    DeviceRevokedByServer,
    ServerFailed,
    ServerOffline,
    ServerRateLimited,
    ServerRejectedData,
    ServerTooLarge,
    ServerUnauthorised,
    SyncInterrupted,
)
from sync.retry_policy import Retry, RetryPolicy, Waiter, call_with_retries, retry_decision


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


@pytest.mark.parametrize(
    "error, decision",
    [
        (ServerOffline("cut"), Retry.BACK_OFF),
        (SyncInterrupted("cut"), Retry.BACK_OFF),
        (ServerFailed("503", status=503), Retry.BACK_OFF),
        (ServerFailed("502", status=502), Retry.BACK_OFF),
        (ServerFailed("501", status=501), Retry.STOP),
        (ServerRateLimited("429", status=429, retry_after=7), Retry.WAIT_RETRY_AFTER),
        (ServerTooLarge("413", status=413), Retry.SMALLER),
        (ServerUnauthorised("401", status=401), Retry.STOP),
        (DeviceRevokedByServer("401", status=401), Retry.STOP),
        (ClientTooOld("426", status=426), Retry.STOP),
        (ServerRejectedData("400", status=400), Retry.STOP),
        (BadSyncMessage("damaged"), Retry.STOP),
        (ValueError("a bug"), Retry.STOP),
    ],
)
def test_each_error_calls_for_its_own_answer(error: BaseException, decision: Retry) -> None:
    assert retry_decision(error) is decision


def test_backoff_doubles_within_its_jitter_and_cap() -> None:
    for jitter, factor in ((0.0, 0.5), (1.0, 1.0)):
        policy = RetryPolicy(base=1.0, cap=10.0, jitter=lambda j=jitter: j)
        assert [policy.backoff(n) for n in range(1, 7)] == [factor * w for w in (1, 2, 4, 8, 10, 10)]


def test_retry_after_is_honoured_but_never_shortens_the_backoff() -> None:
    policy = RetryPolicy(base=4.0, jitter=lambda: 1.0)
    assert policy.pause(ServerRateLimited("busy", retry_after=30), 1) == 30.0
    assert policy.pause(ServerRateLimited("busy", retry_after=1), 1) == 4.0
    assert policy.pause(ServerTooLarge("big"), 3) == 0.0  # smaller batches: at once


def test_tries_are_bounded_in_number_and_in_time() -> None:
    fake = FakeTime()
    calls = []

    def offline() -> None:
        calls.append(1)
        raise ServerOffline("down")

    policy = RetryPolicy(attempts=4, base=1.0, total=1000, sleep=fake.sleep, monotonic=lambda: fake.now)
    with pytest.raises(ServerOffline):
        call_with_retries(offline, policy)
    assert len(calls) == 4 and len(fake.pauses) == 3

    fake, calls[:] = FakeTime(), []
    policy = RetryPolicy(
        attempts=100,
        base=1.0,
        cap=8.0,
        total=20.0,
        sleep=fake.sleep,
        monotonic=lambda: fake.now,
        jitter=lambda: 1.0,
    )
    with pytest.raises(ServerOffline):
        call_with_retries(offline, policy)
    assert fake.pauses == [1.0, 2.0, 4.0, 8.0] and fake.now <= 20.0  # the next 8 s would pass 20 s

    calls[:] = []

    def refused() -> None:
        calls.append(1)
        raise ServerUnauthorised("no", status=401)

    with pytest.raises(ServerUnauthorised):
        call_with_retries(refused, RetryPolicy(sleep=fake.sleep))
    assert calls == [1]


def test_a_waiter_is_woken_early_and_cancelled_for_good() -> None:
    waiter = Waiter()
    threading.Timer(0.05, waiter.wake).start()
    started = time.monotonic()
    waiter(30)
    assert time.monotonic() - started < 5
    waiter.cancel()
    started = time.monotonic()
    waiter(30)
    waiter(30)
    assert time.monotonic() - started < 1 and waiter.cancelled
