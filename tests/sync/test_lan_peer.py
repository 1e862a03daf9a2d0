"""Desk-to-desk sync over mutual TLS on 127.0.0.1: pinned certificates, refusals in words, cuts, two desks."""

from __future__ import annotations

import http.client
import random
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.bundle_exchange import export_bundle, import_bundle
from sync.device_keys import DeviceIdentity
from sync.errors import (
    ChannelTampered,
    NotPairedThere,
    PeerCertificateChanged,
    PeerRefused,
    ProtocolMismatch,
    SyncInterrupted,
    WrongPeer,
)
from sync.lan_peer import PATH_PREFIX, LanPeerServer, LanPeerTransport, sync_with_lan_peer
from sync.protocol_version import PROTOCOL_HEADER
from sync.replica_memory import MemoryReplica
from sync.sync_checkpoints import MemoryCheckpoints
from sync.sync_messages import HELLO, StreamReader, encode_frame
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.lan_certificates import caller, lan_server
from tests.helpers.polling import eventually
from tests.helpers.sync_replicas import NOW, Counting, fill, replica, same_state
from tests.helpers.tampering_link import TamperingLink, replay


@pytest.fixture
def desk_2() -> Iterator[tuple[MemoryReplica, LanPeerServer]]:
    desk = replica("desk-2")
    fill(desk, 40, prefix="s", seed=2)
    with lan_server(desk, "desk-2", ["desk-1"]) as server:
        yield desk, server


def test_two_desks_of_one_commune_sync_over_the_lan_and_by_bundle(tmp_path: Path) -> None:
    desk_1, desk_2 = replica("desk-1"), replica("desk-2")
    fill(desk_1, 900, seed=1)
    fill(desk_2, 40, prefix="s", seed=2)
    desk_2.write("case", "r5", {"phone": "0912345678"}, author="y")  # concurrent with desk-1's write of r5
    checkpoints = MemoryCheckpoints()
    with lan_server(desk_2, "desk-2", ["desk-1"]) as server:
        with LanPeerTransport(server.address, **caller("desk-1", "desk-2")) as transport:
            result = run_session(desk_1, transport, now=NOW, batch_size=200, checkpoints=checkpoints)
            assert transport.round_trips == result.round_trips == 3
    assert same_state(desk_1, desk_2)
    assert len(desk_1.open_conflicts()) == 1
    assert (result.pushed_batches, result.pulled_events) == (7, 41)  # 20, 200 × 4, 60, 20
    checkpoint = checkpoints.load("desk-1", "desk-2")
    assert checkpoint is not None and checkpoint.complete and checkpoint.peer_after == desk_2.vector()

    # The LAN is down for a day: the desks exchange a USB stick instead.
    keys = {name: DeviceIdentity.generate(name) for name in ("desk-1", "desk-2")}
    known = {name: identity.public() for name, identity in keys.items()}
    fill(desk_1, 25, prefix="later", seed=3)
    fill(desk_2, 5, prefix="later-s", seed=4)
    out = export_bundle(
        desk_1,
        tmp_path / "desk-1-to-desk-2.mcb",
        identity=keys["desk-1"],
        receiver=known["desk-2"],
        since=checkpoint,
        bundle_id="usb-1",
        now=NOW,
    )
    assert out.events == 25
    back = import_bundle(desk_2, out.path, identity=keys["desk-2"], known_senders=known, now=NOW)
    answer = export_bundle(
        desk_2,
        tmp_path / "desk-2-to-desk-1.mcb",
        identity=keys["desk-2"],
        receiver=known["desk-1"],
        since=back.checkpoint.peer_after,
        bundle_id="usb-2",
        now=NOW,
    )
    assert answer.events == 5
    import_bundle(desk_1, answer.path, identity=keys["desk-1"], known_senders=known, now=NOW)
    assert same_state(desk_1, desk_2)


def test_a_desk_not_paired_there_is_refused_in_words_before_anything_changes(desk_2) -> None:
    desk, server = desk_2
    before = desk.vector()
    other = replica("desk-1")
    fill(other, 5)
    with pytest.raises(NotPairedThere, match="pair the two desks again"):
        sync_with_lan_peer(other, server.address, now=NOW, **caller("stranger", "desk-2"))
    with pytest.raises(NotPairedThere, match="not paired"):  # no certificate at all
        sync_with_lan_peer(other, server.address, now=NOW, **caller(None, "desk-2"))
    assert desk.vector() == before and other.vector() == VersionVector({"desk-1": 5})
    assert eventually(lambda: any("handshake failed" in words for words in server.refusals))
    assert eventually(lambda: any("not a paired desk" in words for words in server.refusals))


def test_a_peer_presenting_another_certificate_is_refused_in_words() -> None:
    impostor = replica("desk-2")
    with lan_server(impostor, "stranger", ["desk-1"]) as server:  # answers at the paired desk's address
        with pytest.raises(PeerCertificateChanged, match="another certificate"):
            sync_with_lan_peer(replica("desk-1"), server.address, now=NOW, **caller("desk-1", "desk-2"))
    assert impostor.vector() == VersionVector()


def test_a_tampered_stream_is_refused_in_words_either_way(desk_2) -> None:
    desk, server = desk_2
    other = replica("desk-1")
    fill(other, 300, seed=9)
    with TamperingLink(server.address, flip_up=4000) as link:  # inside the push (its batches: ~4.4 kB)
        with pytest.raises((ChannelTampered, SyncInterrupted)):
            sync_with_lan_peer(other, link.address, now=NOW, **caller("desk-1", "desk-2"))
    assert eventually(lambda: any("integrity check" in words for words in server.refusals))
    assert desk.vector()["desk-1"] == 0  # the changed push was not applied
    with TamperingLink(server.address, flip_down=3000) as link:
        with pytest.raises(ChannelTampered, match="changed or replayed"):
            sync_with_lan_peer(other, link.address, now=NOW, **caller("desk-1", "desk-2"))


def test_a_replayed_connection_is_refused_in_words(desk_2) -> None:
    desk, server = desk_2
    other = replica("desk-1")
    fill(other, 50, seed=4)
    with TamperingLink(server.address) as link:
        sync_with_lan_peer(other, link.address, now=NOW, **caller("desk-1", "desk-2"))
        recorded = [bytes(stream) for stream in link.sent_up]
    assert same_state(desk, other)
    fill(desk, 1, prefix="after", seed=5)
    before = desk.vector()
    for stream in recorded:
        replay(server.address, stream)
    assert eventually(lambda: any("handshake failed" in words for words in server.refusals))
    assert desk.vector() == before


def request(server: LanPeerServer, route: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    options = caller("desk-1", "desk-2")
    connection = http.client.HTTPSConnection(*server.address, context=options["context"], timeout=10)
    connection.request("POST", PATH_PREFIX + route, body=b"x", headers=headers)
    return connection.getresponse()


def test_the_endpoint_refuses_old_and_unknown_requests(desk_2) -> None:
    _, server = desk_2
    current = {PROTOCOL_HEADER: "1"}
    assert request(server, "nope", current).status == 404
    assert request(server, HELLO, {PROTOCOL_HEADER: "0"}).status == 426
    assert request(server, HELLO, {}).status == 426


def test_refusals_become_sync_errors(desk_2, monkeypatch: pytest.MonkeyPatch) -> None:
    _, server = desk_2
    transport = LanPeerTransport(server.address, **caller("desk-1", "desk-2"))
    with pytest.raises(PeerRefused) as caught:
        transport.call("nope", [])
    assert caught.value.code == "not_found"
    monkeypatch.setattr("sync.lan_peer.protocol_headers", lambda: {PROTOCOL_HEADER: "7"})
    with pytest.raises(ProtocolMismatch, match="update"):
        transport.call(HELLO, [])
    transport.close()


def test_syncing_a_desk_with_itself_over_the_lan_is_refused(desk_2) -> None:
    _, server = desk_2
    with pytest.raises(WrongPeer, match="itself"):
        sync_with_lan_peer(replica("desk-2"), server.address, now=NOW, **caller("desk-1", "desk-2"))


def test_an_unreachable_peer_is_an_interruption() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SyncInterrupted, match="could not be reached"):
        sync_with_lan_peer(replica("desk-1"), ("127.0.0.1", port), now=NOW, **caller("desk-1", "desk-2"))


def test_cuts_at_random_points_resume_and_converge_without_duplicates(desk_2) -> None:
    desk, server = desk_2
    counted_desk_2 = Counting(desk)
    server.responder.replica = counted_desk_2
    desk_1 = Counting(replica("desk-1"))
    fill(desk_1.inner, 400, seed=5)
    rng = random.Random(3)
    with FlakyLink(server.address, cut_after=lambda: rng.randrange(1, 9000)) as link:
        for _ in range(300):
            try:
                sync_with_lan_peer(
                    desk_1, ("127.0.0.1", link.port), now=NOW, batch_size=40, **caller("desk-1", "desk-2")
                )
            except SyncInterrupted:
                continue
            break
        else:
            pytest.fail("never converged")
        assert link.stats.cuts >= 10
    assert same_state(desk_1.inner, desk)
    assert desk_1.applied == 40 and counted_desk_2.applied == 400


def test_a_shared_lock_lets_a_desk_serve_and_sync_out_at_once() -> None:
    lock = threading.RLock()
    hub, a, b = replica("desk-hub"), replica("desk-1"), replica("desk-2")
    fill(a, 200, seed=1)
    fill(b, 200, prefix="s", seed=2)
    with lan_server(hub, "desk-2", ["desk-1"], lock=lock) as server:
        errors: list[BaseException] = []

        def run(desk: MemoryReplica) -> None:
            try:
                for _ in range(3):
                    sync_with_lan_peer(
                        desk, server.address, now=NOW, **caller("desk-1", "desk-2"), batch_size=25
                    )
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(desk,)) for desk in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors
        for desk in (a, b):  # the hub now holds everything: one more round brings both desks level
            sync_with_lan_peer(desk, server.address, now=NOW, **caller("desk-1", "desk-2"))
    assert same_state(hub, a, b)


def test_a_reply_cut_inside_its_headers_is_an_interruption() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/oct")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    transport = LanPeerTransport(("127.0.0.1", listener.getsockname()[1]), **caller("desk-1", "desk-2"))
    with pytest.raises((SyncInterrupted, ChannelTampered)):  # not even TLS: refused, never read as plain text
        list(StreamReader(transport.call(HELLO, [encode_frame(HELLO)])).read_frame())
    thread.join(10)
    listener.close()


def test_the_flaky_link_forwards_until_its_cut_then_closes() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def sink() -> None:
        conn, _ = listener.accept()
        with conn:
            while data := conn.recv(4096):
                received.extend(data)

    thread = threading.Thread(target=sink, daemon=True)
    thread.start()
    with FlakyLink(listener.getsockname()[:2], cut_after=1000, delay=0.01, bandwidth=1e6) as link:
        with socket.create_connection(("127.0.0.1", link.port)) as client:
            try:
                for _ in range(100):
                    client.sendall(b"y" * 100)
            except OSError:
                pass
            client.settimeout(10)
            try:
                assert client.recv(10) == b""  # closed by the link
            except ConnectionResetError:
                pass
        thread.join(10)
    listener.close()
    assert bytes(received) == b"y" * 1000
    assert link.stats.cuts == 1 and link.stats.bytes_up == 1000 and link.stats.connections == 1
