"""Practice printing: while practice mode runs, every printed form carries the diagonal practice mark and
its dossier code as practice writes it (``TH-…``, refused by the real code parser).

Practice mode switches it on (:func:`start_practice_printing`) and off when it ends; the form renderer asks
:func:`practice_printing` on every print. ``printed`` (if given) hears which form was printed for which code,
so the exercises can tell that a letter was printed.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from dossiers.practice_marks import PRACTICE_MARK, practice_code_text

Printed = Callable[[str, str], None]


@dataclass(frozen=True)
class PracticePrinting:
    printed: Printed | None = None


_current: PracticePrinting | None = None


def start_practice_printing(printed: Printed | None = None) -> None:
    global _current  # noqa: PLW0603 (one switch for the whole process: practice mode is the whole desk)
    _current = PracticePrinting(printed)


def stop_practice_printing() -> None:
    global _current  # noqa: PLW0603
    _current = None


def practice_printing() -> PracticePrinting | None:
    return _current


def marked_form(form: Any) -> Any:
    """``form`` with its dossier code (and its register rows' codes) written the practice way."""
    changes: dict[str, object] = {}
    code = getattr(form, "dossier_code", None)
    if isinstance(code, str) and code:
        changes["dossier_code"] = practice_code_text(code)
    rows = getattr(form, "rows", None)
    if isinstance(rows, tuple) and rows and dataclasses.is_dataclass(rows[0]):
        changes["rows"] = tuple(
            dataclasses.replace(row, dossier_code=practice_code_text(row.dossier_code))  # type: ignore[arg-type]
            if isinstance(getattr(row, "dossier_code", None), str) and row.dossier_code
            else row
            for row in rows
        )
    return dataclasses.replace(form, **changes) if changes else form  # type: ignore[type-var]


def paint_mark(painter: QPainter, area: QRectF) -> None:
    """The practice mark across ``area``, diagonally, in light red letters."""
    painter.save()
    diagonal = (area.width() ** 2 + area.height() ** 2) ** 0.5
    font = QFont()
    font.setBold(True)
    font.setPixelSize(100)
    painter.setFont(font)
    wide = painter.fontMetrics().horizontalAdvance(PRACTICE_MARK) or 1
    font.setPixelSize(max(8, int(100 * 0.75 * diagonal / wide)))  # three quarters of the diagonal
    painter.setFont(font)
    painter.setPen(QColor(200, 30, 30, 110))
    painter.translate(area.center())
    painter.rotate(-math.degrees(math.atan2(area.height(), area.width())))
    height = 2 * font.pixelSize()
    painter.drawText(
        QRectF(-diagonal / 2, -height / 2, diagonal, height), Qt.AlignmentFlag.AlignCenter, PRACTICE_MARK
    )
    painter.restore()
    painter.save()  # and once across the top margin, level, so it reads in any text copy of the page
    small = QFont()
    small.setBold(True)
    small.setPixelSize(max(8, int(area.height() / 70)))
    painter.setFont(small)
    painter.setPen(QColor(200, 30, 30))
    line = QRectF(area.left(), area.top() - 2.2 * small.pixelSize(), area.width(), 1.6 * small.pixelSize())
    painter.drawText(line, Qt.AlignmentFlag.AlignCenter, PRACTICE_MARK)
    painter.restore()
