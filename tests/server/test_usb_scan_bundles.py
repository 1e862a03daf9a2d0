"""Scans by USB stick: a desk's export for the province carries the scans its records name, split into parts
of bounded size beside the sync bundle; the admin CLI's ``import-bundle`` keeps them (checked like uploads:
over the commune's quota is refused in words, the rest kept); its ``export-bundle`` for another desk of the
commune carries them back, and that desk's import adds them to its store."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.background import Background
from desktop.sync_panel import SyncController
from server.cli import main as server_cli
from server.communes import load_communes
from server.storage.sqlite_storage import SqliteStorage
from sync.attachments import AttachmentStore
from sync.errors import BundleError
from sync.scan_bundles import ScanItem, parts_beside, plan_parts, read_scan_bundle
from tests.helpers.enrolled_desks import draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.scans import add_scan
from tests.server.conftest import Clock, Ids, LiveServer, make_config
from workstation.enrolment import server_link
from workstation.sync_keys import StoreCheckpoints, device_identity, peer_keys
from workstation.sync_transfers import Activity, ProgressMeter, export_for_province

KB = 1000
PART = 512 * KB
QUOTA = 700 * KB


@dataclass
class Province:
    live: LiveServer
    storage: SqliteStorage
    clock: Clock
    config: Path

    def cli(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), *args],
            stdout=out,
            stderr=err,
            now=self.clock.now,
            new_id=lambda: uuid.uuid4().hex,
        )
        return status, out.getvalue(), err.getvalue()

    def code(self) -> str:
        status, out, err = self.cli("enrol-code", "--commune", "00070")
        assert status == 0, err
        return out.split(": ", 1)[1].split()[0]

    def scan(self, sha256: str) -> bytes:
        with self.storage.transaction() as tx:
            rows = tx.query(
                "SELECT data FROM attachment_chunks WHERE sha256 = ? ORDER BY start_offset", (sha256,)
            )
        return b"".join(bytes(row[0]) for row in rows)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Province]:
    folder = tmp_path / "server"
    folder.mkdir()
    database, key_file = folder / "server.db", folder / "bundle-keys.json"
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    config = folder / "server.toml"
    config.write_text(
        f'[server]\ndatabase = "sqlite:///{database}"\n[bundles]\nkey_file = "bundle-keys.json"\n'
        f"[scans]\ncommune_quota_bytes = {QUOTA}\n",
        encoding="utf-8",
    )
    clock = Clock()
    live = LiveServer(make_config(bundle_key_file=key_file), storage, clock, Ids())
    yield Province(live, storage, clock, config)
    live.stop()
    storage.close()


def _meter() -> ProgressMeter:
    return ProgressMeter(Activity.EXPORT, lambda _p: None)


def test_scans_travel_by_usb_stick_in_bounded_parts_both_ways(
    qtbot, province: Province, tmp_path: Path
) -> None:
    sizes = (300 * KB, 300 * KB, 200 * KB, 600 * KB)  # the last is bigger than a part: network only
    contents = [os.urandom(size) for size in sizes]
    data_a = new_desk(tmp_path, "desk-a", province.clock)
    assert it_enrol(data_a, province, province.code())[0] == 0
    session = unlock(data_a, province.clock)
    work = open_work(session, province.clock, "a")
    scans = tuple(add_scan(work.desk, content, f"scan-{n}.pdf") for n, content in enumerate(contents))
    work.desk.receive(dataclasses.replace(draft(), attachments=scans))

    stick = tmp_path / "stick"
    stick.mkdir()
    outgoing = stick / "desk-a.mcb"
    store, replica = session.store, work.desk.replica
    export_for_province(
        store,
        replica,
        StoreCheckpoints(store),
        outgoing,
        _meter(),
        bundle_id="b-1",
        now=province.clock.now,
        scan_part_bytes=PART,
    )
    parts = parts_beside(outgoing)
    assert [p.name for p in parts] == ["desk-a.scans-1.mcb", "desk-a.scans-2.mcb"]
    assert all(p.stat().st_size <= PART + 4 * KB for p in parts)  # bounded (random bytes do not shrink)
    session.store.close()

    status, out, err = province.cli("import-bundle", str(outgoing))
    assert status == 0, err
    assert "scans: 2 stored, 0 already here, 1 refused (from 2 part(s))" in out
    assert "over its quota of 700000 bytes" in out  # the third would take the commune past its quota
    for scan, content in zip(scans[:2], contents[:2], strict=True):
        assert province.scan(scan["sha256"]) == content
    assert province.scan(scans[2]["sha256"]) == b""
    status, out, err = province.cli("import-bundle", str(outgoing))  # twice: nothing new
    assert status == 0 and "scans: 0 stored, 2 already here, 1 refused" in out

    # another desk of the commune gets the records and the province's scans back by USB stick
    data_b = new_desk(tmp_path, "desk-b", province.clock)
    assert it_enrol(data_b, province, province.code())[0] == 0
    session_b = unlock(data_b, province.clock, "b")
    link = server_link(session_b.store)
    assert link is not None
    incoming = stick / "for-desk-b.mcb"
    status, out, err = province.cli("export-bundle", "--device", link.device_id, str(incoming))
    assert status == 0, err
    assert "2 scan(s) written beside it in 1 part(s)" in out
    work_b = open_work(session_b, province.clock, "b")
    background = Background()  # desk B imports through its sync controller, as the USB menu does
    controller = SyncController(
        work_b.desk.replica, background=background, now=province.clock.now, new_id=lambda: uuid.uuid4().hex
    )
    done: list[object] = []
    controller.finished.connect(done.append)
    controller.failed.connect(done.append)
    progress: list = []
    controller.progress.connect(progress.append)
    assert controller.import_bundle(incoming)
    qtbot.waitUntil(lambda: bool(done) and not controller.busy, timeout=20_000)
    controller.shutdown()
    background.shutdown()
    assert progress[-1].scans_done == 2  # the import's progress counts the scans
    with session_b.store.reader() as conn:
        attachments = AttachmentStore(conn, session_b.store.paths.attachments, now=province.clock.now)
        for scan, content in zip(scans[:2], contents[:2], strict=True):
            assert attachments.read_bytes(scan["sha256"]) == content
            assert attachments.info(scan["sha256"]).media_type == "application/pdf"  # as the dossier says
        assert not attachments.has(scans[2]["sha256"])

    # a part whose scan does not match its hash is refused whole
    [part] = parts_beside(incoming)
    raw = bytearray(part.read_bytes())
    raw[len(raw) // 2] ^= 1
    part.write_bytes(bytes(raw))
    with pytest.raises(BundleError) as damaged:
        read_scan_bundle(
            part, receiver=device_identity(session_b.store), known_senders=peer_keys(session_b.store)
        )
    assert "changed" in str(damaged.value) or "damaged" in str(damaged.value)
    session_b.store.close()


def test_scans_are_packed_in_order_into_bounded_parts() -> None:
    def item(n: int, size: int) -> ScanItem:
        return ScanItem(hashlib.sha256(bytes([n])).hexdigest(), size, "application/pdf")

    scans = [item(1, 400), item(2, 500), item(3, 100), item(4, 2000), item(5, 1000), item(6, 1)]
    parts, too_big = plan_parts(scans, 1000)
    assert [[s.size for s in part] for part in parts] == [[400, 500, 100], [1000], [1]]
    assert [s.size for s in too_big] == [2000]
    assert all(sum(s.size for s in part) <= 1000 for part in parts)
    with pytest.raises(ValueError):
        plan_parts(scans, 0)
