"""Free space on the server's data directory (issue 14, finding 5): a full disk is seen before a write fails.

Below ``limits.min_free_disk_mib`` free on any folder the server writes to (the SQLite database's folder, the
log folder), ``/healthz`` says so in its body, ``/readyz`` answers 507 ``disk_full`` and every write request
(any method but GET, HEAD and OPTIONS under ``/v1``) is refused 507 ``disk_full`` in words before it is read,
so nothing is half-written. The figure is read at most once a second (``os.statvfs``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from server.config import SQLITE_PREFIX, ServerConfig
from server.errors import DiskFull

MIB = 1024 * 1024
READ_EVERY = 1.0


def data_folders(config: ServerConfig) -> list[Path]:
    """The folders the server writes to: the SQLite database's, the log folder (PostgreSQL keeps its own
    disk: a full one there answers 507 from the database's own error)."""
    folders = []
    if config.database.startswith(SQLITE_PREFIX):
        folders.append(Path(config.database[len(SQLITE_PREFIX) :]).parent)
    if config.log_dir is not None:
        folders.append(Path(config.log_dir))
    return folders


def _free_bytes(folder: Path) -> int | None:
    """Free bytes for this process on the file system holding ``folder`` (or its nearest existing parent)."""
    path = folder.resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        stats = os.statvfs(path)
    except OSError:
        return None
    return stats.f_bavail * stats.f_frsize


class DiskSpace:
    """The free space of ``folders`` against ``min_free_bytes``."""

    def __init__(
        self,
        folders: Iterable[Path],
        min_free_bytes: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folders = list(folders)
        self.min_free_bytes = min_free_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._read_at: float | None = None
        self._free: int | None = None

    def free_bytes(self) -> int | None:
        """The least free space among the folders (``None`` if there is none to watch)."""
        with self._lock:
            now = self._clock()
            if self._read_at is None or now - self._read_at >= READ_EVERY:
                figures = [f for f in (_free_bytes(folder) for folder in self.folders) if f is not None]
                self._free = min(figures) if figures else None
                self._read_at = now
            return self._free

    def problem(self) -> str | None:
        """Words for IT when the disk is (nearly) full, else ``None``."""
        free = self.free_bytes()
        if free is None or free >= self.min_free_bytes:
            return None
        return (
            f"the server's disk is full: {free // MIB} MiB free, below limits.min_free_disk_mib "
            f"({self.min_free_bytes // MIB} MiB); writes are refused until IT frees space"
        )

    def check(self) -> None:
        """Raise :class:`DiskFull` (507, in words) while the disk is below its minimum."""
        problem = self.problem()
        if problem is not None:
            raise DiskFull(problem)
