"""A dossier's page on a desk that has the records but not the scan: the scan is fetched from the province in
the background (the page says "downloading" meanwhile and stays responsive), or the page says in words that
it is not available offline, or not at the province yet."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.background import Background
from desktop.dossier_page import DossierWindow
from sync.http_transport import HttpTransport
from sync.sync_session import run_session
from tests.helpers.enrolled_desks import draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.scans import add_scan
from tests.helpers.server_processes import free_port
from tests.server.conftest import Province
from workstation.enrolment import stored_credentials, stored_transport_factory
from workstation.scan_fetching import ScanFetcher, ScanState
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import Activity, ProgressMeter, run_sync
from workstation.work_session import WorkSession


@pytest.fixture
def desks(province: Province, tmp_path: Path) -> Iterator[list[WorkSession]]:
    """Desk A received a dossier with a scan; desk B (same commune) holds the records but not the scan."""
    opened: list[WorkSession] = []
    for name in ("desk-a", "desk-b"):
        data = new_desk(tmp_path, name, province.clock)
        assert it_enrol(data, province, province.code())[0] == 0
        opened.append(open_work(unlock(data, province.clock, name), province.clock, name))
    yield opened
    for work in opened:
        work.store.close()


def _receive_with_scan(work: WorkSession, content: bytes) -> tuple[str, str]:
    scan = add_scan(work.desk, content, "giay-chung-sinh.pdf")
    dossier = work.desk.receive(dataclasses.replace(draft(), attachments=(scan,)))
    return dossier.dossier_id, scan["sha256"]


def _records_only(work: WorkSession, url: str) -> None:
    credentials = stored_credentials(work.store)
    assert credentials is not None
    with HttpTransport(url, credentials) as transport:
        run_session(work.desk.replica, transport, now=work.desk.clock)


def _page(qtbot, work: WorkSession, background: Background, dossier_id: str, fetcher: ScanFetcher):
    page = DossierWindow(work.desk, background, work.desk.office, dossier_id, scans=fetcher)
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_scan_not_here_is_fetched_in_the_background_and_said_in_words(
    qtbot, province: Province, desks: list[WorkSession]
) -> None:
    a, b = desks
    content = os.urandom(150_000)
    dossier_id, sha = _receive_with_scan(a, content)
    factory = stored_transport_factory(a.store)
    assert factory is not None
    run_sync(
        a.desk.replica,
        factory,
        ProgressMeter(Activity.SYNC, lambda _p: None),
        now=a.desk.clock,
        checkpoints=StoreCheckpoints(a.store),
    )  # records, then the scan
    _records_only(b, province.live.url)
    host, port = province.live.url.removeprefix("http://").split(":")
    credentials = stored_credentials(b.store)
    background = Background()
    try:
        with FlakyLink((host, int(port)), delay=0.3) as slow:  # a slow link: the download takes a while
            fetcher = ScanFetcher(b.store, lambda: lambda: HttpTransport(slow.url, credentials))
            started = time.monotonic()
            page = _page(qtbot, b, background, dossier_id, fetcher)
            assert time.monotonic() - started < 0.5  # the UI thread does not wait for the network
            qtbot.waitUntil(lambda: page.scan_states.get(sha) is ScanState.DOWNLOADING, timeout=10_000)
            assert "downloading" in page.attachments.item(0).text()
            assert "downloading" in page.attachment_info.text()
            qtbot.waitUntil(lambda: page.scan_states.get(sha) is ScanState.HERE, timeout=20_000)
        assert page.attachments.item(0).text() == "giay-chung-sinh.pdf"
        exported = b.store.paths.folder.parent / "copy.pdf"
        page.export_attachment(exported)
        qtbot.waitUntil(lambda: exported.exists() and exported.read_bytes() == content, timeout=10_000)
        page.close()

        # the province cannot be reached: the page says so, in words, and does not hang
        _other_id, other_sha = _receive_with_scan(a, os.urandom(1000))
        run_sync(
            a.desk.replica,
            factory,
            ProgressMeter(Activity.SYNC, lambda _p: None),
            now=a.desk.clock,
            checkpoints=StoreCheckpoints(a.store),
        )
        _records_only(b, province.live.url)
        dead = f"http://127.0.0.1:{free_port()}"
        offline = ScanFetcher(
            b.store, lambda: lambda: HttpTransport(dead, credentials, sleep=lambda _s: None)
        )
        page = _page(qtbot, b, background, _other_id, offline)
        qtbot.waitUntil(
            lambda: page.scan_states.get(other_sha) is ScanState.NOT_AVAILABLE_OFFLINE, timeout=10_000
        )
        assert "not available offline" in page.attachments.item(0).text()
        page.attachment_info.setText("")
        page.open_attachment()  # Open says where the scan stands instead of failing
        assert "not available offline" in page.attachment_info.text() and not page.message.isVisible()
        page.close()

        # a scan no desk has sent yet: "not at the province yet"
        unsent_id, unsent_sha = _receive_with_scan(a, os.urandom(500))
        _records_only(a, province.live.url)
        _records_only(b, province.live.url)
        fetcher = ScanFetcher(b.store, lambda: stored_transport_factory(b.store))
        page = _page(qtbot, b, background, unsent_id, fetcher)
        qtbot.waitUntil(lambda: page.scan_states.get(unsent_sha) is ScanState.NOT_ON_SERVER, timeout=10_000)
        assert "not at the province yet" in page.attachment_info.text()
        run_sync(  # desk A's next sync sends it; desk B's page looks again after its own next sync
            a.desk.replica,
            factory,
            ProgressMeter(Activity.SYNC, lambda _p: None),
            now=a.desk.clock,
            checkpoints=StoreCheckpoints(a.store),
        )
        page.look_for_scans_again()
        qtbot.waitUntil(lambda: page.scan_states.get(unsent_sha) is ScanState.HERE, timeout=10_000)
        assert page.attachment_info.text() == ""
        page.close()
        for made in (fetcher, offline):
            made.shutdown()
    finally:
        background.shutdown()
