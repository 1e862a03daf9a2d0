"""Debian's Firefox ESR driven over WebDriver BiDi, which Firefox speaks natively (no geckodriver, nothing
downloaded): a headless ``firefox-esr`` on a fresh profile, one tab, typing and pressing keys as a user does,
scripts to read the page, screenshots, and the log of every URL the tab requested."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.helpers.local_websocket import LocalWebSocket

FIREFOX = Path("/usr/bin/firefox-esr")
SCREEN = (1366, 768)
TAB, ENTER = "\ue004", "\ue007"

needs_firefox = pytest.mark.skipif(
    not FIREFOX.exists(),
    reason="Debian's firefox-esr is not installed at /usr/bin/firefox-esr (apt install firefox-esr)",
)

# A quiet profile: no first-run or welcome pages, no telemetry, updates, safe-browsing lists, remote settings,
# captive-portal or connectivity probes, prefetching or speculative connections: nothing leaves 127.0.0.1.
PREFS: dict[str, bool | int | str] = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "startup.homepage_welcome_url": "about:blank",
    "startup.homepage_welcome_url.additional": "",
    "browser.aboutwelcome.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.newtabpage.activity-stream.feeds.telemetry": False,
    "browser.newtabpage.activity-stream.telemetry": False,
    "browser.newtabpage.activity-stream.feeds.topsites": False,
    "browser.newtabpage.activity-stream.feeds.section.topstories": False,
    "browser.ping-centre.telemetry": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.server": "",
    "toolkit.telemetry.archive.enabled": False,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "app.update.disabledForTesting": True,
    "app.update.auto": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.safebrowsing.provider.google4.updateURL": "",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "network.proxy.type": 0,
    "browser.search.geoip.url": "",
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "geo.provider.network.url": "",
    "media.gmp-manager.url": "",
    "media.gmp-gmpopenh264.enabled": False,
    "intl.accept_languages": "vi-VN, vi",
}


class FirefoxError(RuntimeError):
    """Firefox could not be started, or a WebDriver BiDi command failed."""


def _user_js(prefs: dict[str, bool | int | str]) -> str:
    return "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items())


class Firefox:
    """One headless Firefox and its one tab, driven over WebDriver BiDi."""

    def __init__(self, process: subprocess.Popen[bytes], profile: Path, url: str) -> None:
        self.process = process
        self.profile = profile
        self.socket = LocalWebSocket(url, timeout=30)
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._loaded: set[str | None] = set()  # navigations whose page has loaded and been waited for
        self.command("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": False}}})
        tree = self.command("browsingContext.getTree", {"maxDepth": 0})
        self.context: str = tree["contexts"][0]["context"]
        self.command("session.subscribe", {"events": ["network.beforeRequestSent", "browsingContext.load"]})
        self.set_viewport(*SCREEN)

    # The protocol
    def command(self, method: str, params: dict[str, Any], *, timeout: float = 20) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept in ``events``."""
        self._next_id += 1
        ident = self._next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.socket.receive())
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == ident:
                if message.get("type") == "error":
                    raise FirefoxError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]

    def _wait_load(self, since: int, *, timeout: float = 20) -> None:
        """Until a page of a new navigation has loaded (not a late event of one already waited for)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[since:]:
                found = event["params"]
                if (
                    event["method"] == "browsingContext.load"
                    and found.get("context") == self.context
                    and found.get("navigation") not in self._loaded
                ):
                    self._loaded.add(found.get("navigation"))
                    return
            if time.monotonic() > deadline:
                raise FirefoxError(f"no page loaded within {timeout} s")
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.socket.receive())
            if message.get("type") == "event":
                self.events.append(message)

    def _navigation(self, action: Callable[[], object]) -> None:
        """Run ``action`` (a click or key that leaves the page) and wait until the next page has loaded."""
        since = len(self.events)
        action()
        self._wait_load(since)

    # Pages
    def goto(self, url: str) -> None:
        done = self.command(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"}
        )
        self._loaded.add(done.get("navigation"))

    def reload(self) -> None:
        done = self.command("browsingContext.reload", {"context": self.context, "wait": "complete"})
        self._loaded.add(done.get("navigation"))

    @property
    def url(self) -> str:
        return str(self.value("location.href"))

    def value(self, expression: str) -> Any:
        """A JavaScript expression's value in the page, through JSON."""
        result = self.command(
            "script.evaluate",
            {
                "expression": f"JSON.stringify({expression})",
                "target": {"context": self.context},
                "awaitPromise": True,
            },
        )
        if result.get("type") == "exception":
            raise FirefoxError(f"script failed: {result['exceptionDetails'].get('text')}")
        found = result["result"]
        return json.loads(found["value"]) if found["type"] == "string" else None

    def wait_for(self, expression: str, done: Callable[[Any], bool], *, timeout: float = 5) -> Any:
        """The expression's value once ``done`` accepts it (what the page does after its load, such as
        autofocus, runs a frame later); the last value if the time runs out."""
        deadline = time.monotonic() + timeout
        while not done(found := self.value(expression)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return found

    def call(self, function: str, *args: Any) -> Any:
        """``function`` (JavaScript, e.g. ``(sel) => ...``) called in the page with JSON arguments."""
        return self.value(f"({function})(...{json.dumps(list(args))})")

    def click(self, selector: str, *, leaves: bool = False) -> None:
        """Click the first element that ``selector`` matches with the mouse (scrolled into view first, so
        what covers it gets the click, as for a user); ``leaves``: wait for the page it opens."""
        found = self.command(
            "script.evaluate",
            {
                "expression": f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                " e && e.scrollIntoView({block: 'center'}); return e; })()",
                "target": {"context": self.context},
                "awaitPromise": False,
            },
        )
        if found.get("type") == "exception":
            raise FirefoxError(f"script failed: {found['exceptionDetails'].get('text')}")
        found = found["result"]
        if found.get("type") != "node":
            raise FirefoxError(f"nothing on the page matches {selector!r}")
        origin = {"type": "element", "element": {"sharedId": found["sharedId"]}}
        pointer = [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        actions = {
            "context": self.context,
            "actions": [{"type": "pointer", "id": "mouse", "actions": pointer}],
        }

        def clicking() -> None:
            self.command("input.performActions", actions)

        if leaves:
            self._navigation(clicking)
        else:
            clicking()

    def focus(self, selector: str) -> None:
        if not self.call(
            "(s) => { const e = document.querySelector(s); e && e.focus(); return !!e; }", selector
        ):
            raise FirefoxError(f"nothing on the page matches {selector!r}")

    def forget_cookies(self) -> None:
        """A browser that has signed in nowhere."""
        self.command("storage.deleteCookies", {})

    # The keyboard
    def type(self, text: str) -> None:
        """Type ``text`` into the focused element, one key press per character."""
        actions = []
        for char in text:
            actions += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self.command(
            "input.performActions",
            {"context": self.context, "actions": [{"type": "key", "id": "keyboard", "actions": actions}]},
        )

    def press(self, key: str, *, leaves: bool = False) -> None:
        """Press one key (``TAB``, ``ENTER`` or a character); ``leaves``: wait for the page it opens."""
        if leaves:
            self._navigation(lambda: self.type(key))
        else:
            self.type(key)

    # The window
    def set_viewport(self, width: int, height: int) -> None:
        self.command(
            "browsingContext.setViewport",
            {"context": self.context, "viewport": {"width": width, "height": height}},
        )

    def screenshot(self, path: Path) -> None:
        shot = self.command(
            "browsingContext.captureScreenshot", {"context": self.context, "origin": "viewport"}
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    # What the tab asked the network for
    @property
    def requested(self) -> list[str]:
        return [
            e["params"]["request"]["url"] for e in self.events if e["method"] == "network.beforeRequestSent"
        ]

    def hosts(self, since: int = 0) -> set[str]:
        """The hosts the tab reached over the network since request number ``since``: not the ``data:``
        URLs Firefox's own style sheet uses (the font of list bullets), which are no request to anyone."""
        parts = [urlsplit(url) for url in self.requested[since:]]
        others = {part.scheme for part in parts} - {"http", "https", "ws", "wss", "ftp", "data", "about"}
        if others:
            raise FirefoxError(f"requests of an unexpected kind: {sorted(others)}")
        return {part.netloc for part in parts if part.scheme not in ("data", "about")}

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.command("browser.close", {}, timeout=5)
        with contextlib.suppress(OSError):
            self.socket.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End Firefox and its content processes (its own process group)."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def firefox(*, start_timeout: float = 30) -> Iterator[Firefox]:
    """A headless Debian Firefox ESR on a fresh profile (removed afterwards), driven over WebDriver BiDi."""
    if not FIREFOX.exists():
        raise FirefoxError(f"Debian's firefox-esr is not installed at {FIREFOX}: apt install firefox-esr")
    profile = Path(tempfile.mkdtemp(prefix="motcua-firefox-"))
    (profile / "user.js").write_text(_user_js(PREFS), encoding="utf-8")
    env = {**os.environ, "MOZ_HEADLESS": "1", "MOZ_CRASHREPORTER_DISABLE": "1", "TMPDIR": str(profile)}
    with (profile / "firefox.log").open("wb") as log:
        process = subprocess.Popen(
            [str(FIREFOX), "--headless", "--no-remote", "--remote-debugging-port", "0",
             "--profile", str(profile), "about:blank"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    browser = None
    try:
        where = profile / "WebDriverBiDiServer.json"  # Firefox writes the port it chose here
        deadline = time.monotonic() + start_timeout
        while not where.exists() or not where.read_text(encoding="utf-8").strip().endswith("}"):
            if process.poll() is not None or time.monotonic() > deadline:
                said = (profile / "firefox.log").read_text(encoding="utf-8", errors="replace")
                raise FirefoxError(f"firefox-esr did not start its WebDriver BiDi server: {said[-2000:]}")
            time.sleep(0.05)
        server = json.loads(where.read_text(encoding="utf-8"))
        browser = Firefox(process, profile, f"ws://{server['ws_host']}:{server['ws_port']}/session")
        yield browser
    finally:
        if browser is not None:
            browser.close()
        _stop(process)
        shutil.rmtree(profile, ignore_errors=True)
