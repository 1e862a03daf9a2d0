"""The province's reference data on this desk: the published catalogue and the commune's fee table.

:func:`pull_reference` (blocking: run it on the sync worker) asks the provincial server for what changed
since the ETags this desk holds, checks it and keeps it in the store. The desk's dossier service does not
change under a clerk's hands: the screens put what :func:`read_reference` gives into use at the next safe
moment (no reception being typed); at the next start it is used from the outset
(``workstation.work_session``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from dossiers.catalogue import Catalogue, parse_catalogue
from dossiers.errors import DossierError
from sync.connection import Connection
from sync.errors import TransportError
from sync.store import Store, get_meta, set_meta
from workstation.errors import WorkstationError

log = logging.getLogger(__name__)

FEES_META = "desk.province_fees"
"""The commune's amounts of province-set fees (fee key → đồng), as JSON."""
FEES_VERSION_META = "desk.province_fees_version"
FEES_ETAG_META = "desk.province_fees_etag"
CATALOGUE_META = "desk.catalogue"
"""The province's published catalogue (its JSON text), once received."""
CATALOGUE_ETAG_META = "desk.catalogue_etag"


class ReferenceDataRefused(WorkstationError):
    """The server sent reference data this desk cannot use (it keeps what it had)."""

    kind = "reference_data_refused"


@runtime_checkable
class ReferenceSource(Protocol):
    """What can give reference data: the provincial server's ``HttpTransport``."""

    def fetch_catalogue(self, etag: str | None = None) -> Any: ...

    def fetch_fees(self, etag: str | None = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class DeskReference:
    """What the store holds from the province: its catalogue, and the fee table with its version."""

    catalogue: Catalogue | None
    fees: dict[str, int]
    fee_version: int | None


@dataclass(frozen=True, slots=True)
class PulledReference:
    """What a pull brought: the versions now held (``None``: none published) and whether anything changed."""

    catalogue_version: int | None
    fee_version: int | None
    changed: bool


def _fees_from(text: str) -> dict[str, int]:
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("not an object")
    fees: dict[str, int] = {}
    for key, amount in doc.items():
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValueError("an amount is not a whole, non-negative number")
        fees[str(key)] = amount
    return fees


def read_reference(conn: Connection) -> DeskReference:
    """The reference data the store holds (a damaged entry counts as none: the shipped catalogue stays)."""
    catalogue = None
    text = get_meta(conn, CATALOGUE_META)
    if text is not None:
        try:
            catalogue = parse_catalogue(text)
        except DossierError as exc:
            log.warning("the stored province catalogue cannot be read: %s", exc.code)
    fees: dict[str, int] = {}
    fee_text = get_meta(conn, FEES_META)
    if fee_text is not None:
        try:
            fees = _fees_from(fee_text)
        except ValueError:
            log.warning("the stored province fee table cannot be read")
    version = get_meta(conn, FEES_VERSION_META)
    return DeskReference(catalogue, fees, int(version) if version and version.isdigit() else None)


def _not_published(exc: TransportError) -> bool:
    return getattr(exc, "status", None) == 404


def pull_reference(store: Store, source: ReferenceSource) -> PulledReference:
    """Fetch the catalogue and fee table if they changed (ETags), check them, keep them in the store."""
    with store.reader() as conn:
        catalogue_etag = get_meta(conn, CATALOGUE_ETAG_META)
        fees_etag = get_meta(conn, FEES_ETAG_META)
        held = read_reference(conn)
    writes: dict[str, str] = {}
    catalogue_version = held.catalogue.version if held.catalogue else None
    try:
        reply = source.fetch_catalogue(catalogue_etag)
    except TransportError as exc:
        if not _not_published(exc):
            raise
        reply = None
    if reply is not None and reply.text is not None:
        try:
            catalogue = parse_catalogue(reply.text)
        except DossierError as exc:
            raise ReferenceDataRefused(f"the province's catalogue cannot be used: {exc.code}") from None
        if held.catalogue is None or catalogue.version >= held.catalogue.version:
            writes[CATALOGUE_META] = reply.text
            catalogue_version = catalogue.version
        writes[CATALOGUE_ETAG_META] = reply.etag or ""
    fee_version = held.fee_version
    try:
        fee_reply = source.fetch_fees(fees_etag)
    except TransportError as exc:
        if not _not_published(exc):
            raise
        fee_reply = None
    if fee_reply is not None and fee_reply.text is not None:
        try:
            doc = json.loads(fee_reply.text)
            fees = _fees_from(json.dumps(doc["amounts"]))
            version = doc["version"]
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise ValueError("no version")
        except (ValueError, KeyError, TypeError) as exc:
            problem = type(exc).__name__
            raise ReferenceDataRefused(f"the province's fee table cannot be used ({problem})") from None
        writes[FEES_META] = json.dumps(fees, ensure_ascii=False, sort_keys=True)
        writes[FEES_VERSION_META] = str(version)
        writes[FEES_ETAG_META] = fee_reply.etag or ""
        fee_version = version
    if writes:

        def keep(conn: Connection) -> None:
            for key, value in writes.items():
                set_meta(conn, key, value)

        store.write(keep).result()
    changed = CATALOGUE_META in writes or FEES_META in writes
    return PulledReference(catalogue_version, fee_version, changed)


def newest_catalogue(shipped: Catalogue, province: Catalogue | None) -> Catalogue:
    """The catalogue a desk uses: the province's published one unless the program ships a newer one."""
    if province is not None and province.version >= shipped.version:
        return province
    return shipped
