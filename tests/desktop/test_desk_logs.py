"""The desk's log files, written by the real program in a subprocess: ``logs/motcua.log`` and
``logs/crash.log`` exist from the first start, an exception in a Qt slot or a worker thread leaves its
traceback there (without the personal data in its message), and a fatal crash leaves the stacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sync.folding import fold
from sync.log_redaction import LOG_FILE_NAME
from workstation.crash_log import CRASH_LOG_NAME
from workstation.it_commands.workstation_paths import LOG_FOLDER_NAME

REPOSITORY = Path(__file__).resolve().parents[2]
APPLICANT = "Nguyễn Văn An"
PHONE = "0912345678"

# The real entry point (desktop.__main__.main), with stdout and stderr gone as in the packaged windowed
# program; the desk's event loop then runs the slots below, then quits.
DESK_SCRIPT = f"""
import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.__main__ import main


def save_the_dossier():
    applicant, phone = {APPLICANT!r}, {PHONE!r}
    raise ValueError(f"could not save the dossier of {{applicant}}, phone {{phone}}")


def sync_in_a_thread():
    def sync_worker():
        raise OSError(f"the provincial server refused the dossier of {{' '.join(['Trần', 'Thị', 'Bích'])}}")

    threading.Thread(target=sync_worker, name="sync-worker").start()


def crash():
    import faulthandler

    faulthandler._sigsegv()


app = QApplication(sys.argv[:1])
for delay, name in zip((400, 600), sys.argv[2].split(",")):
    QTimer.singleShot(delay, globals()[name])
QTimer.singleShot(2000, app.quit)
sys.stdout = sys.stderr = None
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def _run_desk(tmp_path: Path, slots: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    script = tmp_path / "desk_with_faults.py"
    script.write_text(DESK_SCRIPT, encoding="utf-8")
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)}
    done = subprocess.run(
        [sys.executable, str(script), str(data), slots], capture_output=True, text=True, timeout=120, env=env
    )
    return done, data / LOG_FOLDER_NAME


def test_an_exception_in_a_slot_or_a_thread_is_logged_without_personal_data(tmp_path: Path) -> None:
    done, logs = _run_desk(tmp_path, "save_the_dossier,sync_in_a_thread")
    assert done.returncode == 0, done.stderr
    log = (logs / LOG_FILE_NAME).read_text(encoding="utf-8")
    crash = (logs / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "motcua desk" in log and "started" in log  # written from the first start
    for text in (log, crash):
        assert "Traceback (most recent call last)" in text
        assert "in save_the_dossier" in text and "ValueError: could not save the dossier of" in text
        assert "in sync_worker" in text and "uncaught exception in thread sync-worker" in text
        assert "OSError: the provincial server refused the dossier of" in text
        for personal in (APPLICANT, PHONE, "Trần Thị Bích"):
            assert personal not in text and fold(personal) not in fold(text)
    assert "[NAME]" in log and "[PHONE]" in log


def test_a_fatal_crash_leaves_the_stacks_in_the_crash_log(tmp_path: Path) -> None:
    done, logs = _run_desk(tmp_path, "crash")
    assert done.returncode != 0
    crash = (logs / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "started" in crash.splitlines()[0]
    assert "Fatal Python error: Segmentation fault" in crash
    assert "in crash" in crash and "desktop/app.py" in crash.replace("\\", "/")  # inside the event loop
    assert (logs / LOG_FILE_NAME).is_file()
