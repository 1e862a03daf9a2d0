"""The guard keeps True/False alive although PySide6 6.12 on CPython 3.11 drops references to them."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from desktop import bool_refcount_guard


class _Emitter(QObject):
    flag = Signal(bool)

    def slot(self, value: bool) -> None:
        pass


def test_many_bool_signals_do_not_end_the_process(qapp) -> None:
    emitter = _Emitter()
    emitter.flag.connect(emitter.slot)
    for _ in range(5_000):  # without the guard, CPython 3.11 aborts after about 600
        emitter.flag.emit(True)
    assert sys.getrefcount(True) > 1_000


@pytest.mark.skipif(not bool_refcount_guard.needed(), reason="True and False are immortal on this Python")
def test_top_up_adds_spare_references_only_when_low() -> None:
    before = sys.getrefcount(True)
    assert bool_refcount_guard.top_up(reserve=16) == 0  # plenty left: nothing added
    added = bool_refcount_guard.top_up(reserve=4 * before)
    assert added >= 4 * before and sys.getrefcount(True) >= 5 * before - 10
