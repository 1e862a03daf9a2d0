"""``motcua recovery-key``: the province's key pair in the formats the wizard and ``recover`` read, the
private half 0600 and password-protected, never an overwrite; run as the program itself."""

from __future__ import annotations

import io
import itertools
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sync.keys import recover
from sync.store import StorePaths
from tests.helpers.workstations import hanoi_site
from workstation.it_commands.console import CommandFailed, Console
from workstation.it_commands.credentials import read_recovery_private_key
from workstation.it_commands.recovery_key_command import PRIVATE_NAME, PUBLIC_NAME, run_recovery_key
from workstation.opening import create_workstation, read_recovery_key

REPOSITORY = Path(__file__).resolve().parents[2]
PASSWORD = "khoá của tỉnh 2026"
T0 = datetime(2026, 2, 13, 2, 0, tzinfo=UTC)


def scripted(*answers: str) -> Console:
    queue = list(answers)
    return Console(
        out=io.StringIO(), err=io.StringIO(), ask=lambda _p: queue.pop(0), ask_secret=lambda _p: queue.pop(0)
    )


def test_the_pair_opens_a_store_made_with_its_public_half(tmp_path: Path) -> None:
    folder = tmp_path / "province"
    console = scripted(PASSWORD, PASSWORD)
    assert run_recovery_key(folder, console) == 0
    public, private = folder / PUBLIC_NAME, folder / PRIVATE_NAME
    assert sorted(p.name for p in folder.iterdir()) == sorted([PUBLIC_NAME, PRIVATE_NAME])
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in private.read_bytes()
    said = console.out.getvalue()
    pem, fingerprint = read_recovery_key(public)  # what the first-run wizard reads
    assert fingerprint in said and str(private) in said and "OFF every desk PC" in said
    assert PASSWORD not in said + console.err.getvalue()

    ticks = itertools.count()
    session = create_workstation(
        tmp_path / "store",
        site=hanoi_site(),
        login="hong.le",
        full_name="Lê Thị Hồng",
        passphrase="mật khẩu của Hồng",
        recovery_pem=pem,
        now=lambda: T0 + timedelta(seconds=next(ticks)),
        new_id=lambda: f"id-{next(ticks)}",
    )
    data_key = session.store.data_key
    session.store.close()
    paths = StorePaths(tmp_path / "store")
    private_key = read_recovery_private_key(private, scripted(PASSWORD))  # what recover/add-clerk read
    assert recover(paths.key_file, private_key, database=paths.database) == data_key


def test_it_never_replaces_a_pair_and_writes_nothing_on_a_bad_password(tmp_path: Path) -> None:
    with pytest.raises(CommandFailed, match="differ"):
        run_recovery_key(tmp_path, scripted(PASSWORD, PASSWORD + "x"))
    with pytest.raises(CommandFailed, match="12 characters"):
        run_recovery_key(tmp_path, scripted("short"))
    assert list(tmp_path.iterdir()) == []
    assert run_recovery_key(tmp_path, scripted(PASSWORD, PASSWORD)) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(CommandFailed, match="already exists"):
        run_recovery_key(tmp_path, scripted(PASSWORD, PASSWORD))
    (tmp_path / PRIVATE_NAME).unlink()  # even one half left behind is kept
    with pytest.raises(CommandFailed, match="already exists"):
        run_recovery_key(tmp_path, scripted(PASSWORD, PASSWORD))
    assert (tmp_path / PUBLIC_NAME).read_bytes() == before[PUBLIC_NAME]
    assert not (tmp_path / PRIVATE_NAME).exists()


def make_pair_without_password(folder: Path) -> subprocess.CompletedProcess[str]:
    """``motcua recovery-key FOLDER --no-password``, run as the program."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "recovery-key", str(folder), "--no-password"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)},
    )


def test_the_program_makes_a_pair_without_a_password_when_told(tmp_path: Path) -> None:
    done = make_pair_without_password(tmp_path / "keys")
    assert done.returncode == 0, done.stderr
    assert "NO password" in done.stderr
    private = tmp_path / "keys" / PRIVATE_NAME
    assert read_recovery_private_key(private, scripted())  # no password asked for
    _, fingerprint = read_recovery_key(tmp_path / "keys" / PUBLIC_NAME)
    assert fingerprint in done.stdout
    again = make_pair_without_password(tmp_path / "keys")
    assert again.returncode == 1 and "already exists" in again.stderr
