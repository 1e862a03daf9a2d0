"""The README's set-up, as written: its two commands (run, test) stay two one-line commands pinned by
constraints.txt, and their install steps, run in a fresh clone with a clean virtual environment, give a
working ``motcua`` and an importable server; every package they install is pinned, at that version.

Slow-ish (a minute or so: three pip installs from the local package index), but in the default run: it is the
only check that a new machine can follow the README.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FENCED_SH = re.compile(r"```sh\n(.*?)```", re.S)


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def commands_in(section: str) -> list[str]:
    """The ``sh`` code blocks of a README section; each must be one command line."""
    blocks = [block.strip() for block in FENCED_SH.findall(section)]
    for block in blocks:
        assert "\n" not in block, f"a README command spans lines: {block!r}"
    return blocks


def install_steps(command: str) -> str:
    """The command without its last step (which starts the program or the tests)."""
    steps = command.split(" && ")
    assert len(steps) >= 2, command
    return " && ".join(steps[:-1])


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line!r}"
            found[normalised(name)] = version
    return found


def test_the_readme_has_two_set_up_commands_pinned_and_ci_runs_the_test_one_verbatim() -> None:
    run, test = commands_in(readme_section("Set up"))
    assert run.endswith("&& .venv/bin/motcua") and test.endswith("&& .venv/bin/python -m pytest")
    (server,) = commands_in(readme_section("Build the package, run the server"))
    for command in (run, test, server):
        assert " -c constraints.txt " in command, command
    assert "'.[dev,server]'" in test and "'.[server]'" in server
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    pinned = pins((ROOT / "constraints.txt").read_text(encoding="utf-8"))
    assert "pyinstaller" in pinned and "fastapi" in pinned and "sqlite-utils" not in pinned


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this repository at the commit checked out here."""
    folder = tmp_path_factory.mktemp("fresh") / "motcua"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(folder)], check=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=folder, check=True)
    return folder


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` in bash as a technician types it: no virtual environment active, no PYTHONPATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    venv_bin = os.environ.get("VIRTUAL_ENV")
    if venv_bin:
        hidden = str(Path(venv_bin) / "bin")
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != hidden)
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


def succeeded(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.timeout(1800)
def test_the_readme_install_steps_work_in_a_fresh_clone(clone: Path) -> None:
    run, test = commands_in(readme_section("Set up"))
    (server,) = commands_in(readme_section("Build the package, run the server"))
    version = tomllib.loads((clone / "pyproject.toml").read_text())["project"]["version"]

    succeeded(shell(install_steps(run), clone))
    assert version in succeeded(shell(".venv/bin/motcua --version", clone))
    where = succeeded(shell(".venv/bin/python -c 'import desktop; print(desktop.__file__)'", clone))
    assert Path(where.strip()).is_relative_to(clone)  # the clone's code, not this checkout's

    succeeded(shell(install_steps(server), clone))
    succeeded(shell(".venv/bin/python -c 'import server.app'", clone))
    assert "export-bundle" in succeeded(shell(".venv/bin/python -m server.cli --help", clone))

    succeeded(shell(install_steps(test), clone))
    assert version in succeeded(shell(".venv/bin/motcua --version", clone))
    succeeded(shell(".venv/bin/python -c 'import server.app, pytest, PyInstaller'", clone))
    installed = pins(succeeded(shell(".venv/bin/pip freeze --exclude-editable", clone)))
    pinned = pins((clone / "constraints.txt").read_text(encoding="utf-8"))
    unpinned = sorted(set(installed) - set(pinned))
    assert not unpinned, f"installed but not in constraints.txt (refresh it, DEVELOPERS.md): {unpinned}"
    moved = {name: (version, pinned[name]) for name, version in installed.items() if pinned[name] != version}
    assert not moved, f"installed at other versions than pinned: {moved}"
