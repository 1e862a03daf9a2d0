"""The web workspace's security against a live server (uvicorn on 127.0.0.1, SQLite): every web route in an
authorisation matrix, CSRF refused without the token, no session fixation, idle timeout, backoff after wrong
passwords, password change ending the other sessions, cookie flags, hostile form input never a 5xx, no
personal data in addresses or logs; the queue's diacritics-free search, counts and keyset pages."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

from server.storage.sqlite_storage import SqliteStorage
from tests.helpers.server_accounts import PASSWORD, enrol
from tests.helpers.web_clients import ID_NUMBER, NAME, WebClient, seed_province
from tests.server.conftest import Clock, Ids, LiveServer, make_config


@dataclass
class Web:
    live: LiveServer
    storage: SqliteStorage
    clock: Clock
    ctx: dict[str, Any]

    def client(self) -> WebClient:
        return WebClient(self.live.url)

    def signed_in(self, username: str) -> WebClient:
        client = self.client()
        assert client.sign_in(username).status_code == 303
        return client

    def events(self) -> int:
        with self.storage.transaction() as tx:
            return int(tx.query("SELECT count(*) FROM sync_events")[0][0])


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    storage = SqliteStorage(tmp_path / "server.db")
    storage.migrate()
    clock, ids = Clock(), Ids()
    ctx = seed_province(storage, clock.now())
    live = LiveServer(
        make_config(anonymous_burst=1000, anonymous_requests_per_minute=60_000), storage, clock, ids
    )
    ctx["device"] = enrol(live, storage, ctx["commune"], clock, ids, "replica-a")["device_id"]
    yield Web(live, storage, clock, ctx)
    live.stop()
    storage.close()


# ---- the authorisation matrix ------------------------------------------------------------------------------

PUBLIC, SIGNED, OFFICERS, DEPARTMENT, IT = "public", "signed", "officers", "department", "it"
"""Who may use a route: anyone; anyone signed in; officers handling dossiers (not IT); officers of the
dossier's department; province IT."""


@dataclass(frozen=True)
class Route:
    path: str
    audience: str
    form: Callable[[dict[str, Any]], dict[str, Any]] | None = None


D = "/web/dossiers/{commune}/{dossier}"
MATRIX: dict[tuple[str, str], Route] = {
    ("GET", "/web"): Route("/web", SIGNED),
    ("GET", "/web/"): Route("/web/", SIGNED),
    ("GET", "/web/sign-in"): Route("/web/sign-in", PUBLIC),
    ("POST", "/web/sign-in"): Route(
        "/web/sign-in", PUBLIC, lambda c: {"username": "ho.tich", "password": PASSWORD}
    ),
    ("GET", "/web/language/{lang}"): Route("/web/language/en", PUBLIC),
    ("POST", "/web/sign-out"): Route("/web/sign-out", SIGNED, lambda c: {}),
    ("GET", "/web/password"): Route("/web/password", SIGNED),
    ("POST", "/web/password"): Route(
        "/web/password", SIGNED, lambda c: {"current": "x", "new": "y", "again": "z"}
    ),
    ("GET", "/web/queue"): Route("/web/queue", OFFICERS),
    ("POST", "/web/queue"): Route("/web/queue", OFFICERS, lambda c: {"q": "lan"}),
    ("GET", "/web/dossiers/{commune}/{dossier_id}"): Route(D, DEPARTMENT),
    ("GET", "/web/dossiers/{commune}/{dossier_id}/files/{sha256}"): Route(D + "/files/{sha}", DEPARTMENT),
    ("POST", "/web/dossiers/{commune}/{dossier_id}/act"): Route(
        D + "/act", DEPARTMENT, lambda c: {"action": "complete", "decision_text": "x"}
    ),
    ("POST", "/web/dossiers/{commune}/{dossier_id}/resolve"): Route(
        D + "/resolve", DEPARTMENT, lambda c: {"field": "appointment", "choose": "x:1", "seen": "x:1"}
    ),
    ("GET", "/web/reports"): Route("/web/reports", OFFICERS),
    ("GET", "/web/reports/statistics.xlsx"): Route("/web/reports/statistics.xlsx", OFFICERS),
    ("GET", "/web/reports/portal.json"): Route("/web/reports/portal.json?commune={commune}", OFFICERS),
    ("GET", "/web/it"): Route("/web/it", IT),
    ("GET", "/web/it/communes"): Route("/web/it/communes", IT),
    ("POST", "/web/it/communes"): Route(
        "/web/it/communes", IT, lambda c: {"commune": c["commune"], "agency": "bad"}
    ),
    ("GET", "/web/it/devices"): Route("/web/it/devices", IT),
    ("GET", "/web/it/quarantine"): Route("/web/it/quarantine", IT),
    ("POST", "/web/it/devices/{device_id}/revoke"): Route(
        "/web/it/devices/{device}/revoke", IT, lambda c: {}
    ),
    ("GET", "/web/it/codes"): Route("/web/it/codes", IT),
    ("POST", "/web/it/codes"): Route("/web/it/codes", IT, lambda c: {"commune": c["commune"]}),
    ("GET", "/web/it/accounts"): Route("/web/it/accounts", IT),
    ("POST", "/web/it/accounts"): Route("/web/it/accounts", IT, lambda c: {"username": "x"}),
    ("GET", "/web/it/catalogue"): Route("/web/it/catalogue", IT),
    ("POST", "/web/it/catalogue"): Route("/web/it/catalogue", IT, lambda c: {}),
}
CALLERS = ("anonymous", "other_department", "right_department", "it")
USERS = {"other_department": "chung.thuc", "right_department": "ho.tich", "it": "it.admin"}


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # a router included in the app (the web's have no prefix)
            yield from _routes(route.original_router.routes)


def web_routes(live: LiveServer) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in _routes(live.app.routes)
        if route.path.startswith("/web")
        for method in route.methods
    }


def test_every_web_route_is_in_the_matrix(web: Web) -> None:
    assert web_routes(web.live) == set(MATRIX), "add the new web route to MATRIX with its audience"


def _expected(audience: str, caller: str) -> str:
    """``ok`` (served), ``sign_in`` (sent to the sign-in page), ``forbidden`` (403) or ``hidden`` (404)."""
    if audience == PUBLIC:
        return "ok"
    if caller == "anonymous":
        return "sign_in"
    if audience == SIGNED:
        return "ok"
    if audience == IT:
        return "ok" if caller == "it" else "forbidden"
    if caller == "it":
        return "forbidden"
    if audience == DEPARTMENT and caller == "other_department":
        return "hidden"
    return "ok"


def _outcome(response: Any) -> str:
    location = response.headers.get("location", "")
    if response.status_code == 303 and location.startswith("/web/sign-in") and "signed_out" not in location:
        return "sign_in"
    if response.status_code == 403 and ("quyền" in response.text or "may not see" in response.text):
        return "forbidden"
    if response.status_code == 404:
        return "hidden"
    assert response.status_code < 500, response.text[:300]
    return "ok"


def test_authorisation_matrix(web: Web) -> None:
    wrong = []
    anonymous = web.client()
    anonymous.get("/web/sign-in")  # a CSRF token of its own: refused for lack of a session, not of it
    clients = {"anonymous": anonymous, **{caller: web.signed_in(name) for caller, name in USERS.items()}}
    for (method, _), route in MATRIX.items():
        for caller in CALLERS:
            client = clients[caller]
            if route.path == "/web/sign-in" and method == "POST":
                client = web.client()  # whoever asks, a sign-in starts from the form
                client.get("/web/sign-in")
            if route.path == "/web/sign-out" and caller != "anonymous":
                client = web.signed_in(USERS[caller])  # signing out ends a session: one of its own
            path = route.path.format(**web.ctx)
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, route.form(web.ctx) if route.form else {})
            got, want = _outcome(response), _expected(route.audience, caller)
            if got != want:
                wrong.append(
                    f"{method} {route.path} as {caller}: {got} (status {response.status_code}), not {want}"
                )
    assert not wrong, "\n".join(wrong)


# ---- CSRF, sessions, passwords -----------------------------------------------------------------------------


def test_every_form_is_refused_without_its_csrf_token(web: Web) -> None:
    officer, it = web.signed_in("ho.tich"), web.signed_in("it.admin")
    before = web.events()
    for (method, _), route in MATRIX.items():
        if method != "POST" or route.audience == PUBLIC:
            continue
        client = it if route.audience == IT else officer
        path = route.path.format(**web.ctx)
        for token in (None, "", "forged-token"):
            data = route.form(web.ctx) if route.form else {}
            if token is not None:
                data["csrf"] = token
            response = client.post(path, data, csrf=False)
            assert response.status_code == 403, (path, token, response.status_code)
    anonymous = web.client()
    assert (
        anonymous.post("/web/sign-in", {"username": "ho.tich", "password": PASSWORD}, csrf=False).status_code
        == 403
    )
    assert web.events() == before
    assert officer.get("/web/queue").status_code == 200  # still signed in: the refusals ended nothing


def test_a_session_id_planted_before_sign_in_is_never_the_one_signed_in(web: Web) -> None:
    attacker = web.signed_in("chung.thuc")
    planted = attacker.session_cookie
    victim = web.client()
    victim.http.cookies.set("motcua_web", planted, domain="127.0.0.1", path="/web")
    victim.get("/web/sign-in")
    assert victim.post("/web/sign-in", {"username": "ho.tich", "password": PASSWORD}).status_code == 303
    assert victim.session_cookie not in (None, planted)
    assert victim.get("/web/queue").status_code == 200
    assert attacker.get("/web/queue").status_code == 303  # the planted session ended at the victim's sign-in
    made_up = web.client()
    made_up.http.cookies.set(
        "motcua_web", "chosen-id.chosen-secret-chosen-secret-xx", domain="127.0.0.1", path="/web"
    )
    made_up.get("/web/sign-in")
    made_up.post("/web/sign-in", {"username": "ho.tich", "password": PASSWORD})
    assert not made_up.session_cookie.startswith("chosen-id.")


def test_sign_out_and_idle_timeout_end_the_session(web: Web) -> None:
    client = web.signed_in("ho.tich")
    cookie = client.session_cookie
    web.clock.advance(minutes=29)
    assert client.get("/web/queue").status_code == 200
    web.clock.advance(minutes=29)  # 29 minutes after the last request: still on
    assert client.get("/web/queue").status_code == 200
    web.clock.advance(minutes=31)
    gone = client.get("/web/queue")
    assert gone.status_code == 303 and gone.headers["location"] == "/web/sign-in?notice=expired"
    again = web.signed_in("ho.tich")
    again.get("/web/queue")
    assert again.post("/web/sign-out").status_code == 303
    assert again.get("/web/queue").status_code == 303
    replay = web.client()
    replay.http.cookies.set("motcua_web", cookie, domain="127.0.0.1", path="/web")
    assert replay.get("/web/queue").status_code == 303


def test_wrong_passwords_slow_down_the_account_and_the_address(web: Web) -> None:
    client = web.client()
    for _ in range(3):
        assert client.sign_in("ho.tich", "wrong password!").status_code == 401
    blocked = client.sign_in("ho.tich", PASSWORD)  # even the right password waits
    assert blocked.status_code == 429 and "giây" in blocked.text
    web.clock.advance(seconds=3)
    assert client.sign_in("ho.tich", PASSWORD).status_code == 303
    for name in ("nobody.one", "nobody.two", "nobody.three", "nobody.four"):  # spread over accounts
        client.sign_in(name, "wrong password!")
    assert client.sign_in("chung.thuc", PASSWORD).status_code == 429  # this address waits
    web.clock.advance(minutes=15)
    assert client.sign_in("chung.thuc", PASSWORD).status_code == 303


def test_a_password_change_rotates_this_session_and_ends_the_others(web: Web) -> None:
    here, elsewhere = web.signed_in("ho.tich"), web.signed_in("ho.tich")
    before = here.session_cookie
    here.get("/web/password")
    refused = here.post("/web/password", {"current": "not it at all", "new": "x" * 12, "again": "x" * 12})
    assert refused.status_code == 400 and "không đúng" in refused.text
    short = here.post("/web/password", {"current": PASSWORD, "new": "short", "again": "short"})
    assert short.status_code == 400
    new = "một mật khẩu mới dài"
    done = here.post("/web/password", {"current": PASSWORD, "new": new, "again": new})
    assert done.status_code == 200 and "Đã đổi mật khẩu" in done.text
    assert here.session_cookie != before and here.get("/web/queue").status_code == 200
    assert elsewhere.get("/web/queue").status_code == 303
    assert web.client().sign_in("ho.tich", PASSWORD).status_code == 401
    assert web.client().sign_in("ho.tich", new).status_code == 303


def test_cookie_flags_and_security_headers(web: Web, tmp_path: Path) -> None:
    client = web.client()
    client.get("/web/sign-in")
    response = client.post("/web/sign-in", {"username": "ho.tich", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/web" in cookie
    assert "Secure" not in cookie  # plain HTTP on 127.0.0.1
    page = client.get("/web/queue")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-store"
    assert "<script" not in page.text and "http://" not in page.text.replace(web.live.url, "")
    behind_tls = LiveServer(make_config(web_secure_cookies=True), web.storage, web.clock, Ids())
    try:
        assert "Secure" in WebClient(behind_tls.url).get("/web/sign-in").headers["set-cookie"]
    finally:
        behind_tls.stop()


def test_api_docs_are_off_unless_a_setting_turns_them_on(web: Web) -> None:
    assert web.live.get("/docs").status_code == 404 and web.live.get("/redoc").status_code == 404
    with_docs = LiveServer(make_config(api_docs=True), web.storage, web.clock, Ids())
    try:
        assert with_docs.get("/docs").status_code == 200
    finally:
        with_docs.stop()


# ---- hostile input, personal data --------------------------------------------------------------------------

HOSTILE = [
    "",
    "x" * 100_000,
    "\x00\x01\x02",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%_\\",
    "../../etc/passwd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \ud800"[:-1],
    "2026-02-30",
]


def test_hostile_form_input_is_never_a_server_error(web: Web) -> None:
    officer, it = web.signed_in("ho.tich"), web.signed_in("it.admin")
    for (method, _), route in MATRIX.items():
        if method != "POST" or route.path in ("/web/sign-out",):
            continue
        client = it if route.audience == IT else officer
        path = route.path.format(**web.ctx)
        names = list((route.form(web.ctx) if route.form else {}).keys()) + [
            "action",
            "missing",
            "new_date",
            "q",
        ]
        for value in HOSTILE:
            data = {name: value for name in names}
            response = client.post(path, data)
            assert response.status_code < 500, (path, value[:20], response.status_code)
            assert "<script>alert" not in response.text
        if path.endswith("/act"):
            for action in ("extend", "refuse", "stop", "request_supplement", "nonsense", "complete"):
                response = client.post(path, {"action": action, "note": "", "new_date": "not a date"})
                assert response.status_code < 500
    raw = officer.http.post(
        web.live.url + "/web/queue",
        data=b"csrf=" + officer.csrf.encode() + b"&q=%ff%fe%00&quick=%zz",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
    )
    assert raw.status_code < 500
    junk = officer.http.post(
        web.live.url + D.format(**web.ctx) + "/act",
        data=b"--x\r\nnot multipart at all",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
        allow_redirects=False,
    )
    assert junk.status_code < 500
    assert officer.get("/web/queue?after=%27%7C%27&status=99&quick=x&commune=../").status_code == 200


def test_no_personal_data_in_addresses_or_logs(web: Web, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = web.signed_in("ho.tich")
    found = client.post("/web/queue", {"q": "nguyen thi lan"})
    assert NAME in found.text
    links = [line for line in found.text.split('href="')[1:]]
    for link in links:
        address = link.split('"', 1)[0]
        assert "nguyen" not in address and "Nguy" not in address and ID_NUMBER not in address
    page = client.get("/web/dossiers/{commune}/{dossier}".format(**web.ctx))
    assert NAME in page.text
    client.post(
        "/web/dossiers/{commune}/{dossier}/act".format(**web.ctx),
        {"action": "request_supplement", "missing": NAME},
    )
    client.get("/web/sign-in")
    client.post("/web/sign-in", {"username": NAME, "password": ID_NUMBER})
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert "request" in logged
    for secret in (NAME, "nguyen thi lan", ID_NUMBER, PASSWORD):
        assert secret not in logged


# ---- the queue ---------------------------------------------------------------------------------------------


def _codes(html: str) -> list[str]:
    return [part.split("<", 1)[0] for part in html.split('">00070-')[1:]]


def test_the_queue_searches_without_diacritics_counts_and_pages_by_keyset(web: Web) -> None:
    client = web.signed_in("ho.tich")
    for query in ("nguyen thi lan", "NGUYỄN thị", ID_NUMBER, "260302-0001"):
        shown = client.post("/web/queue", {"q": query})
        assert _codes(shown.text) == ["260302-0001"], query
    first = client.get("/web/queue")
    assert 'class="count">30<' in first.text  # every dossier of Hộ tịch: not the Chứng thực one
    page_one = _codes(first.text)
    assert len(page_one) == 25 and "260302-0999" not in page_one
    after = first.text.split('name="after" value="', 1)[1].split('"', 1)[0]
    second = client.post("/web/queue", {"after": after})
    page_two = _codes(second.text)
    assert len(page_two) == 5 and not set(page_one) & set(page_two)
    overdue = client.post("/web/queue", {"quick": "overdue"})
    today = client.post("/web/queue", {"quick": "today"})
    assert len(_codes(overdue.text)) == 10 and len(_codes(today.text)) == 4  # not the processed ones
    assert len(_codes(client.get("/web/queue?status=9").text)) == 7  # processed
    assert len(_codes(client.get("/web/queue?status=2&commune=00070").text)) == 23
    assert _codes(client.get("/web/queue?commune=00004").text) == []  # another commune
    assert _codes(client.get("/web/queue?procedure=2.000815").text) == []  # another department's procedure
    assert _codes(client.get("/web/queue?q=nguyen").text) != ["260302-0001"]  # no search from an address
    other = web.signed_in("chung.thuc").get("/web/queue")
    assert _codes(other.text) == ["260302-0999"]
