"""The server's clock as a sync answer carries it, and how far this machine's clock is from it.

The provincial server puts its time on the ``hello`` answer (:data:`SERVER_TIME_HEADER`). The transport keeps
a :class:`ServerClockReading`: the server's time and this machine's monotonic clock when the answer came, so
that the offset can be worked out later against the desk's own clock (:meth:`ServerClockReading.offset`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

SERVER_TIME_HEADER = "X-Motcua-Server-Time"


@dataclass(frozen=True, slots=True)
class ServerClockReading:
    """The server's time, and ``time.monotonic()`` on this machine when it was read."""

    server_time: dt.datetime
    received_monotonic: float

    def offset(
        self, local_now: Callable[[], dt.datetime], monotonic: Callable[[], float] = time.monotonic
    ) -> dt.timedelta:
        """How far the local clock (``local_now``) is ahead of the server's (negative: behind)."""
        elapsed = dt.timedelta(seconds=max(0.0, monotonic() - self.received_monotonic))
        return local_now() - elapsed - self.server_time


def read_server_clock(
    headers: Mapping[str, str], monotonic: Callable[[], float] = time.monotonic
) -> ServerClockReading | None:
    """The reading an answer's headers give, or ``None`` if they carry no (usable) server time."""
    text = headers.get(SERVER_TIME_HEADER)
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return ServerClockReading(moment, monotonic())
