"""Desks check the origin of every event a paired desk sends them (issue 14, finding 1; docs/design.md §10):
a forgery under a third desk's identity is refused in words both ways, nothing of it kept; an honest relay
through a paired desk is taken, with the key passed on by that desk; conflicting keys are told to IT."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.device_keys import DeviceIdentity
from sync.errors import OriginRefused, PeerRefused
from sync.event_texts import decode_canonical
from sync.origin_keys import PAIRING, PROVINCE, VOUCHED, OriginKey
from sync.version_vectors import VersionVector
from tests.helpers.forged_events import KINDS, forge
from tests.helpers.paired_desks import START, LanDesk
from workstation.it_commands.console import Console
from workstation.it_commands.pair_commands import _act
from workstation.lan_peers import LanError
from workstation.origin_keys import learn_keys, origin_conflicts, origin_keys
from workstation.sync_keys import device_identity


@pytest.fixture
def make(tmp_path: Path) -> Iterator:
    made: list[LanDesk] = []

    def desk(name: str) -> LanDesk:
        made.append(LanDesk(tmp_path, name))
        return made[-1]

    yield desk
    for desk in made:
        desk.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_forgery_under_a_third_desks_identity_is_refused_in_words_both_ways(make, kind: str) -> None:
    a, hostile, c = make("a"), make("hostile"), make("c")
    a.pair_with(hostile)
    a.pair_with(c)
    c.receive()
    assert a.sync_with(c).error is None  # A holds C's signed events, and C's key from pairing
    assert origin_keys(a.store)[c.replica_id].source == PAIRING
    assert hostile.sync_with(a).error is None  # the hostile desk gets C's events from A, as any desk would
    texts = hostile.desk.replica.missing_encoded(VersionVector())
    forged = forge(texts, c.replica_id, kind, signer=device_identity(hostile.store))
    hostile.desk.replica.receive_encoded([forged])  # written straight into its own store

    pulled = a.sync_with(hostile)  # A pulls it
    assert isinstance(pulled.error, OriginRefused)
    words = str(pulled.error)
    assert "hostile" in words and f"{c.replica_id[:8]}#{forged.event.id.counter}" in words
    assert "nothing of that batch was kept" in words and "0999999999" not in words
    assert a.desk.replica.vector()[c.replica_id] == forged.event.id.counter - 1
    status = next(s for s in a.lan.peer_statuses() if s.name == "hostile")
    assert status.error_code == "lan_origin_refused" and "hostile" in (status.error or "")

    pushed = hostile.sync_with(a)  # the hostile desk pushes it: A's listener refuses it
    assert isinstance(pushed.error, PeerRefused) and pushed.error.code == "lan_origin_refused"
    assert any("hostile" in w and "were refused" in w for w in a.lan.refusals())
    assert a.desk.replica.vector()[c.replica_id] == forged.event.id.counter - 1
    assert a.sync_with(c).error is None  # A's honest peers are not affected


def test_an_honest_relay_is_taken_with_the_key_the_relaying_desk_passes_on(make) -> None:
    a, b, c = make("a"), make("b"), make("c")
    b.pair_with(a)
    c.pair_with(b)  # C never pairs with A, and no province is reachable
    dossier = a.receive()
    outcomes = {o.peer.name: o for o in b.lan.sync_all().outcomes}  # pulls from A, then pushes to C
    assert outcomes["a"].error is None and outcomes["c"].error is None
    assert c.desk.search("nguyen van duc") == [dossier]
    known = origin_keys(c.store)[a.replica_id]
    assert (known.source, known.via) == (VOUCHED, b.replica_id)
    a.desk.update(dossier, {"applicant_phone": "0911111111"})
    assert b.sync_with(a).error is None
    pulled = c.sync_with(b)  # and the other way: C pulls A's next event from B
    assert pulled.error is None and pulled.held == 0 and pulled.result.pulled_events > 0
    assert c.desk.page(dossier).state.get("applicant_phone") == "0911111111"


def test_an_event_of_an_origin_nobody_vouched_for_is_held_not_kept(make) -> None:
    b, c = make("b"), make("c")
    c.pair_with(b)
    stranger = make("stranger")  # a desk neither knows: its events reach B outside the LAN (a USB bundle)
    stranger.receive()
    b.desk.replica.receive_encoded(
        map(decode_canonical, stranger.desk.replica.missing_encoded(VersionVector()))
    )
    pulled = c.sync_with(b)
    assert pulled.error is None and pulled.held > 0
    assert c.desk.replica.vector()[stranger.replica_id] == 0
    # once the province tells C the stranger's key, the next sync takes them
    key = OriginKey(stranger.replica_id, _signing(stranger), PROVINCE)
    assert learn_keys(c.store, [key], giver="the province", now=lambda: START) == []
    again = c.sync_with(b)
    assert again.error is None and again.held == 0
    assert c.desk.replica.vector()[stranger.replica_id] > 0


def test_a_key_conflict_keeps_the_trusted_key_and_is_told_to_it(make) -> None:
    a, b, hostile = make("a"), make("b"), make("hostile")
    b.pair_with(a)
    b.pair_with(hostile)
    fake = DeviceIdentity.generate(a.replica_id)
    lie = OriginKey(a.replica_id, _signing_of(fake), VOUCHED, via=hostile.replica_id)
    [conflict] = learn_keys(b.store, [lie], giver="paired desk hostile", now=lambda: START)
    assert "paired desk hostile gives a (" in conflict and "key known is kept" in conflict
    assert origin_keys(b.store)[a.replica_id].source == PAIRING
    # the province's key overrides a pairing's, and the difference is told too
    other = DeviceIdentity.generate(a.replica_id)
    province = OriginKey(a.replica_id, _signing_of(other), PROVINCE)
    [overridden] = learn_keys(b.store, [province], giver="the province", now=lambda: START)
    assert "the province's key is used from now on" in overridden
    assert origin_keys(b.store)[a.replica_id].source == PROVINCE
    assert [w for _at, w in origin_conflicts(b.store)] == [conflict, overridden]
    out = io.StringIO()
    _act(b.lan, "list", Console(out=out, err=io.StringIO()), None, None, None, 1, lambda: START)
    text = out.getvalue()
    assert "Signing keys of other desks known: 2 (from the province 1, from pairing 1" in text
    assert f"Key conflict ({START.isoformat(timespec='seconds')}): paired desk hostile gives" in text


def _signing(desk: LanDesk) -> str:
    return _signing_of(device_identity(desk.store))


def _signing_of(identity: DeviceIdentity) -> str:
    return base64.b64encode(identity.public().signing).decode("ascii")


def test_a_desk_claiming_an_enrolled_desks_identity_with_another_key_is_not_paired(make) -> None:
    a, impostor = make("a"), make("impostor")
    # the province told A that the impostor's replica id was enrolled with another key (the real desk's)
    real = DeviceIdentity.generate(impostor.replica_id)
    enrolled = OriginKey(impostor.replica_id, _signing_of(real), PROVINCE)
    learn_keys(a.store, [enrolled], giver="the province", now=lambda: START)
    with pytest.raises(LanError, match="province enrolled with another") as refused:
        impostor.pair_with(a)  # A shows the code, the impostor types it
    assert refused.value.code == "key_mismatch"
    assert a.lan.peers() == [] and impostor.lan.peers() == []
    with pytest.raises(LanError, match="province enrolled with another"):
        a.pair_with(impostor)  # the other way round: A checks the answer before keeping the pairing
    assert a.lan.peers() == []
