"""Making a rename or a new file in a folder survive a power cut."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_directory(folder: Path) -> None:
    """Flush ``folder``'s entries to disk (after a rename or a new file in it).

    Windows cannot open a folder for this (NTFS journals the rename), and some file systems (a FAT USB stick)
    refuse it: there is nothing more to do then.
    """
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
