"""Structured JSON logs without personal data: one line per request, plus the project's redacting set-up.

Each request line holds the method, the route's template (``/v1/devices/{device_id}``, never the query
string or the body), the status, the duration and the caller's device or account id; never user names,
labels or anything a clerk typed. Every line also passes through ``sync.log_redaction.redact`` as a net.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.log_redaction import VALUE_MARK, Personal, configure_logging, is_personal_field, redact

REQUEST_LOGGER = "motcua.server.requests"
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's ``extra`` fields, redacted."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            line: dict[str, Any] = {
                "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname,
                "logger": record.name,
                "message": redact(record.getMessage()),
            }
            for key, value in record.__dict__.items():
                if key in _STANDARD or key.startswith("_"):
                    continue
                if isinstance(value, Personal) or is_personal_field(key):
                    line[key] = VALUE_MARK
                elif isinstance(value, bool | int | float) or value is None:
                    line[key] = value
                else:
                    line[key] = redact(str(value))
            if record.exc_info:
                line["exception"] = redact(self.formatException(record.exc_info))
            return json.dumps(line, ensure_ascii=False)
        except Exception:  # never let an unredacted line through
            return json.dumps({"level": record.levelname, "logger": record.name, "message": "[withheld]"})


def configure_server_logging(log_dir: Path | None, level: int | str = logging.INFO) -> Path | None:
    """The project's logging set-up (``sync.log_redaction``), writing JSON lines instead of text lines."""
    log_file = configure_logging(log_dir, level)
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_motcua", False):
            handler.setFormatter(JsonLogFormatter())
    return log_file


class RequestLog:
    """ASGI middleware writing one JSON log line per HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger(REQUEST_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def remember_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            route = scope.get("route")
            state = scope.get("state") or {}
            self.log.info(
                "request",
                extra={
                    "method": scope.get("method", "?"),
                    "route": getattr(route, "path", "(no route)"),
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "principal": state.get("principal_id") if isinstance(state, dict) else None,
                },
            )
