"""Updates through the province (issue 15): IT publishes a signed release once; an enrolled desk fetches it in
its sync, verifies it, refuses a tampered copy and replayed older metadata, applies it at its next start,
returns to the version before on one click; the server shows which desk runs which version.

Real parts: the server is ``python -m server`` on 127.0.0.1, set up and fed by its admin CLI
(``release-keys``, ``publish-release``, ``versions``); the desk is the application ``build()`` makes, driven
through its widgets (unlock, "Sync now", Tools → Versions and updates), and ``motcua update`` for IT.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from desktop.dossier_page import DossierWindow
from desktop.updates_dialog import UpdatesDialog
from tests.helpers.enrolled_desks import PASS, draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.journey_steps import click, desk_program, pdf_text, unlock_as
from tests.helpers.province_releases import MARKER, ProvinceServer, program_folder, reference_folder
from tests.helpers.qt_keys import press
from workstation.about import app_version
from workstation.it_commands import command_line
from workstation.it_commands.console import CommandFailed, Console
from workstation.program_handover import HANDED_OVER

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def province(tmp_path: Path) -> Iterator[ProvinceServer]:
    server = ProvinceServer(tmp_path / "province")
    server.start()
    yield server
    server.stop()


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _enrolled_desk_with_a_dossier(tmp_path: Path, province: ProvinceServer) -> Path:
    data = new_desk(tmp_path, "desk", province.clock)
    session = unlock(data, province.clock)
    open_work(session, province.clock, "w").desk.receive(draft())
    session.store.close()
    status, said = it_enrol(data, province, province.code())  # type: ignore[arg-type]
    assert status == 0, said
    return data


def _sync(qtbot, desk: DeskController) -> list[str]:
    """Press "Sync now" once the desk knows its province; gives the releases the sync fetched."""
    assert desk.screens is not None
    controller = desk.screens.sync
    qtbot.waitUntil(
        lambda: controller._factory is not None and controller._releases is not None, timeout=10_000
    )
    staged: list[list[str]] = []
    controller.releases_staged.connect(staged.append)
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        click(qtbot, desk.screens.sync_status.sync_button)
    qtbot.wait(50)  # releases_staged is emitted just before finished
    return [item for batch in staged for item in batch]


def _receipt_text(qtbot, desk: DeskController, tmp_path: Path, name: str) -> str:
    """The dossier's page (Enter on the queue's row), "Print receipt", the receipt saved as PDF: its text."""
    queue = desk.queue
    assert queue is not None
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(  # the row's cells are read in the background, shown as "…" meanwhile
        lambda: any("-" in str(queue.model.index(0, c).data()) for c in range(queue.model.columnCount())),
        timeout=10_000,
    )
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(0, 0))
    press(queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_visible(DossierWindow)) == 1, timeout=10_000)
    [page] = _visible(DossierWindow)
    qtbot.waitUntil(lambda: page.page is not None and page.receipt_button.isEnabled(), timeout=10_000)
    click(qtbot, page.receipt_button)
    qtbot.waitUntil(lambda: page.last_form is not None)
    path = page.save_form_pdf(tmp_path / f"{name}.pdf")
    preview = page.opened_preview
    press(preview, Qt.Key.Key_Escape)  # the print preview the button opened
    qtbot.waitUntil(lambda: not preview.isVisible())
    page.close()
    return pdf_text(path)


def _it(data: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    parsed = command_line.build_parser().parse_args(["update", *args, "--data-dir", str(data)])
    try:
        status = command_line._dispatch(parsed, console, ())  # noqa: SLF001 - the console is the test's
    except CommandFailed as exc:  # what run_it_command prints, with its exit status
        return exc.exit_code, out.getvalue() + err.getvalue() + exc.message
    return status, out.getvalue() + err.getvalue()


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
    data = _enrolled_desk_with_a_dossier(tmp_path, province)

    with desk_program(data) as program:  # version N: the shipped reference data
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert MARKER not in _receipt_text(qtbot, desk, tmp_path, "before")
        assert _sync(qtbot, desk) == ["reference 2026.12"]
        assert MARKER not in _receipt_text(qtbot, desk, tmp_path, "fetched")  # applied only at the next start
    assert "\treference\t0\t" in province.cli("versions")

    with desk_program(data) as program:  # restarted: version N+1
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert MARKER in _receipt_text(qtbot, desk, tmp_path, "applied")
        assert _sync(qtbot, desk) == []  # nothing newer
    assert "\treference\t2026.12\t" in province.cli("versions")

    # N+2 published, then its archive tampered with on the server: refused, nothing staged
    folder3 = reference_folder(tmp_path / "build-2027.1", marker="Mẫu 2027.1")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2027.1", "--keys", str(keys), str(folder3)
    )
    archive = province.releases / "reference" / "targets" / "motcua-reference-2027.1.tar.gz"
    genuine = archive.read_bytes()
    archive.write_bytes(genuine[:-64] + bytes(64))
    status, said = _it(data, "check", "--login", "lan")
    assert "reference: refused (tampered)" in said
    assert "2027.1" not in _it(data, "status")[1]
    # replayed older metadata (what the server signed for 2026.12): refused as a rollback
    metadata = province.releases / "reference" / "metadata"
    for name in ("timestamp.json", "snapshot.json", "targets.json"):
        (metadata / name).write_bytes(old_metadata[name])
    archive.write_bytes(genuine)
    status, said = _it(data, "check", "--login", "lan")
    assert "reference: refused (rollback)" in said
    assert "2027.1" not in _it(data, "status")[1]

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
        assert MARKER not in _receipt_text(qtbot, desk, tmp_path, "rolled-back")
    assert "2026.12 was rolled back" in _it(data, "status")[1]


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
    data = _enrolled_desk_with_a_dossier(tmp_path, province)
    status, said = _it(data, "check", "--login", "lan")
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
    assert f"program: {newer} in use" in _it(data, "status")[1]
    assert "is used from the next start" in _it(data, "rollback", "program")[1]
    assert f"program: {app_version()} in use" in _it(data, "status")[1]


def test_a_cut_download_continues_where_it_stopped(province: ProvinceServer, tmp_path: Path) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    folder = reference_folder(tmp_path / "build")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    genuine = (province.releases / "reference" / "targets" / "motcua-reference-2026.12.tar.gz").read_bytes()
    data = _enrolled_desk_with_a_dossier(tmp_path, province)
    targets = data / "updates" / "reference" / "targets"
    targets.mkdir(parents=True)
    (targets / "motcua-reference-2026.12.tar.gz.partial").write_bytes(genuine[: len(genuine) // 2])  # the cut
    status, said = _it(data, "check", "--login", "lan")
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
    status, said = _it(data, "import", str(carried))  # a file never vouches for itself
    assert status != 0 and "refused (untrusted)" in said and "motcua update trust" in said, said
    root = province.releases / "reference" / "metadata" / "1.root.json"  # IT's copy, on its own USB stick
    assert _it(data, "trust", "reference", str(root))[0] == 0
    tampered = tmp_path / "stick" / "tampered.tar"
    raw = bytearray(carried.read_bytes())
    raw[-20_000] ^= 0xFF  # a byte of the archive, near the end of the file
    tampered.write_bytes(bytes(raw))
    status, said = _it(data, "import", str(tampered))
    assert status != 0 and "refused (tampered)" in said, said
    assert "2026.12" not in _it(data, "status")[1]
    status, said = _it(data, "import", str(tmp_path / "usb" / "release-keys" / "root"))
    assert status != 0 and "cannot be read" in said
    status, said = _it(data, "import", str(carried))
    assert status == 0 and "reference: 2026.12 verified; applied at the next start" in said, said
    status, said = _it(data, "import", str(carried))
    assert "nothing newer" in said
