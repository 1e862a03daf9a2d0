"""Where the store lives and how this desk is set up.

Two kinds of settings:

- :class:`LocalSettings`: what is needed *before* unlocking (language, font size, where the store is), in a
  small plain JSON file beside the store. Nothing personal goes there.
- :class:`SiteSettings`: the commune, the agency identifier, opening hours, auto-lock minutes. They live
  *inside* the encrypted store (the ``meta`` table), written through the store's writer.

The functions here touch the disk: the desk calls them off the UI thread (see :mod:`desktop.background`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dossiers.dossier_codes import is_agency_identifier
from dossiers.errors import DossierError
from dossiers.working_calendar import AFTERNOON, MORNING, OpeningHours
from sync.connection import Connection
from sync.keyfile import write_file_atomically
from sync.store import Store, get_meta, set_meta
from workstation.errors import SettingsError
from workstation.roaming_migration import move_roaming_data

SETTINGS_FILE_NAME = "workstation.json"
STORE_FOLDER_NAME = "store"
LOCAL_FORMAT = "motcua-workstation-settings"
LOCAL_VERSION = 1
SITE_META_KEY = "desk.site_settings"
SITE_VERSION = 1

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
MIN_FONT_POINTS, MAX_FONT_POINTS, DEFAULT_FONT_POINTS = 9, 24, 11
MAX_GEOMETRY_CHARS = 1024
DEFAULT_CLOCK_WARNING_MINUTES = 5
MAX_CLOCK_WARNING_MINUTES = 24 * 60
MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK_MINUTES = 1, 240, 10

Week = tuple[tuple[tuple[dt.time, dt.time], ...], ...]


# --- where things are ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locations:
    """The plain settings file and the store's folder of this workstation."""

    settings_file: Path
    store_folder: Path


APP_NAME = "motcua"
"""The organisation and application name: the data folder is ``<per-user data folder>/motcua/motcua``."""


def default_data_dir(platform: str = sys.platform, environ: Mapping[str, str] | None = None) -> Path:
    """The per-user application data folder, found without Qt so that the IT commands need none.

    ``%LOCALAPPDATA%\\motcua\\motcua`` on Windows (never the roaming ``%APPDATA%``, which domain logons copy
    back and forth: see :mod:`workstation.roaming_migration`), as Qt's ``AppLocalDataLocation``; elsewhere
    where Qt's ``AppDataLocation`` puts it: ``$XDG_DATA_HOME/motcua/motcua`` or
    ``~/.local/share/motcua/motcua``.
    """
    env = os.environ if environ is None else environ
    if platform == "win32":
        base = env.get("LOCALAPPDATA", "")
    elif platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:  # a relative XDG_DATA_HOME is invalid (XDG spec) and ignored, as Qt does
        xdg = env.get("XDG_DATA_HOME", "")
        base = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".local", "share")
    if not base or not Path(base).is_absolute():
        raise SettingsError("this system has no application data folder; start motcua with --data-dir")
    return Path(base) / APP_NAME / APP_NAME


def roaming_data_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where versions before 0.2 kept the data on Windows (``%APPDATA%\\motcua\\motcua``), if known."""
    base = (os.environ if environ is None else environ).get("APPDATA", "")
    return Path(base) / APP_NAME / APP_NAME if base else None


def resolve_locations(
    data_dir: Path | str | None = None, platform: str = sys.platform, environ: Mapping[str, str] | None = None
) -> Locations:
    """The settings file lives in ``data_dir`` (``--data-dir``) or the default folder; the store beside it.

    Without ``--data-dir`` the settings file may point the store elsewhere (``data_dir`` in the file, set by
    IT, e.g. to a second disk); reading that is :func:`store_folder_for`'s job, after loading the file. On
    Windows, the default folder is first moved out of the roaming profile if an older version left it there.
    """
    if data_dir is not None:
        base = Path(data_dir)
    else:
        base = default_data_dir(platform, environ)
        roaming = roaming_data_dir(environ) if platform == "win32" else None
        if roaming is not None:
            base = move_roaming_data(base, roaming).folder
    return Locations(base / SETTINGS_FILE_NAME, base / STORE_FOLDER_NAME)


def store_folder_for(locations: Locations, local: LocalSettings) -> Path:
    """The store folder: the settings file's ``data_dir`` if IT set one, else the default beside the file."""
    if local.data_dir:
        return Path(local.data_dir) / STORE_FOLDER_NAME
    return locations.store_folder


# --- settings needed before unlocking ------------------------------------------------------------------


DEFAULT_SYNC_INTERVAL_SECONDS = 300
MIN_SYNC_INTERVAL_SECONDS, MAX_SYNC_INTERVAL_SECONDS = 2, 86_400


MAX_PLACE_NAME_CHARS = 120


@dataclass(frozen=True)
class CommuneIdentity:
    """Which commune this desk serves (codes and names only: not personal, not secret), kept in the plain
    file too so that practice mode can make its citizens there without opening the encrypted store."""

    province_code: int
    province_name: str
    commune_code: int
    commune_name: str

    def __post_init__(self) -> None:
        for name in ("province_code", "commune_code"):
            value = getattr(self, name)
            if type(value) is not int or not 0 < value < 1_000_000:
                raise SettingsError(f"{name} must be a positive number")
        for name in ("province_name", "commune_name"):
            value = getattr(self, name)
            if (
                not isinstance(value, str)
                or not value.strip()
                or len(value) > MAX_PLACE_NAME_CHARS
                or not value.isprintable()
            ):
                raise SettingsError(f"{name} must be a short name")

    def to_doc(self) -> dict[str, Any]:
        return {
            "province_code": self.province_code,
            "province_name": self.province_name,
            "commune_code": self.commune_code,
            "commune_name": self.commune_name,
        }

    @classmethod
    def from_doc(cls, doc: object) -> CommuneIdentity:
        """Parse :meth:`to_doc`'s dictionary; raises :class:`SettingsError` if it is not that."""
        if not isinstance(doc, dict):
            raise SettingsError("the commune is not a dictionary")
        try:
            return cls(doc["province_code"], doc["province_name"], doc["commune_code"], doc["commune_name"])
        except KeyError:
            raise SettingsError("the commune is incomplete") from None

    @classmethod
    def of(cls, site: SiteSettings) -> CommuneIdentity:
        return cls(site.province_code, site.province_name, site.commune_code, site.commune_name)


@dataclass(frozen=True)
class LocalSettings:
    """Language, font size, an optional store folder override and where the main window was (Qt's geometry
    as base64 text): no personal data."""

    language: str = DEFAULT_LANGUAGE
    font_points: int = DEFAULT_FONT_POINTS
    data_dir: str | None = None
    window_geometry: str | None = None
    sync_interval_seconds: int = DEFAULT_SYNC_INTERVAL_SECONDS
    """How often an enrolled desk syncs by itself (0: only on the other occasions and "Sync now")."""
    clock_warning_minutes: int = DEFAULT_CLOCK_WARNING_MINUTES
    """Warn the clerk when this PC's clock is further than this from the provincial server's (IT sets it)."""
    commune: CommuneIdentity | None = None
    """The desk's commune, copied from the site settings (for practice mode, which never opens the store)."""

    def __post_init__(self) -> None:
        interval = self.sync_interval_seconds
        if type(interval) is not int or not (
            interval == 0 or MIN_SYNC_INTERVAL_SECONDS <= interval <= MAX_SYNC_INTERVAL_SECONDS
        ):
            raise SettingsError(
                f"the sync interval is 0 (off) or {MIN_SYNC_INTERVAL_SECONDS} to "
                f"{MAX_SYNC_INTERVAL_SECONDS} seconds"
            )
        if self.language not in LANGUAGES:
            raise SettingsError(f"language must be one of {LANGUAGES}")
        if type(self.font_points) is not int or not MIN_FONT_POINTS <= self.font_points <= MAX_FONT_POINTS:
            raise SettingsError(f"font size must be {MIN_FONT_POINTS} to {MAX_FONT_POINTS} points")
        if self.data_dir is not None and (not isinstance(self.data_dir, str) or not self.data_dir.strip()):
            raise SettingsError("data_dir must be a non-empty folder path")
        geometry = self.window_geometry
        if geometry is not None and (
            not isinstance(geometry, str)
            or not 0 < len(geometry) <= MAX_GEOMETRY_CHARS
            or not geometry.isascii()
        ):
            raise SettingsError("window_geometry must be short base64 text")
        minutes = self.clock_warning_minutes
        if type(minutes) is not int or not 1 <= minutes <= MAX_CLOCK_WARNING_MINUTES:
            raise SettingsError(f"clock_warning_minutes must be 1 to {MAX_CLOCK_WARNING_MINUTES}")
        if self.commune is not None and not isinstance(self.commune, CommuneIdentity):
            raise SettingsError("commune must be a commune identity")

    def to_json(self) -> str:
        doc: dict[str, Any] = {
            "format": LOCAL_FORMAT,
            "version": LOCAL_VERSION,
            "language": self.language,
            "font_points": self.font_points,
        }
        if self.data_dir is not None:
            doc["data_dir"] = self.data_dir
        if self.window_geometry is not None:
            doc["window_geometry"] = self.window_geometry
        if self.sync_interval_seconds != DEFAULT_SYNC_INTERVAL_SECONDS:
            doc["sync_interval_seconds"] = self.sync_interval_seconds
        if self.clock_warning_minutes != DEFAULT_CLOCK_WARNING_MINUTES:
            doc["clock_warning_minutes"] = self.clock_warning_minutes
        if self.commune is not None:
            doc["commune"] = self.commune.to_doc()
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LocalSettings:
        """Parse the file; a setting that is missing or unusable falls back to its default."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(doc, dict) or doc.get("format") != LOCAL_FORMAT:
            return cls()
        result = cls()
        for name in (
            "language",
            "font_points",
            "data_dir",
            "window_geometry",
            "sync_interval_seconds",
            "clock_warning_minutes",
        ):
            if name in doc:
                try:
                    result = replace(result, **{name: doc[name]})
                except SettingsError:
                    pass
        if "commune" in doc:
            try:
                result = replace(result, commune=CommuneIdentity.from_doc(doc["commune"]))
            except SettingsError:
                pass  # damaged or hand-edited: no commune (practice falls back to its own)
        return result


def load_local_settings(path: Path | str) -> LocalSettings:
    """The settings in ``path``, or the defaults if the file is missing or damaged."""
    try:
        text = Path(path).read_bytes()[:65536].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return LocalSettings()
    return LocalSettings.from_json(text)


def save_local_settings(path: Path | str, settings: LocalSettings) -> None:
    """Write the settings file atomically (creating its folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomically(path, settings.to_json().encode("utf-8"))


# --- settings kept inside the encrypted store ------------------------------------------------------------


def office_week(*, saturday_morning: bool = False) -> Week:
    """Mon–Fri 07:30–11:30 and 13:30–17:00, optionally Saturday 07:30–11:30."""
    day = ((MORNING.start, MORNING.end), (AFTERNOON.start, AFTERNOON.end))
    week: list[tuple[tuple[dt.time, dt.time], ...]] = [day] * 5 + [(), ()]
    if saturday_morning:
        week[5] = ((MORNING.start, MORNING.end),)
    return tuple(week)


@dataclass(frozen=True)
class SiteSettings:
    """How this desk is set up: which commune, its agency identifier, when it is open, when it locks."""

    province_code: int
    province_name: str
    commune_code: int
    commune_name: str
    agency_id: str
    week: Week = field(default_factory=office_week)
    receive_only: frozenset[int] = frozenset()
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES
    recovery_key_fingerprint: str | None = None

    def __post_init__(self) -> None:
        for name in ("province_code", "commune_code"):
            value = getattr(self, name)
            if type(value) is not int or value <= 0:
                raise SettingsError(f"{name} must be a positive number")
        for name in ("province_name", "commune_name"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise SettingsError(f"{name} must not be empty")
        if not is_agency_identifier(self.agency_id):
            raise SettingsError(
                "the agency identifier is groups of capital letters and digits joined by dots"
            )
        if (
            type(self.auto_lock_minutes) is not int
            or not MIN_AUTO_LOCK_MINUTES <= self.auto_lock_minutes <= MAX_AUTO_LOCK_MINUTES
        ):
            raise SettingsError(
                f"auto-lock must be {MIN_AUTO_LOCK_MINUTES} to {MAX_AUTO_LOCK_MINUTES} minutes"
            )
        try:
            if len(self.week) != 7:
                raise SettingsError("opening hours need seven weekdays, Monday first")
            object.__setattr__(self, "week", tuple(tuple(tuple(s) for s in day) for day in self.week))
            object.__setattr__(self, "receive_only", frozenset(self.receive_only))
            self.opening_hours()
        except SettingsError:
            raise
        except (DossierError, ValueError, TypeError) as exc:
            raise SettingsError(f"the opening hours cannot be used ({type(exc).__name__})") from None

    def opening_hours(self) -> OpeningHours:
        """The opening hours for the working-day calendar."""
        days = {i: list(day) for i, day in enumerate(self.week) if day}
        return OpeningHours.of(days, make_up=(MORNING, AFTERNOON), receive_only=self.receive_only)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": SITE_VERSION,
                "province_code": self.province_code,
                "province_name": self.province_name,
                "commune_code": self.commune_code,
                "commune_name": self.commune_name,
                "agency_id": self.agency_id,
                "week": [[[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in day] for day in self.week],
                "receive_only": sorted(self.receive_only),
                "auto_lock_minutes": self.auto_lock_minutes,
                "recovery_key_fingerprint": self.recovery_key_fingerprint,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> SiteSettings:
        """Parse what :meth:`to_json` wrote; raises :class:`SettingsError` if it is not that."""
        try:
            doc = json.loads(text)
            if doc.get("version") != SITE_VERSION:
                raise SettingsError("the site settings were written by another motcua version")
            return cls(
                province_code=doc["province_code"],
                province_name=doc["province_name"],
                commune_code=doc["commune_code"],
                commune_name=doc["commune_name"],
                agency_id=doc["agency_id"],
                week=_parse_week(doc["week"]),
                receive_only=frozenset(doc["receive_only"]),
                auto_lock_minutes=doc["auto_lock_minutes"],
                recovery_key_fingerprint=doc.get("recovery_key_fingerprint"),
            )
        except SettingsError:
            raise
        except (json.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
            raise SettingsError(f"the site settings are damaged ({type(exc).__name__})") from None


def _parse_week(days: Sequence[Sequence[Sequence[str]]]) -> Week:
    if len(days) != 7:
        raise SettingsError("opening hours need seven weekdays")
    return tuple(
        tuple((dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for start, end in day)
        for day in days
    )


def read_site_settings(conn: Connection) -> SiteSettings | None:
    """The site settings in the store (``None`` before the first-run wizard has saved them)."""
    text = get_meta(conn, SITE_META_KEY)
    return None if text is None else SiteSettings.from_json(text)


def write_site_settings(store: Store, settings: SiteSettings) -> Future[None]:
    """Save the site settings through the store's writer; the future completes once committed."""
    text = settings.to_json()

    def operation(conn: Connection) -> None:
        set_meta(conn, SITE_META_KEY, text)

    return store.write(operation)
