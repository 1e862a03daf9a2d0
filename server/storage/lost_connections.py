"""Run a unit of database work again when its connection broke under it (a PostgreSQL restart).

A transaction whose connection is lost is rolled back whole (``ConnectionLost``), so work that is one
transaction, or only reads, may simply be run again: the pool hands out a fresh connection, waiting (up to
its timeout) for the database to come back. A restart of a few seconds then costs the request a pause,
not a 503. Only ``ConnectionLost`` is retried; a database that stays away still answers 503 after the pool's
timeout (``DatabaseUnavailable``), as before.

Where it is used (the sync paths): the device's authentication, the server replica's ``receive`` of a pushed
batch and its vector, a pull's snapshot and pages, the device's sync checkpoint. Receiving a batch again is
harmless even if the lost connection had committed it: events already held are duplicates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from server.errors import ConnectionLost

T = TypeVar("T")
ATTEMPTS = 3
"""Tries in all (a restart can drop the fresh connection too, if it comes while the database stops)."""

log = logging.getLogger(__name__)


def again_if_lost(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """``work()``, run again (up to ``attempts`` tries in all) while it fails with ``ConnectionLost``."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except ConnectionLost:
            if attempt == attempts:
                raise
            log.warning("database connection lost; running the transaction again (try %d)", attempt + 1)
    raise AssertionError("unreachable")  # pragma: no cover
