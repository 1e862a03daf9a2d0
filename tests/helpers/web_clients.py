"""A browser stand-in for the web workspace's server-side tests: a cookie jar, the sign-in form, the CSRF
token read from the last page, and a province with officers of two departments, province IT and dossiers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import requests

from server.attachment_uploads import put_chunk
from server.communes import load_communes
from server.passwords import hash_password
from server.storage.interface import ServerStorage
from server.storage.records import Account, Role
from tests.helpers.live_desks import province
from tests.helpers.sample_files import png_image
from tests.helpers.server_accounts import PARAMS, PASSWORD

_CSRF = re.compile(r'name="csrf" value="([^"]*)"')
HOAN_KIEM = "00070"
NAME = "Nguyễn Thị Lan"
ID_NUMBER = "001190012345"
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


class WebClient:
    """One browser: its cookies, and the CSRF token of the last page it loaded."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()
        self.csrf = ""

    def _keep(self, response: requests.Response) -> requests.Response:
        found = (
            _CSRF.search(response.text) if "text/html" in response.headers.get("content-type", "") else None
        )
        if found:
            self.csrf = found[1]
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self._keep(self.http.get(self.url + path, allow_redirects=False, timeout=10, **kwargs))

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
    ) -> requests.Response:
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf", self.csrf)
        return self._keep(
            self.http.post(self.url + path, data=body, allow_redirects=False, timeout=10, **kwargs)
        )

    def sign_in(self, username: str, password: str = PASSWORD) -> requests.Response:
        self.get("/web/sign-in")
        response = self.post("/web/sign-in", {"username": username, "password": password})
        if response.status_code == 303:
            self.get(response.headers["location"])
        return response

    @property
    def session_cookie(self) -> str | None:
        return self.http.cookies.get("motcua_web")


def add_officer(storage: ServerStorage, username: str, role: Role, department: str | None = None) -> None:
    storage.add_account(
        Account(
            f"acc-{username}",
            username,
            role,
            "01",
            hash_password(PASSWORD, PARAMS),
            START,
            department=department,
        )
    )


def seed_province(storage: ServerStorage, now: dt.datetime, count: int = 30) -> dict[str, Any]:
    """Hà Nội's communes; officers of Hộ tịch and Chứng thực, province IT; ``count`` dossiers of Hộ tịch in
    Phường Hoàn Kiếm (the first one is Nguyễn Thị Lan's, with a scan on the server) and one of Chứng thực."""
    load_communes(storage, "01")
    add_officer(storage, "ho.tich", Role.OFFICER, "Hộ tịch")
    add_officer(storage, "chung.thuc", Role.OFFICER, "Chứng thực")
    add_officer(storage, "it.admin", Role.ADMIN)
    replica = province(storage, HOAN_KIEM)
    scan = png_image()
    import hashlib  # noqa: PLC0415

    sha = hashlib.sha256(scan).hexdigest()
    put_chunk(storage, HOAN_KIEM, sha, offset=0, size=len(scan), data=scan, now=now)
    today = now.date()
    for number in range(count):
        fields: dict[str, Any] = {
            "commune": HOAN_KIEM,
            "procedure_code": "1.001193",
            "procedure_name": "Đăng ký khai sinh",
            "applicant_name": NAME if number == 0 else f"Trần Văn Bình {number:03d}",
            "applicant_id_number": ID_NUMBER if number == 0 else f"0010900{number:05d}",
            "code": f"00070-260302-{number + 1:04d}",
            "received_at": f"2026-03-02T08:{number % 60:02d}:00+07:00",
            "appointment": (today + dt.timedelta(days=(number % 5) - 2)).isoformat(),
            "status": {"from": "1", "to": "2", "by": "province"},
        }
        if number == 0:
            fields["attachments"] = [
                {"sha256": sha, "name": "scan.png", "media_type": "image/png", "size": len(scan)}
            ]
        replica.write("dossier", f"d-{number:03d}", fields, "clerk")
        if number % 4 == 3:  # handed over and processed (on time or late, by its due date)
            replica.write(
                "dossier",
                f"d-{number:03d}",
                {"status": {"from": "2", "to": "4", "by": "province"}},
                "ho.tich",
            )
            replica.write(
                "dossier",
                f"d-{number:03d}",
                {"status": {"from": "4", "to": "9", "by": "province"}},
                "ho.tich",
            )
    replica.write(
        "dossier",
        "c-000",
        {"commune": HOAN_KIEM, "procedure_code": "2.000815", "procedure_name": "Chứng thực bản sao",
         "applicant_name": "Lê Thị Hoa", "code": "00070-260302-0999",
         "received_at": "2026-03-02T09:00:00+07:00", "appointment": today.isoformat(),
         "status": {"from": "1", "to": "2", "by": "province"}},
        "clerk",
    )  # fmt: skip
    return {"commune": HOAN_KIEM, "dossier": "d-000", "other": "c-000", "sha": sha}
