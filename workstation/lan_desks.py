"""The desks of one commune working as one over the LAN: this desk's certificate, its listener, pairing,
syncing with each paired desk (records, then the scans it lacks) and what the status area shows of them.

No Qt; everything here blocks (disk, network): the desk calls it off the UI thread, the IT command line
directly. The channel is :mod:`sync.lan_peer` (mutual TLS, certificates pinned at pairing).

Events travel as the canonical text they were stored with (the session sends ``missing_encoded``), so an
event relayed desk A → desk B → province is the same characters the province would get from A, and the
version vectors make sure it arrives once.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import secrets
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dossiers.code_allocation import SequenceSpace
from sync.attachments import DEFAULT_MAX_BYTES, AttachmentStore
from sync.errors import AttachmentError, BadEventData, OriginRefused, PeerRefused, SyncError
from sync.lan_discovery import DeskBeacon, DiscoveryResponder, FoundDesk, find_desks
from sync.lan_peer import (
    LanPeerServer,
    LanPeerTransport,
    LanReply,
    open_connection,
    peer_fingerprint,
    raise_refusal,
    read_body,
    send_request,
)
from sync.lan_tls import (
    DeskCertificate,
    check_certificate_pem,
    client_context,
    fingerprint_of_pem,
    make_certificate,
    server_context,
)
from sync.origin_checks import OriginCheckedReplica
from sync.origin_keys import PAIRING, PROVINCE, VOUCHED, OriginKey, check_signing_key
from sync.replica_store import ReplicaStore
from sync.store import Store, get_meta, set_meta
from sync.sync_session import SessionResult, run_session
from workstation.lan_peers import (
    CODE_MINUTES,
    DEFAULT_PORT,
    KEY_PASSWORD_META_KEY,
    LanError,
    LanPeer,
    LanSettings,
    PairingCode,
    PairingOffer,
    fingerprint_prefix,
    read_peers,
    read_settings,
    save_peer,
    update_peer,
)
from workstation.origin_keys import learn_keys, origin_keys, own_signing_key
from workstation.sequence_blocks import (
    LAST_SEQUENCE_PREFIX,
    PENDING_SPACE_KEY,
    read_sequence_space,
    write_sequence_space,
)
from workstation.sync_keys import StoreCheckpoints, province_keys, waiting_events

log = logging.getLogger(__name__)

PAIR_PATH = "/motcua/lan/pair"
ORIGINS_PATH = "/motcua/lan/origins"
MAX_KEYS_GIVEN = 500
SCAN_PATH = "/motcua/lan/scan/"
LAN_FOLDER = "lan"
SCAN_CURSOR_META_KEY = "lan.scans_checked_up_to"
SCANS_PENDING_META_KEY = "lan.scans_missing"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SHA_IN_EVENT = re.compile(r'"sha256":\s*"([0-9a-f]{64})"')


@dataclass(frozen=True)
class PeerStatus:
    """One paired desk as the status area shows it."""

    replica_id: str
    name: str
    address: str
    last_contact: datetime | None
    waiting: int
    """This desk's own changes the other desk has not acknowledged yet."""
    error: str | None
    error_code: str | None = None
    """The error's stable reason (``lan_certificate_changed``, ``sync_interrupted``…), for the words."""


@dataclass(frozen=True)
class PeerOutcome:
    """How a sync with one desk went: its result, or the error in words."""

    peer: LanPeer
    result: SessionResult | None = None
    scans: int = 0
    error: SyncError | LanError | None = None
    held: int = 0
    """Events the other desk sent whose origin no desk has proven to this one yet: not kept (they come again,
    and are taken once their origin's key is known)."""


@dataclass(frozen=True)
class LanRound:
    """One round of syncs with every paired desk."""

    outcomes: tuple[PeerOutcome, ...]

    @property
    def failed(self) -> tuple[PeerOutcome, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)


def local_address() -> str:
    """This PC's address on its LAN as the other desks see it (the interface used for outside traffic)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the interface
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def _last_number_today(conn: Any, agency: str, day: str) -> int:
    text = get_meta(conn, f"{LAST_SEQUENCE_PREFIX}{agency}.{day}")
    return int(text) if text else 0


class DeskLan:
    """This desk's part in its commune's LAN: certificate, listener, pairing and syncing with paired desks.

    The certificate goes in the ``lan`` subfolder of the store's folder (the key's password stays in the
    encrypted store). ``on_change`` is called (from any thread) when a peer paired, a desk
    synced with this one or a connection was refused, so a screen can refresh.
    """

    def __init__(
        self,
        replica: ReplicaStore,
        *,
        commune: str,
        now: Callable[[], datetime],
        today: Callable[[], str] | None = None,
        on_change: Callable[[str], None] | None = None,
        on_block_changed: Callable[[SequenceSpace], None] | None = None,
        serve_sessions: bool = True,
    ) -> None:
        self.replica = replica
        self.store: Store = replica.store
        self.folder = Path(self.store.paths.folder) / LAN_FOLDER
        self.commune = commune
        self._now = now
        self._today = today or (lambda: now().date().isoformat())
        self._on_change = on_change
        self._on_block_changed = on_block_changed
        self.checkpoints = StoreCheckpoints(self.store)
        self._serve_sessions = serve_sessions
        self._certificate: DeskCertificate | None = None
        self._server: LanPeerServer | None = None
        self._responder: DiscoveryResponder | None = None
        self._offer: PairingOffer | None = None
        self._lock = threading.Lock()
        self.paired_events: list[LanPeer] = []

    # -- certificate and settings ---------------------------------------------------------------------------

    def certificate(self) -> DeskCertificate:
        """This desk's certificate, made the first time (its key's password kept in the store)."""
        if self._certificate is not None:
            return self._certificate

        def password(conn: Any) -> str:
            held = get_meta(conn, KEY_PASSWORD_META_KEY)
            if held is None:
                held = secrets.token_urlsafe(32)
                set_meta(conn, KEY_PASSWORD_META_KEY, held)
            return held

        secret = self.store.write(password).result().encode("ascii")
        cert_file, key_file = self.folder / "desk.crt", self.folder / "desk.key"
        if cert_file.is_file() and key_file.is_file():
            own = DeskCertificate(cert_file, key_file, secret)
            try:
                ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert_file, key_file, password=secret)
                self._certificate = own
                return own
            except (ssl.SSLError, OSError):
                log.warning("this desk's LAN certificate does not open: a new one is made (pair again)")
        self._certificate = make_certificate(
            cert_file,
            key_file,
            name=f"motcua desk {self.replica.replica_id[:12]}",
            password=secret,
            now=self._now(),
        )
        return self._certificate

    def settings(self) -> LanSettings:
        return read_settings(self.store)

    def desk_name(self) -> str:
        return self.settings().name or socket.gethostname() or f"motcua {self.replica.replica_id[:6]}"

    def peers(self) -> list[LanPeer]:
        return read_peers(self.store)

    # -- the listener ---------------------------------------------------------------------------------------

    @property
    def listening(self) -> LanPeerServer | None:
        return self._server

    def start(self, settings: LanSettings | None = None) -> tuple[str, int]:
        """Listen for the paired desks (and pairing requests); returns the address listened on."""
        settings = settings or self.settings()
        with self._lock:
            if self._server is None:
                own = self.certificate()
                server = LanPeerServer(
                    self.replica,
                    context=lambda: server_context(own, [p.cert_pem for p in self.peers()]),
                    authorise=self._authorise,
                    host=settings.host,
                    port=settings.port,
                    extra=self._extra,
                    on_refusal=lambda words: self._changed("refused"),
                    on_seen=self._seen,
                    session_for=self._session_for,
                )
                try:
                    server.start()
                except OSError as exc:
                    raise LanError(
                        f"this desk cannot listen on port {settings.port} ({exc.strerror or exc}): another "
                        "program uses it, or choose another port",
                        code="port_in_use",
                    ) from None
                self._server = server
                self._responder = self._start_responder(settings.host, server.address[1])
            return self._server.address

    def _start_responder(self, host: str, port: int) -> DiscoveryResponder | None:
        """Answer discovery probes on UDP at the listener's port; without it desks are found by address."""
        try:
            return DiscoveryResponder(self.beacon, host=host, port=port)
        except OSError as exc:
            log.warning("this desk cannot answer LAN discovery on UDP %s (%s)", port, exc.strerror or exc)
            return None

    def beacon(self) -> DeskBeacon:
        """What this desk tells a desk of its commune looking for it (no secret, no person's name)."""
        port = self._server.address[1] if self._server is not None else self.settings().port
        prefix = fingerprint_prefix(self.certificate().fingerprint())
        return DeskBeacon(self.desk_name(), self.commune, port, prefix)

    def find_desks(self, *, timeout: float = 1.5) -> list[FoundDesk]:
        """The desks of this commune answering on the LAN (probed on this desk's port, the default one and the
        paired desks' ports); this desk itself is left out."""
        own = fingerprint_prefix(self.certificate().fingerprint())
        ports = (self.settings().port, DEFAULT_PORT, *(p.port for p in self.peers()))
        found = find_desks(self.commune, ports, timeout=timeout)
        return [d for d in found if d.beacon.fingerprint_prefix != own]

    def stop(self) -> None:
        with self._lock:
            server, self._server = self._server, None
            responder, self._responder = self._responder, None
        if responder is not None:
            responder.stop()
        if server is not None:
            server.stop()

    def shown_address(self) -> tuple[str, int]:
        """The address the other desk types: this PC's LAN address (or the one listened on) and the port."""
        if self._server is None:
            raise LanError(
                "this desk is not listening for other desks: turn the LAN on first", code="not_listening"
            )
        host, port = self._server.address
        return (local_address() if host in ("0.0.0.0", "") else host), port  # noqa: S104

    def refusals(self) -> list[str]:
        return list(self._server.refusals) if self._server is not None else []

    def _changed(self, what: str) -> None:
        if self._on_change is not None:
            try:
                self._on_change(what)
            except Exception:  # noqa: BLE001 (a screen's refresh must not break the listener)
                log.warning("a LAN change could not be shown", exc_info=True)

    def _authorise(self, fingerprint: str) -> bool:
        return self._serve_sessions and any(p.fingerprint == fingerprint for p in self.peers())

    def _seen(self, fingerprint: str, host: str) -> None:
        """A paired desk calls: if it now has another address, it is found there from now on."""
        peer = self._peer_by_fingerprint(fingerprint)
        if peer is not None and peer.host != host:
            update_peer(self.store, peer.replica_id, host=host)
        self._changed("called")

    def _session_for(self, fingerprint: str) -> tuple[OriginCheckedReplica, str] | None:
        """A paired desk's session: what it pushes is taken only with proof of its origin."""
        peer = self._peer_by_fingerprint(fingerprint)
        if peer is None:
            return None
        return self._checked(self.replica, peer, listening=True), peer.replica_id

    def _checked(self, replica: Any, peer: LanPeer, *, listening: bool) -> OriginCheckedReplica:
        def refused(words: str) -> None:
            update_peer(
                self.store, peer.replica_id, last_error=words[:300], last_error_code=OriginRefused.kind
            )
            if listening and self._server is not None:
                self._server.refuse(words)

        return OriginCheckedReplica(
            replica,
            lambda: origin_keys(self.store),
            peer=peer.replica_id,
            peer_name=f"{peer.name} ({peer.replica_id[:8]})",
            on_refusal=refused,
            province_key=lambda: _province_signing_key(self.store),
        )

    # -- origin keys ----------------------------------------------------------------------------------------

    def _keys_given(self) -> list[dict[str, str]]:
        """What this desk tells a paired desk of the origin keys it knows (public keys and desk names)."""
        keys = sorted(origin_keys(self.store).values(), key=lambda k: k.replica_id)[:MAX_KEYS_GIVEN]
        return [{"replica_id": k.replica_id, "signing_key": k.signing, "name": k.name} for k in keys]

    def _learn_given(self, peer: LanPeer, given: Any) -> list[str]:
        """Learn the keys a paired desk told (its own as from pairing, others as vouched by it; never a
        revocation: that is the province's word)."""
        keys = []
        for entry in given[:MAX_KEYS_GIVEN] if isinstance(given, list) else []:
            try:
                replica_id = str(entry["replica_id"])
                own = replica_id == peer.replica_id
                keys.append(
                    OriginKey(
                        replica_id,
                        str(entry["signing_key"]),
                        PAIRING if own else VOUCHED,
                        name=peer.name if own else str(entry.get("name", ""))[:80],
                        via="" if own else peer.replica_id,
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError, BadEventData):
                log.warning("a paired desk told an origin key this desk cannot read: left out")
        return learn_keys(self.store, keys, giver=f"paired desk {peer.name}", now=self._now)

    def _answer_origins(self, peer: LanPeer, body: bytes) -> LanReply:
        try:
            doc = json.loads(body)
            given = doc["keys"]
        except (ValueError, KeyError, TypeError):
            return LanReply.refusal(400, "bad_request", "the list of desk keys is malformed")
        self._learn_given(peer, given)
        return LanReply.json(200, {"keys": self._keys_given()})

    def _peer_by_fingerprint(self, fingerprint: str | None) -> LanPeer | None:
        return next((p for p in self.peers() if p.fingerprint == fingerprint), None)

    def _extra(
        self, method: str, path: str, fingerprint: str | None, body: bytes, address: tuple[str, int]
    ) -> LanReply:
        if method == "POST" and path == PAIR_PATH:
            return self._answer_pairing(body, address)
        peer = self._peer_by_fingerprint(fingerprint)
        if peer is None:
            return LanReply.refusal(401, "not_paired", "this desk is not paired with the calling desk")
        if peer.host != address[0]:  # a paired desk is found again at its new address
            update_peer(self.store, peer.replica_id, host=address[0])
        if method == "GET" and path.startswith(SCAN_PATH):
            return self._send_scan(path[len(SCAN_PATH) :])
        if method == "POST" and path == ORIGINS_PATH:
            return self._answer_origins(peer, body)
        return LanReply.refusal(404, "not_found", "no such request")

    # -- pairing --------------------------------------------------------------------------------------------

    def offer_pairing(self) -> PairingOffer:
        """Show a new pairing code (the listener must be on); the other desk types it with the address."""
        self.start()
        offer = PairingOffer(
            PairingCode.new(self.certificate().fingerprint()),
            self.shown_address(),
            self._now() + timedelta(minutes=CODE_MINUTES),
        )
        self._offer = offer
        return offer

    def cancel_pairing(self) -> None:
        self._offer = None

    @property
    def offer(self) -> PairingOffer | None:
        """The code on show, if any (``None`` once used, cancelled or typed wrong too often)."""
        return self._offer

    def _answer_pairing(self, body: bytes, address: tuple[str, int]) -> LanReply:
        offer = self._offer
        if offer is None:
            return LanReply.refusal(
                403, "not_pairing", "this desk is not showing a pairing code: show a new code on it first"
            )
        try:
            doc = json.loads(body)
            secret, commune = str(doc["secret"]), str(doc["commune"])
            replica_id, name = str(doc["replica_id"]), str(doc["name"])[:80]
            port = int(doc["port"])
            cert_pem = check_certificate_pem(str(doc["certificate"]))
            space = doc.get("space")
            signing = doc.get("signing_key")
            signing = None if signing is None else check_signing_key(signing)
        except (ValueError, KeyError, TypeError, SyncError):
            return LanReply.refusal(400, "bad_request", "the pairing request is malformed")
        refused = offer.refusal(secret, self._now())
        if refused is not None:
            if offer.attempts_left <= 0:
                self._offer = None
            return LanReply.refusal(403, *refused)
        if commune != self.commune:
            self._offer = None
            return LanReply.refusal(
                403,
                "other_commune",
                f"this desk works for commune {self.commune}, the other desk for commune {commune}: "
                "desks pair only within one commune",
            )
        if replica_id == self.replica.replica_id:
            return LanReply.refusal(403, "same_desk", "a desk cannot pair with itself")
        refused_key = self._enrolled_key_differs(replica_id, signing)
        if refused_key is not None:
            self._offer = None
            return LanReply.refusal(403, "key_mismatch", refused_key)
        try:
            block = self._share_block(space)
        except LanError as exc:
            self._offer = None
            return LanReply.refusal(409, exc.code, str(exc))
        peer = LanPeer(
            replica_id,
            name,
            commune,
            address[0],
            port,
            cert_pem,
            fingerprint_of_pem(cert_pem),
            self._now().isoformat(),
        )
        save_peer(self.store, peer)
        if signing is not None:
            self._paired_key(peer, signing)
        answer = {
            "replica_id": self.replica.replica_id,
            "name": self.desk_name(),
            "commune": self.commune,
            "block": block,
            "signing_key": own_signing_key(self.store),
        }
        # the offer is used (a second caller was refused by ``offer.refusal`` already); the IT command
        # waiting for the pairing may close the store once it sees it, so nothing reads the store after this
        self.paired_events.append(peer)
        self._offer = None
        self._changed("paired")
        return LanReply.json(200, answer)

    def _enrolled_key_differs(self, replica_id: str, signing: str | None) -> str | None:
        """Why a desk claiming ``replica_id`` with ``signing`` is not paired: the province enrolled that
        replica with another key (a desk pretending to be another), or ``None``."""
        known = origin_keys(self.store).get(replica_id)
        if known is None or known.source != PROVINCE or signing is None or signing == known.signing:
            return None
        return (
            f"the other desk says it is desk {replica_id[:8]}, which the province enrolled with another "
            "signing key: it is not that desk (or it was set up again): IT looks at it; nothing was paired"
        )

    def _paired_key(self, peer: LanPeer, signing: str) -> None:
        """The signing key a desk gave of itself at pairing (over the pinned channel)."""
        key = OriginKey(peer.replica_id, signing, PAIRING, name=peer.name)
        learn_keys(self.store, [key], giver=f"paired desk {peer.name}", now=self._now)

    def _share_block(self, theirs: Any) -> dict[str, Any] | None:
        """If the joining desk numbers from the same block as this one, give it the upper half of this desk's
        block (this desk keeps the lower half, where its numbers so far are), so codes never collide."""

        def split(conn: Any) -> dict[str, Any] | None:  # the block given, and this desk's ("kept")
            mine = read_sequence_space(conn)
            if mine is None or not isinstance(theirs, dict):
                return None
            try:
                other = SequenceSpace(
                    theirs["agency"], theirs["workstation"], theirs["first"], theirs["last"]
                )
            except (KeyError, TypeError, ValueError):
                return None
            if other.agency != mine.agency or other.last < mine.first or mine.last < other.first:
                return None  # no overlap: both keep their blocks (e.g. each has its own from the province)
            used = _last_number_today(conn, mine.agency, self._today())
            middle = max((mine.first + mine.last + 1) // 2, used + 1)
            if middle > mine.last:
                raise LanError("this desk has no numbers left to share today", code="no_numbers")
            kept = replace(mine, last=middle - 1)
            write_sequence_space(conn, kept)
            return {"agency": mine.agency, "first": middle, "last": mine.last, "kept": kept}

        given = self.store.write(split).result()
        if given is None:
            return None
        kept = given.pop("kept")
        if self._on_block_changed is not None:
            self._on_block_changed(kept)
        return given

    def join(self, address: tuple[str, int], typed_code: str) -> LanPeer:
        """Pair with the desk at ``address`` that shows ``typed_code``; both desks then trust each other."""
        code = PairingCode.parse(typed_code)
        own = self.certificate()
        listening = self._server.address[1] if self._server is not None else self.settings().port
        connection = open_connection(  # no certificate shown yet: it travels inside, once the code matched
            address, client_context(None, None), expect_fingerprint=None, timeout=30
        )
        try:
            if not code.matches_certificate(peer_fingerprint(connection)):
                raise LanError(
                    "the desk at this address is not the one showing this code (its certificate does not "
                    "match the code): check the address and the code",
                    code="wrong_code",
                )
            sock = connection.sock
            assert isinstance(sock, ssl.SSLSocket)
            der = sock.getpeercert(binary_form=True) or b""
            with self.store.reader() as conn:
                space = read_sequence_space(conn)
            request = {
                "secret": code.secret,
                "replica_id": self.replica.replica_id,
                "name": self.desk_name(),
                "commune": self.commune,
                "port": listening,
                "certificate": own.cert_pem(),
                "signing_key": own_signing_key(self.store),
                "space": None
                if space is None
                else {
                    "agency": space.agency,
                    "workstation": space.workstation,
                    "first": space.first,
                    "last": space.last,
                },
            }
            response = send_request(connection, "POST", PAIR_PATH, json.dumps(request).encode("utf-8"))
            if response.status != 200:
                try:
                    raise_refusal(response)
                except PeerRefused as exc:
                    raise LanError(str(exc), code=exc.code) from None
            answer = json.loads(b"".join(read_body(response)))
        finally:
            connection.close()
        cert_pem = ssl.DER_cert_to_PEM_cert(der)
        peer = LanPeer(
            str(answer["replica_id"]),
            str(answer["name"])[:80],
            str(answer["commune"]),
            address[0],
            address[1],
            cert_pem,
            fingerprint_of_pem(cert_pem),
            self._now().isoformat(),
        )
        if answer.get("signing_key") is not None:
            try:
                refused_key = self._enrolled_key_differs(
                    peer.replica_id, check_signing_key(answer["signing_key"])
                )
            except BadEventData:
                refused_key = None
            if refused_key is not None:
                raise LanError(refused_key, code="key_mismatch")
        save_peer(self.store, peer)
        if answer.get("signing_key") is not None:
            try:
                self._paired_key(peer, check_signing_key(answer["signing_key"]))
            except BadEventData:
                log.warning(
                    "the paired desk gave a signing key this desk cannot read: learnt at the next sync"
                )
        if isinstance(answer.get("block"), dict):
            self._take_block(answer["block"])
        self._changed("paired")
        return peer

    def _take_block(self, block: dict[str, Any]) -> None:
        """Number from the block the other desk gave; from tomorrow if this desk already numbered today."""
        day = self._today()

        def take(conn: Any) -> SequenceSpace | None:
            mine = read_sequence_space(conn)
            if mine is None:
                return None
            given = SequenceSpace(
                str(block["agency"]), mine.workstation, int(block["first"]), int(block["last"])
            )
            if _last_number_today(conn, given.agency, day) == 0:
                write_sequence_space(conn, given)
                return given
            tomorrow = (datetime.fromisoformat(day) + timedelta(days=1)).date().isoformat()
            doc = {
                "agency": given.agency,
                "workstation": given.workstation,
                "first": given.first,
                "last": given.last,
                "from": tomorrow,
            }
            set_meta(conn, PENDING_SPACE_KEY, json.dumps(doc, sort_keys=True))
            return None

        now_in_force = self.store.write(take).result()
        if now_in_force is not None and self._on_block_changed is not None:
            self._on_block_changed(now_in_force)

    # -- syncing --------------------------------------------------------------------------------------------

    def _context_for(self, peer: LanPeer) -> ssl.SSLContext:
        return client_context(self.certificate(), peer.cert_pem)

    def sync_peer(
        self, peer: LanPeer, *, replica: Any = None, transport_wrap: Callable[[Any], Any] | None = None
    ) -> PeerOutcome:
        """One session with ``peer`` (records), then the scans this desk lacks; errors come back in words."""
        checked = self._checked(replica or self.replica, peer, listening=False)
        try:
            transport = LanPeerTransport(
                peer.address, context=self._context_for(peer), expect_fingerprint=peer.fingerprint
            )
            try:
                self._swap_keys(peer, transport)
                result = run_session(
                    checked,
                    transport_wrap(transport) if transport_wrap else transport,
                    now=self._now,
                    checkpoints=self.checkpoints,
                    expect_peer=peer.replica_id,
                )
                scans = self._fetch_scans(peer)
            finally:
                transport.close()
        except (SyncError, LanError) as exc:
            code = getattr(exc, "code", None) or getattr(exc, "kind", type(exc).__name__)
            update_peer(self.store, peer.replica_id, last_error=str(exc)[:300], last_error_code=str(code))
            return PeerOutcome(peer, error=exc)
        update_peer(
            self.store,
            peer.replica_id,
            last_contact=self._now().isoformat(),
            last_error=None,
            last_error_code=None,
        )
        self._changed("synced")
        if checked.held:
            log.info("lan: %d event(s) from a paired desk wait for their origin's key", checked.held)
        return PeerOutcome(peer, result, scans, held=checked.held)

    def _swap_keys(self, peer: LanPeer, transport: LanPeerTransport) -> None:
        """Before the session: tell the other desk the origin keys this one knows, learn those it knows."""
        try:
            answer = transport.exchange(ORIGINS_PATH, {"keys": self._keys_given()})
        except PeerRefused as exc:
            if exc.code != "not_found":
                raise
            return  # a desk of an older version: its events are checked with the keys known here
        self._learn_given(peer, answer.get("keys"))

    def sync_all(
        self, *, replica: Any = None, transport_wrap: Callable[[Any], Any] | None = None
    ) -> LanRound:
        """A session with every paired desk in turn (the schedule and "Sync now" call this)."""
        return LanRound(
            tuple(self.sync_peer(p, replica=replica, transport_wrap=transport_wrap) for p in self.peers())
        )

    def peer_statuses(self) -> list[PeerStatus]:
        vector = self.replica.vector()
        me = self.replica.replica_id
        found = []
        for peer in self.peers():
            held = self.checkpoints.load(me, peer.replica_id)
            found.append(
                PeerStatus(
                    peer.replica_id,
                    peer.name,
                    f"{peer.host}:{peer.port}",
                    datetime.fromisoformat(peer.last_contact) if peer.last_contact else None,
                    waiting_events(me, vector, [held] if held is not None else []),
                    peer.last_error,
                    peer.last_error_code,
                )
            )
        return found

    # -- scans ----------------------------------------------------------------------------------------------

    def _attachments(self, conn: Any) -> AttachmentStore:
        return AttachmentStore(conn, self.store.paths.attachments, now=self.store.now)

    def missing_scans(self) -> list[str]:
        """The scans named by the events received since the last look, and those still missing from before,
        that this desk does not hold (only new events are read: the cost does not grow with the store)."""

        def look(conn: Any) -> list[str]:
            last = int(get_meta(conn, SCAN_CURSOR_META_KEY) or 0)
            wanted = set(json.loads(get_meta(conn, SCANS_PENDING_META_KEY) or "[]"))
            newest = last
            rows = conn.execute(
                "SELECT rowid, body FROM change_events WHERE rowid > ? AND instr(body, '\"sha256\"') > 0",
                (last,),
            )
            for rowid, body in rows:
                wanted.update(_SHA_IN_EVENT.findall(body))
                newest = max(newest, rowid)
            newest = max(
                newest, conn.execute("SELECT coalesce(max(rowid), 0) FROM change_events").fetchone()[0]
            )
            store = self._attachments(conn)
            missing = sorted(sha for sha in wanted if not store.has(sha))
            set_meta(conn, SCAN_CURSOR_META_KEY, str(newest))
            set_meta(conn, SCANS_PENDING_META_KEY, json.dumps(missing))
            return missing

        return list(self.store.write(look).result())

    def _send_scan(self, sha256: str) -> LanReply:
        if not _SHA256.fullmatch(sha256):
            return LanReply.refusal(400, "bad_request", "not a scan's hash")
        with self.store.reader() as conn:
            store = self._attachments(conn)
            if not store.has(sha256):
                return LanReply.refusal(404, "no_scan", "this desk does not hold that scan")
            info = store.info(sha256)
            content = store.read_bytes(sha256)
        return LanReply(200, info.media_type, [content])

    def _fetch_scans(self, peer: LanPeer) -> int:
        fetched = 0
        missing = self.missing_scans()
        if not missing:
            return 0
        connection = open_connection(
            peer.address, self._context_for(peer), expect_fingerprint=peer.fingerprint
        )
        try:
            for sha256 in missing:
                response = send_request(connection, "GET", SCAN_PATH + sha256)
                if response.status != 200:
                    for _chunk in read_body(response):
                        pass
                    continue  # the other desk lacks it too: a later sync (or the province) brings it
                media_type = response.getheader("Content-Type") or "application/octet-stream"
                content = _bounded_body(response)
                # checked before the store is touched: a wrong scan never removes one this desk holds
                if content is None or hashlib.sha256(content).hexdigest() != sha256:
                    log.warning("a scan from another desk did not match its hash (or was too large): dropped")
                    continue

                def add(conn: Any, content: bytes = content, media_type: str = media_type) -> str:
                    return self._attachments(conn).add_stream(io.BytesIO(content), media_type).sha256

                try:
                    self.store.write(add).result()
                except AttachmentError:
                    log.warning("a scan from another desk could not be stored", exc_info=True)
                    continue
                fetched += 1
        finally:
            connection.close()
        return fetched


def _bounded_body(response: Any) -> bytes | None:
    """A scan's bytes from another desk, or ``None`` past the size a scan may have (never read whole)."""
    parts, size = [], 0
    for chunk in read_body(response):
        size += len(chunk)
        if size > DEFAULT_MAX_BYTES:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _province_signing_key(store: Store) -> bytes | None:
    """The province's public signing key (its refusals of events carry its signature), if enrolled."""
    keys = province_keys(store)
    return None if keys is None else keys.signing
