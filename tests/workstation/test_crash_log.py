"""``start_logging`` in this process: both files exist at once, and ``close`` puts the previous hooks back."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from sync.log_redaction import LOG_FILE_NAME, reset_logging
from tests.helpers.workstations import Clock
from workstation.crash_log import CRASH_LOG_NAME, MAX_CRASH_LOG_BYTES, start_logging


def test_the_files_exist_from_the_start_and_close_restores_the_hooks(tmp_path: Path) -> None:
    hooks = (sys.excepthook, threading.excepthook)
    logs = tmp_path / "data" / "logs"
    crash = start_logging(logs, program="motcua desk", version="9.9", now=Clock())
    try:
        assert (sys.excepthook, threading.excepthook) != hooks
        assert (logs / LOG_FILE_NAME).read_text(encoding="utf-8").endswith("motcua desk 9.9 started\n")
        first = (logs / CRASH_LOG_NAME).read_text(encoding="utf-8")
        assert first.startswith("--- motcua desk 9.9 started 2025-09-15T08:00:00+00:00 (process ")
        try:
            raise KeyError("Nguyễn Thị Lan, 0912 345 678")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        crash.close()
        reset_logging()
    assert (sys.excepthook, threading.excepthook) == hooks
    text = (logs / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "KeyError: '[NAME], [PHONE]'" in text and "Lan" not in text


def test_a_long_crash_log_is_set_aside_at_start(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / CRASH_LOG_NAME).write_text("x" * (MAX_CRASH_LOG_BYTES + 1))
    crash = start_logging(logs, program="motcua desk", version="9.9", now=Clock())
    crash.close()
    reset_logging()
    assert (logs / (CRASH_LOG_NAME + ".1")).stat().st_size == MAX_CRASH_LOG_BYTES + 1
    assert (logs / CRASH_LOG_NAME).read_text().startswith("--- motcua desk 9.9 started")
