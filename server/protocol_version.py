"""Protocol versioning for the server: every ``/v1`` request states its protocol version in a header.

A missing or too old version gets 426 ``{"error": "update_required"}``; a version newer than this server gets
426 ``{"error": "server_too_old"}``; a value that is not a number gets 400. The shared constants live in
``sync.protocol_version`` so that the desktop client reads them without importing ``server``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from server.request_limits import send_json
from sync.protocol_version import PROTOCOL_HEADER, PROTOCOL_VERSION, UPDATE_REQUIRED, parse_protocol_version

MIN_SUPPORTED_PROTOCOL = 1
"""The oldest client protocol this server still answers."""
VERSIONED_PREFIX = "/v1/"
_HEADER = PROTOCOL_HEADER.lower().encode("latin-1")


def protocol_answer(value: str | None) -> tuple[int, dict[str, str]] | None:
    """``None`` if a request with this header value may go on, else the status and JSON body to answer."""
    supported = f"{MIN_SUPPORTED_PROTOCOL}–{PROTOCOL_VERSION}"
    if value is None:
        return 426, {
            "error": UPDATE_REQUIRED,
            "message": f"this client does not send {PROTOCOL_HEADER}: please update motcua",
            "supported": supported,
        }
    version = parse_protocol_version(value)
    if version is None:
        return 400, {
            "error": "bad_protocol_header",
            "message": f"{PROTOCOL_HEADER} must be a whole number",
            "supported": supported,
        }
    if version < MIN_SUPPORTED_PROTOCOL:
        return 426, {
            "error": UPDATE_REQUIRED,
            "message": f"this version of motcua (protocol {version}) is too old for the provincial server: "
            "please update motcua",
            "supported": supported,
        }
    if version > PROTOCOL_VERSION:
        return 426, {
            "error": "server_too_old",
            "message": f"the provincial server speaks protocol up to {PROTOCOL_VERSION}, this client "
            f"{version}: ask provincial IT to update the server",
            "supported": supported,
        }
    return None


class ProtocolVersionCheck:
    """ASGI middleware answering requests to ``/v1/…`` whose protocol version this server does not speak."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith(VERSIONED_PREFIX):
            values = [v for k, v in scope.get("headers", []) if k == _HEADER]
            answer = protocol_answer(values[0].decode("latin-1") if values else None)
            if answer is not None:
                status, body = answer
                headers = {"Upgrade": f"motcua/{PROTOCOL_VERSION}"} if status == 426 else {}
                await send_json(send, status, body, headers)
                return
        await self.app(scope, receive, send)
