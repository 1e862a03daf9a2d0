"""``motcua sync-interval SECONDS``: how often this enrolled desk syncs by itself (kept in the plain settings
file; the desk also syncs after each reception, when the server is back and before it closes)."""

from __future__ import annotations

from dataclasses import replace

from workstation.errors import SettingsError
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.workstation_paths import WorkstationPaths
from workstation.settings import save_local_settings


def run_sync_interval(paths: WorkstationPaths, seconds: int | None, console: Console) -> int:
    """Show the interval (``seconds`` ``None``) or set it (0: off); takes effect at the desk's next start."""
    if seconds is None:
        current = paths.local.sync_interval_seconds
        console.say(f"automatic sync every {current} s" if current else "automatic sync on a timer: off")
        return EXIT_OK
    try:
        local = replace(paths.local, sync_interval_seconds=seconds)
    except SettingsError as exc:
        raise CommandFailed(str(exc)) from None
    try:
        save_local_settings(paths.settings_file, local)
    except OSError as exc:
        raise CommandFailed(f"the settings file cannot be written ({type(exc).__name__})") from None
    console.say(
        f"automatic sync every {seconds} s from the desk's next start"
        if seconds
        else "automatic sync on a timer: off"
    )
    return EXIT_OK
