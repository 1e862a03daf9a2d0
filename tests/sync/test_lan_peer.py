"""Workstation-to-workstation sync over real HTTP on 127.0.0.1: pairing, sealing, cuts, and two desks."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sync.bundle_exchange import export_bundle, import_bundle
from sync.device_keys import DeviceIdentity
from sync.errors import (
    BadSyncMessage,
    PairingRefused,
    PeerRefused,
    ProtocolMismatch,
    SyncInterrupted,
    WrongPeer,
)
from sync.lan_peer import (
    NONCE_HEADER,
    PAIRING_HEADER,
    PATH_PREFIX,
    RECORD_SIZE,
    LanPeerServer,
    LanPeerTransport,
    new_pairing_secret,
    open_stream,
    seal_stream,
    sync_with_lan_peer,
)
from sync.protocol_version import PROTOCOL_HEADER
from sync.replica_memory import MemoryReplica
from sync.sync_checkpoints import MemoryCheckpoints
from sync.sync_messages import HELLO, StreamReader, encode_frame
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.sync_replicas import NOW, Counting, fill, replica, same_state

SECRET = new_pairing_secret()
KEY = bytes(range(32))


@pytest.fixture
def desk_2() -> Iterator[tuple[MemoryReplica, LanPeerServer]]:
    desk = replica("desk-2")
    fill(desk, 40, prefix="s", seed=2)
    with LanPeerServer(desk, pairing_secret=SECRET, host="127.0.0.1") as server:
        yield desk, server


def test_two_desks_of_one_commune_sync_over_the_lan_and_by_bundle(tmp_path: Path) -> None:
    desk_1, desk_2 = replica("desk-1"), replica("desk-2")
    fill(desk_1, 900, seed=1)
    fill(desk_2, 40, prefix="s", seed=2)
    desk_2.write("case", "r5", {"phone": "0912345678"}, author="y")  # concurrent with desk-1's write of r5
    checkpoints = MemoryCheckpoints()
    with LanPeerServer(desk_2, pairing_secret=SECRET, host="127.0.0.1") as server:
        assert server.url.startswith("http://127.0.0.1:")
        with LanPeerTransport(server.url, pairing_secret=SECRET, replica_id="desk-1") as transport:
            result = run_session(desk_1, transport, now=NOW, batch_size=200, checkpoints=checkpoints)
            assert transport.round_trips == result.round_trips == 3
    assert same_state(desk_1, desk_2)
    assert len(desk_1.open_conflicts()) == 1
    assert (result.pushed_batches, result.pulled_events) == (5, 41)
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


def test_a_wrong_pairing_secret_is_refused_before_anything_changes(desk_2) -> None:
    desk, server = desk_2
    before = desk.vector()
    other = replica("desk-1")
    fill(other, 5)
    with pytest.raises(PairingRefused, match="pair the two workstations again"):
        sync_with_lan_peer(other, server.url, pairing_secret=new_pairing_secret(), now=NOW)
    assert desk.vector() == before and other.vector() == VersionVector({"desk-1": 5})


def test_a_weak_pairing_secret_is_refused() -> None:
    for weak in ("123456", "", "é" * 30):
        with pytest.raises(PairingRefused, match="at least"):
            LanPeerTransport("http://127.0.0.1:1", pairing_secret=weak, replica_id="desk-1")
        with pytest.raises(PairingRefused):
            LanPeerServer(replica("desk-2"), pairing_secret=weak, host="127.0.0.1")
    assert len(new_pairing_secret()) >= 32 and new_pairing_secret() != new_pairing_secret()


def post(server: LanPeerServer, route: str, headers: dict[str, str], body: bytes = b"x") -> requests.Response:
    return requests.post(server.url + PATH_PREFIX + route, data=body, headers=headers, timeout=10)


def test_the_endpoint_refuses_unpaired_old_and_unknown_requests(desk_2) -> None:
    _, server = desk_2
    current = {PROTOCOL_HEADER: "1"}
    assert post(server, "nope", current).status_code == 404
    assert post(server, HELLO, {PROTOCOL_HEADER: "0"}).status_code == 426
    old = post(server, HELLO, {})
    assert old.status_code == 426 and old.json()["error"] == "update_required"
    for pairing in (None, "desk-1", "desk-1.AAAA.ff", "desk-1.AAAAAAAAAAAAAAAAAAAAAA.00", "x .y.z"):
        headers = dict(current) if pairing is None else {**current, PAIRING_HEADER: pairing}
        response = post(server, HELLO, headers)
        assert response.status_code == 401 and response.json()["error"] == "pairing_refused"
        assert NONCE_HEADER not in response.headers


def test_refusals_become_sync_errors(desk_2, monkeypatch: pytest.MonkeyPatch) -> None:
    _, server = desk_2
    transport = LanPeerTransport(server.url, pairing_secret=SECRET, replica_id="desk-1")
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
        sync_with_lan_peer(replica("desk-2"), server.url, pairing_secret=SECRET, now=NOW)


def test_an_unreachable_peer_is_an_interruption() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SyncInterrupted, match="could not be reached"):
        sync_with_lan_peer(replica("desk-1"), f"http://127.0.0.1:{port}", pairing_secret=SECRET, now=NOW)


def test_cuts_at_random_points_resume_and_converge_without_duplicates(desk_2) -> None:
    desk, server = desk_2
    counted_desk_2 = Counting(desk)
    server.responder.replica = counted_desk_2
    desk_1 = Counting(replica("desk-1"))
    fill(desk_1.inner, 1000, seed=5)
    rng = random.Random(3)
    with FlakyLink(server.address, cut_after=lambda: rng.randrange(1, 3000)) as link:
        for _ in range(300):
            try:
                sync_with_lan_peer(desk_1, link.url, pairing_secret=SECRET, now=NOW, batch_size=40)
            except SyncInterrupted:
                continue
            break
        else:
            pytest.fail("never converged")
        assert link.stats.cuts >= 10
    assert same_state(desk_1.inner, desk)
    assert desk_1.applied == 40 and counted_desk_2.applied == 1000


def test_a_shared_lock_lets_a_desk_serve_and_sync_out_at_once() -> None:
    lock = threading.RLock()
    hub, a, b = replica("desk-hub"), replica("desk-1"), replica("desk-2")
    fill(a, 200, seed=1)
    fill(b, 200, prefix="s", seed=2)
    with LanPeerServer(hub, pairing_secret=SECRET, host="127.0.0.1", lock=lock) as server:
        errors: list[BaseException] = []

        def run(desk: MemoryReplica) -> None:
            try:
                for _ in range(3):
                    sync_with_lan_peer(desk, server.url, pairing_secret=SECRET, now=NOW, batch_size=25)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(desk,)) for desk in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors
        for desk in (a, b):  # the hub now holds everything: one more round brings both desks level
            sync_with_lan_peer(desk, server.url, pairing_secret=SECRET, now=NOW)
    assert same_state(hub, a, b)


# -- sealed streams ------------------------------------------------------------------------------------------


def sealed(chunks: list[bytes]) -> bytes:
    return b"".join(seal_stream(chunks, KEY))


def test_a_sealed_stream_round_trips_and_hides_its_content() -> None:
    chunks = [b"Nguy\xe1\xbb\x85n", b"", b"x" * (RECORD_SIZE * 2 + 5)]
    data = sealed(chunks)
    assert b"Nguy" not in data and b"xxxx" not in data
    assert b"".join(open_stream([data], KEY)) == b"".join(chunks)
    assert b"".join(open_stream([data[i : i + 7] for i in range(0, len(data), 7)], KEY)) == b"".join(chunks)
    assert list(open_stream([sealed([])], KEY)) == []


def test_a_changed_reordered_or_cut_sealed_stream_is_refused() -> None:
    records = list(seal_stream([b"a" * 10, b"b" * 10], KEY))
    data = b"".join(records)
    flipped = bytearray(data)
    flipped[12] ^= 1
    with pytest.raises(PairingRefused, match="changed on the way"):
        list(open_stream([bytes(flipped)], KEY))
    with pytest.raises(PairingRefused):
        list(open_stream([records[1], records[0], records[2]], KEY))
    with pytest.raises(PairingRefused):
        list(open_stream([data], bytes(32)))
    with pytest.raises(SyncInterrupted):
        list(open_stream([b"".join(records[:2])], KEY))  # the final record is missing
    with pytest.raises(BadSyncMessage, match="impossible"):
        list(open_stream([b"\x07" + data[1:]], KEY))


def test_a_reply_cut_inside_its_headers_is_an_interruption() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/oct")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    transport = LanPeerTransport(
        f"http://127.0.0.1:{listener.getsockname()[1]}", pairing_secret=SECRET, replica_id="desk-1"
    )
    with pytest.raises(SyncInterrupted):
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
