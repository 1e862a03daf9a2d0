"""The origin checks of a LAN session (sync.origin_checks) and the rules of the origin key directory
(sync.origin_keys), on replicas in memory: what is taken, held or refused, and which key wins."""

from __future__ import annotations

import base64
import dataclasses
from datetime import timedelta

import pytest

from sync.device_keys import DeviceIdentity
from sync.errors import OriginRefused
from sync.event_refusals import refusal_of
from sync.event_signatures import signed_bytes, signed_bytes_of_text
from sync.event_texts import decode_canonical, encoded
from sync.origin_checks import OriginCheckedReplica
from sync.origin_keys import OWN, PAIRING, PROVINCE, VOUCHED, OriginKey, learn
from sync.replica_memory import MemoryReplica
from sync.version_vectors import VersionVector
from tests.helpers.record_cases import CASE, T0


def clock():
    ticks = iter(range(1_000_000))
    return lambda: T0 + timedelta(minutes=next(ticks))


def desk(name: str, *, signs: bool = True) -> tuple[MemoryReplica, DeviceIdentity]:
    identity = DeviceIdentity.generate(name)
    return MemoryReplica(name, "desk", [CASE], clock(), identity=identity if signs else None), identity


def key_of(identity: DeviceIdentity, source: str, **more: str) -> OriginKey:
    signing = base64.b64encode(identity.public().signing).decode("ascii")
    return OriginKey(identity.replica_id, signing, source, **more)


def texts(replica: MemoryReplica) -> list:
    return [decode_canonical(t) for t in replica.missing_encoded(VersionVector())]


def checked(receiver: MemoryReplica, keys: list[OriginKey], peer: str = "peer") -> OriginCheckedReplica:
    refusals: list[str] = []
    made = OriginCheckedReplica(
        receiver,
        lambda: {k.replica_id: k for k in keys},
        peer=peer,
        peer_name="Bàn 2",
        on_refusal=refusals.append,
    )
    made.refusals = refusals  # type: ignore[attr-defined]
    return made


def test_the_signed_text_is_cut_from_the_received_text_as_signing_made_it() -> None:
    a, _ = desk("desk-a")
    a.write("case", "c1", {"phone": '0912 Đức "ghi chú"'}, "clerk")
    [item] = texts(a)
    assert item.event.signature is not None
    assert signed_bytes_of_text(item.event, item.text) == signed_bytes(item.event)


def test_signed_events_are_taken_with_the_known_key_and_held_without_one() -> None:
    a, a_keys = desk("desk-a")
    a.write("case", "c1", {"phone": "0912"}, "clerk")
    a.write("case", "c1", {"phone": "0913"}, "clerk")
    receiver, _ = desk("desk-c")
    held = checked(receiver, [])
    assert held.receive_encoded(texts(a)).new == 0 and held.held == 2
    assert receiver.vector()["desk-a"] == 0
    taken = checked(receiver, [key_of(a_keys, VOUCHED, via="peer")])
    assert taken.receive_encoded(texts(a)).new == 2 and taken.held == 0


def test_a_revoked_desks_late_events_are_refused_its_earlier_ones_taken() -> None:
    a, a_keys = desk("desk-a")
    a.write("case", "c1", {"phone": "0912"}, "clerk")  # at T0
    a.write("case", "c1", {"phone": "0913"}, "clerk")  # at T0 + 1 minute
    receiver, _ = desk("desk-c")
    revoked = key_of(a_keys, PROVINCE, revoked_at=(T0 + timedelta(seconds=30)).isoformat())
    first, second = texts(a)
    assert checked(receiver, [revoked]).receive_encoded([first]).new == 1
    check = checked(receiver, [revoked])
    with pytest.raises(OriginRefused, match="after its revocation"):
        check.receive_encoded([second])
    assert check.refusals and "Bàn 2" in check.refusals[0]  # type: ignore[attr-defined]
    assert receiver.vector()["desk-a"] == 1


def test_unsigned_events_come_only_from_their_maker() -> None:
    old, _ = desk("peer", signs=False)  # a desk's events from before signatures
    old.write("case", "c1", {"phone": "0912"}, "clerk")
    receiver, _ = desk("desk-c")
    assert checked(receiver, []).receive_encoded(texts(old)).new == 1  # from the peer itself
    other, other_keys = desk("desk-a", signs=False)
    other.write("case", "c2", {"phone": "0912"}, "clerk")
    with pytest.raises(OriginRefused, match="carries no signature of it"):
        checked(receiver, [key_of(other_keys, PAIRING)]).receive_encoded(texts(other))
    province = MemoryReplica("province.00070", "province", [CASE], clock())
    province.write("case", "c3", {"decision": "ok"}, "officer")
    relayed = checked(receiver, [key_of(other_keys, PAIRING)])
    assert relayed.receive_encoded(texts(province)).new == 0 and relayed.held == 1  # from the province itself


def test_an_event_under_the_receivers_own_identity_is_refused() -> None:
    receiver, mine = desk("desk-c")
    receiver.write("case", "c1", {"phone": "0912"}, "clerk")
    [item] = texts(receiver)
    forged = dataclasses.replace(
        item.event, id=item.event.id._replace(counter=2), context=VersionVector({"desk-c": 1})
    )
    with pytest.raises(OriginRefused, match="this desk's own identity"):
        checked(receiver, [key_of(mine, OWN)]).receive_encoded([encoded(forged)])


def test_which_key_wins_and_what_is_a_conflict() -> None:
    a = DeviceIdentity.generate("desk-a")
    lie = DeviceIdentity.generate("desk-a")
    keys, conflict = learn({}, key_of(a, VOUCHED, via="desk-b"), giver="paired desk B")
    assert conflict is None and keys["desk-a"].source == VOUCHED
    keys, conflict = learn(keys, key_of(a, PAIRING, name="Bàn 1"), giver="paired desk Bàn 1")
    assert conflict is None and (keys["desk-a"].source, keys["desk-a"].name) == (PAIRING, "Bàn 1")
    keys, conflict = learn(keys, key_of(lie, VOUCHED, via="desk-h"), giver="paired desk H")
    assert keys["desk-a"].source == PAIRING and conflict is not None
    assert (
        conflict.startswith("paired desk H gives Bàn 1 (desk-a) another signing key") and "kept" in conflict
    )
    keys, conflict = learn(keys, key_of(lie, PROVINCE), giver="the province")
    assert keys["desk-a"].source == PROVINCE and conflict is not None and "used from now on" in conflict
    keys, conflict = learn(keys, key_of(a, PAIRING), giver="paired desk Bàn 1")
    assert keys["desk-a"].signing == key_of(lie, PROVINCE).signing and "kept" in (conflict or "")


def test_a_refusal_is_taken_from_a_peer_only_with_the_provinces_signature() -> None:
    a, a_keys = desk("desk-a")
    a.write("case", "c1", {"phone": "0912"}, "clerk")
    a.write("case", "c1", {"phone": "bad"}, "clerk")
    first, refused = (item.event for item in texts(a))
    province = DeviceIdentity.generate("province.c1")
    signed = encoded(refusal_of(refused, "invalid_value", province))
    for made_by, province_key, expect in (
        (None, province.public().signing, "held"),  # unsigned: from the province itself
        (province, None, "held"),  # no province key known here
        (DeviceIdentity.generate("desk-b"), province.public().signing, "refused"),  # a peer made it up
        (province, province.public().signing, "taken"),
    ):
        receiver, _ = desk("desk-c")
        session = OriginCheckedReplica(
            receiver,
            lambda: {"desk-a": key_of(a_keys, PROVINCE)},
            peer="desk-b",
            peer_name="Bàn 2",
            province_key=lambda key=province_key: key,
        )
        batch = [encoded(first), encoded(refusal_of(refused, "invalid_value", made_by))]
        if expect == "refused":
            with pytest.raises(OriginRefused, match="refusal the province did not sign"):
                session.receive_encoded(batch)
            assert receiver.vector()["desk-a"] == 0
            continue
        session.receive_encoded(batch)
        assert receiver.vector()["desk-a"] == (2 if expect == "taken" else 1), expect
    assert signed.event.refused == "invalid_value"
