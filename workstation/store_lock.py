"""One program at a time on a workstation's store: the desk, or an IT command that rewrites the store.

The lock is an operating-system lock on a file next to the store folder (``store`` → ``store.lock``; next to
it, not in it, because a restore replaces the folder whole): ``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows. The system releases it when the process ends, however it ends, so a desk that crashed never
blocks the next start: the file stays, but nobody holds it. While held, the file names its holder (a
program and a process number, never a person) so that a refusal can say who has the store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from workstation.errors import WorkstationError

LOCK_SUFFIX = ".lock"
HOLDER_OFFSET = 1
"""The holder's description starts after the one locked byte (Windows locks byte ranges, not files)."""
MAX_HOLDER_BYTES = 200


class StoreInUse(WorkstationError):
    """Another program (``holder``, when it said so) has this store open; nothing was done."""

    def __init__(self, holder: str | None) -> None:
        super().__init__(f"the store is in use by {holder or 'another motcua program'}")
        self.holder = holder


def lock_file_for(store_folder: Path | str) -> Path:
    """The lock file of the store in ``store_folder``: beside the folder, named after it."""
    folder = Path(store_folder)
    return folder.with_name(folder.name + LOCK_SUFFIX)


def _try_lock(file: BinaryIO) -> bool:
    """Take the lock without waiting; False if another open file (in any process) holds it."""
    if sys.platform == "win32":
        import msvcrt

        file.seek(0)
        try:
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(file: BinaryIO) -> None:
    if sys.platform == "win32":
        import msvcrt

        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def _read_holder(file: BinaryIO) -> str | None:
    try:
        file.seek(HOLDER_OFFSET)
        text = file.read(MAX_HOLDER_BYTES).decode("utf-8", errors="replace").strip("\0 \r\n")
    except OSError:
        return None
    return text or None


class StoreLock:
    """The held lock of one store; :meth:`release` (or leaving the ``with`` block) lets it go."""

    def __init__(self, path: Path, file: BinaryIO) -> None:
        self.path = path
        self._file: BinaryIO | None = file

    @classmethod
    def acquire(cls, store_folder: Path | str, *, holder: str) -> StoreLock:
        """Lock the store in ``store_folder`` for ``holder`` (e.g. "the desk"), or raise :class:`StoreInUse`.

        Never waits. ``holder`` is shown to whoever is refused meanwhile: name a program, never a person.
        """
        path = lock_file_for(store_folder)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        file = os.fdopen(descriptor, "r+b", buffering=0)
        try:
            if not _try_lock(file):
                raise StoreInUse(_read_holder(file))
            file.truncate(0)
            file.seek(HOLDER_OFFSET)
            file.write(f"{holder} (process {os.getpid()})\n".encode()[:MAX_HOLDER_BYTES])
        except BaseException:
            file.close()
            raise
        return cls(path, file)

    @property
    def held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        """Let the store go (idempotent). The file stays: deleting it could race with the next taker."""
        file, self._file = self._file, None
        if file is None:
            return
        try:
            file.truncate(0)
            _unlock(file)
        finally:
            file.close()

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
