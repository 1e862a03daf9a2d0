"""The sync area on real stores: in-process responder, LAN peer on 127.0.0.1, USB bundles, errors in words."""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.background import Background
from desktop.language import LanguageSwitcher, catalogue_bytes
from desktop.sync_panel import (
    Activity,
    ProvinceKeysMissing,
    SyncController,
    SyncPhase,
    SyncStatusWidget,
    SyncWords,
    TransferProgress,
)
from sync.bundle_exchange import BundleExport, BundleImport
from sync.device_keys import DeviceIdentity
from sync.errors import (
    BundleTampered,
    ClientTooOld,
    DeviceRevokedByServer,
    PairingRefused,
    ServerOffline,
    ServerRateLimited,
    ServerUnauthorised,
    SyncInterrupted,
)
from sync.lan_peer import LanPeerTransport
from sync.retry_policy import RetryPolicy
from sync.sync_checkpoints import Checkpoint
from sync.sync_session import InProcessTransport, SessionResponder, SessionResult
from sync.version_vectors import VersionVector
from tests.helpers.dossier_desks import Clock, draft, open_desk
from tests.helpers.lan_certificates import caller, lan_server
from workstation.dossier_desk import DossierDesk
from workstation.sync_keys import (
    StoreCheckpoints,
    device_identity,
    last_successful_sync,
    peer_keys,
    province_keys,
    save_peer_keys,
    waiting_events,
)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))


@pytest.fixture
def background(qapp) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


@pytest.fixture
def desks(tmp_path: Path, clock: Clock) -> Iterator[tuple[DossierDesk, DossierDesk]]:
    a, b = open_desk(tmp_path / "a", clock), open_desk(tmp_path / "b", clock)
    for n in range(3):
        a.receive(draft(f"Nguyễn Văn {n}"))
    for n in range(2):
        b.receive(draft(f"Trần Thị {n}", procedure="1.000894"))
    yield a, b
    a.store.close()
    b.store.close()


class Recorder:
    """Everything a controller says."""

    def __init__(self, controller: SyncController) -> None:
        self.phases: list[SyncPhase] = []
        self.progress: list[TransferProgress] = []
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        controller.status_changed.connect(lambda s: self.phases.append(s.phase))
        controller.progress.connect(self.progress.append)
        controller.finished.connect(self.results.append)
        controller.failed.connect(self.errors.append)

    @property
    def outcomes(self) -> int:
        return len(self.results) + len(self.errors)


def make_controller(desk: DossierDesk, background: Background, clock: Clock, factory=None) -> SyncController:
    return SyncController(
        desk.replica,
        background=background,
        now=clock,
        new_id=lambda: str(uuid.uuid4()),
        transport_factory=factory,
        retry_policy=lambda waiter: RetryPolicy(attempts=1, sleep=waiter),  # one try: what it shows
    )


def run(qtbot, controller: SyncController, recorder: Recorder, start) -> None:
    before = recorder.outcomes
    assert start()
    qtbot.waitUntil(lambda: recorder.outcomes > before and not controller.busy, timeout=20_000)


def in_process(peer: DossierDesk):
    return lambda: InProcessTransport(SessionResponder(peer.replica))


# -- sessions ----------------------------------------------------------------------------------------------


def test_sync_now_goes_offline_syncing_online_and_nothing_waits_after(
    qtbot, desks, background, clock
) -> None:
    a, b = desks
    controller = make_controller(a, background, clock, in_process(b))
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: controller.status.waiting == 3)
    recorder = Recorder(controller)
    assert controller.status.phase is SyncPhase.OFFLINE and controller.status.last_sync is None
    assert widget.state_label.text() == "Offline" and widget.waiting_label.text() == "3 change(s) waiting"
    assert widget.last_label.text() == "Never synced"

    run(qtbot, controller, recorder, widget.sync_now)
    assert recorder.errors == []
    assert recorder.phases == [SyncPhase.SYNCING, SyncPhase.ONLINE]
    result = recorder.results[-1]
    assert isinstance(result, SessionResult) and (result.pushed_events, result.pulled_events) == (3, 2)
    assert controller.status.waiting == 0 and controller.status.last_sync == clock.now
    assert widget.state_label.text() == "Online" and widget.waiting_label.text() == "0 change(s) waiting"
    assert widget.last_label.text() == "Last sync: 09:30 02/03/2026"
    assert widget.note == "Sync finished: 3 sent, 2 received."
    assert not widget.progress_bar.isVisible() and not widget.problem_label.isVisible()
    assert b.queue_count() == 5 and a.queue_count() == 5
    last = recorder.progress[-1]
    assert last.activity is Activity.SYNC and last.items_total == 5 and last.items_done == 2
    assert last.bytes_done > 0

    a.receive(draft("Lê Văn Mới"))  # a new dossier waits until the next sync
    controller.refresh()
    qtbot.waitUntil(lambda: controller.status.waiting == 1)
    run(qtbot, controller, recorder, controller.sync_now)
    assert controller.status.waiting == 0 and b.queue_count() == 6


def test_the_ui_keeps_working_while_a_slow_transport_runs(qtbot, desks, background, clock) -> None:
    a, b = desks
    gate = threading.Event()

    class SlowTransport(InProcessTransport):
        def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
            assert gate.wait(20), "the test never opened the gate"
            return super().call(route, body)

    controller = make_controller(a, background, clock, lambda: SlowTransport(SessionResponder(b.replica)))
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    recorder = Recorder(controller)
    assert widget.sync_now()
    assert controller.busy and not controller.export_bundle("x.mcb")
    assert controller.sync_now() and controller.started_by == ["manual"]  # joined, not a second session
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the session waits in the worker
    assert controller.busy and widget.state_label.text() == "Syncing…"
    assert widget.progress_bar.isVisible() and not widget.action_export.isEnabled()
    timer.stop()
    gate.set()
    qtbot.waitUntil(lambda: recorder.outcomes == 1 and not controller.busy, timeout=20_000)
    assert controller.status.phase is SyncPhase.ONLINE and widget.action_sync.isEnabled()


def test_sync_with_the_lan_peer_and_an_unpaired_certificate(qtbot, desks, background, clock) -> None:
    a, b = desks
    with lan_server(b.replica, "desk-b", ["desk-a"]) as server:

        def lan(own: str):
            return lambda: LanPeerTransport(server.address, **caller(own, "desk-b"))

        controller = make_controller(a, background, clock, lan("stranger"))
        widget = SyncStatusWidget(controller)
        qtbot.addWidget(widget)
        recorder = Recorder(controller)
        run(qtbot, controller, recorder, controller.sync_now)
        assert isinstance(recorder.errors[-1], PairingRefused)
        assert controller.status.phase is SyncPhase.FAILED and widget.state_label.text() == "Sync problem"
        assert widget.problem is not None and widget.problem.kind == "sync_pairing_refused"
        assert widget.problem_label.text() == (
            "The other workstation refused the pairing code. Pair the two workstations again with a new code."
        )
        assert b.queue_count() == 2  # nothing crossed

        controller.set_transport_factory(lan("desk-a"))
        run(qtbot, controller, recorder, controller.sync_now)
        assert recorder.phases[-1] is SyncPhase.ONLINE and widget.problem is None
        assert b.queue_count() == 5 and a.queue_count() == 5 and controller.status.waiting == 0
    controller.shutdown()


def test_an_unreachable_lan_peer_is_offline_in_words(qtbot, desks, background, clock) -> None:
    a, _ = desks
    with lan_server(a.replica, "desk-a", []) as server:
        address = server.address  # a port that nobody listens on once the server is stopped
    factory = lambda: LanPeerTransport(address, **caller("desk-b", "desk-a"))  # noqa: E731
    controller = make_controller(a, background, clock, factory)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    recorder = Recorder(controller)
    run(qtbot, controller, recorder, controller.sync_now)
    assert isinstance(recorder.errors[-1], SyncInterrupted)
    assert controller.status.phase is SyncPhase.OFFLINE and widget.problem.kind == "sync_interrupted"


class FailingTransport:
    round_trips = 0

    def __init__(self, error: Exception) -> None:
        self.error = error

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        raise self.error


@pytest.mark.parametrize(
    "error, phase, words",
    [
        (ServerOffline("down"), SyncPhase.OFFLINE, "The provincial server cannot be reached."),
        (ServerUnauthorised("no", status=401), SyncPhase.FAILED, "did not accept this workstation"),
        (DeviceRevokedByServer("no", status=401), SyncPhase.FAILED, "enrol again"),
        (ClientTooOld("old", status=426), SyncPhase.FAILED, "The software needs updating."),
        (ServerRateLimited("busy", retry_after=30), SyncPhase.FAILED, "tries again by itself"),
    ],
)
def test_server_errors_are_shown_in_words(
    qtbot, caplog, desks, background, clock, error, phase, words
) -> None:
    a, _ = desks
    controller = make_controller(a, background, clock, lambda: FailingTransport(error))
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    recorder = Recorder(controller)
    run(qtbot, controller, recorder, controller.sync_now)
    assert recorder.errors == [error] and controller.status.phase is phase
    assert words in widget.problem_label.text() and widget.problem.kind == error.kind
    (logged,) = [r for r in caplog.records if r.name == "desktop.sync_panel.sync_controller"]
    assert logged.getMessage() == f"sync failed: {error.kind}" and logged.exc_info[1] is error  # for IT
    qtbot.waitUntil(lambda: controller.status.waiting == 3)  # still known after a failure


def test_without_a_transport_sync_is_off_but_bundles_work(qtbot, desks, background, clock) -> None:
    a, _ = desks
    controller = make_controller(a, background, clock)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    assert not controller.sync_now() and not widget.action_sync.isEnabled()
    assert widget.state_label.text() == "Not connected to the provincial server"
    assert widget.action_export.isEnabled() and widget.action_import.isEnabled()
    with pytest.raises(ValueError):
        controller.set_auto_sync(-1)


def test_auto_sync_runs_on_its_timer(qtbot, desks, background, clock) -> None:
    a, b = desks
    controller = make_controller(a, background, clock, in_process(b))
    recorder = Recorder(controller)
    controller.set_auto_sync(1)
    controller._timer.setInterval(10)  # a minute is too long for a test: same timer, shorter wait
    qtbot.waitUntil(lambda: len(recorder.results) >= 1, timeout=20_000)
    controller.set_auto_sync(0)
    qtbot.waitUntil(lambda: not controller.busy, timeout=20_000)
    assert isinstance(recorder.results[0], SessionResult) and b.queue_count() == 5


# -- USB bundles ---------------------------------------------------------------------------------------------


def pair_for_bundles(sender: DossierDesk, receiver: DossierDesk) -> None:
    """The receiver is the sender's "province", and the receiver knows the sender's keys."""
    save_peer_keys(sender.store, device_identity(receiver.store).public(), province=True)
    save_peer_keys(receiver.store, device_identity(sender.store).public())


def test_bundle_round_trip_with_progress_and_a_second_import(
    qtbot, tmp_path, desks, background, clock
) -> None:
    a, b = desks
    pair_for_bundles(a, b)
    pair_for_bundles(b, a)
    to_b, to_a = tmp_path / "usb" / "to-b.mcb", tmp_path / "usb" / "to-a.mcb"
    to_b.parent.mkdir()
    chosen = iter([to_b])
    sender = make_controller(a, background, clock)
    sender_widget = SyncStatusWidget(sender, choose_export_path=lambda parent: next(chosen, None))
    qtbot.addWidget(sender_widget)
    sent = Recorder(sender)
    run(qtbot, sender, sent, sender_widget.choose_and_export)
    assert not sender_widget.choose_and_export()  # the clerk cancelled the file dialog
    export = sent.results[-1]
    assert isinstance(export, BundleExport) and export.events == 3 and to_b.stat().st_size == export.size
    assert sent.progress[-1] == TransferProgress(Activity.EXPORT, export.size, export.size, 3, 3)
    assert sender_widget.note == "3 change(s) written to the file."
    assert sender.status.waiting == 3  # written to a file is not yet acknowledged

    receiver = make_controller(b, background, clock)
    receiver_widget = SyncStatusWidget(receiver, choose_import_path=lambda parent: to_b)
    qtbot.addWidget(receiver_widget)
    got = Recorder(receiver)
    run(qtbot, receiver, got, receiver_widget.choose_and_import)
    imported = got.results[-1]
    assert isinstance(imported, BundleImport) and imported.counts.new == 3
    assert got.progress[-1].items_done == 3 and got.progress[-1].items_total == 3
    assert got.progress[-1].bytes_done == got.progress[-1].bytes_total == to_b.stat().st_size
    assert receiver_widget.note == "3 change(s) imported." and b.queue_count() == 5
    run(qtbot, receiver, got, lambda: receiver_widget.import_from(to_b))
    assert got.results[-1].counts.new == 0
    assert receiver_widget.note == "This file was already imported: nothing new." and b.queue_count() == 5

    run(qtbot, receiver, got, lambda: receiver_widget.export_to(to_a))  # the answer, with A's events in it
    run(qtbot, sender, sent, lambda: sender_widget.import_from(to_a))
    assert sent.results[-1].counts.new == 2 and a.queue_count() == 5
    assert sender.status.waiting == 0 and sender.status.last_sync == clock.now


def damaged(path: Path, how: str) -> Path:
    data = path.read_bytes()
    target = path.with_name(f"{how}.mcb")
    if how == "tampered":
        middle = bytearray(data)
        middle[len(data) - 70] ^= 0x01
        target.write_bytes(bytes(middle))
    elif how == "truncated":
        target.write_bytes(data[: len(data) - 64])
    elif how == "not_a_bundle":
        target.write_bytes(b"PK\x03\x04 this is a zip file, not a sync bundle" * 10)
    return target


@pytest.mark.parametrize(
    "case, kind, words",
    [
        ("tampered", "bundle_tampered", "This file was changed after it was made"),
        ("truncated", "bundle_truncated", "This file is incomplete"),
        ("not_a_bundle", "bundle_not_a_bundle", "This is not a motcua sync file"),
        ("wrong_receiver", "bundle_wrong_receiver", "This file was made for another workstation"),
        ("unknown_sender", "bundle_unknown_sender", "from a sender this desk does not know"),
        ("missing", "file", "The file cannot be read or written."),
    ],
)
def test_every_bundle_error_is_worded_and_nothing_is_applied(
    qtbot, tmp_path, desks, background, clock, case, kind, words
) -> None:
    a, b = desks
    pair_for_bundles(a, b)
    path = tmp_path / "to-b.mcb"
    sender = make_controller(a, background, clock)
    run(qtbot, sender, Recorder(sender), lambda: sender.export_bundle(path))
    target = b
    if case == "wrong_receiver" or case == "unknown_sender":
        target = open_desk(tmp_path / "c", clock)
        if case == "wrong_receiver":
            save_peer_keys(target.store, device_identity(a.store).public())
    elif case == "missing":
        path = tmp_path / "nowhere.mcb"
    else:
        path = damaged(path, case)
    controller = make_controller(target, background, clock)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    recorder = Recorder(controller)
    count = target.queue_count()
    run(qtbot, controller, recorder, lambda: widget.import_from(path))
    assert recorder.results == [] and len(recorder.errors) == 1
    assert widget.problem.kind == kind and words in widget.problem_label.text()
    assert "Nothing was imported" in widget.problem_label.text() or kind == "file"
    assert target.queue_count() == count
    assert widget.action_import.isEnabled()  # the clerk can try another file
    if target is not b:
        target.store.close()


def test_export_without_the_province_keys_says_what_to_do(qtbot, tmp_path, desks, background, clock) -> None:
    a, _ = desks
    controller = make_controller(a, background, clock)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    recorder = Recorder(controller)
    run(qtbot, controller, recorder, lambda: widget.export_to(tmp_path / "x.mcb"))
    assert isinstance(recorder.errors[-1], ProvinceKeysMissing)
    assert widget.problem_label.text() == (
        "The province's keys are not set up on this workstation. "
        "Ask provincial IT to set up the province's keys."
    )
    assert not (tmp_path / "x.mcb").exists()


# -- words and keys ----------------------------------------------------------------------------------------


def test_words_for_every_kind_and_in_vietnamese(qapp) -> None:
    words = SyncWords()
    default = words.problem(RuntimeError("x"))
    assert default.kind == "error" and default.what == "The sync could not finish."
    kinds = [
        "offline", "sync_interrupted", "unauthorised", "revoked", "too_old", "sync_update_required",
        "rate_limited", "server_error", "bad_data", "too_large", "sync_pairing_refused", "sync_wrong_peer",
        "sync_bad_message", "sync_peer_refused", "bundle_tampered", "bundle_truncated",
        "bundle_wrong_receiver",
        "bundle_unknown_sender", "bundle_not_a_bundle", "bundle_bad_content", "bundle_too_new",
        "province_keys_missing", "file", "bundle", "lan_origin_refused",
    ]  # fmt: skip
    for kind in kinds:
        what, todo = words._words(kind)
        assert what and todo and what != default.what, kind
    assert words.problem(BundleTampered("x")).kind == "bundle_tampered"
    assert words.problem(FileNotFoundError("x")).kind == "file"
    switcher = LanguageSwitcher(QApplication.instance())
    try:
        assert switcher.apply("vi", catalogue_bytes("vi"))
        assert words.problem(ClientTooOld("old")).what == "Cần cập nhật phần mềm."
        assert words.imported(0) == "Tệp này đã được nhập rồi: không có gì mới."
        assert words.waiting(2) == "2 thay đổi đang chờ gửi"
    finally:
        switcher.apply("en", None)


def test_device_keys_peers_and_checkpoints_live_in_the_store(tmp_path, clock) -> None:
    desk = open_desk(tmp_path / "k", clock)
    store = desk.store
    identity = device_identity(store)
    assert identity.replica_id == store.replica_id
    assert device_identity(store).public() == identity.public()  # made once, then kept
    assert peer_keys(store) == {} and province_keys(store) is None
    province = DeviceIdentity.generate("province-01").public()
    other = DeviceIdentity.generate("desk-9").public()
    save_peer_keys(store, province, province=True)
    save_peer_keys(store, other)
    assert peer_keys(store) == {"province-01": province, "desk-9": other}
    assert province_keys(store) == province
    with pytest.raises(ValueError):
        save_peer_keys(store, identity.public())
    with pytest.raises(TypeError):
        save_peer_keys(store, "keys")  # type: ignore[arg-type]

    checkpoints = StoreCheckpoints(store)
    me = store.replica_id
    assert checkpoints.load(me, "province-01") is None and checkpoints.all(me) == []
    vector = VersionVector({me: 7})

    def checkpoint(peer: str, acked: int, complete: bool, at: str) -> Checkpoint:
        after = VersionVector({me: acked})
        return Checkpoint(me, peer, vector, after, vector, after, 1, 0, complete, at)

    first = checkpoint("province-01", 5, True, "2026-03-02T09:00:00+07:00")
    second = checkpoint("desk-9", 6, False, "2026-03-02T10:00:00+07:00")
    checkpoints.save(first)
    checkpoints.save(second)
    assert checkpoints.load(me, "province-01") == first
    assert checkpoints.all(me) == [second, first]
    assert waiting_events(me, vector, checkpoints.all(me)) == 1
    assert waiting_events(me, vector, []) == 7
    assert last_successful_sync(checkpoints.all(me)) == dt.datetime.fromisoformat(first.recorded_at)
    assert last_successful_sync([second]) is None
    store.close()
    desk = open_desk(tmp_path / "k", clock)  # reopened: all of it is still there
    assert device_identity(desk.store).public() == identity.public()
    assert StoreCheckpoints(desk.store).load(me, "province-01") == first
    desk.store.close()


# -- what the clerk sees -----------------------------------------------------------------------------------


def test_screenshot_of_the_status_bar_states(qtbot, tmp_path, desks, background, clock) -> None:
    """Grab the status bar in its states (saved to docs/screenshots with MOTCUA_SCREENSHOTS=1)."""
    from PySide6.QtGui import QImage, QPainter

    a, b = desks
    gate = threading.Event()

    class SlowTransport(InProcessTransport):
        def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
            gate.wait(20)
            return super().call(route, body)

    shots = []
    switcher = LanguageSwitcher(QApplication.instance())
    switcher.apply("vi", catalogue_bytes("vi"))  # as the clerk sees it

    def window_with(controller: SyncController) -> tuple[QMainWindow, SyncStatusWidget]:
        window = QMainWindow()
        widget = SyncStatusWidget(controller, window)
        window.statusBar().addPermanentWidget(widget, 1)
        window.resize(1100, 60)
        qtbot.addWidget(window)
        window.show()
        return window, widget

    def grab(window: QMainWindow) -> None:
        for _ in range(3):
            QApplication.processEvents()
        shots.append(window.statusBar().grab().toImage())

    ok = make_controller(a, background, clock, in_process(b))
    window, widget = window_with(ok)
    qtbot.waitUntil(lambda: ok.status.waiting == 3)
    grab(window)  # offline, 3 waiting, never synced
    slow = make_controller(a, background, clock, lambda: SlowTransport(SessionResponder(b.replica)))
    slow_window, slow_widget = window_with(slow)
    slow.sync_now()
    slow_widget._show_progress(TransferProgress(Activity.SYNC, 1_300_000, 0, 1_234, 5_000))
    grab(slow_window)  # syncing with progress
    gate.set()
    qtbot.waitUntil(lambda: not slow.busy, timeout=20_000)
    run(qtbot, ok, Recorder(ok), ok.sync_now)
    grab(window)  # online, nothing waiting
    failing = make_controller(a, background, clock, lambda: FailingTransport(ClientTooOld("old")))
    fail_window, _ = window_with(failing)
    run(qtbot, failing, Recorder(failing), failing.sync_now)
    grab(fail_window)  # a problem in words
    switcher.apply("en", None)
    width = max(s.width() for s in shots)
    image = QImage(width, sum(s.height() + 6 for s in shots), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    y = 0
    for shot in shots:
        painter.drawImage(0, y, shot)
        y += shot.height() + 6
    painter.end()
    assert image.save(str(tmp_path / "desk-sync.png"))
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        image.save(str(SHOTS / "desk-sync.png"))
