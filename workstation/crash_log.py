"""The desk's log files from the first start: ``motcua.log`` (redacted) and ``crash.log`` (what killed it).

:func:`start_logging` configures the project's redacting logger (``sync.log_redaction``) with a file in the
data folder's ``logs/``, writes a first line so the file exists at once, and installs the crash log:

- ``sys.excepthook`` (which PySide6 also calls for an exception raised in a Qt slot) and
  ``threading.excepthook`` log the traceback through the redacting logger, into both files;
- ``faulthandler`` writes the Python stacks of every thread to ``crash.log`` when the process dies of a
  fatal signal (a segmentation fault in Qt, an abort). Those dumps hold file and function names only.

A packaged windowed program has no stderr: nothing here writes to it unless it exists.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from sync.log_redaction import RedactingFormatter, configure_logging

CRASH_LOG_NAME = "crash.log"
MAX_CRASH_LOG_BYTES = 1_000_000
"""At start, a longer crash log becomes ``crash.log.1`` (replacing the one before) and a new one begins."""
CRASH_LOGGER = "motcua.crash"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]

log = logging.getLogger(CRASH_LOGGER)


@dataclass
class CrashLog:
    """The installed hooks and the open crash file; :meth:`close` puts the previous hooks back."""

    log_file: Path | None
    crash_file: Path
    stream: TextIO
    handler: logging.Handler
    previous_excepthook: ExceptHook
    previous_thread_hook: ThreadHook
    faulthandler_was_enabled: bool

    def close(self) -> None:
        sys.excepthook = self.previous_excepthook
        threading.excepthook = self.previous_thread_hook
        faulthandler.disable()
        if self.faulthandler_was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(file=sys.__stderr__)
        log.removeHandler(self.handler)
        self.handler.close()
        self.stream.close()


def _log_uncaught(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    log.critical("uncaught exception: %s", kind.__name__, exc_info=(kind, error, trace))


def _log_thread_uncaught(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    thread = args.thread.name if args.thread is not None else "?"
    log.critical(
        "uncaught exception in thread %s: %s",
        thread,
        args.exc_type.__name__,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def start_logging(log_dir: Path, *, program: str, version: str, now: Callable[[], datetime]) -> CrashLog:
    """Log to ``log_dir/motcua.log`` (redacted) and keep a crash log in ``log_dir/crash.log``, from now on."""
    log_file = configure_logging(log_dir)
    crash_file = log_dir / CRASH_LOG_NAME
    if crash_file.is_file() and crash_file.stat().st_size > MAX_CRASH_LOG_BYTES:
        crash_file.replace(crash_file.with_name(CRASH_LOG_NAME + ".1"))
    stream = open(crash_file, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (kept open for faulthandler)
    stream.write(f"--- {program} {version} started {now().isoformat()} (process {os.getpid()})\n")
    stream.flush()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter())
    log.addHandler(handler)  # crash lines go to crash.log, and on to motcua.log through the root logger
    crash = CrashLog(
        log_file,
        crash_file,
        stream,
        handler,
        sys.excepthook,
        threading.excepthook,
        faulthandler.is_enabled(),
    )
    faulthandler.enable(file=stream, all_threads=True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_uncaught
    logging.getLogger("motcua").info("%s %s started", program, version)
    return crash
