"""The store for one IT command alone: ``restore``, ``recover`` and ``rotate-key`` refuse while the desk (or
another IT command) has it open, instead of changing its key or files under it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from workstation.it_commands.console import EXIT_UNAVAILABLE, CommandFailed
from workstation.it_commands.workstation_paths import WorkstationPaths
from workstation.store_lock import StoreInUse, StoreLock


@contextmanager
def exclusive_use(paths: WorkstationPaths, command: str) -> Iterator[StoreLock]:
    """Hold this workstation's store lock for ``motcua command`` while the block runs, or refuse in words."""
    try:
        lock = StoreLock.acquire(paths.store_folder, holder=f"motcua {command}")
    except StoreInUse as exc:
        raise CommandFailed(
            f"the store is in use by {exc.holder or 'another motcua program'}. Close motcua on this "
            f"workstation (or wait for the other IT command to finish), then run motcua {command} again; "
            "nothing was changed",
            EXIT_UNAVAILABLE,
        ) from None
    with lock:
        yield lock
