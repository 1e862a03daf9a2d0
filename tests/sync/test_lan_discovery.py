"""LAN discovery: real UDP probes and answers on 127.0.0.1 (no network stand-ins)."""

from __future__ import annotations

import json
import socket
import threading

from sync.lan_discovery import MAX_DATAGRAM, PROTOCOL, DeskBeacon, DiscoveryResponder, find_desks
from tests.helpers.server_processes import free_port

LOOPBACK = ("127.0.0.1",)


def test_a_desk_of_the_commune_is_found_with_what_it_tells_and_nothing_else() -> None:
    port = free_port()
    beacon = DeskBeacon("Bàn 1", "00070", port, "ABCDEFGHJKMN")
    responder = DiscoveryResponder(lambda: beacon, host="127.0.0.1", port=port)
    try:
        found = find_desks("00070", [port], timeout=0.5, targets=LOOPBACK)
        assert [(d.host, d.beacon) for d in found] == [("127.0.0.1", beacon)]
        assert found[0].address == ("127.0.0.1", port)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:  # the answer's exact fields
            raw.settimeout(1)
            raw.sendto(
                json.dumps({"p": PROTOCOL, "v": 1, "q": "find", "group": "00070"}).encode(),
                ("127.0.0.1", port),
            )
            answer = json.loads(raw.recv(MAX_DATAGRAM + 1))
        assert set(answer) == {"p", "v", "name", "group", "port", "fp"}
        assert find_desks("00071", [port], timeout=0.3, targets=LOOPBACK) == []  # another commune
    finally:
        responder.stop()


def test_answers_from_another_commune_malformed_or_oversized_are_ignored() -> None:
    """A fake "desk" answers every probe with junk, then another commune, then one good answer."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as fake:
        fake.bind(("127.0.0.1", 0))
        fake_port = fake.getsockname()[1]
        port = free_port()
        good = DeskBeacon("Bàn 2", "00070", port, "ZZZZ1111ZZZZ")
        responder = DiscoveryResponder(lambda: good, host="127.0.0.1", port=port)

        def answer_junk() -> None:
            fake.settimeout(2)
            _, prober = fake.recvfrom(2048)
            other = {"p": PROTOCOL, "v": 1, "name": "X", "group": "00099", "port": 1, "fp": "AAAA"}
            for junk in (
                b"\xff\xfe not json",
                b"[]",
                json.dumps(
                    {"p": PROTOCOL, "v": 1, "name": "Y", "group": "00070", "port": "x", "fp": "A"}
                ).encode(),
                json.dumps({**other, "group": "00070", "name": "Y" * 2000}).encode(),  # oversized
                json.dumps(other).encode(),  # another commune
            ):
                fake.sendto(junk, prober)

        thread = threading.Thread(target=answer_junk)
        thread.start()
        try:
            found = find_desks("00070", [fake_port, port], timeout=0.8, targets=LOOPBACK)
        finally:
            thread.join()
            responder.stop()
    assert [d.beacon for d in found] == [good]


def test_a_responder_survives_junk_probes_and_answers_the_next_good_one() -> None:
    port = free_port()
    beacon = DeskBeacon("Bàn 1", "00070", port, "ABCDEFGHJKMN")
    responder = DiscoveryResponder(lambda: beacon, host="127.0.0.1", port=port)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
            for junk in (
                b"",
                b"\x00" * 4000,
                b"{",
                json.dumps({"p": PROTOCOL, "v": 1, "q": "find"}).encode(),
            ):
                raw.sendto(junk, ("127.0.0.1", port))
        assert [d.beacon for d in find_desks("00070", [port], timeout=0.5, targets=LOOPBACK)] == [beacon]
    finally:
        responder.stop()


def test_the_answers_kept_are_bounded() -> None:
    responders = []
    try:
        for i in range(5):
            port = free_port()
            b = DeskBeacon(f"Bàn {i}", "00070", port, f"ABCDEFGHJKM{i}")
            responders.append(DiscoveryResponder(lambda b=b: b, host="127.0.0.1", port=port))
        ports = [r.address[1] for r in responders]
        assert len(find_desks("00070", ports, timeout=0.5, targets=LOOPBACK)) == 5
        assert len(find_desks("00070", ports, timeout=0.5, targets=LOOPBACK, max_answers=3)) == 3
    finally:
        for r in responders:
            r.stop()
