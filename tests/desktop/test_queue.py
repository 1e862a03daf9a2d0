"""The queue: the lazy model and the queue screen over a real store; the work session after the unlock."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from desktop.background import Background
from desktop.language import LanguageSwitcher, catalogue_bytes
from desktop.main_window import MainWindow
from desktop.queue_model import (
    APPLICANT,
    APPOINTMENT,
    CODE,
    PLACEHOLDER,
    STATUS,
    DossierIdRole,
    DueRole,
    QueueModel,
)
from desktop.queue_view import QueueView
from dossiers.lifecycle import Status
from dossiers.vietnam_time import VIETNAM_TIME
from sync.keys import ClerkInfo
from sync.store import Store
from tests.helpers.applicant_drafts import NAMES, draft
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.qt_keys import press, type_text
from tests.helpers.workstations import hanoi_site
from workstation.dossier_desk import DESK_MIGRATIONS, SEARCH_LIMIT, DossierDesk, QueueFilter
from workstation.errors import SessionSetupError
from workstation.opening import DeskSession
from workstation.queue_pager import QueuePager, QueueQuery
from workstation.sequence_blocks import read_sequence_space
from workstation.work_session import WorkSession, office_for, open_work_session

VN = VIETNAM_TIME
KEY = os.urandom(32)
PROCEDURES = ("1.001193", "1.000894", "1.000656")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)  # a Monday

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def work(tmp_path: Path, clock: Clock) -> Iterator[WorkSession]:
    counter = itertools.count(1)
    store = Store.open(
        tmp_path / "store",
        KEY,
        now=clock,
        new_id=lambda: f"replica-{next(counter)}",
        create=True,
        migrations=DESK_MIGRATIONS,
    )
    session = DeskSession(store, ClerkInfo("clerk-lan", "lan"), "Nguyễn Thị Lan", hanoi_site())
    work = open_work_session(session, now=clock, new_id=lambda: str(uuid.uuid4()), province_fees=FEES)
    yield work
    store.close()


FEES = {code: 0 for code in PROCEDURES}


@pytest.fixture
def background(qtbot) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


def receive_some(desk: DossierDesk, clock: Clock) -> dict[str, str]:
    """Dossiers over three days: 2 the week before (one overdue), 3 today; returns name -> id."""
    ids: dict[str, str] = {}
    clock.now = dt.datetime(2026, 2, 23, 9, 0, tzinfo=VN)
    ids[NAMES[0]] = desk.receive(draft(NAMES[0], "1.001193", "001090000001")).dossier_id
    ids[NAMES[1]] = desk.receive(draft(NAMES[1], "1.000894", "001090000002")).dossier_id
    clock.now = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    for n, name in enumerate(NAMES[2:5]):
        clock.now += dt.timedelta(minutes=10)
        ids[name] = desk.receive(draft(name, PROCEDURES[n % 3], f"00109000001{n}")).dossier_id
    desk.change_status(ids[NAMES[3]], Status.PROCESSING)
    desk.change_status(ids[NAMES[3]], Status.SUPPLEMENT_REQUESTED, note="thiếu giấy")
    return ids


def model_for(work: WorkSession, background: Background, which: QueueFilter, **kwargs) -> QueueModel:
    desk = work.desk
    return QueueModel(
        work.pager,
        background,
        today=work.today,
        due_soon=lambda day: desk.calendar.add_working_days(desk.calendar.working_day_on_or_after(day), 2),
        query=QueueQuery(which),
        **kwargs,
    )


def loaded(qtbot, model: QueueModel, rows: int | None = None) -> None:
    model.refresh()
    if rows is not None:
        qtbot.waitUntil(lambda: model.rowCount() == rows)
    qtbot.waitUntil(lambda: model.rowCount() == 0 or 0 in model.cached_page_numbers)


def column(model: QueueModel, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


# -- the work session -------------------------------------------------------------------------------------


def test_the_work_session_saves_the_standalone_number_block_and_uses_vietnam_time(work: WorkSession) -> None:
    with work.store.reader() as conn:
        space = read_sequence_space(conn)
    assert space is not None and (space.first, space.last) == (1, 9999)
    assert space.agency == "000.00.01.H22" and work.desk.sequence_space == space
    assert work.desk.commune == "00070" and work.desk.clerk == "lan"
    assert work.desk.office.name == "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"
    utc_clock = lambda: dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)  # noqa: E731  (03:00 next day in Hà Nội)
    again = open_work_session(work.desk_session, now=utc_clock, new_id=lambda: "x", province_fees={})
    assert again.today() == dt.date(2026, 3, 2)


def test_a_session_without_site_settings_is_refused(work: WorkSession) -> None:
    bare = DeskSession(work.store, work.desk_session.clerk, None, None)
    with pytest.raises(SessionSetupError):
        open_work_session(bare, now=lambda: dt.datetime.now(VN), new_id=lambda: "x")


def test_office_names_drop_the_commune_prefix_for_the_place() -> None:
    office = office_for(hanoi_site(commune_name="Xã Đông Sơn"))
    assert office.place == "Đông Sơn" and office.parent_name == "Ủy ban nhân dân xã Đông Sơn"


# -- the model ----------------------------------------------------------------------------------------------


def test_model_shows_todays_dossiers_and_passes_the_model_tester(qtbot, work, background, clock) -> None:
    ids = receive_some(work.desk, clock)
    model = model_for(work, background, QueueFilter.RECEIVED_TODAY)
    ModelTester(qtbot).check(model)
    loaded(qtbot, model, 3)
    assert column(model, APPLICANT) == [NAMES[4], NAMES[3], NAMES[2]]  # newest first
    assert column(model, CODE)[0] == "000.00.01.H22-260302-0003"
    assert column(model, CODE, DossierIdRole)[0] == ids[NAMES[4]]
    assert column(model, STATUS)[1] == "Yêu cầu bổ sung hồ sơ"
    tester = ModelTester(qtbot)
    tester.check(model)


def test_filters_and_counts(qtbot, work, background, clock) -> None:
    ids = receive_some(work.desk, clock)
    counts = work.desk.queue_counts()
    assert counts[QueueFilter.ALL] == 5 and counts[QueueFilter.RECEIVED_TODAY] == 3
    assert counts[QueueFilter.AWAITING_SUPPLEMENT] == 1
    model = model_for(work, background, QueueFilter.OVERDUE)
    loaded(qtbot, model, counts[QueueFilter.OVERDUE])
    assert counts[QueueFilter.OVERDUE] >= 1
    assert set(column(model, CODE, DossierIdRole)) <= {ids[NAMES[0]], ids[NAMES[1]]}
    assert column(model, CODE, DueRole)[0] is None  # the role belongs to the appointment column only
    assert model.data(model.index(0, APPOINTMENT), DueRole) == "overdue"
    assert "⚠" in model.data(model.index(0, APPOINTMENT))  # a mark besides the colour
    with qtbot.waitSignal(model.page_loaded):
        model.set_filter(QueueFilter.AWAITING_SUPPLEMENT)
    assert column(model, CODE, DossierIdRole) == [ids[NAMES[3]]]
    model.set_filter(QueueFilter.WITH_CONFLICTS)
    qtbot.waitUntil(lambda: model.rowCount() == 0)


def test_sorting_requeries_by_the_column(qtbot, work, background, clock) -> None:
    receive_some(work.desk, clock)
    model = model_for(work, background, QueueFilter.ALL)
    loaded(qtbot, model, 5)
    with qtbot.waitSignal(model.page_loaded):
        model.sort(APPLICANT, Qt.SortOrder.AscendingOrder)
    names = column(model, APPLICANT)
    assert names == sorted(names) and len(names) == 5
    with qtbot.waitSignal(model.page_loaded):
        model.sort(APPLICANT, Qt.SortOrder.DescendingOrder)
    assert column(model, APPLICANT) == sorted(names, reverse=True)
    model.sort(7)  # the sync marker is not sortable: nothing changes
    assert model.query.sort == "applicant_name"


def test_search_narrows_to_the_found_ids(qtbot, work, background, clock) -> None:
    ids = receive_some(work.desk, clock)
    model = model_for(work, background, QueueFilter.ALL)
    loaded(qtbot, model, 5)
    found = tuple(work.desk.search("pham thu hang"))
    assert found == (ids[NAMES[3]],)
    with qtbot.waitSignal(model.page_loaded):
        model.set_ids(found)
    assert column(model, APPLICANT) == [NAMES[3]]
    model.set_ids(())
    qtbot.waitUntil(lambda: model.rowCount() == 0)


def _fill_queue(work: WorkSession, rows: int) -> list[str]:
    ids = [f"d{n:05d}" for n in range(rows)]

    def operation(conn) -> None:
        conn.executemany(
            "INSERT INTO desk_queue (dossier_id, received_at, received_day, appointment, status, code,"
            " procedure_code, procedure_name, applicant_name) VALUES (?, ?, ?, ?, '2', ?, '1.001193',"
            " 'Đăng ký khai sinh', ?)",
            [
                (
                    dossier_id,
                    (dt.datetime(2026, 1, 1, 8, tzinfo=VN) + dt.timedelta(minutes=n // 2)).isoformat(),
                    "2026-01-01",
                    None if n % 7 == 0 else "2026-01-05",
                    None if n % 5 == 0 else f"C{n:05d}",
                    f"{NAMES[n % len(NAMES)]} {n}",
                )
                for n, dossier_id in enumerate(ids)
            ],
        )

    work.store.write(operation).result()
    return ids


@pytest.mark.parametrize("sort", ["received_at", "appointment", "code", "applicant_name", "status"])
def test_paging_500_rows_small_pages_reads_every_row_once_in_order(qtbot, work, background, sort) -> None:
    ids = _fill_queue(work, 500)
    query = QueueQuery(QueueFilter.ALL, sort=sort, descending=sort != "code")
    model = QueueModel(
        work.pager,
        background,
        today=work.today,
        due_soon=lambda d: d,
        page_size=37,
        cached_pages=3,
        query=query,
    )
    loaded(qtbot, model, 500)
    seen: list[str] = []
    for row in range(500):
        if model.data(model.index(row, CODE)) == PLACEHOLDER:
            assert model.data(model.index(row, CODE), DossierIdRole) is None
            qtbot.waitUntil(lambda r=row: model.data(model.index(r, CODE)) != PLACEHOLDER)
        seen.append(model.data(model.index(row, CODE), DossierIdRole))
        assert len(model.cached_page_numbers) <= 3
    assert sorted(seen) == ids  # every row once, none twice, whatever the keyset steps did
    expected = [
        row.dossier_id
        for row in QueuePager(work.desk).page(QueueQuery(QueueFilter.ALL, sort="received_at"), 0, 500).rows
    ]
    if sort == "received_at":
        assert seen == expected
    # A jump to the end (no anchor) gives the same rows as the keyset walk did.
    fresh = QueuePager(work.desk).page(query, 481, 19)
    assert [r.dossier_id for r in fresh.rows] == seen[481:]


def test_pager_refuses_bad_requests(work) -> None:
    pager = work.pager
    with pytest.raises(ValueError):
        QueueQuery(sort="applicant_phone")
    with pytest.raises(ValueError):
        pager.page(QueueQuery(), -1, 10)
    with pytest.raises(ValueError):
        pager.page(QueueQuery(), 10, 10, after=(10, ("x", "y")))
    assert pager.page(QueueQuery(QueueFilter.ALL), 0, 10).rows == ()


def test_a_changed_query_drops_late_pages(qtbot, work, background) -> None:
    _fill_queue(work, 60)
    model = QueueModel(
        work.pager,
        background,
        today=work.today,
        due_soon=lambda d: d,
        page_size=10,
        query=QueueQuery(QueueFilter.ALL),
    )
    loaded(qtbot, model, 60)
    model.data(model.index(55, CODE))  # asks for page 5
    model.set_filter(QueueFilter.AWAITING_SUPPLEMENT)
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    qtbot.waitUntil(lambda: background.pending == 0)
    assert model.cached_page_numbers == []


# -- the queue screen ---------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, work, background) -> Iterator[MainWindow]:
    main = MainWindow()
    qtbot.addWidget(main)
    view = QueueView(work, background, page_size=50)
    main.show_queue(view)
    main.show()
    yield main


def test_queue_screen_filters_counts_search_and_enter(qtbot, window, work, clock) -> None:
    ids = receive_some(work.desk, clock)
    view: QueueView = window.queue  # type: ignore[assignment]
    view.refresh()
    qtbot.waitUntil(lambda: view.counts.get(QueueFilter.ALL) == 5 and view.model.rowCount() == 3)
    assert window.central.currentWidget() is view
    assert view.filter_buttons[QueueFilter.RECEIVED_TODAY].isChecked()
    assert view.filter_buttons[QueueFilter.RECEIVED_TODAY].text().endswith("(3)")
    assert view.filter_buttons[QueueFilter.AWAITING_SUPPLEMENT].text().endswith("(1)")
    view.filter_buttons[QueueFilter.ALL].click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    # Ctrl+F (the window's action) goes to the search box; the name is typed without accents.
    window.action_find.trigger()
    assert view.search.hasFocus() or QApplication.focusWidget() is view.search
    type_text(view.search, "hoang thi mai")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and view.summary.text() != "")
    view.search.clear()
    type_text(view.search, "do minh")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and 0 in view.model.cached_page_numbers)
    assert "1" in view.summary.text()
    press(view.search, Qt.Key.Key_Down)
    view.table.setCurrentIndex(view.model.index(0, CODE))
    with qtbot.waitSignal(window.open_dossier_requested) as opened:
        press(view.table, Qt.Key.Key_Return)
    assert opened.args == [ids[NAMES[4]]]
    press(view.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)


def test_f2_and_the_empty_state(qtbot, window, work, clock) -> None:
    view: QueueView = window.queue  # type: ignore[assignment]
    view.refresh()
    qtbot.waitUntil(lambda: view.counts.get(QueueFilter.ALL) == 0)
    assert window.central.currentWidget() is window.empty
    assert not window.action_new.isEnabled()
    window.set_new_dossier_available(True)
    with qtbot.waitSignal(window.new_dossier_requested):
        window.empty.new_dossier.click()
    with qtbot.waitSignal(window.new_dossier_requested):
        qtbot.keyClick(window, Qt.Key.Key_F2)
    work.desk.receive(draft(NAMES[0]))
    window.action_refresh.trigger()  # F5
    qtbot.waitUntil(lambda: view.counts.get(QueueFilter.ALL) == 1 and view.model.rowCount() == 1)
    assert window.central.currentWidget() is view


def test_the_queue_opens_after_the_unlock(qtbot, workstation) -> None:
    data_dir, _ = workstation
    clock = Clock()
    with running_desk(data_dir, clock) as desk:
        desk.start()
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.queue is not None and desk.work is not None, timeout=20_000)
        work = desk.work
        assert work.store.schema_version >= 102
        desk.work.desk.receive(draft(NAMES[2], "2.000815"))
        desk.queue.refresh()
        qtbot.waitUntil(
            lambda: desk.queue.model.rowCount() == 1 and desk.queue.counts.get(QueueFilter.ALL) == 1
        )
        assert desk.window.central.currentWidget() is desk.queue
        # the count comes first; the row's page is read off the UI thread and shows "…" until it arrives
        qtbot.waitUntil(lambda: desk.queue.model.data(desk.queue.model.index(0, APPLICANT)) == NAMES[2])


def test_search_beyond_the_limit_says_the_list_was_cut(qtbot, qapp, window, work, clock) -> None:
    """A name matching more dossiers than the search shows: the summary gives the count of all matches and
    asks to refine, never "200 dossier(s) found"."""
    switcher = LanguageSwitcher(qapp)
    assert switcher.apply("vi", catalogue_bytes("vi"))
    desk = work.desk
    for n in range(SEARCH_LIMIT + 37):
        desk.receive(draft("Nguyễn Văn An", PROCEDURES[n % 3], f"0010900{n:05d}"))
    desk.receive(draft("Trần Thị Bích Ngọc"))
    result = desk.search_results("nguyen van an")
    assert len(result.ids) == SEARCH_LIMIT and result.total == SEARCH_LIMIT + 37 and result.cut
    narrow = desk.search_results("tran thi bich")
    assert len(narrow.ids) == narrow.total == 1 and not narrow.cut
    view: QueueView = window.queue  # type: ignore[assignment]
    view.set_filter(QueueFilter.ALL)
    view.refresh()
    qtbot.waitUntil(lambda: view.counts.get(QueueFilter.ALL) == SEARCH_LIMIT + 38, timeout=20_000)
    type_text(view.search, "nguyen van an")
    qtbot.waitUntil(lambda: view.model.rowCount() == SEARCH_LIMIT, timeout=20_000)
    summary = view.summary.text()
    assert "200" in summary and "237" in summary, summary
    assert summary == "Đang hiện 200 trong 237 kết quả: hãy tìm cụ thể hơn để thấy các hồ sơ khác"
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: view.summary.width() >= view.summary.fontMetrics().horizontalAdvance(summary))
    view.search.clear()
    type_text(view.search, "tran thi bich")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.summary.text() == "Tìm thấy 1 hồ sơ"
    switcher.apply("en", None)
