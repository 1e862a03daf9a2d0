"""The web's "complete with decision" is atomic, against a live server on SQLite and PostgreSQL: a refused
completion (by the lifecycle, or for an open conflict found under the commune's lock) stores neither the
decision nor its file; a file the database cannot store leaves the dossier not
completed; a completion stores the status, the decision and the file together. Dossier actions do their
storage work off the event loop: a request waiting for the commune's lock does not stall the server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from hashlib import sha256

import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD, transition_value
from dossiers.lifecycle import Action, Actor, Status
from server import province_dossiers as work
from server.storage.interface import ServerStorage
from sync.change_events import thaw
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from tests.helpers.live_desks import province, ticking
from tests.helpers.sample_files import png_image
from tests.helpers.server_accounts import enrol
from tests.helpers.web_clients import HOAN_KIEM, WebClient, seed_province
from tests.server.conftest import Clock, Ids, LiveServer

LIMITS = {"anonymous_burst": 1000, "anonymous_requests_per_minute": 60_000}
DOSSIER = "d-000"
PAGE = f"/web/dossiers/{HOAN_KIEM}/{DOSSIER}"


def _officer(live: LiveServer, storage: ServerStorage, clock: Clock, *, processing: bool) -> WebClient:
    seed_province(storage, clock.now(), count=1)
    if processing:  # handed over to the province: it may complete it
        replica = province(storage, HOAN_KIEM)
        work.act(replica, DOSSIER, Action.HAND_OVER, work.ActionInput(), author="ho.tich", now=clock.now)
    officer = WebClient(live.url)
    officer.sign_in("ho.tich")
    assert officer.get(PAGE).status_code == 200
    return officer


def _complete(officer: WebClient, data: bytes, page: str = PAGE) -> requests.Response:
    return officer.post(
        page + "/act",
        {"action": "complete", "decision_text": "Cấp giấy khai sinh", "note": ""},
        files={"decision_file": ("quyet-dinh.png", data, "image/png")},
    )


def _held(storage: ServerStorage, sha: str) -> int:
    with storage.transaction() as tx:
        return int(tx.query("SELECT COUNT(*) FROM attachments WHERE sha256 = ?", (sha,))[0][0])


def _events(storage: ServerStorage) -> int:
    with storage.transaction() as tx:
        return int(tx.query("SELECT COUNT(*) FROM sync_events")[0][0])


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_refused_completion_stores_no_decision_and_no_file(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock
) -> None:
    live = serve(**LIMITS)
    officer = _officer(live, storage, clock, processing=False)  # received: not to be completed yet
    decision = png_image(width=171)
    before = _events(storage)
    refused = _complete(officer, decision)
    assert refused.status_code == 409 and 'role="alert"' in refused.text
    assert _held(storage, sha256(decision).hexdigest()) == 0  # the file was not kept
    assert _events(storage) == before
    state = province(storage, HOAN_KIEM).record("dossier", DOSSIER)
    assert work.DECISION_FIELD not in thaw(state.values) and work.status_of(state) is Status.ACCEPTED


def test_a_completion_refused_for_an_open_conflict_stores_no_decision_and_no_file(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids
) -> None:
    """The page offers "complete" (the status shown is "processing"), but the status is in conflict: the
    refusal comes under the commune's lock, after the file was given; nothing of it is kept."""
    live = serve(**LIMITS)
    officer = _officer(live, storage, clock, processing=False)
    enrolled = enrol(live, storage, HOAN_KIEM, clock, ids, "desk-a")
    desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
    record = f"{HOAN_KIEM}-0001"
    fields = {
        SCOPE_FIELD: HOAN_KIEM,
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": "Nguyễn Văn An",
        "received_at": "2026-03-02T08:00:00+07:00",
        "code": "000.00.01.H26-260302-0001",
        "appointment": "2026-03-10",
        "status": transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK),
    }
    desk.write("dossier", record, fields, "clerk")

    def sync() -> None:
        with HttpTransport(live.url, str(enrolled["device_secret"]), sleep=lambda _: None) as transport:
            run_session(desk, transport, now=ticking())

    sync()
    # the province hands it over while the desk, offline, asks for a supplement, records it and hands it
    # over: the desk's way to "processing" is shown, the province's hand-over conflicts with its first step
    replica = province(storage, HOAN_KIEM)
    work.act(replica, record, Action.HAND_OVER, work.ActionInput(), author="x", now=clock.now)
    for source, target in (
        (Status.ACCEPTED, Status.SUPPLEMENT_REQUESTED),
        (Status.SUPPLEMENT_REQUESTED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.PROCESSING),
    ):
        desk.write("dossier", record, {"status": transition_value(source, target, Actor.DESK)}, "clerk")
    sync()
    state = province(storage, HOAN_KIEM).record("dossier", record)
    assert state.conflict("status") is not None and work.status_of(state) is Status.PROCESSING
    page = f"/web/dossiers/{HOAN_KIEM}/{record}"
    assert 'value="complete"' in officer.get(page).text
    decision = png_image(width=174)
    before = _events(storage)
    refused = _complete(officer, decision, page)
    assert refused.status_code == 409 and 'role="alert"' in refused.text
    assert _held(storage, sha256(decision).hexdigest()) == 0
    assert _events(storage) == before
    assert work.DECISION_FIELD not in thaw(province(storage, HOAN_KIEM).record("dossier", record).values)


def test_a_file_the_database_cannot_store_leaves_the_dossier_not_completed(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, backend: str
) -> None:
    live = serve(**LIMITS)
    officer = _officer(live, storage, clock, processing=True)
    with storage.transaction() as tx:  # the database refuses file chunks (as a full disk would)
        if backend == "sqlite":
            tx.run(
                "CREATE TRIGGER no_room BEFORE INSERT ON attachment_chunks"
                " BEGIN SELECT RAISE(ABORT, 'no room'); END"
            )
        else:
            tx.run(
                "CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql"
                " AS $$ BEGIN RAISE EXCEPTION 'no room'; END $$"
            )
            tx.run(
                "CREATE TRIGGER no_room BEFORE INSERT ON attachment_chunks"
                " FOR EACH ROW EXECUTE FUNCTION no_room()"
            )
    before = _events(storage)
    failed = _complete(officer, png_image(width=172))
    assert failed.status_code >= 500
    assert _events(storage) == before
    state = province(storage, HOAN_KIEM).record("dossier", DOSSIER)
    assert work.status_of(state) is Status.PROCESSING and work.DECISION_FIELD not in thaw(state.values)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_completion_keeps_the_status_the_decision_and_its_file_together(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock
) -> None:
    live = serve(**LIMITS)
    officer = _officer(live, storage, clock, processing=True)
    decision = png_image(width=173)
    before = _events(storage)
    done = _complete(officer, decision)
    assert done.status_code == 303, done.text
    assert _events(storage) == before + 1  # one event: the status and the decision
    state = province(storage, HOAN_KIEM).record("dossier", DOSSIER)
    kept = thaw(state.values)[work.DECISION_FIELD]
    assert work.status_of(state) is Status.PROCESSED and kept["text"] == "Cấp giấy khai sinh"
    sha = sha256(decision).hexdigest()
    assert kept["file"]["sha256"] == sha and kept["file"]["media_type"] == "image/png"
    shown = officer.get(f"{PAGE}/files/{sha}")
    assert shown.status_code == 200 and shown.content == decision


@pytest.mark.parametrize("backend", ["postgresql"])  # its commune lock is an advisory lock, held here
def test_an_action_waiting_for_the_communes_lock_does_not_stall_the_server(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock
) -> None:
    live = serve(**LIMITS)
    officer = _officer(live, storage, clock, processing=True)
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with storage.transaction() as tx:
            storage.lock_scope(tx, f"commune:{HOAN_KIEM}")
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert held.wait(10)
    answers: list[requests.Response] = []
    acting = threading.Thread(
        target=lambda: answers.append(
            officer.post(PAGE + "/act", {"action": "request_supplement", "missing": "Tờ khai"})
        )
    )
    acting.start()
    time.sleep(0.5)  # the action is waiting for the lock
    started = time.monotonic()
    health = requests.get(live.url + "/healthz", timeout=10)
    waited = time.monotonic() - started
    release.set()
    acting.join(15)
    holder.join(15)
    assert health.status_code == 200 and waited < 1.0, waited
    assert answers and answers[0].status_code == 303, answers
