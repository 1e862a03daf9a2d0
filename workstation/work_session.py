"""Opening the desk's work after the unlock: the dossier service built from this site's settings.

:func:`open_work_session` blocks (reads the catalogue file and the store): run it through
:meth:`desktop.background.Background.run`. The screens receive the :class:`WorkSession` it returns.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dossiers.catalogue import Catalogue, parse_catalogue
from dossiers.dossier import Office
from dossiers.province_days import parse_province_days
from dossiers.vietnam_time import VIETNAM_TIME
from dossiers.working_calendar import ProvinceDayOff, WorkingCalendar
from resources import resource_path
from sync.connection import Connection
from sync.store import Store, get_meta
from workstation.commune_names import CommuneStanding, desk_commune_list, site_as_listed
from workstation.dossier_desk import DossierDesk
from workstation.errors import SessionSetupError
from workstation.opening import DeskSession
from workstation.province_reference import FEES_META, newest_catalogue, read_reference
from workstation.queue_pager import QueuePager
from workstation.sequence_blocks import (
    adopt_pending_block,
    read_sequence_space,
    standalone_sequence_space,
    write_sequence_space,
)
from workstation.settings import SiteSettings

log = logging.getLogger(__name__)
PROVINCE_FEES_META_KEY = FEES_META
CALENDAR_YEARS_BACK, CALENDAR_YEARS_AHEAD = 2, 3


@dataclass(frozen=True)
class WorkSession:
    """What the desk's screens receive once unlocked: the store and clerk, and the dossier service."""

    desk_session: DeskSession
    site: SiteSettings
    desk: DossierDesk
    pager: QueuePager
    commune_standing: CommuneStanding | None = None
    """What the province's communes list says of this desk's commune (renamed, merged, absent)."""

    @property
    def store(self) -> Store:
        return self.desk_session.store

    @property
    def clerk_login(self) -> str:
        return self.desk_session.clerk.login

    def today(self) -> dt.date:
        return self.desk.clock().date()


def read_province_fees(conn: Connection) -> dict[str, int]:
    """The fees the province published for this commune (fee key → đồng); empty until it has."""
    text = get_meta(conn, PROVINCE_FEES_META_KEY)
    if text is None:
        return {}
    try:
        doc = json.loads(text)
        return {str(code): int(amount) for code, amount in doc.items()}
    except (json.JSONDecodeError, AttributeError, TypeError, ValueError) as exc:
        raise SessionSetupError(f"the stored province fees are damaged ({type(exc).__name__})") from None


def office_for(site: SiteSettings) -> Office:
    """The receiving office printed on forms, from the commune's name."""
    place = site.commune_name
    for prefix in ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "):
        if place.startswith(prefix):
            place = place[len(prefix) :]
            break
    return Office(
        site.agency_id,
        f"Trung tâm Phục vụ hành chính công {_lower_first(site.commune_name)}",
        f"Ủy ban nhân dân {_lower_first(site.commune_name)}",
        place,
    )


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def load_catalogue() -> Catalogue:
    return parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes())


def load_province_days() -> tuple[tuple[ProvinceDayOff, ...], frozenset[dt.date]]:
    """The province's days off and make-up days (shipped empty; a reference-data release brings them)."""
    return parse_province_days(resource_path("calendar", "province_days.json").read_bytes())


def open_work_session(
    session: DeskSession,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    catalogue: Catalogue | None = None,
    province_fees: Mapping[str, int] | None = None,
) -> WorkSession:
    """Build the desk's dossier service for an unlocked store. Blocks: call it off the UI thread.

    ``now`` may give any time zone; the desk works in Vietnam time. The first time, the standalone number
    block (0001–9999 of the agency) is saved in the store, where an enrolment may later replace it (a block
    the enrolment left waiting for its first day is put into force here: ``adopt_pending_block``).
    """
    site = session.site
    if site is None:
        raise SessionSetupError("this store has no site settings; run the first-run setup")
    store = session.store
    site = adopt_pending_block(store, site, now().astimezone(VIETNAM_TIME).date())
    site, standing = site_as_listed(site, desk_commune_list())  # a renamed commune prints its new name
    if standing.words():
        log.warning("%s", standing.words())
    with store.reader() as conn:
        space = read_sequence_space(conn)
        fees = dict(province_fees) if province_fees is not None else read_province_fees(conn)
        province_catalogue = read_reference(conn).catalogue if catalogue is None else None
    if space is None:
        space = standalone_sequence_space(site, store.replica_id)
        chosen = space
        store.write(lambda conn: write_sequence_space(conn, chosen)).result()
    if space.agency != site.agency_id:
        raise SessionSetupError("the stored dossier number block belongs to another agency")

    def local_now() -> dt.datetime:
        return now().astimezone(VIETNAM_TIME)

    year = local_now().year
    days_off, make_up_days = load_province_days()
    calendar = WorkingCalendar.vietnam(
        year - CALENDAR_YEARS_BACK,
        year + CALENDAR_YEARS_AHEAD,
        opening=site.opening_hours(),
        days_off=days_off,
        make_up_days=make_up_days,
    )
    desk = DossierDesk(
        store,
        catalogue=catalogue or newest_catalogue(load_catalogue(), province_catalogue),
        calendar=calendar,
        office=office_for(site),
        commune=f"{site.commune_code:05d}",
        sequence_space=space,
        province_fees=fees,
        clerk=session.clerk.login,
        clerk_name=session.full_name or "",
        now=local_now,
        new_id=new_id,
    )
    return WorkSession(session, site, desk, QueuePager(desk), standing)
