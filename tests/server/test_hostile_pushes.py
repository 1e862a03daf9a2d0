"""A hostile workstation's pushes against the server as its own process: a small push must not cost the
server much memory, and one credential cannot run many sync requests at once (issue 14, finding 3)."""

from __future__ import annotations

import hashlib
import random
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import zstandard

from server.communes import load_communes
from server.config import load_config
from server.storage import open_storage
from sync.protocol_version import protocol_headers
from sync.sync_messages import BATCH, END, PUSH, encode_frame
from tests.helpers.server_processes import free_port, peak_memory, start_server
from tests.helpers.server_replicas import enrol_replica
from tests.server.conftest import PROVINCE

MIB = 1024 * 1024
PEAK_GOAL = 300 * MIB
CONCURRENT = 8
RAW_LIMIT = 6 * MIB
"""The default of ``limits.max_push_batch_raw_bytes``."""


@pytest.fixture
def server(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, communes: list[str]
) -> Iterator[tuple[str, str, subprocess.Popen[bytes]]]:
    """The server as its own process (virtual memory capped at 4 GiB), its URL and an enrolled device."""
    port = free_port()
    database = "sqlite:///server.db" if backend == "sqlite" else request.getfixturevalue("postgres_database")
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "{database}"\n'
        "[limits]\ndevice_burst = 1000\ndevice_requests_per_minute = 100000\n",
        encoding="utf-8",
    )
    storage = open_storage(load_config(config))
    storage.migrate()
    load_communes(storage, PROVINCE)
    secret = enrol_replica(storage, communes[0], "desk-hostile")
    storage.close()
    process = start_server(config, port, address_space=4096 * MIB)
    try:
        yield f"http://127.0.0.1:{port}", secret, process
    finally:
        process.kill()
        process.wait(10)


def push_of(raw: bytes, *, level: int = 3) -> bytes:
    """A push of one batch holding ``raw`` (one event's worth of JSON text, not a valid event)."""
    payload = zstandard.ZstdCompressor(level=level).compress(raw)
    fields = {"seq": 1, "count": 1, "raw_size": len(raw), "sha256": hashlib.sha256(payload).hexdigest()}
    return b"".join(
        [
            encode_frame(PUSH, {"replica": "desk-hostile", "events": 1}),
            encode_frame(BATCH, fields, payload),
            encode_frame(END, {"batches": 1}),
        ]
    )


def bomb() -> bytes:
    """~6 KiB compressed, 128 MiB of tiny JSON objects once opened (millions of Python dicts if parsed)."""
    inner = b"{}," * (44_000_000 - 1) + b"{}"
    return push_of(b'[{"x":[' + inner + b"]}]")


def worst_within_limits(raw_bytes: int) -> bytes:
    """As many tiny objects as the raw limit allows, random enough to pass the compression-ratio check."""
    rng = random.Random(14)
    inner = b",".join(rng.choice((b"{}", b"[]")) for _ in range(raw_bytes // 3 - 4))
    return push_of(b'[{"x":[' + inner + b"]}]")


def push_at_once(url: str, secret: str, body: bytes) -> list[requests.Response | Exception]:
    headers = {
        **protocol_headers(),
        "Authorization": f"Bearer {secret}",
        "Content-Type": "application/octet-stream",
    }

    def one(_: int) -> requests.Response | Exception:
        try:
            return requests.post(f"{url}/v1/sync/push", data=body, headers=headers, timeout=90)
        except requests.RequestException as exc:
            return exc

    with ThreadPoolExecutor(CONCURRENT) as pool:
        return list(pool.map(one, range(CONCURRENT)))


def test_eight_concurrent_decompression_bombs_from_one_device_are_refused_unopened(
    server: tuple[str, str, subprocess.Popen[bytes]],
) -> None:
    url, secret, process = server
    print(f"server peak memory before: {peak_memory(process) // MIB} MiB")
    body = bomb()
    assert len(body) < 16 * 1024
    answers = push_at_once(url, secret, body)
    statuses = sorted(a.status_code if isinstance(a, requests.Response) else 0 for a in answers)
    assert all(400 <= s < 500 for s in statuses), statuses
    assert set(statuses) <= {422, 429}, statuses
    words = [a.json()["message"] for a in answers if isinstance(a, requests.Response)]
    assert any(f"accepts ({RAW_LIMIT} bytes uncompressed)" in w for w in words), words
    peak = peak_memory(process)
    print(f"server peak memory after the bombs: {peak // MIB} MiB")
    assert peak <= PEAK_GOAL, f"peak {peak // MIB} MiB"
    assert requests.get(f"{url}/healthz", timeout=5).status_code == 200


def test_the_largest_batches_the_limits_let_through_keep_the_server_under_its_memory_goal(
    server: tuple[str, str, subprocess.Popen[bytes]],
) -> None:
    url, secret, process = server
    print(f"server peak memory before: {peak_memory(process) // MIB} MiB")
    answers = push_at_once(url, secret, worst_within_limits(RAW_LIMIT - 64))
    statuses = sorted(a.status_code if isinstance(a, requests.Response) else 0 for a in answers)
    assert all(400 <= s < 500 for s in statuses), statuses  # not an event: refused, but after parsing
    assert 429 in statuses, statuses  # one push at a time per workstation
    peak = peak_memory(process)
    print(f"server peak memory: {peak // MIB} MiB")
    assert peak <= PEAK_GOAL, f"peak {peak // MIB} MiB"
