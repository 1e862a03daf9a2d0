"""Bundle files: round trip, and every way a USB copy can go wrong is refused before anything is applied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import bundle_format
from sync.bundle_format import read_bundle, read_bundle_header, write_bundle
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import (
    BundleError,
    BundleTampered,
    BundleTooNew,
    BundleTruncated,
    BundleUnknownSender,
    BundleWrongReceiver,
    KeyFileError,
    NotABundle,
)

DESK = DeviceIdentity.generate("desk-1")
PROVINCE = DeviceIdentity.generate("province")
OTHER_DESK = DeviceIdentity.generate("desk-2")
KNOWN = {DESK.replica_id: DESK.public(), OTHER_DESK.replica_id: OTHER_DESK.public()}
ITEMS = [b'{"event": 1, "name": "Nguy\xe1\xbb\x85n"}', b"", b"x" * 5000, bytes(range(256))]


def make(path: Path, items: list[bytes] = ITEMS, *, sender: DeviceIdentity = DESK, receiver=PROVINCE) -> Path:
    write_bundle(
        path,
        items,
        sender=sender,
        receiver=receiver.public(),
        bundle_id="b-1",
        created_at="2026-11-29T09:00:00+07:00",
        metadata={"events": len(items)},
    )
    return path


def test_round_trip(tmp_path: Path) -> None:
    path = make(tmp_path / "to-province.mcb")
    header, items = read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)
    assert items == ITEMS
    assert header.sender == DESK.public()
    assert header.metadata == {"events": 4}
    assert read_bundle_header(path).bundle_id == "b-1"
    assert not list(tmp_path.glob(".*partial"))


def test_reading_twice_gives_the_same_items(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb")
    assert read_bundle(path, receiver=PROVINCE, known_senders=KNOWN) == read_bundle(
        path, receiver=PROVINCE, known_senders=KNOWN
    )


def test_payload_is_neither_clear_nor_uncompressed(tmp_path: Path) -> None:
    items = [b"Nguyen Van A lives at So 1 Hang Bac " * 100] * 50
    path = make(tmp_path / "b.mcb", items)
    raw = path.read_bytes()
    assert b"Nguyen" not in raw and b"Hang Bac" not in raw
    assert len(raw) < sum(map(len, items)) / 20


def test_many_chunks(tmp_path: Path) -> None:
    items = [os.urandom(700_000) for _ in range(4)]  # incompressible: several 1 MiB chunks
    path = make(tmp_path / "big.mcb", items)
    assert read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)[1] == items


def test_empty_bundle(tmp_path: Path) -> None:
    path = make(tmp_path / "empty.mcb", [])
    assert read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)[1] == []


def test_sender_lookup_may_be_a_function(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb")
    assert read_bundle(path, receiver=PROVINCE, known_senders=KNOWN.get)[1] == ITEMS


@pytest.mark.parametrize("where", ["header", "first chunk", "middle", "signature", "end marker"])
def test_one_flipped_byte_is_refused(tmp_path: Path, where: str) -> None:
    path = make(tmp_path / "b.mcb")
    raw = bytearray(path.read_bytes())
    header_len = int.from_bytes(raw[8:12], "big")
    offset = {
        "header": 12 + header_len // 2,
        "first chunk": 12 + header_len + 4 + 3,
        "middle": len(raw) // 2 + 10,
        "signature": len(raw) - 10,
        "end marker": len(raw) - 64 - 1,
    }[where]
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(BundleError) as info:
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)
    assert isinstance(info.value, (BundleTampered, BundleTruncated, NotABundle, BundleUnknownSender))


def test_every_truncation_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb")
    raw = path.read_bytes()
    cut = tmp_path / "cut.mcb"
    for length in sorted({0, 5, 8, 11, 12, 40, *range(len(raw) - 200, len(raw))}):
        cut.write_bytes(raw[:length])
        with pytest.raises((BundleTruncated, NotABundle, BundleTampered)):
            read_bundle(cut, receiver=PROVINCE, known_senders=KNOWN)


def test_truncation_message_says_to_copy_again(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb")
    raw = path.read_bytes()
    path.write_bytes(raw[:-30])
    with pytest.raises(BundleTruncated, match="copy it again"):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_wrong_receiver_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb", receiver=PROVINCE)
    with pytest.raises(BundleWrongReceiver, match="another workstation"):
        read_bundle(path, receiver=OTHER_DESK, known_senders=KNOWN)


def test_receiver_with_same_id_but_other_keys_is_refused(tmp_path: Path) -> None:
    """A store restored elsewhere under the same id but new keys: the bundle is not for it."""
    path = make(tmp_path / "b.mcb")
    impostor = DeviceIdentity.generate(PROVINCE.replica_id)
    with pytest.raises(BundleWrongReceiver):
        read_bundle(path, receiver=impostor, known_senders=KNOWN)


def test_unknown_sender_is_refused(tmp_path: Path) -> None:
    stranger = DeviceIdentity.generate("desk-9")
    path = make(tmp_path / "b.mcb", sender=stranger)
    with pytest.raises(BundleUnknownSender, match="does not know"):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_sender_claiming_a_known_id_with_other_keys_is_refused(tmp_path: Path) -> None:
    forger = DeviceIdentity.generate(DESK.replica_id)
    path = make(tmp_path / "b.mcb", sender=forger)
    with pytest.raises(BundleUnknownSender):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_forged_signature_with_known_header_is_refused(tmp_path: Path) -> None:
    """A forger copies the real sender's public keys into the header but signs with its own key."""
    forger = DeviceIdentity.generate(DESK.replica_id)
    real_public = DESK.public()

    class Forger:
        replica_id = DESK.replica_id

        def public(self) -> DevicePublicKeys:
            return real_public

        def sign(self, data: bytes) -> bytes:
            return forger.sign(data)

    path = tmp_path / "forged.mcb"
    write_bundle(
        path,
        ITEMS,
        sender=Forger(),
        receiver=PROVINCE.public(),
        bundle_id="f",
        created_at="now",  # type: ignore[arg-type]
    )
    with pytest.raises(BundleTampered):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_not_a_bundle(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(100))
    with pytest.raises(NotABundle, match="not a motcua sync bundle"):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_newer_format_asks_for_an_update(tmp_path: Path) -> None:
    path = make(tmp_path / "b.mcb")
    raw = bytearray(path.read_bytes())
    raw[7] = 2
    path.write_bytes(bytes(raw))
    with pytest.raises(BundleTooNew, match="update motcua"):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    def items():
        yield b"first"
        raise RuntimeError("disk full")

    target = tmp_path / "b.mcb"
    with pytest.raises(RuntimeError):
        write_bundle(target, items(), sender=DESK, receiver=PROVINCE.public(), bundle_id="x", created_at="t")
    assert list(tmp_path.iterdir()) == []


def test_device_identity_round_trips_through_secret_json() -> None:
    again = DeviceIdentity.from_secret_json(DESK.to_secret_json())
    assert again.public() == DESK.public()
    assert DevicePublicKeys.from_json(DESK.public().to_json()) == DESK.public()
    with pytest.raises(KeyFileError):
        DeviceIdentity.from_secret_json("{not json")
    with pytest.raises(KeyFileError):
        DevicePublicKeys.from_json({"replica_id": "x", "signing": "AAAA", "exchange": "AAAA"})


@settings(max_examples=40)
@given(st.lists(st.binary(max_size=3000), max_size=30))
def test_any_items_round_trip(tmp_path_factory: pytest.TempPathFactory, items: list[bytes]) -> None:
    path = make(tmp_path_factory.mktemp("b") / "b.mcb", items)
    assert read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)[1] == items


@settings(max_examples=60)
@given(st.data())
def test_any_single_byte_change_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    path = make(tmp_path_factory.mktemp("b") / "b.mcb")
    raw = bytearray(path.read_bytes())
    offset = data.draw(st.integers(0, len(raw) - 1))
    raw[offset] ^= data.draw(st.integers(1, 255))
    path.write_bytes(bytes(raw))
    with pytest.raises(BundleError):
        read_bundle(path, receiver=PROVINCE, known_senders=KNOWN)


def test_chunk_size_is_the_documented_one() -> None:
    assert bundle_format.CHUNK_SIZE == 1 << 20
