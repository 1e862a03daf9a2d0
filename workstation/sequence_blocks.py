"""Which dossier numbers this desk hands out: its block in the daily space of its agency, kept in the store.

A desk without a server numbers from the whole space (0001–9999). An enrolment replaces it with the server's
block (design §5: *a printed number never repeats*): if this desk already handed out a number today, the new
block waits for the next day (a *pending* block, put into force by :func:`adopt_pending_block` when the work
session opens). The site's agency identifier follows the block's, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from dossiers.code_allocation import MAX_SEQUENCE, MIN_SEQUENCE, SequenceSpace
from sync.connection import Connection
from sync.store import Store, get_meta, set_meta
from workstation.errors import DeskEnrolmentError, SessionSetupError
from workstation.settings import SITE_META_KEY, SiteSettings, read_site_settings

SEQUENCE_SPACE_META_KEY = "desk.sequence_space"
PENDING_SPACE_KEY = "desk.sequence_space.pending"
LAST_SEQUENCE_PREFIX = "desk.last_sequence."
"""Where ``DossierDesk`` keeps the last number handed out each day: ``desk.last_sequence.<agency>.<day>``."""


def standalone_sequence_space(site: SiteSettings, workstation: str) -> SequenceSpace:
    """A desk without a server numbers from the whole daily space of its agency (0001–9999)."""
    return SequenceSpace(site.agency_id, workstation, MIN_SEQUENCE, MAX_SEQUENCE)


def read_sequence_space(conn: Connection) -> SequenceSpace | None:
    text = get_meta(conn, SEQUENCE_SPACE_META_KEY)
    if text is None:
        return None
    try:
        doc = json.loads(text)
        return SequenceSpace(doc["agency"], doc["workstation"], doc["first"], doc["last"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SessionSetupError(
            f"the stored dossier number block is damaged ({type(exc).__name__})"
        ) from None


def write_sequence_space(conn: Connection, space: SequenceSpace) -> None:
    """Save the block this workstation numbers from (an enrolment replaces it with the server's)."""
    doc = {"agency": space.agency, "workstation": space.workstation, "first": space.first, "last": space.last}
    set_meta(conn, SEQUENCE_SPACE_META_KEY, json.dumps(doc, sort_keys=True))


def numbers_handed_out(conn: Connection, agency: str, day: dt.date) -> bool:
    """Whether this desk handed out a dossier number of ``agency`` on ``day``."""
    return get_meta(conn, f"{LAST_SEQUENCE_PREFIX}{agency}.{day.isoformat()}") is not None


def pending_block(store: Store) -> tuple[SequenceSpace, dt.date] | None:
    """A block waiting for its first day, and that day (``None`` if none is waiting)."""
    with store.reader() as conn:
        return _pending(conn)


def _pending(conn: Connection) -> tuple[SequenceSpace, dt.date] | None:
    text = get_meta(conn, PENDING_SPACE_KEY)
    if text is None:
        return None
    try:
        doc = json.loads(text)
        space = SequenceSpace(doc["agency"], doc["workstation"], doc["first"], doc["last"])
        return space, dt.date.fromisoformat(doc["from"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DeskEnrolmentError(
            f"the waiting dossier number block is damaged ({type(exc).__name__})", reason="bad_answer"
        ) from None


def switch_block(conn: Connection, site: SiteSettings, space: SequenceSpace) -> SiteSettings:
    """Number from ``space`` from now on; the site's agency identifier follows the block's."""
    write_sequence_space(conn, space)
    conn.execute("DELETE FROM meta WHERE key = ?", (PENDING_SPACE_KEY,))
    if site.agency_id == space.agency:
        return site
    changed = replace(site, agency_id=space.agency)
    set_meta(conn, SITE_META_KEY, changed.to_json())
    return changed


def adopt_pending_block(store: Store, site: SiteSettings, today: dt.date) -> SiteSettings:
    """Put a waiting block into force once its day has come; return the site settings in force.

    The desk calls this when it opens its work session (before reading its number space).
    """
    waiting = pending_block(store)
    if waiting is None or today < waiting[1]:
        return site

    def switch(conn: Connection) -> SiteSettings:
        again = _pending(conn)
        held = read_site_settings(conn) or site
        if again is None:
            return held
        return switch_block(conn, held, again[0])

    return store.write(switch).result()
