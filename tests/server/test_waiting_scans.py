"""The desk's status area counts the scans of its dossiers the province has not confirmed holding, through
the real controller and widget (offscreen) against a live server: one scan received shows "1 scan waiting",
a sync makes it 0 and the words go, and a scan the server refuses (over the commune's quota) keeps waiting
and is named in the log by its hash prefix only."""

from __future__ import annotations

import io
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.background import Background
from desktop.language import LanguageSwitcher, catalogue_bytes
from desktop.sync_panel import SyncController, SyncStatusWidget
from server.storage.interface import ServerStorage
from sync.attachments import AttachmentStore
from sync.connection import Connection
from tests.helpers.live_desks import Desk, ticking
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def background(qapp) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


def scan_in(desk: Desk, content: bytes) -> str:
    """A scan in the desk's store, as its scan screen adds it."""
    store = desk.store

    def add(conn: Connection) -> str:
        return (
            AttachmentStore(conn, store.paths.attachments, now=store.now)
            .add_stream(io.BytesIO(content))
            .sha256
        )

    return str(store.write(add).result())


def status_area(
    desk: Desk, live: LiveServer, background: Background, qtbot
) -> tuple[SyncController, SyncStatusWidget]:
    controller = SyncController(
        desk.replica,
        background=background,
        now=ticking(),
        new_id=lambda: str(uuid.uuid4()),
        transport_factory=lambda: desk.transport(live.url),
    )
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    return controller, widget


def synced(controller: SyncController, qtbot) -> None:
    with qtbot.waitSignal(controller.finished, timeout=15_000):
        assert controller.sync_now()
    qtbot.waitUntil(lambda: controller.status.activity is None, timeout=5_000)


def test_a_received_scan_waits_until_a_sync_takes_it_to_the_province(
    serve: Callable[..., LiveServer],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
    background: Background,
    qtbot,
    qapp,
) -> None:
    live = serve()
    commune = communes[0]
    desk = Desk(tmp_path, "desk-w1", commune, enrol(live, storage, commune, clock, ids, "desk-w1"))
    try:
        sha = scan_in(desk, os.urandom(2500))
        scan_in(desk, os.urandom(100))  # an orphan (a reception never saved) is not counted
        desk.new_dossier(1, (sha,))
        controller, widget = status_area(desk, live, background, qtbot)
        qtbot.waitUntil(lambda: controller.status.waiting_scans == 1, timeout=5_000)
        assert controller.status.waiting_scan_bytes == 2500
        assert widget.scans_label.isVisibleTo(widget)
        assert widget.scans_label.text().startswith("1 scan")
        switcher = LanguageSwitcher(qapp)
        try:
            assert switcher.apply("vi", catalogue_bytes("vi"))
            qtbot.waitUntil(lambda: widget.scans_label.text().startswith("1 bản quét đang chờ gửi ("))
        finally:
            switcher.apply("en", None)
        synced(controller, qtbot)
        assert controller.status.waiting_scans == 0 and controller.status.waiting_scan_bytes == 0
        assert not widget.scans_label.isVisibleTo(widget) and widget.scans_label.text() == ""
        controller.refresh().result(5)  # the refresh timer's read agrees
        qtbot.waitUntil(lambda: controller.status.waiting_scans == 0, timeout=5_000)
    finally:
        desk.close()


def test_a_scan_the_province_refuses_keeps_waiting_and_is_logged_by_hash_prefix(
    serve: Callable[..., LiveServer],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
    background: Background,
    qtbot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    commune = communes[0]
    live = serve(scan_quotas=((commune, 1000),))
    desk = Desk(tmp_path, "desk-w2", commune, enrol(live, storage, commune, clock, ids, "desk-w2"))
    try:
        fits, over = scan_in(desk, os.urandom(600)), scan_in(desk, os.urandom(1200))  # over the quota alone
        desk.new_dossier(1, (fits, over))
        controller, widget = status_area(desk, live, background, qtbot)
        qtbot.waitUntil(lambda: controller.status.waiting_scans == 2, timeout=5_000)
        with caplog.at_level(logging.WARNING, logger="workstation.scan_fetching"):
            synced(controller, qtbot)
        assert controller.status.waiting_scans == 1 and controller.status.waiting_scan_bytes == 1200
        assert widget.scans_label.isVisibleTo(widget) and widget.scans_label.text().startswith("1 scan")
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert over[:12] in logged and "scan_quota_exceeded" in logged
        assert over not in logged and fits[:12] not in logged  # the hash prefix only
    finally:
        desk.close()
