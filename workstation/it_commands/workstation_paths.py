"""Where this workstation keeps its settings, store, key file and logs (as the desk finds them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sync.migrations import Migrations
from sync.store import StorePaths
from workstation.settings import (
    LocalSettings,
    load_local_settings,
    resolve_locations,
    store_folder_for,
)

LOG_FOLDER_NAME = "logs"


@dataclass(frozen=True)
class WorkstationPaths:
    """The data folder (``--data-dir`` or the default), the plain settings, the store's parts, the logs."""

    data_dir: Path
    settings_file: Path
    local: LocalSettings
    store: StorePaths

    @property
    def store_folder(self) -> Path:
        return self.store.folder

    @property
    def database(self) -> Path:
        return self.store.database

    @property
    def key_file(self) -> Path:
        return self.store.key_file

    @property
    def log_dir(self) -> Path:
        return self.data_dir / LOG_FOLDER_NAME

    def has_store(self) -> bool:
        return self.key_file.is_file() and self.database.is_file()


def workstation_paths(data_dir: Path | str | None) -> WorkstationPaths:
    """The paths of the workstation whose data folder is ``data_dir`` (``None``: the user's default)."""
    locations = resolve_locations(data_dir)
    local = load_local_settings(locations.settings_file)
    folder = store_folder_for(locations, local)
    return WorkstationPaths(
        locations.settings_file.parent, locations.settings_file, local, StorePaths(folder)
    )


def shown_path(path: Path | str) -> str:
    """A path for a report that may leave the machine: the user's home folder shown as ``~``."""
    text = str(path)
    home = os.path.expanduser("~")
    if home and home not in ("/", "~") and text.startswith(home):
        return "~" + text[len(home) :]
    return text


def desk_migrations() -> Migrations:
    """The migrations the desk opens its store with (the store's own, plus the desk's tables)."""
    from workstation.dossier_desk import DESK_MIGRATIONS

    return DESK_MIGRATIONS
