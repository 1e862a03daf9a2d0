"""JSON log lines: one per request, with the route template and no personal data."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.request_log import JsonLogFormatter, configure_server_logging
from sync.log_redaction import LOG_FILE_NAME, Personal, reset_logging
from tests.server.conftest import LiveServer


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    configure_server_logging(tmp_path / "logs")
    yield tmp_path / "logs"
    reset_logging()


def lines(log_dir: Path) -> list[dict[str, object]]:
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_formatter_writes_json_and_redacts() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "saved for %s", ("0912345678",), None)
    record.device_id = "id0001"
    record.phone = "0912 345 678"
    record.applicant = Personal("Nguyễn Văn An")
    record.count = 3
    line = json.loads(JsonLogFormatter().format(record))
    assert line["message"] == "saved for [PHONE]"
    assert line["device_id"] == "id0001" and line["count"] == 3
    assert line["phone"] == line["applicant"] == "[REDACTED]"
    assert "0912" not in json.dumps(line) and "Nguyễn" not in json.dumps(line)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_each_request_is_one_json_line_without_query_or_body(log_dir: Path, live: LiveServer) -> None:
    secret = "Nguyen Van An 079123456789"
    live.post("/v1/login?note=" + secret.replace(" ", "+"), json={"username": "someone", "password": secret})
    live.get("/v1/communes/00004?q=0912345678", token="garbage")
    found = [line for line in lines(log_dir) if line["logger"] == "motcua.server.requests"]
    assert [(line["method"], line["route"], line["status"]) for line in found] == [
        ("POST", "/v1/login", 401),
        ("GET", "/v1/communes/{code}", 401),
    ]
    text = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    for personal in ("Nguyen", "079123456789", "0912345678", "someone"):
        assert personal not in text
