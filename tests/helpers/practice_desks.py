"""Practice mode for journey tests: the desk program as ``motcua --practice`` builds it, and the practice
cards read back from their printed PDF with a real QR decoder (poppler + zbar)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import DeskProgram, build
from desktop.practice.practice_desk import practice_desk
from sync.log_redaction import reset_logging
from tests.helpers.desk_driver import close_desk


@contextmanager
def practice_program(data_dir: Path) -> Iterator[DeskProgram]:
    """``build()`` as ``desktop.__main__`` calls it for ``motcua --practice``, closed down afterwards."""
    app = QApplication.instance()
    font = app.font() if isinstance(app, QApplication) else None
    built = build(["motcua"], data_dir=data_dir, practice=True, practice_desk=practice_desk)
    try:
        yield built
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
        if font is not None:
            built.app.setFont(font)


def scanned_cards(pdf: Path, work: Path) -> list[str]:
    """Every QR text on the first page of a cards PDF, as a scanner reads the printed page."""
    stem = work / "cards"
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
    [page] = sorted(work.glob("cards*.png"))
    result = subprocess.run(["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line.strip()]
