"""Kill a desk receiving dossiers with scans (SIGKILL, at random moments): every acknowledged reception
survives with its scans, no dossier is ever found without its scans, every scan it names is readable, and
the codes' numbers are neither repeated nor skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import sys
from pathlib import Path

import pytest

from dossiers.dossier_record import RECORD_TYPE_NAME
from dossiers.lifecycle import Status
from sync.attachments import AttachmentStore
from tests.helpers.killed_child import kill_round
from tests.workstation import reception_writer_child as child

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def check_store(folder: Path, key: bytes, acknowledged: set[str], seed: str) -> int:
    """Check every dossier in the store (and that none acknowledged is missing); the next ``n`` to use."""
    counter = child.Counter()
    desk = child.open_desk(folder, key, counter.now, counter.new_id)
    try:
        with desk.store.reader() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], seed
        present = {record_id for kind, record_id in desk.replica.record_keys() if kind == RECORD_TYPE_NAME}
        missing = acknowledged - present
        assert not missing, f"{seed}: acknowledged receptions lost: {sorted(missing)[:5]}"
        codes = []
        with desk.store.reader() as conn:
            attachments = AttachmentStore(conn, desk.store.paths.attachments, now=desk.clock)
            for dossier_id in sorted(present):
                n = int(dossier_id.removeprefix("dossier-"))
                page = desk.page(dossier_id)
                assert len(page.timeline) == 1, f"{seed}: {dossier_id} was received in several events"
                scans = sorted(page.state.values.get("attachments", ()), key=lambda a: a["name"])
                assert [a["name"] for a in scans] == [f"scan-{i}.pdf" for i in range(child.SCANS)], (
                    f"{seed}: {dossier_id} is there without its scans"
                )
                for index, scan in enumerate(scans):
                    content = attachments.read_bytes(scan["sha256"])
                    assert content == child.scan_bytes(n, index), f"{seed}: {dossier_id}'s scan {index}"
                    assert hashlib.sha256(content).hexdigest() == scan["sha256"]
                if child.waits_for_supplement(n):
                    assert page.dossier.status is Status.SUPPLEMENT_REQUESTED and page.dossier.code is None
                else:
                    assert page.dossier.status is Status.ACCEPTED and page.dossier.code is not None
                    codes.append(page.dossier.code)
        by_day: dict[dt.date, list[int]] = {}
        for code in codes:
            by_day.setdefault(code.received, []).append(code.sequence)
        for day, numbers in by_day.items():  # a number is taken with its dossier's event: never twice, no gap
            assert sorted(numbers) == list(range(1, len(numbers) + 1)), f"{seed}: the numbers of {day}"
        return 1 + max((int(d.removeprefix("dossier-")) for d in present), default=-1)
    finally:
        desk.store.close()


@pytest.mark.slow
def test_acknowledged_receptions_keep_their_scans_through_sigkill(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    key = os.urandom(32)
    folder = tmp_path / "store"
    acknowledged: set[str] = set()
    start = 0
    kills_with_receptions = 0
    for round_no in range(KILLS):
        argv = [sys.executable, str(Path(child.__file__)), str(folder), key.hex(), str(start)]
        got = kill_round(argv, ROOT, rng, round_no, start_up=1.0, writing=0.3)
        kills_with_receptions += bool(got)
        acknowledged.update(got)
        if folder.joinpath("store.db").exists():
            start = check_store(folder, key, acknowledged, f"seed {seed}, round {round_no}")
    assert kills_with_receptions >= KILLS * 3 // 4, f"seed {seed}: the child rarely received before the kill"
    assert len(acknowledged) >= KILLS
