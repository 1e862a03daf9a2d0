"""The enrolment slip of the web's IT pages prints the server's configured public address (``[server]
public_url``), never the address from the request's ``Host`` header; without the setting it says so in words
and falls back to the request's address."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import segno

from server.communes import load_communes
from server.config import config_from_toml
from server.errors import ConfigError
from server.storage.interface import ServerStorage
from server.storage.records import Role
from tests.helpers.web_clients import HOAN_KIEM, WebClient, add_officer
from tests.server.conftest import LiveServer

PUBLIC = "https://motcua.hanoi.gov.vn"
LIMITS = {"anonymous_burst": 1000, "anonymous_requests_per_minute": 60_000}


def _slip(live: LiveServer, storage: ServerStorage, host: str | None = None) -> tuple[str, str]:
    """A new code's slip page (asked with ``host`` as the Host header), and the code on it."""
    load_communes(storage, "01")
    add_officer(storage, "it.one", Role.ADMIN)
    it = WebClient(live.url)
    it.sign_in("it.one")
    it.get("/web/it/codes")
    # requests picks cookies by the Host header when one is given: the session cookie is sent by hand
    headers = {"Host": host, "Cookie": f"motcua_web={it.session_cookie}"} if host else {}
    page = it.post("/web/it/codes", {"commune": HOAN_KIEM}, headers=headers)
    assert page.status_code == 200, page.text
    code = re.search(r'<dd class="code">([^<]+)</dd>', page.text)
    assert code is not None
    return page.text, code[1]


def _qr(server: str, code: str) -> str:
    return segno.make(f"motcua-enrol\n{server}\n{HOAN_KIEM}\n{code}", error="m").svg_inline(
        scale=4, dark="#000", light="#fff"
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_slip_prints_the_configured_address_whatever_host_the_request_names(
    serve: Callable[..., LiveServer], storage: ServerStorage
) -> None:
    live = serve(public_url=PUBLIC, **LIMITS)
    text, code = _slip(live, storage, host="attacker.example")
    assert f"<dd>{PUBLIC}</dd>" in text and f"--server {PUBLIC} " in text
    assert _qr(PUBLIC, code) in text  # the QR a desk scans holds the configured address too
    assert "attacker.example" not in text
    assert "public_url" not in text  # no warning: the setting is there


@pytest.mark.parametrize("backend", ["sqlite"])
def test_without_the_setting_the_slip_says_so_and_shows_the_requests_address(
    serve: Callable[..., LiveServer], storage: ServerStorage
) -> None:
    live = serve(**LIMITS)
    text, code = _slip(live, storage, host="attacker.example")  # as today: the request's address
    assert "<dd>http://attacker.example</dd>" in text and _qr("http://attacker.example", code) in text
    assert 'role="alert"' in text and "chưa được đặt địa chỉ công khai" in text and "public_url" in text


def test_the_public_url_setting_is_checked(tmp_path: Path) -> None:
    config = config_from_toml(f'[server]\npublic_url = "{PUBLIC}/motcua"\n', tmp_path)
    assert config.public_url == f"{PUBLIC}/motcua"
    assert config_from_toml("", tmp_path).public_url is None
    for bad in (
        "motcua.hanoi.gov.vn",
        "ftp://x.vn",
        f"{PUBLIC}/",
        f"{PUBLIC}?a=1",
        "https://",
        "https://a b",
    ):
        with pytest.raises(ConfigError, match="public_url"):
            config_from_toml(f'[server]\npublic_url = "{bad}"\n', tmp_path)
