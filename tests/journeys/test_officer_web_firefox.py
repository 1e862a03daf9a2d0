"""The web workspace in Debian's Firefox ESR (issue 13: "works in Chromium, Firefox and Edge"; Edge is
Chromium's engine, tested through Debian's chromium in test_officer_web.py and test_officer_web_pages.py).

Firefox is driven over WebDriver BiDi, which it speaks natively (tests/helpers/firefox_bidi.py), against
the server as its own process on 127.0.0.1: the officer signs in through the form with the keyboard, finds a
dossier by a name typed without diacritics, sees its scan decoded in the page, requests a supplement and sees
it in the timeline, switches to English and back, signs out; province IT sees the devices and makes an
enrolment code with its slip. Every field reached by Tab has a label, no page scrolls sideways at 1366x768 or
1920x1080, and the tab requested nothing from another host. With ``MOTCUA_SCREENSHOTS=1`` the queue and a
dossier are saved as ``docs/screenshots/officer-firefox-*.png`` at both sizes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from server.storage.sqlite_storage import SqliteStorage
from sync.protocol_version import protocol_headers
from tests.helpers.firefox_bidi import ENTER, TAB, Firefox, firefox, needs_firefox
from tests.helpers.officer_province import ProvinceProcess, start_province
from tests.helpers.server_accounts import PASSWORD, enrol_body
from tests.helpers.web_clients import seed_province

pytestmark = needs_firefox
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = ((1366, 768), (1920, 1080))
FIELDS_WITHOUT_LABEL = """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label')).map(f => f.name)"""
# Firefox draws a real scrollbar: the page must fit the width left beside it.
SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
FOCUSED = """(() => { const e = document.activeElement;
    const label = e.labels && e.labels.length ? e.labels[0].textContent : e.getAttribute('aria-label') || '';
    return {tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', label: label.trim(),
            text: e.tagName === 'A' ? e.textContent.trim() : ''}; })()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Firefox]:
    with firefox() as launched:
        yield launched


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProvinceProcess]:
    folder = tmp_path_factory.mktemp("server")
    storage = SqliteStorage(folder / "server.db")
    storage.migrate()
    seed_province(storage, dt.datetime.now(dt.UTC), count=12)
    storage.close()
    started = start_province(folder)
    answer = requests.post(
        started.url + "/v1/enrol",
        json=enrol_body(started.enrolment_code("00070"), "00070", "replica-a", "Bàn tiếp nhận 1"),
        headers=protocol_headers(),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    yield started
    started.stop()


def look(browser: Firefox, name: str, *, shot: bool = False) -> None:
    """Every field labelled, no sideways scrolling at this size; the screenshot (``shot``) when asked."""
    assert browser.value(FIELDS_WITHOUT_LABEL) == [], name
    width, height = browser.value("[window.innerWidth, window.innerHeight]")
    assert not browser.value(SIDEWAYS), f"{name} scrolls sideways in Firefox at {width}x{height}"
    if shot and os.environ.get("MOTCUA_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(SHOTS / f"officer-firefox-{name}-{width}.png")


def sign_in(browser: Firefox, base: str, username: str) -> None:
    """The sign-in form with the keyboard: the name field has the focus, Tab to the password, Enter."""
    browser.forget_cookies()
    browser.goto(base + "/web/sign-in")
    focused = browser.wait_for(FOCUSED, lambda f: f["id"] == "username")
    assert (focused["id"], focused["label"]) == ("username", "Tên đăng nhập"), focused
    browser.type(username)
    browser.press(TAB)
    assert browser.value(FOCUSED)["label"] == "Mật khẩu"
    browser.type(PASSWORD)
    browser.press(ENTER, leaves=True)


def test_an_officer_works_a_dossier_in_firefox(browser: Firefox, province: ProvinceProcess) -> None:
    base = province.url
    since = len(browser.requested)
    sign_in(browser, base, "ho.tich")
    assert urlsplit(browser.url).path == "/web/queue"
    for size in SIZES:
        browser.set_viewport(*size)
        look(browser, "queue", shot=True)
    browser.set_viewport(1366, 768)

    # Tab from the top of the page: the skip link first, then every field it reaches has a label.
    browser.goto(base + "/web/queue")  # a fresh page: nothing focused, Tab starts at the top
    reached = []
    for _ in range(16):
        browser.press(TAB)
        reached.append(browser.value(FOCUSED))
    assert reached[0]["text"] == "Bỏ qua, tới nội dung chính", reached[0]  # the skip link first
    fields = [r for r in reached if r["tag"] in ("input", "select", "textarea")]
    assert {"q", "commune", "procedure", "status"} <= {f["id"] for f in fields}, reached
    assert all(f["label"] for f in fields), fields

    # The name typed without diacritics finds Nguyễn Thị Lan's dossier; the name never goes in an address.
    browser.focus("#q")
    browser.type("nguyen thi lan")
    browser.press(ENTER, leaves=True)
    rows = browser.value("[...document.querySelectorAll('table.list tbody tr')].map(r => r.innerText)")
    assert len(rows) == 1 and "Nguyễn Thị Lan" in rows[0], rows
    browser.click("table.list tbody a", leaves=True)
    assert urlsplit(browser.url).path == "/web/dossiers/00070/d-000"

    # The scan is in the page, decoded.
    image = browser.value(
        "[...document.querySelectorAll('figure.scan img')].map(i => [i.complete, i.naturalWidth])"
    )
    assert image == [[True, 160]], image
    for size in SIZES:
        browser.set_viewport(*size)
        look(browser, "dossier", shot=True)
    browser.set_viewport(1366, 768)

    # A supplement requested with its reason, through the action's form; the timeline shows it.
    before = browser.value("document.querySelectorAll('ol.timeline li').length")
    browser.click(".actions details:has(#missing-request_supplement) summary")  # the mouse opens the panel
    assert browser.value("document.querySelector('details:has(#missing-request_supplement)').open")
    browser.focus("#missing-request_supplement")
    assert browser.value(FOCUSED)["label"] == "Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"
    browser.type("Bản sao giấy chứng sinh có chứng thực")
    browser.press(TAB)
    assert browser.value(FOCUSED)["id"] == "note-request_supplement" and browser.value(FOCUSED)["label"]
    browser.type("Giấy chứng sinh bị mờ")
    browser.click("details[open] button.primary", leaves=True)
    assert "Đã ghi nhận" in browser.value("document.querySelector('p.notice').innerText")
    assert "Yêu cầu bổ sung hồ sơ" in browser.value("document.querySelector('h1 .status').innerText")
    timeline = browser.value("[...document.querySelectorAll('ol.timeline li')].map(li => li.innerText)")
    assert len(timeline) == before + 1, timeline
    assert "Bản sao giấy chứng sinh có chứng thực" in timeline[-1] and "ho.tich" in timeline[-1], timeline

    # English one click away, and back.
    browser.click("a[href='/web/language/en']", leaves=True)
    assert browser.value("document.querySelector('h1 .status').innerText") == "Supplement requested"
    assert browser.value("document.documentElement.lang") == "en"
    assert "Timeline" in browser.value("document.body.innerText")
    browser.click("a[href='/web/language/vi']", leaves=True)
    assert browser.value("document.documentElement.lang") == "vi"
    assert "Quá trình xử lý" in browser.value("document.body.innerText")

    # Signed out through the header's form: the queue asks for a sign-in again.
    browser.click("form[action='/web/sign-out'] button", leaves=True)
    browser.goto(base + "/web/queue")
    assert urlsplit(browser.url).path == "/web/sign-in"

    assert browser.hosts(since) == {urlsplit(base).netloc}
    for url in browser.requested[since:]:
        assert "nguyen" not in url and "Nguy" not in url and "001190012345" not in url


def test_province_it_pages_in_firefox(browser: Firefox, province: ProvinceProcess) -> None:
    base = province.url
    since = len(browser.requested)
    sign_in(browser, base, "it.admin")
    assert urlsplit(browser.url).path == "/web/it"
    browser.goto(base + "/web/it/devices")
    assert "Bàn tiếp nhận 1" in browser.value("document.querySelector('table.list').innerText")
    look(browser, "it-devices")
    browser.goto(base + "/web/it/codes")
    look(browser, "it-codes")
    browser.call("(v) => { document.querySelector('#commune').value = v; }", "00070")
    browser.click("form[action='/web/it/codes'] button.primary", leaves=True)
    slip = browser.value("document.querySelector('section.slip').innerText")
    assert base in slip
    assert browser.value("document.querySelectorAll('section.slip svg').length") == 1
    assert len(browser.value("document.querySelector('section.slip dd.code').innerText").strip()) >= 8
    look(browser, "it-slip")
    assert browser.hosts(since) == {urlsplit(base).netloc}
