"""At start, hand over to a newer desk program the province sent (staged, verified, applied at this start).

The installed program (``C:\\Program Files\\motcua`` or ``/opt/motcua``) stays as installed: a program
release is unpacked in the clerk's data folder (``updates/program/staged/<version>``), where the clerk's own
account may write without an administrator, and the installed program starts it instead of itself while it is
newer. Going back (``motcua update rollback program`` or the desk's "Return to the previous version") makes
the installed program, or the version before, start again. An installer version newer than the staged one
wins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workstation.installed_versions import InstalledVersions, newer

HANDED_OVER = "MOTCUA_HANDED_OVER"
"""Set in the environment of the program started by the hand-over, so it never hands over again."""


def program_to_start(
    data_dir: Path, running_version: str, environ: dict[str, str] | None = None
) -> Path | None:
    """The staged program to start instead of this one (after applying a pending one), or ``None``."""
    if (os.environ if environ is None else environ).get(HANDED_OVER):
        return None
    versions = InstalledVersions(data_dir)
    versions.apply_pending("program")
    active = versions.state("program").active
    folder = versions.active_dir("program")
    if active is None or folder is None or not newer(active, running_version):
        return None
    program = folder / ("motcua.exe" if sys.platform == "win32" else "motcua")
    return program if program.is_file() and os.access(program, os.X_OK) else None


def hand_over(program: Path, argv: list[str]) -> None:
    """Replace this process with ``program`` (same arguments); returns only if that cannot be done."""
    os.environ[HANDED_OVER] = "1"
    try:
        if sys.platform == "win32":  # no exec on Windows: start it and leave
            import subprocess

            subprocess.Popen([str(program), *argv])  # noqa: S603 - a verified, staged program
            raise SystemExit(0)
        os.execv(program, [str(program), *argv])  # noqa: S606
    except OSError:
        os.environ.pop(HANDED_OVER, None)  # the installed program carries on
