"""A simple stacked bar chart of on-time figures per procedure, painted with QPainter (no QtCharts).

:func:`paint_chart` draws on any paint device (the widget, a PDF page); :class:`OnTimeChart` is the widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dossiers.reports import ProcedureStats

COLOURS = (QColor("#2e7d32"), QColor("#1565c0"), QColor("#c62828"), QColor("#9e9e9e"))
"""Early, on time, late, pending."""


def _parts(row: ProcedureStats) -> tuple[int, int, int, int]:
    return (row.early, row.on_time, row.late, row.pending)


def paint_chart(
    painter: QPainter,
    area: QRectF,
    stats: Sequence[ProcedureStats],
    legend: Sequence[str],
    empty_text: str,
) -> None:
    """One horizontal stacked bar per procedure in ``area``, the legend on top; ``empty_text`` if none."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    pen = painter.pen()
    if not stats:
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, empty_text)
        painter.restore()
        return
    # legend
    x = area.left()
    for colour, text in zip(COLOURS, legend, strict=False):
        painter.fillRect(QRectF(x, area.top() + line * 0.2, line * 0.8, line * 0.8), colour)
        x += line
        painter.drawText(QRectF(x, area.top(), metrics.horizontalAdvance(text) + 2, line), text)
        x += metrics.horizontalAdvance(text) + line
    top = area.top() + line * 1.8
    label_width = min(
        area.width() * 0.38, max(metrics.horizontalAdvance(r.procedure_name) for r in stats) + 8
    )
    number_width = metrics.horizontalAdvance("00000") + 8
    bar_left = area.left() + label_width
    bar_width = max(10.0, area.width() - label_width - number_width)
    biggest = max(max(r.total for r in stats), 1)
    row_height = min(line * 2.0, max(line * 1.2, (area.bottom() - top) / len(stats)))
    for index, row in enumerate(stats):
        y = top + index * row_height
        label = metrics.elidedText(
            row.procedure_name or row.procedure_code, Qt.TextElideMode.ElideRight, label_width - 8
        )
        painter.setPen(pen)
        painter.drawText(
            QRectF(area.left(), y, label_width - 8, row_height),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            label,
        )
        x = bar_left
        bar = QRectF(0, y + row_height * 0.18, 0, row_height * 0.64)
        for colour, count in zip(COLOURS, _parts(row), strict=True):
            if count:
                width = bar_width * count / biggest
                painter.fillRect(QRectF(x, bar.top(), width, bar.height()), colour)
                x += width
        painter.drawText(
            QRectF(x + 4, y, number_width, row_height), Qt.AlignmentFlag.AlignVCenter, str(row.total)
        )
    painter.setPen(QPen(QColor("#616161")))
    painter.drawLine(bar_left, top, bar_left, top + row_height * len(stats))
    painter.restore()


class OnTimeChart(QWidget):
    """The chart as a widget: :meth:`set_stats` for new figures, :meth:`set_labels` on a language change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("on-time-chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stats: tuple[ProcedureStats, ...] = ()
        self.legend: tuple[str, ...] = ("early", "on time", "late", "pending")
        self.empty_text = ""

    def set_stats(self, stats: Sequence[ProcedureStats]) -> None:
        self.stats = tuple(stats)
        self.updateGeometry()
        self.update()

    def set_labels(self, legend: Sequence[str], empty_text: str) -> None:
        self.legend = tuple(legend)
        self.empty_text = empty_text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        line = self.fontMetrics().height()
        return QSize(520, int(line * (3 + 2 * max(1, len(self.stats)))))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().text().color())
        paint_chart(
            painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), self.stats, self.legend, self.empty_text
        )
        painter.end()
