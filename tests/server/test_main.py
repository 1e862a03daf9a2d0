"""``python -m server --config file.toml`` starts a real server process that migrates and answers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from sync.protocol_version import protocol_headers
from tests.helpers.server_processes import ROOT, free_port, start_server


def test_python_m_server_serves_and_logs_json(tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "sqlite:///data/server.db"\nlog_dir = "logs"\n',
        encoding="utf-8",
    )
    os.umask(old_umask := os.umask(0o022))
    process = start_server(config, port)
    try:
        for name in ("server.db", "server.db-wal", "server.db-shm"):  # personal data in clear: owner only
            mode = (tmp_path / "data" / name).stat().st_mode & 0o777
            assert mode == 0o600, (name, oct(mode), oct(old_umask))
        me = requests.get(f"http://127.0.0.1:{port}/v1/me", headers=protocol_headers(), timeout=5)
        assert me.status_code == 401 and me.json()["error"] == "unauthenticated"
        assert "server" not in {k.lower() for k in me.headers}  # no uvicorn banner
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert (tmp_path / "data" / "server.db").exists()
    log_lines = (tmp_path / "logs" / "motcua.log").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in log_lines]
    assert any(r.get("route") == "/v1/me" and r.get("status") == 401 for r in records)


def test_a_bad_config_exits_with_a_message(tmp_path: Path) -> None:
    config = tmp_path / "server.toml"
    config.write_text("[server]\nunknown = 1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "server", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "unknown setting server.unknown" in done.stderr
