"""The origin keys this desk knows (which Ed25519 key signs each desk's events) and the conflicts among them,
kept in the encrypted store's ``meta`` (issue 14, finding 1; the rules are :mod:`sync.origin_keys`).

Keys come from this desk itself, the province (``GET /v1/sync/origins`` after each province sync, with the
revocations), pairing (each desk gives its key over the pinned channel) and paired desks passing on what
they know (``workstation.lan_desks``). A conflict is kept in words for IT (``motcua pair list`` shows them).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from sync.connection import Connection
from sync.errors import BadEventData, SyncError
from sync.origin_keys import OWN, PROVINCE, OriginKey, decode_directory, encode_directory, learn
from sync.store import Store, get_meta, set_meta
from workstation.sync_keys import device_identity

log = logging.getLogger(__name__)

ORIGIN_KEYS_META = "lan.origin_keys"
ORIGIN_CONFLICTS_META = "lan.origin_conflicts"
MAX_CONFLICTS_KEPT = 20
MAX_KEYS_KEPT = 2000
"""A commune has a handful of desks: past this many, a desk no source knew before is not learnt (a paired
desk cannot fill the store with made-up desks)."""


def own_signing_key(store: Store) -> str:
    """This desk's own public signing key (base64), as it gives it at pairing and enrolment."""
    return base64.b64encode(device_identity(store).public().signing).decode("ascii")


def origin_keys(store: Store) -> dict[str, OriginKey]:
    """Every origin key this desk knows, its own among them."""
    own = OriginKey(store.replica_id, own_signing_key(store), OWN)
    with store.reader() as conn:
        keys = _read(conn)
    keys[own.replica_id] = own
    return keys


def _read(conn: Connection) -> dict[str, OriginKey]:
    try:
        return decode_directory(get_meta(conn, ORIGIN_KEYS_META))
    except BadEventData:
        log.warning("the stored origin keys are damaged: they are learnt again from the province and pairing")
        return {}


def learn_keys(
    store: Store, keys: Iterable[OriginKey], *, giver: str, now: Callable[[], datetime]
) -> list[str]:
    """Put ``keys`` (given by ``giver``, in words) in this desk's directory; returns the conflicts found."""
    given = [k for k in keys if k.replica_id != store.replica_id or k.source == OWN]
    mine = [k for k in keys if k.replica_id == store.replica_id and k.source != OWN]
    own = own_signing_key(store)

    def save(conn: Connection, *, look_only: bool = False) -> list[str] | None:
        held = _read(conn)
        before = dict(held)
        conflicts: list[str] = []
        for key in given:
            if key.replica_id not in held and len(held) >= MAX_KEYS_KEPT and key.source != PROVINCE:
                continue
            held, conflict = learn(held, key, giver=giver)
            if conflict is not None:
                conflicts.append(conflict)
        for key in mine:
            if key.signing != own:
                conflicts.append(
                    f"{giver} gives this desk ({key.replica_id[:8]}) another signing key than its own: "
                    "a desk may be trying to write under this desk's name: IT looks at it"
                )
        if look_only:  # on a reader: None when there is something to write
            return [] if held == before and not conflicts else None
        set_meta(conn, ORIGIN_KEYS_META, encode_directory(held))
        if conflicts:
            _note(conn, conflicts, now().isoformat(timespec="seconds"))
        return conflicts

    with store.reader() as conn:  # most sessions learn nothing new: no write, no fsync
        if save(conn, look_only=True) == []:
            return []
    found = list(store.write(save).result() or [])
    for words in found:
        log.warning("origin keys: %s", words)
    return found


def _note(conn: Connection, conflicts: list[str], at: str) -> None:
    try:
        kept = json.loads(get_meta(conn, ORIGIN_CONFLICTS_META) or "[]")
        if not isinstance(kept, list):
            kept = []
    except ValueError:
        kept = []
    for words in conflicts:
        if not any(isinstance(k, dict) and k.get("words") == words for k in kept):
            kept.append({"at": at, "words": words})
    set_meta(conn, ORIGIN_CONFLICTS_META, json.dumps(kept[-MAX_CONFLICTS_KEPT:], ensure_ascii=False))


def origin_conflicts(store: Store) -> list[tuple[str, str]]:
    """The conflicts among origin keys, oldest first: (when, words)."""
    with store.reader() as conn:
        text = get_meta(conn, ORIGIN_CONFLICTS_META)
    try:
        kept = json.loads(text or "[]")
        return [(str(k["at"]), str(k["words"])) for k in kept if isinstance(k, dict)]
    except (ValueError, KeyError, TypeError):
        return []


def province_keys_from(doc: Any) -> list[OriginKey]:
    """The province's answer to ``GET /v1/sync/origins`` as origin keys (a malformed entry is left out)."""
    found = []
    for entry in doc.get("desks", []) if isinstance(doc, dict) else []:
        try:
            revoked = entry.get("revoked_at")
            found.append(
                OriginKey(
                    str(entry["replica_id"]),
                    str(entry["signing_key"]),
                    PROVINCE,
                    revoked_at=None if revoked is None else datetime.fromisoformat(str(revoked)).isoformat(),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError, BadEventData):
            log.warning("the province sent an origin key this desk cannot read: left out")
    return found


@runtime_checkable
class OriginSource(Protocol):
    """What gives the commune's desks' keys: the provincial server's ``HttpTransport``."""

    def fetch_origin_keys(self) -> Any: ...


def refresh_origin_keys(store: Store, source: OriginSource, *, now: Callable[[], datetime]) -> list[str]:
    """Learn the province's list of the commune's desks and their keys (after a province sync); a failure is
    logged (the next sync tries again) and gives no conflict."""
    try:
        doc = source.fetch_origin_keys()
    except (SyncError, OSError, ValueError) as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        log.warning("the province's origin keys could not be fetched: %s", kind)
        return []
    return learn_keys(store, province_keys_from(doc), giver="the province", now=now)
