"""A guard against a reference-count bug of PySide6 6.12 on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every bool that crosses from Qt to Python, through a signal
to a Python slot (``clicked(bool)``, ``toggled(bool)``, even ``Signal(object)`` carrying ``True``) or as the
return value of a Python override (``isComplete``), loses one reference to ``True``. ``True`` starts with
about 600, so a few hundred clicks end in "Fatal Python error: bool_dealloc" and the desk vanishes. From
CPython 3.12 on, ``True``/``False`` are immortal and the bug is harmless.

The guard holds spare references to ``True`` and ``False`` (8 bytes each) and tops them up when they run low,
so the lost references come out of the spare ones. Remove it once the desk requires CPython 3.12 or a fixed
PySide6 (``tests/desktop/test_bool_refcount_guard.py`` shows whether the bug is still there).
"""

from __future__ import annotations

import sys

RESERVE = 200_000
_spare: list[bool] = []


def needed() -> bool:
    """Whether this Python can free ``True``/``False`` at all (CPython before 3.12)."""
    return sys.version_info < (3, 12)


def top_up(reserve: int = RESERVE) -> int:
    """Add ``reserve`` spare references to each bool whose count fell below half of it; returns how many."""
    if not needed():
        return 0
    added = 0
    for value in (True, False):
        if sys.getrefcount(value) < reserve // 2:
            _spare.extend([value] * reserve)
            added += reserve
    return added
