"""Request size limits as ASGI middleware: too large a body gets 413, too large headers 431, with JSON.

A ``Content-Length`` over the limit is refused before the body is read; a body sent without one (chunked) is
counted as it arrives and refused at the first byte over the limit. Headers are checked here too: uvicorn's
``h11_max_incomplete_event_size`` only bounds a head that arrives in pieces (a 100 kB header sent at once
passed it in a test), and httptools has no such limit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import RequestTooLarge


def too_large_message(limit: int) -> str:
    return f"the request body is larger than this server accepts ({limit} bytes)"


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    """Send a whole JSON response from ASGI middleware."""
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    header_list = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    header_list += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": header_list})
    await send({"type": "http.response.body", "body": raw})


class RequestSizeLimit:
    """Refuse headers over ``max_header_bytes`` and bodies over ``max_bytes`` (or the limit ``path_limits``
    gives the request's path, e.g. a sync push that streams many batches); the count-as-it-arrives case
    raises ``RequestTooLarge``, which the app's exception handler turns into the same 413 answer."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        max_header_bytes: int,
        path_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_header_bytes = max_header_bytes
        self.path_limits = dict(path_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header_bytes = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
        header_bytes += len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if header_bytes > self.max_header_bytes:
            await send_json(
                send,
                431,
                {
                    "error": "headers_too_large",
                    "message": f"the request line and headers are larger than this server accepts "
                    f"({self.max_header_bytes} bytes)",
                },
                {"Connection": "close"},
            )
            return
        limit = self.path_limits.get(scope.get("path", ""), self.max_bytes)
        declared = [v for k, v in scope.get("headers", []) if k == b"content-length"]
        if declared:
            try:
                length = int(declared[0])
            except ValueError:
                length = -1
            if length < 0:
                await send_json(
                    send,
                    400,
                    {"error": "bad_request", "message": "the Content-Length header is not a number"},
                )
                return
            if length > limit:
                await send_json(
                    send,
                    413,
                    {"error": RequestTooLarge.code, "message": too_large_message(limit)},
                    {"Connection": "close"},
                )
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestTooLarge(too_large_message(limit), headers={"Connection": "close"})
            return message

        await self.app(scope, counting_receive, send)
