"""``motcua pair show|join|find|list|remove``: pair this desk with another desk of its commune, for IT.

``pair show`` turns this desk's LAN listener on, prints a code and the address, and waits until the other
desk typed them (``pair join ADDRESS CODE`` there, or ``pair join CODE``: the desk is then found on the LAN by
discovery, see :mod:`sync.lan_discovery`). Both desks must be closed while IT pairs them from the
command line (the desk application pairs from its Sync area while it runs).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from dossiers.dossier_record import DESK_SIDE, DOSSIER_RECORD, SCOPE_FIELD
from sync.errors import StoreError, SyncError
from sync.lan_discovery import FoundDesk
from sync.origin_keys import OWN, PAIRING, PROVINCE, VOUCHED
from sync.replica_store import ReplicaStore
from sync.store import Store
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import obtain_data_key
from workstation.it_commands.damaged_store import open_desk_store
from workstation.it_commands.workstation_paths import WorkstationPaths
from workstation.lan_desks import DeskLan
from workstation.lan_peers import (
    CODE_MINUTES,
    LanError,
    PairingCode,
    read_settings,
    remove_peer,
    save_settings,
)
from workstation.origin_keys import origin_conflicts, origin_keys
from workstation.settings import read_site_settings
from workstation.store_lock import StoreInUse, StoreLock

HOLDER = "motcua pair (IT command)"


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` as typed (an IPv4 address or a PC name and the port the other desk shows)."""
    host, _, port = text.strip().rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandFailed(
            f"the address is HOST:PORT as the other desk shows it (like 192.168.1.20:47470), not {text!r}"
        )
    return host.strip("[]"), int(port)


def _open(
    paths: WorkstationPaths,
    console: Console,
    *,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> tuple[Store, DeskLan]:
    if not paths.has_store():
        raise CommandFailed(
            f"there is no store on this workstation yet (looked in {paths.store_folder}): "
            "start motcua and finish the first-run setup first"
        )
    data_key = obtain_data_key(
        paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
    )
    try:
        store = open_desk_store(paths, data_key, now=now, new_id=new_id, outcome="nothing was paired")
    except StoreError as exc:
        raise CommandFailed(f"the store cannot be opened: {exc}") from None
    with store.reader() as conn:
        site = read_site_settings(conn)
    if site is None:
        store.close()
        raise CommandFailed("this store has no site settings: finish the first-run setup first")
    replica = ReplicaStore(store, DESK_SIDE, [DOSSIER_RECORD], now=now, scope_field=SCOPE_FIELD)
    # pairing only: the desk application serves and runs the syncs (its replica keeps the queue and search)
    return store, DeskLan(replica, commune=f"{site.commune_code:05d}", now=now, serve_sessions=False)


NOT_FOUND = (
    "the LAN may block discovery (another subnet, a firewall): give the address the other desk shows, "
    "motcua pair join ADDRESS CODE"
)


def _start(desk: FoundDesk) -> str:
    prefix = desk.beacon.fingerprint_prefix
    return "-".join(prefix[i : i + 4] for i in range(0, len(prefix), 4))


def _found(lan: DeskLan, code: str, console: Console) -> tuple[str, int]:
    """The address of the desk showing ``code``, found on the LAN by discovery."""
    wanted = PairingCode.parse(code).fingerprint_part
    found = lan.find_desks()
    matching = [d for d in found if d.beacon.fingerprint_prefix == wanted]
    if len(matching) == 1:
        desk = matching[0]
        console.say(f"Found {desk.beacon.name} at {desk.host}:{desk.beacon.port} on the LAN.")
        return desk.address
    others = ", ".join(f"{d.beacon.name} at {d.host}:{d.beacon.port}" for d in found)
    raise CommandFailed(
        f"no desk of commune {lan.commune} showing this code answered on the LAN"
        + (f" (found: {others})" if others else "")
        + f": {NOT_FOUND}"
    )


def _say_origin_keys(lan: DeskLan, console: Console) -> None:
    """Whose signing keys this desk knows to check the events other desks send it, and any conflict."""
    keys = [k for k in origin_keys(lan.store).values() if k.source != OWN]
    counts = Counter(k.source for k in keys)
    console.say(
        f"Signing keys of other desks known: {len(keys)} (from the province {counts[PROVINCE]}, from pairing "
        f"{counts[PAIRING]}, passed on by paired desks {counts[VOUCHED]})."
    )
    for at, words in origin_conflicts(lan.store):
        console.say(f"Key conflict ({at}): {words}")


def run_pair(
    paths: WorkstationPaths,
    action: str,
    console: Console,
    *,
    address: str | None = None,
    code: str | None = None,
    peer: str | None = None,
    port: int | None = None,
    bind: str | None = None,
    name: str | None = None,
    wait_minutes: float = CODE_MINUTES,
    login: str | None = None,
    recovery_key: Path | str | None = None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    """One pairing action; prints what was done (never a secret but the one-time code on show)."""
    try:
        lock = StoreLock.acquire(paths.store_folder, holder=HOLDER)
    except StoreInUse as exc:
        raise CommandFailed(
            f"motcua is open on this workstation ({exc}): close it first, or pair from the desk's Sync area"
        ) from None
    with lock:
        store, lan = _open(paths, console, login=login, recovery_key=recovery_key, now=now, new_id=new_id)
        try:
            settings = read_settings(store)
            changed = replace(
                settings,
                port=settings.port if port is None else port,
                host=settings.host if bind is None else bind,
                name=settings.name if name is None else name.strip(),
            )
            if changed != settings:
                save_settings(store, changed)
            return _act(lan, action, console, address, code, peer, wait_minutes, now)
        except LanError as exc:
            raise CommandFailed(str(exc)) from None
        except SyncError as exc:
            raise CommandFailed(f"pairing failed: {exc}") from None
        finally:
            lan.stop()
            store.close()


def _act(
    lan: DeskLan,
    action: str,
    console: Console,
    address: str | None,
    code: str | None,
    peer: str | None,
    wait_minutes: float,
    now: Callable[[], datetime],
) -> int:
    if action == "list":
        statuses = lan.peer_statuses()
        if not statuses:
            console.say("This desk is paired with no other desk.")
        for status in statuses:
            contact = status.last_contact.isoformat(timespec="minutes") if status.last_contact else "never"
            console.say(
                f"{status.name} at {status.address}: last contact {contact}, "
                f"{status.waiting} change(s) of this desk waiting for it"
                + (f"; last error: {status.error}" if status.error else "")
            )
        _say_origin_keys(lan, console)
        return EXIT_OK
    if action == "remove":
        found = [p for p in lan.peers() if peer in (p.name, p.replica_id)]
        if len(found) != 1:
            raise CommandFailed(f"no single paired desk is named {peer!r}: see 'motcua pair list'")
        remove_peer(lan.store, found[0].replica_id)
        console.say(f"{found[0].name} is no longer paired with this desk (pair again to sync with it).")
        return EXIT_OK
    if action == "find":
        found = lan.find_desks()
        if not found:
            console.say(f"No desk of commune {lan.commune} answered on the LAN: {NOT_FOUND}.")
        for desk in found:
            console.say(f"{desk.beacon.name} at {desk.host}:{desk.beacon.port} (code starts {_start(desk)})")
        return EXIT_OK
    if action == "join":
        if code is None and address is not None and ":" not in address:
            address, code = None, address  # ``pair join CODE``: the desk is found on the LAN
        if code is None:
            raise CommandFailed("type the code the other desk shows: motcua pair join [ADDRESS] CODE")
        target = parse_address(address) if address is not None else _found(lan, code, console)
        joined = lan.join(target, code)
        console.say(f"Paired with {joined.name} (commune {joined.commune}) at {joined.host}:{joined.port}.")
        console.say("Both desks now sync with each other when the LAN is on; start motcua again.")
        return EXIT_OK
    offer = lan.offer_pairing()
    host, port = offer.address
    console.say(f"Pairing code: {offer.code.text}")
    console.say(f"Address of this desk: {host}:{port}")
    console.say(f"On the other desk run: motcua pair join {host}:{port} {offer.code.text}")
    console.say(f"(on the same LAN, motcua pair join {offer.code.text} finds this desk by itself)")
    console.say(f"Waiting up to {wait_minutes:g} minutes (Ctrl+C stops)...")
    deadline = time.monotonic() + timedelta(minutes=wait_minutes).total_seconds()
    while time.monotonic() < deadline:
        if lan.paired_events:
            paired = lan.paired_events[-1]
            console.say(f"Paired with {paired.name} (commune {paired.commune}).")
            return EXIT_OK
        if lan.offer is None:
            break
        time.sleep(0.1)
    refused = lan.refusals()
    raise CommandFailed(
        "no desk paired with this one"
        + (f" ({refused[-1]})" if refused else "")
        + ": show a new code and type it on the other desk within the time"
    )
