"""Finding the desks of one's own group on the LAN: a UDP probe and the answers of the desks listening.

A desk whose listener runs answers probes on UDP at its listener's port number. The probe carries only a
protocol tag, its version and the group asked for; the answer only the protocol tag, its version, the
desk's label, its group, its TCP port and the first characters of its certificate's fingerprint (what the
pairing code starts with). Nothing secret, nothing about a person. Anything else that arrives (another
group, malformed, oversized) is ignored; the number of answers kept is bounded.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

PROTOCOL = "motcua-lan-discovery"
VERSION = 1
MAX_DATAGRAM = 512
MAX_ANSWERS = 32
ANSWERS_PER_SECOND = 20
_TEXT_LIMIT = 80


@dataclass(frozen=True)
class DeskBeacon:
    """What a desk says of itself to a probe."""

    name: str
    group: str
    port: int
    fingerprint_prefix: str


@dataclass(frozen=True)
class FoundDesk:
    """A desk that answered: its beacon and the address it answered from."""

    host: str
    beacon: DeskBeacon

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.beacon.port


def _probe(group: str) -> bytes:
    return json.dumps({"p": PROTOCOL, "v": VERSION, "q": "find", "group": group}).encode("utf-8")


def _answer(beacon: DeskBeacon) -> bytes:
    doc = {
        "p": PROTOCOL,
        "v": VERSION,
        "name": beacon.name[:_TEXT_LIMIT],
        "group": beacon.group,
        "port": beacon.port,
        "fp": beacon.fingerprint_prefix,
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")[:MAX_DATAGRAM]


def _read(data: bytes) -> dict[str, object] | None:
    """The datagram's fields when it is one of ours and well formed, else ``None``."""
    if len(data) > MAX_DATAGRAM:
        return None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("p") != PROTOCOL or doc.get("v") != VERSION:
        return None
    return doc


def parse_answer(data: bytes) -> DeskBeacon | None:
    """A desk's answer, or ``None`` when the datagram is not a well-formed answer."""
    doc = _read(data)
    if doc is None:
        return None
    name, group, port, prefix = doc.get("name"), doc.get("group"), doc.get("port"), doc.get("fp")
    if not (isinstance(name, str) and isinstance(group, str) and isinstance(prefix, str)):
        return None
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        return None
    if len(group) > _TEXT_LIMIT or len(prefix) > _TEXT_LIMIT or not prefix.isalnum():
        return None
    return DeskBeacon(name[:_TEXT_LIMIT], group, port, prefix)


class DiscoveryResponder:
    """Answers probes for ``beacon().group`` on UDP ``host:port`` in a thread, until :meth:`stop`."""

    def __init__(self, beacon: Callable[[], DeskBeacon], *, host: str = "", port: int) -> None:
        self._beacon = beacon
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # no SO_REUSEADDR: nobody shares it
        try:
            self._sock.bind((host, port))
        except OSError:
            self._sock.close()
            raise
        self._sock.settimeout(0.2)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="lan-discovery", daemon=True)
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._sock.getsockname()[:2]
        return str(host), int(port)

    def _serve(self) -> None:
        second, answered = 0, 0  # at most ANSWERS_PER_SECOND answers: a flood of probes is not amplified
        while not self._stopped.is_set():
            try:
                data, sender = self._sock.recvfrom(MAX_DATAGRAM + 1)
            except TimeoutError:
                continue
            except OSError:
                if self._stopped.is_set():
                    return
                self._stopped.wait(0.2)  # a failing socket: never a busy loop
                continue
            try:
                doc = _read(data)
                if doc is None or doc.get("q") != "find":
                    continue
                beacon = self._beacon()
                if doc.get("group") != beacon.group:
                    continue
                now = int(time.monotonic())
                second, answered = (second, answered + 1) if now == second else (now, 1)
                if answered > ANSWERS_PER_SECOND:
                    continue
                self._sock.sendto(_answer(beacon), sender)
            except Exception:  # noqa: BLE001 (a bad datagram or a closed store never stops the responder)
                log.warning("a LAN discovery probe could not be answered", exc_info=True)

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)
        self._sock.close()


def find_desks(
    group: str,
    ports: Iterable[int],
    *,
    timeout: float = 1.5,
    targets: Iterable[str] = ("255.255.255.255", "127.0.0.1"),
    max_answers: int = MAX_ANSWERS,
) -> list[FoundDesk]:
    """Probe for the desks of ``group`` on ``ports`` and return those that answered within ``timeout``."""
    found: dict[tuple[str, int, str], FoundDesk] = {}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        sock.bind(("", 0))
        probe = _probe(group)
        for target in targets:
            for port in dict.fromkeys(ports):
                try:
                    sock.sendto(probe, (target, port))
                except OSError:
                    continue  # no route, broadcast blocked: the other targets may still work
        deadline = time.monotonic() + timeout
        while len(found) < max_answers:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            sock.settimeout(left)
            try:
                data, sender = sock.recvfrom(MAX_DATAGRAM + 1)
            except TimeoutError:
                break
            except OSError:
                continue
            beacon = parse_answer(data)
            if beacon is None or beacon.group != group:
                continue
            desk = FoundDesk(str(sender[0]), beacon)
            found.setdefault((desk.host, beacon.port, beacon.fingerprint_prefix), desk)
    return _one_per_desk(found.values())


def _one_per_desk(desks: Iterable[FoundDesk]) -> list[FoundDesk]:
    """A desk reached both by broadcast and on 127.0.0.1 is listed once (its LAN address preferred)."""
    chosen: dict[tuple[int, str], FoundDesk] = {}
    for desk in desks:
        key = (desk.beacon.port, desk.beacon.fingerprint_prefix)
        if key not in chosen or chosen[key].host.startswith("127."):
            chosen[key] = desk
    return sorted(chosen.values(), key=lambda d: (d.beacon.name, d.host))
