"""``motcua pair``: IT pairs two desks of one commune from the command line (real ``motcua`` processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from tests.helpers.enrolled_desks import PASS, new_desk
from tests.helpers.server_processes import ROOT, free_port
from tests.helpers.workstations import Clock


def motcua(*args: str, stdin: str = PASS + "\n") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_pairs_two_desks_from_the_command_line(tmp_path: Path) -> None:
    clock = SimpleNamespace(now=Clock())
    a, b = new_desk(tmp_path, "a", clock), new_desk(tmp_path, "b", clock)
    port = free_port()
    show = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(a), "pair", "show", "--port", str(port)]
        + ["--bind", "127.0.0.1", "--name", "Bàn 1", "--login", "lan", "--wait", "1"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert show.stdin is not None and show.stdout is not None
        show.stdin.write(PASS + "\n")
        show.stdin.flush()
        code_line, address_line = show.stdout.readline(), show.stdout.readline()
        code = code_line.removeprefix("Pairing code: ").strip()
        address = address_line.removeprefix("Address of this desk: ").strip()
        assert len(code) == 19 and address == f"127.0.0.1:{port}"
        wrong = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
        refused = motcua("--data-dir", str(b), "pair", "join", address, wrong, "--login", "lan")
        assert refused.returncode != 0 and "the pairing code is wrong" in refused.stderr
        joined = motcua(
            "--data-dir", str(b), "pair", "join", address, code, "--login", "lan", "--name", "Bàn 2"
        )
        assert joined.returncode == 0, joined.stderr
        assert "Paired with Bàn 1 (commune 00070)" in joined.stdout
        out, err = show.communicate(timeout=60)
        assert show.returncode == 0, err
        assert "Paired with Bàn 2 (commune 00070)." in out
    finally:
        if show.poll() is None:
            show.kill()
            show.wait()
    listed = motcua("--data-dir", str(a), "pair", "list", "--login", "lan")
    assert (
        listed.returncode == 0
        and "Bàn 2 at 127.0.0.1:" in listed.stdout
        and "last contact never" in listed.stdout
    )
    removed = motcua("--data-dir", str(a), "pair", "remove", "Bàn 2", "--login", "lan")
    assert removed.returncode == 0 and "no longer paired" in removed.stdout
    assert (
        "paired with no other desk" in motcua("--data-dir", str(a), "pair", "list", "--login", "lan").stdout
    )
