"""Guards against a Qt binding that leaks references to None/True (PySide6 6.12.0 on Python 3.11 does).

Such a leak aborts the desk application after a few thousand Qt calls or clicks, so pyproject.toml pins
PySide6-Essentials below 6.12; this test fails if an upgrade brings the leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox


class _Emitter(QObject):
    value = Signal(object)


def test_void_calls_do_not_leak_none(qapp) -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) >= before - 50


def test_bools_through_signals_do_not_leak(qapp) -> None:
    emitter, box, seen = _Emitter(), QCheckBox(), []
    emitter.value.connect(seen.append)
    box.toggled.connect(lambda checked: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.value.emit(True)
        box.setChecked(not box.isChecked())
    seen.clear()
    assert sys.getrefcount(True) >= before - 50
