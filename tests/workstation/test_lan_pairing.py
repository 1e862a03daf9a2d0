"""Pairing two desks of one commune (workstation.lan_desks): refusals in words, pinned certificates, number
blocks shared so codes never collide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from dossiers.code_allocation import SequenceSpace
from sync.errors import NotPairedThere, PeerCertificateChanged
from tests.helpers.dossier_desks import OFFICE, Clock, open_desk
from tests.helpers.polling import eventually
from workstation.lan_desks import DeskLan
from workstation.lan_peers import LanError, LanPeer, LanSettings, PairingCode, save_settings, update_peer
from workstation.sequence_blocks import read_sequence_space, write_sequence_space

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
CLOCK = SimpleNamespace(now=lambda: START)


class Desk:
    def __init__(self, root: Path, name: str, commune: int = 70) -> None:
        self.data = root / name
        desk = open_desk(self.data / "store", Clock(START))
        space = SequenceSpace(OFFICE.agency_identifier, name, 1, 9999)
        desk.sequence_space = space
        desk.store.write(lambda conn: write_sequence_space(conn, space)).result()
        self.work = SimpleNamespace(desk=desk, store=desk.store)
        save_settings(desk.store, LanSettings(enabled=True, port=0, host="127.0.0.1", name=name))
        self.lan = DeskLan(desk.replica, commune=f"{commune:05d}", now=CLOCK.now, on_block_changed=self.block)
        self.lan.start()

    def block(self, space) -> None:
        self.work.desk.sequence_space = space

    def space(self):
        with self.work.store.reader() as conn:
            return read_sequence_space(conn)

    def close(self) -> None:
        if self.work is not None:
            self.lan.stop()
            self.work.store.close()
            self.work = None


@pytest.fixture
def make(tmp_path: Path) -> Iterator:
    made: list[Desk] = []

    def desk(name: str, commune: int = 70) -> Desk:
        made.append(Desk(tmp_path, name, commune))
        return made[-1]

    yield desk
    for desk in made:
        desk.close()


def test_pairing_pins_both_certificates_and_splits_the_number_block(make) -> None:
    a, b = make("a"), make("b")
    assert {(d.space().agency, d.space().first, d.space().last) for d in (a, b)} == {
        (a.space().agency, 1, 9999)
    }
    offer = a.lan.offer_pairing()
    peer = b.lan.join(offer.address, offer.code.text)
    assert peer.name == "a" and peer.fingerprint == a.lan.certificate().fingerprint()
    [back] = a.lan.peers()
    assert back.name == "b" and back.fingerprint == b.lan.certificate().fingerprint()
    assert (a.space().first, a.space().last) == (1, 4999)
    assert (b.space().first, b.space().last) == (5000, 9999)
    assert a.work.desk.sequence_space == a.space() and b.work.desk.sequence_space == b.space()
    update_peer(a.work.store, back.replica_id, host="192.0.2.7")  # B's address changed (DHCP)…
    [outcome] = b.lan.sync_all().outcomes
    assert outcome.error is None
    assert a.lan.peers()[0].host == "127.0.0.1"  # …and A finds it at the address it called from
    # the code was used: nobody else pairs with it
    c = make("c")
    with pytest.raises(LanError, match="not showing a pairing code") as refused:
        c.lan.join(offer.address, offer.code.text)
    assert refused.value.code == "not_pairing"


def test_a_wrong_code_is_refused_in_words(make) -> None:
    a, b = make("a"), make("b")
    offer = a.lan.offer_pairing()
    wrong_secret = offer.code.fingerprint_part + ("0000" if offer.code.secret != "0000" else "1111")
    with pytest.raises(LanError, match="the pairing code is wrong") as refused:
        b.lan.join(offer.address, wrong_secret)
    assert refused.value.code == "wrong_code"
    other = PairingCode.new(b.lan.certificate().fingerprint())  # a code another desk shows
    with pytest.raises(LanError, match="not the one showing this code"):
        b.lan.join(offer.address, other.text)
    with pytest.raises(LanError, match="16 letters and digits"):
        b.lan.join(offer.address, "1234")
    for _ in range(2):  # three wrong tries void the code
        with pytest.raises(LanError):
            b.lan.join(offer.address, wrong_secret)
    with pytest.raises(LanError, match="not showing a pairing code|no longer valid"):
        b.lan.join(offer.address, offer.code.text)
    assert a.lan.peers() == [] and b.lan.peers() == []


def test_pairing_between_communes_is_refused_in_words(make) -> None:
    a, b = make("a"), make("ba-dinh", commune=4)
    offer = a.lan.offer_pairing()
    with pytest.raises(LanError, match="desks pair only within one commune") as refused:
        b.lan.join(offer.address, offer.code.text)
    assert refused.value.code == "other_commune"
    assert a.lan.peers() == [] and b.lan.peers() == []


def test_a_desk_presenting_another_certificate_is_refused_in_words(make, tmp_path: Path) -> None:
    a, b = make("a"), make("b")
    offer = a.lan.offer_pairing()
    b.lan.join(offer.address, offer.code.text)
    address = a.lan.listening.address
    a.close()  # another program (or a desk set up again) now answers at A's address with its own certificate
    impostor = make("impostor")
    impostor.lan.stop()
    save_settings(impostor.work.store, LanSettings(enabled=True, port=address[1], host="127.0.0.1"))
    impostor.lan.start()
    [outcome] = b.lan.sync_all().outcomes
    assert isinstance(outcome.error, PeerCertificateChanged)
    assert "another certificate than the one paired" in str(outcome.error)
    assert b.lan.peer_statuses()[0].error == str(outcome.error)
    # and B's listener refuses a desk it never paired with, even one that knows B's certificate
    b_address = b.lan.listening.address
    b_as_peer = LanPeer(
        b.work.store.replica_id,
        "b",
        "00070",
        *b_address,
        b.lan.certificate().cert_pem(),
        b.lan.certificate().fingerprint(),
        START.isoformat(),
    )
    outcome = impostor.lan.sync_peer(b_as_peer)
    assert isinstance(outcome.error, NotPairedThere)
    assert "does not know this desk's certificate" in str(outcome.error)
    assert eventually(lambda: any("handshake failed" in words for words in b.lan.refusals()))
