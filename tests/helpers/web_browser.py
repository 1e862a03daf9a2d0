"""Debian's system Chromium driven by Playwright for Python (never a downloaded browser): one headless browser
per test module, a page at 1366x768, and the log of every request the page made (to check that nothing comes
from another host)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREEN = {"width": 1366, "height": 768}

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt install chromium)",
)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless system Chromium (a Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when a browser test runs

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class NetworkLog:
    """Every URL a page requested, and the responses' content types."""

    urls: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)

    def watch(self, page: object) -> None:
        page.on("request", lambda request: self.urls.append(request.url))  # type: ignore[attr-defined]
        page.on(  # type: ignore[attr-defined]
            "response",
            lambda response: self.types.__setitem__(response.url, response.headers.get("content-type", "")),
        )

    def hosts(self) -> set[str]:
        """The hosts reached over the network (not the browser's own chrome:// pages)."""
        parts = [urlsplit(url) for url in self.urls]
        return {part.netloc for part in parts if part.scheme in ("http", "https", "ws", "wss", "ftp")}


def new_page(browser: object, base_url: str, log: NetworkLog | None = None, *, size: dict | None = None):  # noqa: ANN201
    """A fresh browser context (its own cookies) and page at 1366x768."""
    context = browser.new_context(viewport=size or SCREEN, base_url=base_url, locale="vi-VN")  # type: ignore[attr-defined]
    context.set_default_timeout(8000)
    page = context.new_page()
    if log is not None:
        log.watch(page)
    return page


def sign_in(page: object, username: str, password: str) -> None:
    """Sign in through the form, with the keyboard."""
    page.goto("/web/sign-in")  # type: ignore[attr-defined]
    page.get_by_label("Tên đăng nhập").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Mật khẩu").fill(password)  # type: ignore[attr-defined]
    page.get_by_label("Mật khẩu").press("Enter")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
