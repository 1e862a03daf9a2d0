"""The desks of this commune that this desk is paired with, kept inside the encrypted store, and the pairing
code one desk shows and another types.

A pairing code is 16 characters (Crockford base32, shown as four groups of four): the first 12 are the first
60 bits of the showing desk's certificate fingerprint, so the typing desk knows which certificate to trust
before it sends anything; the last 4 are a one-time secret (20 bits) that the typing desk sends inside that
TLS channel to show it was told the code. A code is good for :data:`CODE_MINUTES` minutes and
:data:`CODE_ATTEMPTS` wrong tries.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from sync.connection import Connection
from sync.store import Store, get_meta, set_meta
from workstation.errors import WorkstationError

PEERS_META_KEY = "lan.peers"
SETTINGS_META_KEY = "lan.settings"
KEY_PASSWORD_META_KEY = "lan.key_password"
DEFAULT_PORT = 47470
"""The TCP port a desk listens on for the other desks of its commune (open it in the Windows firewall)."""
CODE_MINUTES = 10
CODE_ATTEMPTS = 3
_FINGERPRINT_CHARS = 12
_SECRET_CHARS = 4
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STANDARD, _ALPHABET)
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class LanError(WorkstationError):
    """Pairing or syncing with another desk of the commune failed; ``code`` is a stable reason, the message
    says it in words (naming no person)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LanSettings:
    """Whether this desk listens for the other desks of its commune, where, and the name it gives them."""

    enabled: bool = False
    port: int = DEFAULT_PORT
    host: str = "0.0.0.0"  # noqa: S104 (a desk listens on its LAN; the channel is mutual TLS)
    name: str = ""

    def __post_init__(self) -> None:
        if type(self.port) is not int or not 0 <= self.port <= 65535:
            raise LanError("the LAN port must be a number from 1 to 65535", code="bad_port")


@dataclass(frozen=True)
class LanPeer:
    """A paired desk: its replica, name, commune, where it listens and its certificate (pinned)."""

    replica_id: str
    name: str
    commune: str
    host: str
    port: int
    cert_pem: str
    fingerprint: str
    paired_at: str
    last_contact: str | None = None
    last_error: str | None = None
    last_error_code: str | None = None

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def __repr__(self) -> str:
        return f"LanPeer({self.replica_id[:8]}, {self.host}:{self.port})"


def read_settings(store: Store) -> LanSettings:
    with store.reader() as conn:
        text = get_meta(conn, SETTINGS_META_KEY)
    if not text:
        return LanSettings()
    try:
        return LanSettings(**json.loads(text))
    except (ValueError, TypeError):
        return LanSettings()


def save_settings(store: Store, settings: LanSettings) -> None:
    text = json.dumps(asdict(settings), sort_keys=True)
    store.write(lambda conn: set_meta(conn, SETTINGS_META_KEY, text)).result()


def _peers_in(conn: Connection) -> dict[str, LanPeer]:
    text = get_meta(conn, PEERS_META_KEY)
    if not text:
        return {}
    try:
        return {rid: LanPeer(**doc) for rid, doc in json.loads(text).items()}
    except (ValueError, TypeError) as exc:
        raise LanError(
            f"the stored list of paired desks is damaged ({type(exc).__name__})", code="damaged"
        ) from None


def _write_peers(conn: Connection, peers: dict[str, LanPeer]) -> None:
    set_meta(conn, PEERS_META_KEY, json.dumps({rid: asdict(p) for rid, p in sorted(peers.items())}))


def read_peers(store: Store) -> list[LanPeer]:
    """The paired desks, by name."""
    with store.reader() as conn:
        return sorted(_peers_in(conn).values(), key=lambda p: (p.name, p.replica_id))


def save_peer(store: Store, peer: LanPeer) -> None:
    def save(conn: Connection) -> None:
        peers = _peers_in(conn)
        peers[peer.replica_id] = peer
        _write_peers(conn, peers)

    store.write(save).result()


def update_peer(store: Store, replica_id: str, **changes: object) -> None:
    """Change a paired desk's entry (last contact, its address…); nothing if it is no longer paired."""

    def save(conn: Connection) -> None:
        peers = _peers_in(conn)
        if replica_id in peers:
            peers[replica_id] = replace(peers[replica_id], **changes)  # type: ignore[arg-type]
            _write_peers(conn, peers)

    store.write(save).result()


def remove_peer(store: Store, replica_id: str) -> bool:
    def remove(conn: Connection) -> bool:
        peers = _peers_in(conn)
        if peers.pop(replica_id, None) is None:
            return False
        _write_peers(conn, peers)
        return True

    return bool(store.write(remove).result())


# -- pairing codes -------------------------------------------------------------------------------------------


def fingerprint_prefix(fingerprint: str) -> str:
    """The characters a pairing code starts with (what LAN discovery tells, to pick the right desk)."""
    return _fingerprint_chars(fingerprint)


def _fingerprint_chars(fingerprint: str) -> str:
    text = base64.b32encode(bytes.fromhex(fingerprint)).decode("ascii").translate(_TO_CROCKFORD)
    return text[:_FINGERPRINT_CHARS]


@dataclass(frozen=True)
class PairingCode:
    """The code a desk shows: the start of its certificate's fingerprint and a one-time secret."""

    fingerprint_part: str
    secret: str

    @classmethod
    def new(cls, fingerprint: str) -> PairingCode:
        secret = "".join(secrets.choice(_ALPHABET) for _ in range(_SECRET_CHARS))
        return cls(_fingerprint_chars(fingerprint), secret)

    @classmethod
    def parse(cls, typed: str) -> PairingCode:
        """The code as typed (dashes, spaces, lower case, O for 0 and I or L for 1 are forgiven)."""
        text = "".join(ch for ch in typed.upper() if ch not in " -.").translate(_TYPED)
        if len(text) != _FINGERPRINT_CHARS + _SECRET_CHARS or any(ch not in _ALPHABET for ch in text):
            raise LanError(
                "a pairing code has 16 letters and digits (four groups of four): check what was typed",
                code="bad_code",
            )
        return cls(text[:_FINGERPRINT_CHARS], text[_FINGERPRINT_CHARS:])

    def matches_certificate(self, fingerprint: str) -> bool:
        return secrets.compare_digest(self.fingerprint_part, _fingerprint_chars(fingerprint))

    @property
    def text(self) -> str:
        whole = self.fingerprint_part + self.secret
        return "-".join(whole[i : i + 4] for i in range(0, len(whole), 4))


@dataclass
class PairingOffer:
    """A code on show, until it is used, it expires or it has been typed wrong too often."""

    code: PairingCode
    address: tuple[str, int]
    expires: datetime
    attempts_left: int = CODE_ATTEMPTS

    def refusal(self, secret: str, now: datetime) -> tuple[str, str] | None:
        """Why ``secret`` is refused (code, words), or ``None`` when it is right (the offer is then used)."""
        if now >= self.expires or self.attempts_left <= 0:
            return "code_expired", "the pairing code is no longer valid: show a new code on this desk"
        if not secrets.compare_digest(secret.encode(), self.code.secret.encode()):
            self.attempts_left -= 1
            return (
                "wrong_code",
                "the pairing code is wrong: check the code shown on this desk and type it again",
            )
        self.attempts_left = 0
        return None
