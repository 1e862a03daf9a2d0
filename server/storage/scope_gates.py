"""One waiting line per scope (a commune's events, an attachment) inside a server process.

A scope's transactions are serialised by the database (``lock_scope``: an advisory lock on PostgreSQL), but
waiting for that lock holds a connection of the process's small pool: ten desks of one commune pushing at
once took every connection of the pool while they waited for one another, and the other communes' syncs,
the pulls and the sign-ins of the whole server waited for a connection behind them (issue 14). Here, a
process lets one transaction per scope at a time go for a connection; the others wait in line without one.
The database lock still holds across processes (``[server] workers``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ScopeGates:
    """A lock per scope name, made when first needed and dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._gates: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def hold(self, name: str) -> Iterator[None]:
        """Wait for ``name``'s turn in this process; the turn lasts until the block ends."""
        with self._guard:
            gate, users = self._gates.get(name, (threading.Lock(), 0))
            self._gates[name] = (gate, users + 1)
        try:
            with gate:
                yield
        finally:
            with self._guard:
                gate, users = self._gates[name]
                if users == 1:
                    del self._gates[name]
                else:
                    self._gates[name] = (gate, users - 1)

    def __len__(self) -> int:
        """Scopes held or waited for now."""
        with self._guard:
            return len(self._gates)
