"""Province IT sees the quarantined events (ids, sizes, times, reason; never their content) and each desk's
program and reference-data versions on the web workspace's IT pages (issues 14 and 15)."""

from __future__ import annotations

from collections.abc import Callable

from server.storage.interface import ServerStorage
from server.storage.records import Role
from server.update_routes import note_versions
from tests.helpers.server_accounts import enrol
from tests.helpers.web_clients import WebClient, add_officer
from tests.server.conftest import Clock, Ids, LiveServer

SECRET_VALUE = "Nguyễn Văn Bí Mật 0912345678"


def test_it_sees_quarantined_events_without_their_content_and_desk_versions(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(anonymous_burst=1000, anonymous_requests_per_minute=60_000)
    device = enrol(live, storage, communes[0], clock, ids, "replica-q")
    at = storage.time_in(clock.now())
    with storage.transaction() as tx:
        tx.run(
            "INSERT INTO sync_quarantine (replica_id, counter, scope, record_type, reason, size, body,"
            " received_at, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("replica-q", 42, communes[0], "dossier", "waited_too_long", 321, SECRET_VALUE, at, at),
        )
    note_versions(live.app.state.services, device["device_id"], {"program": "0.2.0", "reference": "2026.12"})
    add_officer(storage, "it.one", Role.ADMIN)
    add_officer(storage, "officer.one", Role.OFFICER, "Hộ tịch")

    it = WebClient(live.url)
    it.sign_in("it.one")
    page = it.get("/web/it/quarantine")
    assert page.status_code == 200
    assert "replica-q : 42" in page.text and "321" in page.text
    assert "chờ quá lâu" in page.text  # the reason in words (Vietnamese first)
    assert SECRET_VALUE not in page.text and "Bí Mật" not in page.text  # never the event's content
    devices = it.get("/web/it/devices")
    assert "0.2.0 / 2026.12" in devices.text

    officer = WebClient(live.url)
    officer.sign_in("officer.one")
    assert officer.get("/web/it/quarantine").status_code in (403, 404)  # province IT only
