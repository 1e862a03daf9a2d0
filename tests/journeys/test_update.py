"""Updates through the province (issue 15): IT publishes a signed release once; an enrolled desk fetches it in
its sync, verifies it, refuses a tampered copy and replayed older metadata, applies it at its next start,
returns to the version before on one click; the server shows which desk runs which version.

Real parts: the server is ``python -m server`` on 127.0.0.1, set up and fed by its admin CLI
(``release-keys``, ``publish-release``, ``versions``); the desk is the application ``build()`` makes, driven
through its widgets (unlock, "Sync now", Tools → Versions and updates), and ``motcua update`` for IT.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.updates_dialog import UpdatesDialog
from tests.helpers.enrolled_desks import PASS, new_desk
from tests.helpers.journey_steps import click, desk_program, unlock_as
from tests.helpers.province_releases import MARKER, ProvinceServer, program_folder, reference_folder
from tests.helpers.update_journeys import (
    enrolled_desk_with_a_dossier,
    it_update,
    receipt_text,
    sync_now,
)
from workstation.about import app_version
from workstation.program_handover import HANDED_OVER

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def province(tmp_path: Path) -> Iterator[ProvinceServer]:
    server = ProvinceServer(tmp_path / "province")
    server.start()
    yield server
    server.stop()


def test_a_reference_release_is_fetched_verified_applied_at_restart_and_rolled_back(
    qtbot, province: ProvinceServer, tmp_path: Path
) -> None:
    keys = tmp_path / "usb" / "release-keys"
    assert "key files written" in province.cli("release-keys", str(keys))
    folder = reference_folder(tmp_path / "build-2026.12")
    assert "published" in province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    refused = province.cli_fails(
        "publish-release", "--kind", "reference", "--version", "2026.1", "--keys", str(keys), str(folder)
    )
    assert "not above the last published" in refused
    old_metadata = {p.name: p.read_bytes() for p in (province.releases / "reference" / "metadata").iterdir()}
    data = enrolled_desk_with_a_dossier(tmp_path, province)

    with desk_program(data) as program:  # version N: the shipped reference data
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert MARKER not in receipt_text(qtbot, desk, tmp_path, "before")
        assert sync_now(qtbot, desk) == ["reference 2026.12"]
        assert MARKER not in receipt_text(qtbot, desk, tmp_path, "fetched")  # applied only at the next start
    assert "\treference\t0\t" in province.cli("versions")

    with desk_program(data) as program:  # restarted: version N+1
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert MARKER in receipt_text(qtbot, desk, tmp_path, "applied")
        assert sync_now(qtbot, desk) == []  # nothing newer
    assert "\treference\t2026.12\t" in province.cli("versions")

    # N+2 published, then its archive tampered with on the server: refused, nothing staged
    folder3 = reference_folder(tmp_path / "build-2027.1", marker="Mẫu 2027.1")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2027.1", "--keys", str(keys), str(folder3)
    )
    archive = province.releases / "reference" / "targets" / "motcua-reference-2027.1.tar.gz"
    genuine = archive.read_bytes()
    archive.write_bytes(genuine[:-64] + bytes(64))
    status, said = it_update(data, "check", "--login", "lan")
    assert "reference: refused (tampered)" in said
    assert "2027.1" not in it_update(data, "status")[1]
    # replayed older metadata (what the server signed for 2026.12): refused as a rollback
    metadata = province.releases / "reference" / "metadata"
    for name in ("timestamp.json", "snapshot.json", "targets.json"):
        (metadata / name).write_bytes(old_metadata[name])
    archive.write_bytes(genuine)
    status, said = it_update(data, "check", "--login", "lan")
    assert "reference: refused (rollback)" in said
    assert "2027.1" not in it_update(data, "status")[1]

    with desk_program(data) as program:  # one click back to the shipped version, from the next start
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert desk.screens is not None
        dialog = desk.screens.open_updates()
        assert isinstance(dialog, UpdatesDialog)
        button = dialog.back_buttons["reference"]
        qtbot.waitUntil(button.isEnabled, timeout=10_000)
        assert "2026.12" in dialog.texts["reference"].text()
        click(qtbot, button)
        qtbot.waitUntil(lambda: "motcua" in dialog.outcome.text() and not button.isEnabled(), timeout=10_000)
        dialog.close()
    with desk_program(data) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert MARKER not in receipt_text(qtbot, desk, tmp_path, "rolled-back")
    assert "2026.12 was rolled back" in it_update(data, "status")[1]


def test_a_program_release_takes_over_at_the_next_start_and_can_be_rolled_back(
    province: ProvinceServer, tmp_path: Path
) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    log = tmp_path / "started.txt"
    newer = "99.0"
    province.cli(
        "publish-release",
        "--kind",
        "program",
        "--version",
        newer,
        "--keys",
        str(keys),
        str(program_folder(tmp_path, newer, log)),
    )
    refused = province.cli_fails(
        "publish-release",
        "--kind",
        "program",
        "--version",
        "99.1",
        "--keys",
        str(keys),
        str(tmp_path / "usb"),
    )
    assert "must hold the motcua program" in refused
    data = enrolled_desk_with_a_dossier(tmp_path, province)
    status, said = it_update(data, "check", "--login", "lan")
    assert status == 0 and f"program: {newer} fetched and verified" in said, said
    env = {k: v for k, v in os.environ.items() if k != HANDED_OVER}
    started = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 0, started.stderr
    assert (
        log.read_text().strip() == f"motcua {newer} --data-dir {data}"
    )  # the staged program ran, not this one
    assert f"program: {newer} in use" in it_update(data, "status")[1]
    assert "is used from the next start" in it_update(data, "rollback", "program")[1]
    assert f"program: {app_version()} in use" in it_update(data, "status")[1]


def test_a_cut_download_continues_where_it_stopped(province: ProvinceServer, tmp_path: Path) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    folder = reference_folder(tmp_path / "build")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    genuine = (province.releases / "reference" / "targets" / "motcua-reference-2026.12.tar.gz").read_bytes()
    data = enrolled_desk_with_a_dossier(tmp_path, province)
    targets = data / "updates" / "reference" / "targets"
    targets.mkdir(parents=True)
    (targets / "motcua-reference-2026.12.tar.gz.partial").write_bytes(genuine[: len(genuine) // 2])  # the cut
    status, said = it_update(data, "check", "--login", "lan")
    assert status == 0 and "reference: 2026.12 fetched and verified" in said, said
    log = (province.root / "stderr.txt").read_text(encoding="utf-8")
    assert '"status": 206' in log  # only the rest was asked for (Range), and the whole checked by its hash
    assert (targets / "motcua-reference-2026.12.tar.gz").read_bytes() == genuine


def test_a_commune_without_network_takes_the_release_from_a_usb_file(
    province: ProvinceServer, tmp_path: Path
) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    folder = reference_folder(tmp_path / "build")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    carried = tmp_path / "stick" / "motcua-reference-2026.12.tar"
    carried.parent.mkdir()
    assert "2026.12 written" in province.cli("export-release", "--kind", "reference", str(carried))
    data = new_desk(tmp_path, "offline-desk", province.clock)  # never enrolled, never online
    status, said = it_update(data, "import", str(carried))  # a file never vouches for itself
    assert status != 0 and "refused (untrusted)" in said and "motcua update trust" in said, said
    root = province.releases / "reference" / "metadata" / "1.root.json"  # IT's copy, on its own USB stick
    assert it_update(data, "trust", "reference", str(root))[0] == 0
    tampered = tmp_path / "stick" / "tampered.tar"
    raw = bytearray(carried.read_bytes())
    raw[-20_000] ^= 0xFF  # a byte of the archive, near the end of the file
    tampered.write_bytes(bytes(raw))
    status, said = it_update(data, "import", str(tampered))
    assert status != 0 and "refused (tampered)" in said, said
    assert "2026.12" not in it_update(data, "status")[1]
    status, said = it_update(data, "import", str(tmp_path / "usb" / "release-keys" / "root"))
    assert status != 0 and "cannot be read" in said
    status, said = it_update(data, "import", str(carried))
    assert status == 0 and "reference: 2026.12 verified; applied at the next start" in said, said
    status, said = it_update(data, "import", str(carried))
    assert "nothing newer" in said
