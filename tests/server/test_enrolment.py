"""Enrolment codes, workstation labels and keys, and the choice of each device's block of dossier numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.code_allocation import SequenceSpace, check_no_overlap
from server.enrolment import (
    CODE_ALPHABET,
    check_keys,
    check_label,
    choose_block,
    hash_enrolment_code,
    issue_enrolment_code,
    new_enrolment_code,
    normalise_enrolment_code,
    revoke_device,
    sequence_space,
)
from server.errors import BadDeviceKeys, BadInput, NoSequenceBlockLeft, UnknownCommune
from server.storage.interface import ServerStorage
from server.storage.records import Commune, SequenceBlock
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from tests.server.conftest import Clock, Ids

COMMUNE = Commune("00004", "01", "Phường Ba Đình", "phường", "00004")
DAY = dt.date(2026, 3, 2)


def test_codes_are_random_grouped_and_normalise() -> None:
    code = new_enrolment_code()
    assert len(code) == 19 and code.count("-") == 3
    assert all(ch in CODE_ALPHABET for ch in code.replace("-", ""))
    assert new_enrolment_code() != code
    assert normalise_enrolment_code(code.lower().replace("-", " ")) == code.replace("-", "")
    assert hash_enrolment_code(code) == hash_enrolment_code(code.lower())
    for bad in ("", "ABCD", "ABCD-EFGH-JKLM-NPQ0", "ABCD-EFGH-JKLM-NPQRS", "x" * 100, None, 5):
        assert normalise_enrolment_code(bad) is None  # type: ignore[arg-type]
        assert hash_enrolment_code(bad) is None  # type: ignore[arg-type]


def test_labels() -> None:
    assert check_label("  Bàn 1 ") == "Bàn 1"
    for bad in ("", "   ", "a\x00b", "x" * 65, "line\nbreak"):
        with pytest.raises(BadInput):
            check_label(bad)


def test_keys() -> None:
    check_keys(DeviceIdentity.generate("replica-1").public())
    good = DeviceIdentity.generate("r").public()
    for replica in ("", "has space", "é", "x" * 65, "a\x00"):
        with pytest.raises(BadDeviceKeys):
            check_keys(DevicePublicKeys(replica, good.signing, good.exchange))


def test_issue_needs_a_loaded_commune(storage: ServerStorage, clock: Clock, ids: Ids) -> None:
    issued = issue_enrolment_code(storage, "00004", now=clock.now, new_id=ids, ttl=dt.timedelta(hours=1))
    stored = storage.get_enrolment_code(hash_enrolment_code(issued.code) or "")
    assert stored is not None and stored.expires_at == clock.now() + dt.timedelta(hours=1)
    assert issued.code.replace("-", "") not in stored.code_hash
    with pytest.raises(UnknownCommune):
        issue_enrolment_code(storage, "99999", now=clock.now, new_id=ids, ttl=dt.timedelta(hours=1))
    with pytest.raises(ValueError):
        issue_enrolment_code(storage, "00004", now=clock.now, new_id=ids, ttl=dt.timedelta(0))


def held(device: str, slot: int, first: int, last: int, released: dt.date | None = None) -> SequenceBlock:
    return SequenceBlock(device, COMMUNE.code, slot, COMMUNE.agency, first, last, DAY, released)


def test_blocks_are_handed_out_in_order() -> None:
    first = choose_block(COMMUNE, [], device_id="d1", today=DAY, block_count=10)
    assert (first.slot, first.first, first.last) == (0, 1, 1000)
    second = choose_block(COMMUNE, [first], device_id="d2", today=DAY, block_count=10)
    assert (second.slot, second.first, second.last) == (1, 1001, 2000)
    assert sequence_space(second) == SequenceSpace("00004", "d2", 1001, 2000)


def test_a_released_block_is_reused_only_from_the_next_day() -> None:
    blocks = [held("d1", 0, 1, 5000, released=DAY), held("d2", 1, 5001, 9999)]
    with pytest.raises(NoSequenceBlockLeft, match="2 blocks"):
        choose_block(COMMUNE, blocks, device_id="d3", today=DAY, block_count=2)
    tomorrow = DAY + dt.timedelta(days=1)
    reused = choose_block(COMMUNE, blocks, device_id="d3", today=tomorrow, block_count=2)
    assert (reused.slot, reused.first, reused.last, reused.valid_from) == (0, 1, 5000, tomorrow)


def test_a_changed_split_never_overlaps_blocks_still_held() -> None:
    old = [held("d1", 0, 1, 5000)]  # given out when the split was in two
    new = choose_block(COMMUNE, old, device_id="d2", today=DAY, block_count=10)
    assert new.first == 5001  # slots 0-4 of the new split overlap d1's block


@given(st.lists(st.tuples(st.sampled_from(["enrol", "revoke", "next_day"]), st.integers(0, 30)), max_size=60))
def test_held_blocks_never_overlap(operations: list[tuple[str, int]]) -> None:
    """Whatever enrolments, revocations and days pass, no two blocks usable on a day share a number."""
    blocks: list[SequenceBlock] = []
    today = DAY
    for n, (op, pick) in enumerate(operations):
        if op == "enrol":
            try:
                blocks.append(choose_block(COMMUNE, blocks, device_id=f"d{n}", today=today, block_count=4))
            except NoSequenceBlockLeft:
                pass
        elif op == "revoke":
            active = [b for b in blocks if b.released_on is None]
            if active:
                victim = active[pick % len(active)]
                blocks[blocks.index(victim)] = held(
                    victim.device_id, victim.slot, victim.first, victim.last, today
                )
        else:
            today += dt.timedelta(days=1)
        usable_today = [b for b in blocks if b.released_on is None or b.released_on >= today]
        check_no_overlap([SequenceSpace(b.agency, b.device_id, b.first, b.last) for b in usable_today])


def test_revoke_device_uses_the_vietnam_day(storage: ServerStorage, clock: Clock, ids: Ids) -> None:
    from server.enrolment import EnrolmentRequest, enrol

    code = issue_enrolment_code(storage, "00004", now=clock.now, new_id=ids, ttl=dt.timedelta(hours=1)).code
    done = enrol(
        storage,
        EnrolmentRequest(code, "00004", "Bàn 1", DeviceIdentity.generate("r1").public()),
        now=clock.now,
        new_id=ids,
        block_count=10,
    )
    assert done.credential.startswith("mcd." + done.device.id + ".")
    clock.current = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)  # already 3 March in Vietnam
    revoked = revoke_device(storage, done.device.id, now=clock.now)
    assert revoked.revoked_at == clock.current
    assert storage.get_sequence_block(done.device.id).released_on == dt.date(2026, 3, 3)  # type: ignore[union-attr]
