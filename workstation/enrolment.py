"""This desk's enrolment with the provincial server, kept inside the encrypted store. No Qt widgets; every
function here touches the disk or the network: call it off the UI thread.

What is kept, all in the store's ``meta`` table (never in the plain ``workstation.json``, never logged):
the device credential (a secret), the server's address and pinned CA file, the device id, and the province's
public keys when the server gives them (``save_peer_keys(..., province=True)``).

The server's block of dossier numbers replaces the standalone space (0001–9999), design §5: *a printed number
never repeats*. If this desk already handed out a number today under its old space, the new block takes effect
only from the next day (kept as a *pending* block until then: :func:`adopt_pending_block`, called when the
work session opens); otherwise it takes effect at once. The commune's agency identifier comes with the block:
the site settings take the server's identifier at the same moment as the block, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

import requests

from dossiers.code_allocation import SequenceSpace
from dossiers.practice_marks import is_practice_replica
from dossiers.vietnam_time import vietnam_today
from sync.connection import Connection
from sync.device_keys import DeviceIdentity
from sync.enrolment_client import DEFAULT_ENROL_TIMEOUT, Enrolment, enrol_device
from sync.store import Store, get_meta, set_meta
from workstation.errors import DeskEnrolmentError
from workstation.province_link import TransportFactory, province_transport_factory
from workstation.sequence_blocks import (
    PENDING_SPACE_KEY,
    numbers_handed_out,
    read_sequence_space,
    switch_block,
)
from workstation.settings import SettingsError, SiteSettings, read_site_settings
from workstation.sync_keys import IDENTITY_KEY, device_identity, save_peer_keys

CREDENTIALS_KEY = "sync.server_credentials"
SERVER_LINK_KEY = "sync.server_link"


@dataclass(frozen=True, slots=True)
class ServerLink:
    """Where this desk syncs and as which device (the credential itself is kept apart)."""

    server_url: str
    ca_file: str | None
    device_id: str
    commune: str
    agency: str
    first: int
    last: int
    enrolled_on: dt.date

    def to_json(self) -> str:
        doc = {
            "server_url": self.server_url,
            "ca_file": self.ca_file,
            "device_id": self.device_id,
            "commune": self.commune,
            "agency": self.agency,
            "first": self.first,
            "last": self.last,
            "enrolled_on": self.enrolled_on.isoformat(),
        }
        return json.dumps(doc, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ServerLink:
        try:
            doc = json.loads(text)
            return cls(
                str(doc["server_url"]),
                None if doc["ca_file"] is None else str(doc["ca_file"]),
                str(doc["device_id"]),
                str(doc["commune"]),
                str(doc["agency"]),
                int(doc["first"]),
                int(doc["last"]),
                dt.date.fromisoformat(doc["enrolled_on"]),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise DeskEnrolmentError(
                f"the stored server link is damaged ({type(exc).__name__})", reason="bad_answer"
            ) from None


@dataclass(frozen=True, slots=True)
class SavedEnrolment:
    """What the desk did with an enrolment: the block, from when it applies, the site settings in force."""

    link: ServerLink
    space: SequenceSpace
    effective_from: dt.date
    deferred: bool
    """True when numbers were handed out today under the old space, so the block waits for the next day."""
    site: SiteSettings


def commune_code_of(site: SiteSettings) -> str:
    """The official five-digit commune code the server uses (``70`` gives ``00070``)."""
    return f"{site.commune_code:05d}"


def is_enrolled(store: Store) -> bool:
    with store.reader() as conn:
        return get_meta(conn, CREDENTIALS_KEY) is not None


def server_link(store: Store) -> ServerLink | None:
    """Where and as which device this desk syncs, or ``None`` if it was never enrolled."""
    with store.reader() as conn:
        text = get_meta(conn, SERVER_LINK_KEY)
    return None if text is None else ServerLink.from_json(text)


def forget_enrolment(store: Store) -> ServerLink | None:
    """Drop this store's enrolment (its credential and server link); the link it had, if any.

    For a store restored under a new replica id: the server knows the credential as the old replica's, so
    the restored store cannot sync with it; it is enrolled again with a new code instead.
    """
    link = server_link(store)

    def drop(conn: Connection) -> None:
        conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (CREDENTIALS_KEY, SERVER_LINK_KEY))

    store.write(drop).result()
    return link


def check_can_enrol(store: Store) -> SiteSettings:
    """The site settings, if this desk can be enrolled (it has them and is not enrolled yet)."""
    if is_practice_replica(store.replica_id):
        raise DeskEnrolmentError(
            "this is a practice (training) workstation: it never enrols with the provincial server",
            reason="practice",
        )
    with store.reader() as conn:
        site = read_site_settings(conn)
        enrolled = get_meta(conn, CREDENTIALS_KEY) is not None
    if site is None:
        raise DeskEnrolmentError(
            "this store has no site settings: finish the first-run setup", reason="no_site"
        )
    if enrolled:
        link = server_link(store)
        device = link.device_id if link else "?"
        raise DeskEnrolmentError(
            f"this workstation is already enrolled (device {device}); nothing was changed",
            reason="already_enrolled",
        )
    return site


def save_enrolment(
    store: Store,
    enrolment: Enrolment,
    *,
    server_url: str,
    ca_file: str | None,
    today: dt.date,
    identity: DeviceIdentity | None = None,
) -> SavedEnrolment:
    """Keep ``enrolment`` in the store (one transaction), after checking it is for this desk's commune.

    ``identity`` (the device keys the enrolment was made with) is saved too when given, e.g. by the first-run
    wizard which enrols before the store exists; it must carry the store's replica id.
    """
    if identity is not None and identity.replica_id != store.replica_id:
        raise DeskEnrolmentError(
            "the enrolment was made for another store (replica id); enrol again", reason="wrong_store"
        )
    block = enrolment.block
    try:
        space = SequenceSpace(block.agency, store.replica_id, block.first, block.last)
    except (TypeError, ValueError) as exc:
        raise DeskEnrolmentError(
            f"the server's number block cannot be used ({exc})", reason="bad_answer"
        ) from None
    link = ServerLink(
        server_url,
        ca_file,
        enrolment.device_id,
        enrolment.commune.code,
        block.agency,
        block.first,
        block.last,
        today,
    )

    def keep(conn: Connection) -> SavedEnrolment:
        site = read_site_settings(conn)
        if site is None:
            raise DeskEnrolmentError("this store has no site settings", reason="no_site")
        if enrolment.commune.code != commune_code_of(site):
            raise DeskEnrolmentError(
                f"this enrolment is for commune {enrolment.commune.code}, but this desk serves commune "
                f"{commune_code_of(site)}; nothing was changed",
                reason="wrong_commune",
            )
        if get_meta(conn, CREDENTIALS_KEY) is not None:
            raise DeskEnrolmentError("this workstation is already enrolled", reason="already_enrolled")
        try:
            replace(site, agency_id=block.agency)
        except SettingsError as exc:
            raise DeskEnrolmentError(
                f"the server's agency identifier cannot be used ({exc})", reason="bad_answer"
            ) from None
        if identity is not None:
            set_meta(conn, IDENTITY_KEY, identity.to_secret_json())
        current = read_sequence_space(conn)
        deferred = current is not None and numbers_handed_out(conn, current.agency, today)
        if deferred:
            starts = today + dt.timedelta(days=1)
            doc = {"agency": space.agency, "workstation": space.workstation, "first": space.first}
            doc |= {"last": space.last, "from": starts.isoformat()}
            set_meta(conn, PENDING_SPACE_KEY, json.dumps(doc, sort_keys=True))
            in_force = site
        else:
            starts = today
            in_force = switch_block(conn, site, space)
        set_meta(conn, CREDENTIALS_KEY, enrolment.credentials)
        set_meta(conn, SERVER_LINK_KEY, link.to_json())
        return SavedEnrolment(link, space, starts, deferred, in_force)

    saved = store.write(keep).result()
    if enrolment.province_keys is not None and enrolment.province_keys.replica_id != store.replica_id:
        save_peer_keys(store, enrolment.province_keys, province=True)
    return saved


def stored_credentials(store: Store) -> str | None:
    """The device credential (a secret: hand it only to the transport)."""
    with store.reader() as conn:
        return get_meta(conn, CREDENTIALS_KEY)


def stored_transport_factory(store: Store) -> TransportFactory | None:
    """The province transport factory from what the store holds, or ``None`` if this desk is not enrolled.

    Wiring: ``SyncController(..., transport_factory=stored_transport_factory(store))`` (or
    ``controller.set_transport_factory(...)`` after an enrolment) makes "Sync now" reach the server.
    """
    with store.reader() as conn:
        credentials = get_meta(conn, CREDENTIALS_KEY)
        text = get_meta(conn, SERVER_LINK_KEY)
    if credentials is None or text is None:
        return None
    link = ServerLink.from_json(text)
    return province_transport_factory(link.server_url, credentials, ca_file=link.ca_file)


def enrol_workstation(
    store: Store,
    server_url: str,
    code: str,
    *,
    label: str,
    now: Callable[[], dt.datetime],
    ca_file: str | None = None,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = DEFAULT_ENROL_TIMEOUT,
) -> SavedEnrolment:
    """Enrol this open store's workstation for its commune and keep the result (see the module docstring).

    Checked before the server is asked: site settings present, not enrolled yet. Raises
    :class:`DeskEnrolmentError`, ``ValueError`` (address, code) or :class:`sync.errors.TransportError`.
    """
    site = check_can_enrol(store)
    identity = device_identity(store)
    enrolment = enrol_device(
        server_url,
        code,
        identity,
        label,
        commune=commune_code_of(site),
        ca_file=ca_file,
        session=session,
        timeout=timeout,
    )
    return save_enrolment(
        store,
        enrolment,
        server_url=server_url.strip().rstrip("/"),
        ca_file=ca_file,
        today=vietnam_today(now()),
    )
