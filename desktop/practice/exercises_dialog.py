"""The exercises panel: the trainee's name, the list of tasks, "Check" (results read from the practice store
in the background, each with its explanation), the trainee's progress, and "Reset to the start"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.warning_text import error_label
from workstation.practice.exercises import ExerciseResult

Check = Callable[[str], tuple[tuple[ExerciseResult, ...], dict[str, str]]]


class ExercisesDialog(QDialog):
    """``check(trainee)`` runs on a worker thread and returns the results and the trainee's progress."""

    reset_requested = Signal(str)

    def __init__(self, background: Background, check: Check, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._check = check
        self.results: tuple[ExerciseResult, ...] = ()
        self.busy = False
        self.setWindowTitle(self.tr("Practice exercises"))
        self.trainee = QLineEdit(self)
        self.trainee.setObjectName("trainee")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Done"), self.tr("Exercise"), self.tr("What the check found")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.progress = QLabel(self)
        self.message = error_label(self)
        self.check_button = QPushButton(self.tr("&Check my work"), self)
        self.check_button.setDefault(True)
        self.reset_button = QPushButton(self.tr("&Reset to the start…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        form = QFormLayout()
        form.addRow(self.tr("&Trainee:"), self.trainee)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.check_button.clicked.connect(self.check)
        self.trainee.returnPressed.connect(self.check)
        self.reset_button.clicked.connect(self._reset)
        self.close_button.clicked.connect(self.close)
        self.resize(1100, 560)

    def check(self) -> None:
        name = " ".join(self.trainee.text().split())
        if not name:
            self.message.setText(self.tr("Type your name first: progress is kept per trainee."))
            self.trainee.setFocus()
            return
        if self.busy:
            return
        self.busy = True
        self.message.setText(self.tr("Checking…"))
        check = self._check
        self._background.run(lambda: check(name), on_success=self._show, on_failure=self._failed, owner=self)

    def _show(self, outcome: tuple[tuple[ExerciseResult, ...], dict[str, str]]) -> None:
        self.busy = False
        results, progress = outcome
        self.results = results
        self.message.setText("")
        self.table.setRowCount(len(results))
        for row, result in enumerate(results):
            mark = QTableWidgetItem("✔" if result.passed else "✘")
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setForeground(Qt.GlobalColor.darkGreen if result.passed else Qt.GlobalColor.darkRed)
            self.table.setItem(row, 0, mark)
            self.table.setItem(row, 1, QTableWidgetItem(result.exercise.title))
            self.table.setItem(row, 2, QTableWidgetItem(result.explanation))
        self.table.resizeRowsToContents()
        done = sum(1 for r in results if r.exercise.key in progress)
        self.progress.setText(
            self.tr("Progress: %1 of %2 exercises done.")
            .replace("%1", str(done))
            .replace("%2", str(len(results)))
        )

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.message.setText(
            self.tr("The check could not run (%1).").replace(
                "%1", getattr(error, "kind", type(error).__name__)
            )
        )

    def _reset(self) -> None:
        self.reset_requested.emit(" ".join(self.trainee.text().split()))
