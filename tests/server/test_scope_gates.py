"""A server process's line per scope: one holder per scope at a time, other scopes pass, none kept after."""

from __future__ import annotations

import threading

from server.storage.scope_gates import ScopeGates


def test_one_holder_per_scope_other_scopes_pass_and_no_gate_is_kept_once_free() -> None:
    gates = ScopeGates()
    inside = threading.Event()
    release = threading.Event()
    second_in = threading.Event()

    def first() -> None:
        with gates.hold("commune:00004"):
            inside.set()
            release.wait(10)

    def second() -> None:
        with gates.hold("commune:00004"):
            second_in.set()

    holder = threading.Thread(target=first)
    holder.start()
    assert inside.wait(10)
    waiter = threading.Thread(target=second)
    waiter.start()
    assert not second_in.wait(0.2)  # the same commune waits its turn
    with gates.hold("commune:00008"):  # another commune does not
        assert len(gates) == 2
    release.set()
    holder.join(10)
    waiter.join(10)
    assert second_in.is_set() and len(gates) == 0  # one gate per attachment hash would otherwise pile up
