"""Windows: the desk's data lives in the local application data folder, moved once from the roaming one.

Earlier versions kept the store in ``%APPDATA%`` (the roaming profile), which domain logons copy to and from
a server at every sign-in and sign-out: slow, and a half-copied SQLCipher file is a damaged store. The data
folder is now ``%LOCALAPPDATA%\\motcua\\motcua``. At the first start after the update, a roaming folder with
data and no local one is moved there (a rename on the same disk; a copy, then the old folder renamed aside,
otherwise). If neither works (a file held open, no space), the desk keeps using the roaming folder and logs
why.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

MOVED_SUFFIX = ".moved-to-local"
"""The old roaming folder, renamed aside after a copy, so it is never read again (IT may delete it)."""


@dataclass(frozen=True)
class MigrationOutcome:
    """The folder the desk uses, and what happened: ``moved``, ``copied``, ``kept`` or ``none``."""

    folder: Path
    action: str


def _has_data(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def move_roaming_data(local: Path, roaming: Path) -> MigrationOutcome:
    """Move the data folder from ``roaming`` to ``local`` when only the roaming one holds data."""
    if not _has_data(roaming) or _has_data(local):
        return MigrationOutcome(local, "none")
    local.parent.mkdir(parents=True, exist_ok=True)
    if local.is_dir():
        local.rmdir()  # empty: made by an earlier start that found nothing to move
    try:
        os.replace(roaming, local)
        logger.info("the data folder was moved from the roaming profile to the local one")
        return MigrationOutcome(local, "moved")
    except OSError:
        pass  # another disk (a redirected profile), or a file held open: copy instead
    partial = local.with_name(local.name + ".partial")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(roaming, partial)
        os.replace(partial, local)
        os.replace(roaming, roaming.with_name(roaming.name + MOVED_SUFFIX))
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if _has_data(local) and _has_data(roaming):  # copied, but the old folder could not be renamed aside
            shutil.rmtree(local, ignore_errors=True)
        logger.warning(
            "the data folder could not leave the roaming profile (%s): it stays there", exc.strerror
        )
        return MigrationOutcome(roaming, "kept")
    logger.info("the data folder was copied from the roaming profile to the local one")
    return MigrationOutcome(local, "copied")
