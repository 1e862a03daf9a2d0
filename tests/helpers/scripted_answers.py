"""A small real HTTP server on 127.0.0.1 in front of the provincial server: it answers the requests its script
names with a scripted status (503, 429 with Retry-After, 401, 413…) and forwards every other request to the
real server behind it, so a sync that gets through is a real one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass(frozen=True)
class Answer:
    """A scripted answer: the status, its headers, and the server's error code in the JSON body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    code: str = "scripted"


class ScriptedFront:
    """``script[route]`` lists answers given, in order, to the next requests whose path ends with
    ``route`` (``hello``, ``push``, ``pull``); once a list is used up, requests are forwarded.
    ``seen`` records every request's route and what it got (a status, or ``forwarded <status>``)."""

    def __init__(self, target: str, script: dict[str, list[Answer]]) -> None:
        self.target = target.rstrip("/")
        self.script = {route: list(answers) for route, answers in script.items()}
        self.seen: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                front.handle(self, b"")

            def do_POST(self) -> None:  # noqa: N802
                front.handle(self, read_body(self))

            def do_PUT(self) -> None:  # noqa: N802
                front.handle(self, read_body(self))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> ScriptedFront:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def routes(self) -> list[str]:
        return [route for route, _ in self.seen]

    def handle(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        route = handler.path.rsplit("/", 1)[-1].split("?")[0]
        with self.lock:
            answers = self.script.get(route)
            answer = answers.pop(0) if answers else None
        if answer is not None:
            data = json.dumps({"error": answer.code, "message": f"scripted {answer.status}"}).encode()
            handler.send_response(answer.status)
            for name, value in answer.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            with self.lock:
                self.seen.append((route, str(answer.status)))
            return
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
        reply = requests.request(
            handler.command, self.target + handler.path, data=body, headers=headers, stream=True, timeout=30
        )
        handler.send_response(reply.status_code)
        for name, value in reply.headers.items():
            if name.lower() not in HOP_HEADERS:
                handler.send_header(name, value)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for chunk in reply.raw.stream(65536, decode_content=False):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")
        with self.lock:
            self.seen.append((route, f"forwarded {reply.status_code}"))


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The request body, whether sent with a length or chunked (a streamed push is chunked)."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        return b"".join(_chunks(handler))
    return handler.rfile.read(int(handler.headers.get("Content-Length", "0")))


def _chunks(handler: BaseHTTPRequestHandler) -> Iterator[bytes]:
    while True:
        size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
        if size == 0:
            handler.rfile.readline()
            return
        yield handler.rfile.read(size)
        handler.rfile.readline()
