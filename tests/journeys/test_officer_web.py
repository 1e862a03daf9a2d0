"""An officer and a commune desk work one dossier together (issue 13), end to end through real parts:

the provincial server as its own process on 127.0.0.1 (accounts and the enrolment code made with its admin
CLI), a desk created and enrolled with the IT command, its real store and real sync; the officer in Debian's
Chromium (headless, driven by Playwright) signs in, finds the dossier by its applicant's name typed without
diacritics, sees the scan in the page, asks for a supplement; the desk syncs and shows it, the clerk records
the supplement; the officer accepts it for processing and completes it with a decision file; the desk records
the result returned; both sides show the same timeline. No page loads anything from another host.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dossiers.dossier_codes import format_code
from dossiers.lifecycle import Status
from tests.helpers.enrolled_desks import HOAN_KIEM, draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.officer_province import (
    PASSWORD,
    RealClock,
    add_image_scan,
    start_province,
)
from tests.helpers.sample_files import pdf_document, png_image
from tests.helpers.web_browser import NetworkLog, chromium, needs_chromium, new_page, sign_in
from workstation.enrolment import stored_transport_factory
from workstation.opening import DeskSession
from workstation.reference_sync import sync_with_province
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import Activity, ProgressMeter
from workstation.work_session import WorkSession

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def desk_sync(session: DeskSession, work: WorkSession, clock: RealClock) -> None:
    """The desk's sync with its province (what "Sync now" runs, without the window): the records, then
    the scans they name, then the reference data."""
    factory = stored_transport_factory(session.store)
    assert factory is not None
    sync_with_province(
        work.desk.replica,
        factory,
        ProgressMeter(Activity.SYNC, lambda _progress: None),
        now=clock.now,
        checkpoints=StoreCheckpoints(session.store),
    )


def open_action(page, label: str) -> object:  # noqa: ANN001
    """Open an action's panel on the dossier page and return its form."""
    page.locator("details summary", has_text=label).click()
    return page.locator("details[open] form", has=page.locator(f"button:has-text('{label}')")).last


def test_an_officer_and_a_desk_work_one_dossier_through_the_sync(tmp_path: Path, browser: object) -> None:
    province = start_province(tmp_path / "server")
    clock = RealClock()
    session = None
    try:
        province.add_officer("ho.tich", "officer", "Hộ tịch")
        data = new_desk(tmp_path, "desk-a", clock)  # type: ignore[arg-type]
        status, said = it_enrol(data, province, province.enrolment_code(HOAN_KIEM))  # type: ignore[arg-type]
        assert status == 0, said
        session = unlock(data, clock)  # type: ignore[arg-type]
        work = open_work(session, clock, "d")  # type: ignore[arg-type]

        # The clerk receives a dossier with a scan and syncs.
        scan = add_image_scan(work.desk, png_image(), "giay-chung-sinh.png")
        dossier = work.desk.receive(dataclasses.replace(draft(), attachments=(scan,)))
        desk_sync(session, work, clock)

        # The officer signs in and finds it by the name typed without diacritics.
        log = NetworkLog()
        page = new_page(browser, province.url, log)
        sign_in(page, "ho.tich", PASSWORD)
        assert urlsplit(page.url).path == "/web/queue"
        search = page.get_by_label("Tìm theo tên, số định danh, mã hồ sơ")
        search.fill("nguyen van duc")
        search.press("Enter")
        page.wait_for_load_state()
        assert "nguyen" not in page.url and "duc" not in page.url  # the name never goes in an address
        code = format_code(dossier.code)
        link = page.get_by_role("link", name=code)
        assert link.count() == 1
        link.click()
        page.wait_for_load_state()
        assert "Nguyễn Văn Đức" in page.locator("dl.facts").inner_text()

        # The scan is shown in the page, from the same server, as an image.
        image = page.locator("figure.scan img")
        assert image.count() == 1
        assert image.evaluate("img => img.complete && img.naturalWidth") == 160
        scan_url = province.url + image.get_attribute("src")
        assert log.types[scan_url].startswith("image/png")

        # Supplement requested in words; the desk syncs and shows it; the clerk records the supplement.
        form = open_action(page, "Yêu cầu bổ sung")
        form.get_by_label("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)").fill(
            "Bản sao giấy chứng sinh có chứng thực"
        )
        form.get_by_role("button", name="Yêu cầu bổ sung").click()
        page.wait_for_load_state()
        assert "Đã ghi nhận" in page.locator("p.notice").inner_text()
        assert "Yêu cầu bổ sung hồ sơ" in page.locator("h1 .status").inner_text()

        desk_sync(session, work, clock)
        shown = work.desk.page(dossier.dossier_id)
        assert shown.dossier.status is Status.SUPPLEMENT_REQUESTED
        asked = shown.state.get("requests")
        assert asked and asked[-1]["items"][0]["name"] == "Bản sao giấy chứng sinh có chứng thực"
        work.desk.change_status(dossier.dossier_id, Status.ACCEPTED)
        desk_sync(session, work, clock)

        # A refusal in words: the dossier cannot be completed before it is processed.
        page.reload()
        assert page.locator("details summary", has_text="Hoàn thành xử lý").count() == 0
        form = open_action(page, "Nhận xử lý")
        form.get_by_role("button", name="Nhận xử lý").click()
        page.wait_for_load_state()
        assert "Đang xử lý" in page.locator("h1 .status").inner_text()

        # Completed with the decision file attached.
        decision = tmp_path / "quyet-dinh.pdf"
        decision.write_bytes(pdf_document())
        form = open_action(page, "Hoàn thành xử lý")
        form.get_by_label("Nội dung kết quả").fill("Đã cấp Giấy khai sinh bản chính số 123/2026")
        form.get_by_label("Tệp quyết định (PDF hoặc ảnh)").set_input_files(str(decision))
        form.get_by_role("button", name="Hoàn thành xử lý").click()
        page.wait_for_load_state()
        assert "Đã xử lý xong" in page.locator("h1 .status").inner_text()
        frame = page.locator("figure.scan iframe")
        assert frame.count() == 1
        pdf = page.request.get(frame.get_attribute("src"))
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.body() == decision.read_bytes()

        # The desk receives the decision and records the result returned.
        desk_sync(session, work, clock)
        shown = work.desk.page(dossier.dossier_id)
        assert shown.dossier.status is Status.PROCESSED
        assert shown.state.get("province_decision")["text"].startswith("Đã cấp Giấy khai sinh")
        work.desk.change_status(dossier.dossier_id, Status.RESULT_RETURNED)
        desk_sync(session, work, clock)

        # Both sides show the same timeline.
        page.reload()
        assert "Đã trả kết quả" in page.locator("h1 .status").inner_text()
        on_web = page.locator("ol.timeline li").evaluate_all("items => items.map(i => i.dataset.event)")
        on_desk = [str(event.id) for event in work.desk.page(dossier.dossier_id).timeline]
        assert on_web == on_desk and len(on_desk) >= 6

        # Nothing came from another host; no personal data in an address.
        assert log.hosts() == {urlsplit(province.url).netloc}
        for url in log.urls:
            assert "001090123456" not in url and "Nguy" not in url and "nguyen" not in url
    finally:
        if session is not None:
            session.store.close()
        province.stop()
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "server" / "logs").glob("*"))
    logs += (tmp_path / "server" / "stderr.txt").read_text(encoding="utf-8")
    for secret in ("001090123456", "Nguyễn Văn Đức", "nguyen van duc", PASSWORD):
        assert secret not in logs
