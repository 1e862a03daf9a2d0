"""Proof of origin (issue 14, finding 1), against a live server on SQLite and PostgreSQL: a desk cannot
write under another desk's replica id; relayed events are accepted as their origin signed them; a revoked
desk's events above what the server held of it are set aside, whatever time they state; events from before
signatures pass only if the server holds them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.enrolment import revoke_device
from server.storage.interface import ServerStorage
from server.waiting_events import REVOKED_ORIGIN, count_quarantine, list_quarantine, quarantine_line
from sync.change_events import ChangeEvent, encode_event
from sync.device_keys import DeviceIdentity
from sync.errors import ServerRejectedData
from sync.event_signatures import sign_event, signature_valid
from sync.event_texts import decode_canonical
from sync.http_transport import HttpTransport
from sync.sync_session import run_session
from sync.version_vectors import EventId, VersionVector
from tests.helpers.gapped_events import PushOnly
from tests.helpers.live_desks import dossier_fields, province
from tests.helpers.server_accounts import enrol_body, issue
from tests.helpers.signing_desks import SigningDesk, enrol_signing
from tests.server.conftest import START, Clock, Ids, LiveServer

LATER = START + dt.timedelta(hours=2)


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[Callable[..., SigningDesk]]:
    made: list[SigningDesk] = []

    def make(name: str, commune: str, *, signs: bool = True, at: dt.datetime = START) -> SigningDesk:
        identity = DeviceIdentity.generate(name) if signs else None
        desk = SigningDesk(tmp_path, name, commune, identity=identity, at=at)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.close()


def test_a_desk_cannot_push_events_under_another_desks_replica_id(
    live: LiveServer,
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    desks: Callable[..., SigningDesk],
    tmp_path: Path,
) -> None:
    commune = communes[0]
    x, y = desks("desk-x", commune), desks("desk-y", commune)
    enrol_signing(live, storage, clock, ids, x)
    enrol_signing(live, storage, clock, ids, y)
    # the attack of the finding: events numbered (desk-y, 1), unsigned or signed by a key the server never saw
    for attempt, keys in enumerate((None, DeviceIdentity.generate("desk-y"))):
        forger = SigningDesk(tmp_path / f"forger{attempt}", "desk-y", commune, identity=keys, at=START)
        forger.new_dossier(1)
        x.relay_from(forger)
        with pytest.raises(ServerRejectedData) as refused:
            x.sync(live.url)
        words = str(refused.value)
        assert "desk-y" in words and ("no signature" in words or "not its workstation's" in words), words
        forger.close()
        assert province(storage, commune).record_ids("dossier") == []
        x = desks(f"desk-x{attempt}", commune)  # a fresh desk: the last one holds the forged event
        enrol_signing(live, storage, clock, ids, x)
    # desk-y's own (signed) dossier then syncs and reaches the province: nothing was lost
    mine = y.new_dossier(1)
    report = y.sync(live.url)
    assert report.pushed_events == 1
    assert province(storage, commune).record_ids("dossier") == [mine]


def test_relayed_events_are_accepted_as_their_origin_signed_them(
    live: LiveServer,
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    desks: Callable[..., SigningDesk],
) -> None:
    commune = communes[0]
    x, y = desks("desk-x", commune), desks("desk-y", commune)
    enrol_signing(live, storage, clock, ids, x)
    enrol_signing(live, storage, clock, ids, y)
    record = y.new_dossier(1)
    (text,) = y.texts()
    event = decode_canonical(text).event
    assert y.identity is not None and signature_valid(event, y.identity.public().signing)
    x.relay_from(y)  # a LAN peer: desk-y's text kept exactly as received
    x.sync(live.url)
    assert province(storage, commune).record_ids("dossier") == [record]
    assert province(storage, commune).missing_encoded(VersionVector()) == [text]
    # a relayed text whose content was changed after signing is refused
    z = desks("desk-z", commune)
    enrol_signing(live, storage, clock, ids, z)
    w = desks("desk-w", commune)
    enrol_signing(live, storage, clock, ids, w)
    w.new_dossier(2)
    (signed,) = w.texts()
    changed = decode_canonical(signed).event
    changed = dataclasses.replace(changed, fields={**changed.fields, "fee": 500_000})
    z.replica.receive_encoded([decode_canonical(encode_event(changed))])
    with pytest.raises(ServerRejectedData, match="not its workstation's"):
        z.sync(live.url)


def test_a_revoked_desks_events_above_its_last_held_counter_are_set_aside_whatever_time_they_state(
    live: LiveServer,
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    desks: Callable[..., SigningDesk],
) -> None:
    """Revocation records the highest counter the server holds of the desk; a relayed event at or below it is
    taken, one above it is set aside in the quarantine, even signed with a time before the revocation."""
    commune = communes[0]
    x, y = desks("desk-x", commune), desks("desk-y", commune)
    enrol_signing(live, storage, clock, ids, x)
    enrolled_y = enrol_signing(live, storage, clock, ids, y)
    first, second = y.new_dossier(1), y.new_dossier(2)  # (desk-y, 1), (desk-y, 2)
    x.relay_from(y)  # a LAN peer holds both
    # the server gets (desk-y, 2) only: it waits for (desk-y, 1), and counts as held
    only_second = [t for t in y.texts() if decode_canonical(t).event.id == EventId("desk-y", 2)]
    with HttpTransport(live.url, y.credential, sleep=lambda _: None) as transport:
        run_session(PushOnly("desk-y", only_second), transport, now=clock.now)
    assert province(storage, commune).missing_encoded(VersionVector()) == []  # waiting, not applied
    clock.advance(hours=1)
    revoked = revoke_device(storage, enrolled_y["device_id"], now=clock.now)
    assert revoked.revoked_counter == 2
    y.at = START - dt.timedelta(days=1)  # a stolen key, backdating its event to before the revocation
    late = y.new_dossier(3)
    x.relay_from(y)
    mine = x.new_dossier(1)
    report = x.sync(live.url)  # the rest of the batch is taken; desk-x is not blocked
    assert report.pushed_events >= 1
    applied = {
        decode_canonical(t).event.record_id
        for t in province(storage, commune).missing_encoded(VersionVector())
    }
    assert applied == {first, second, mine}
    (item,) = list_quarantine(storage, commune=commune)
    assert (item.replica_id, item.counter, item.reason) == ("desk-y", 3, REVOKED_ORIGIN)
    assert "revoked workstation" in quarantine_line(item)
    x.sync(live.url)  # pushed again: still set aside, kept once
    assert count_quarantine(storage, commune=commune) == 1
    assert late not in province(storage, commune).record_ids("dossier")
    assert late not in {
        decode_canonical(t).event.record_id
        for t in province(storage, commune).missing_encoded(VersionVector())
    }


def test_events_from_before_signatures_pass_only_when_the_server_holds_them(
    live: LiveServer,
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    desks: Callable[..., SigningDesk],
) -> None:
    commune = communes[0]
    old = desks("desk-old", commune, signs=False)  # a desk from before signatures: its events are unsigned
    old.identity = DeviceIdentity.generate("desk-old")
    enrol_signing(live, storage, clock, ids, old)
    known = old.new_dossier(1)
    old.sync(live.url)  # its own credential proves its own events
    unknown = old.new_dossier(2)
    x = desks("desk-x", commune)
    enrol_signing(live, storage, clock, ids, x)
    relay = desks("desk-r", commune)
    enrol_signing(live, storage, clock, ids, relay)
    x.replica.receive_encoded([decode_canonical(old.texts()[0])])
    x.sync(live.url)  # held already: a duplicate, accepted
    relay.relay_from(old)
    with pytest.raises(ServerRejectedData, match="carries no signature"):
        relay.sync(live.url)  # the unsigned event the server never saw
    assert province(storage, commune).record_ids("dossier") == [known]
    assert unknown not in province(storage, commune).record_ids("dossier")


def test_a_replica_id_already_enrolled_is_refused_in_words(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    """A cloned disk image enrolling again under the same replica id is told, never merged silently."""
    first = live.post(
        "/v1/enrol", json=enrol_body(issue(storage, communes[0], clock, ids), communes[0], "desk-c")
    )
    assert first.status_code == 200
    again = live.post(
        "/v1/enrol", json=enrol_body(issue(storage, communes[1], clock, ids), communes[1], "desk-c")
    )
    assert again.status_code == 409, again.text
    assert again.json()["error"] == "replica_already_enrolled"
    assert "copied workstation needs a new one" in again.json()["message"]


def test_signatures_cover_the_whole_text_and_only_the_origin_signs() -> None:
    identity = DeviceIdentity.generate("desk-s")
    other = DeviceIdentity.generate("desk-t")
    event = ChangeEvent(
        EventId("desk-s", 1),
        "dossier",
        "d-1",
        dossier_fields("00070", 1),
        VersionVector(),
        START,
        "lan",
        "desk",
    )
    signed = sign_event(event, identity)
    assert signature_valid(signed, identity.public().signing)
    assert not signature_valid(signed, other.public().signing)
    assert not signature_valid(event, identity.public().signing)
    assert decode_canonical(encode_event(signed)).event == signed
    with pytest.raises(ValueError):
        sign_event(event, other)
