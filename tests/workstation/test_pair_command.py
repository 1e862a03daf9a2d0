"""``motcua pair``: IT pairs two desks of one commune from the command line (real ``motcua`` processes)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from tests.helpers.enrolled_desks import PASS, new_desk
from tests.helpers.server_processes import ROOT, free_port
from tests.helpers.workstations import Clock
from workstation.it_commands.command_line import _dispatch, build_parser
from workstation.it_commands.console import CommandFailed, Console


def motcua(*args: str) -> tuple[int, str, str]:
    """``motcua ARGS`` as the program parses and runs them (in this process: the waiting side is the real
    program in its own process), the passphrase typed when asked."""
    parsed = build_parser().parse_args(list(args))
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    try:
        status = _dispatch(parsed, console, ())
    except CommandFailed as exc:
        err.write(exc.message)
        status = exc.exit_code
    return status, out.getvalue(), err.getvalue()


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
        assert len(code) == 19 and address == f"127.0.0.1:{port}", (code_line, address_line)
        wrong = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
        status, _, err = motcua("--data-dir", str(b), "pair", "join", address, wrong, "--login", "lan")
        assert status != 0 and "the pairing code is wrong" in err, err
        status, out, err = motcua("--data-dir", str(b), "pair", "find", "--port", str(port), "--login", "lan")
        assert status == 0 and f"Bàn 1 at 127.0.0.1:{port} (code starts {code[:14]})" in out, (out, err)
        status, out, err = motcua(  # no address: the desk showing the code is found by LAN discovery
            "--data-dir", str(b), "pair", "join", "--code", code, "--port", str(port), "--login", "lan",
            "--name", "Bàn 2",
        )  # fmt: skip
        assert status == 0, err
        assert f"Found Bàn 1 at 127.0.0.1:{port} on the LAN." in out, out
        assert "Paired with Bàn 1 (commune 00070)" in out
        out, err = show.communicate(timeout=60)
        assert show.returncode == 0, err
        assert "Paired with Bàn 2 (commune 00070)." in out, (out, err)
    finally:
        if show.poll() is None:
            show.kill()
            show.wait()
    status, _, err = motcua(  # nobody shows a code any more: discovery finds no desk, the address is asked
        "--data-dir", str(b), "pair", "join", code, "--login", "lan"
    )
    assert status != 0 and "give the address the other desk shows" in err, err
    status, out, _ = motcua("--data-dir", str(a), "pair", "list", "--login", "lan")
    assert status == 0 and "Bàn 2 at 127.0.0.1:" in out and "last contact never" in out, out
    # the two desks gave each other their signing keys inside the pinned pairing channel (issue 14)
    assert "Signing keys of other desks known: 1 (from the province 0, from pairing 1," in out, out
    status, out, _ = motcua("--data-dir", str(a), "pair", "remove", "Bàn 2", "--login", "lan")
    assert status == 0 and "Bàn 2 is no longer paired" in out
