"""What this desk learnt at its last contact with the provincial server, in a plain file IT can read without
a passphrase (``motcua info``): the clock offset measured then, and the reference data versions held and used.

The file (:data:`CONTACT_FILE_NAME`, in the store's folder) holds no personal data. :func:`clock_warning`
decides whether the clerk must be told that the PC's clock is off (receipts, appointment dates and the daily
dossier numbers all use it).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sync.keyfile import write_file_atomically
from workstation.settings import DEFAULT_CLOCK_WARNING_MINUTES

__all__ = [
    "CONTACT_FILE_NAME",
    "DEFAULT_CLOCK_WARNING_MINUTES",
    "ClockWarning",
    "ProvinceContact",
    "clock_warning",
    "contact_lines",
    "note_contact",
    "read_contact",
]

CONTACT_FILE_NAME = "province-contact.json"
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class ProvinceContact:
    """The last contact: when (this desk's clock), the clock offset then (seconds; positive: this PC's clock
    is ahead), the catalogue and fee table versions received and the ones in use."""

    contact_at: str | None = None
    clock_offset_seconds: float | None = None
    catalogue_received: int | None = None
    fee_table_received: int | None = None
    catalogue_in_use: int | None = None
    fee_table_in_use: int | None = None
    in_use_since: str | None = None
    refused_changes: int | None = None
    """How many of this desk's changes the province refused (:mod:`workstation.province_refusals`)."""

    def to_json(self) -> str:
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ProvinceContact:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(doc, dict):
            return cls()
        known: dict[str, Any] = {}
        for f in fields(cls):
            value = doc.get(f.name)
            if f.name == "clock_offset_seconds":
                ok = isinstance(value, int | float) and not isinstance(value, bool)
            elif f.name in ("contact_at", "in_use_since"):
                ok = isinstance(value, str)
            else:
                ok = isinstance(value, int) and not isinstance(value, bool)
            if ok:
                known[f.name] = value
        return cls(**known)


def contact_file(store_folder: Path) -> Path:
    return Path(store_folder) / CONTACT_FILE_NAME


def read_contact(store_folder: Path) -> ProvinceContact | None:
    """The last contact noted in ``store_folder``, or ``None`` if there has been none."""
    try:
        text = contact_file(store_folder).read_bytes()[:65536].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return ProvinceContact.from_json(text)


def note_contact(store_folder: Path, **changes: Any) -> ProvinceContact:
    """Change some of the noted facts (the others stay) and write the file atomically."""
    with _LOCK:
        contact = replace(read_contact(store_folder) or ProvinceContact(), **changes)
        write_file_atomically(contact_file(store_folder), contact.to_json().encode("utf-8"))
        return contact


@dataclass(frozen=True, slots=True)
class ClockWarning:
    """This PC's clock is off by ``minutes`` (rounded), ``ahead`` of the server's or behind it."""

    minutes: int
    ahead: bool

    def words(self) -> str:
        """The warning in English (``motcua info``; the desk words it through Qt's translations)."""
        way = "ahead of" if self.ahead else "behind"
        return (
            f"This computer's clock is {self.minutes} minutes {way} the provincial server's. Receipts, "
            "appointment dates and dossier numbers use it: ask IT to set the clock right."
        )


def clock_warning(offset: dt.timedelta | float | None, threshold_minutes: int) -> ClockWarning | None:
    """A warning when the clock is off by more than ``threshold_minutes``; ``None`` when it is close enough
    (or nothing was measured)."""
    if offset is None:
        return None
    seconds = offset.total_seconds() if isinstance(offset, dt.timedelta) else float(offset)
    if abs(seconds) <= threshold_minutes * 60:
        return None
    return ClockWarning(round(abs(seconds) / 60), seconds > 0)


def contact_lines(contact: ProvinceContact | None, threshold_minutes: int) -> list[str]:
    """The ``motcua info`` section about the province: reference data versions and the clock offset."""
    if contact is None:
        return ["Province:", "  no contact with the provincial server yet"]

    def version(value: int | None) -> str:
        return str(value) if value is not None else "none"

    lines = [
        "Province:",
        f"  catalogue in use:     {version(contact.catalogue_in_use)}"
        f" (received: {version(contact.catalogue_received)})",
        f"  fee table in use:     {version(contact.fee_table_in_use)}"
        f" (received: {version(contact.fee_table_received)})",
        f"  last contact:         {contact.contact_at or 'never'}",
    ]
    offset = contact.clock_offset_seconds
    if offset is None:
        lines.append("  clock offset:         not measured")
    else:
        lines.append(f"  clock offset:         {offset:+.1f} s (this PC minus the server)")
        warning = clock_warning(offset, threshold_minutes)
        if warning is not None:
            lines.append(f"  warning:              {warning.words()}")
    if contact.refused_changes:
        lines.append(
            f"  refused changes:      {contact.refused_changes} (the province's rules refused them;"
            " the desk's sync area lists them)"
        )
    return lines
