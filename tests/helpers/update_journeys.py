"""Steps the update journeys share: an enrolled desk holding one dossier, "Sync now", the receipt's text,
and ``motcua update`` as IT types it."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from desktop.dossier_page import DossierWindow
from tests.helpers.enrolled_desks import PASS, draft, it_enrol, new_desk, open_work, unlock
from tests.helpers.journey_steps import click, pdf_text
from tests.helpers.province_releases import ProvinceServer
from tests.helpers.qt_keys import press
from workstation.it_commands import command_line
from workstation.it_commands.console import CommandFailed, Console


def visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def enrolled_desk_with_a_dossier(tmp_path: Path, province: ProvinceServer, commune: str = "00070") -> Path:
    """A desk of ``commune`` (clerk ``lan``) that received one dossier, then was enrolled by IT."""
    data = new_desk(tmp_path, "desk", province.clock, commune=int(commune))  # type: ignore[arg-type]
    session = unlock(data, province.clock)  # type: ignore[arg-type]
    open_work(session, province.clock, "w").desk.receive(draft())  # type: ignore[arg-type]
    session.store.close()
    status, said = it_enrol(data, province, province.code(commune))  # type: ignore[arg-type]
    assert status == 0, said
    return data


def sync_now(qtbot, desk: DeskController) -> list[str]:
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


def receipt_text(qtbot, desk: DeskController, tmp_path: Path, name: str) -> str:
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
    qtbot.waitUntil(lambda: len(visible(DossierWindow)) == 1, timeout=10_000)
    [page] = visible(DossierWindow)
    qtbot.waitUntil(lambda: page.page is not None and page.receipt_button.isEnabled(), timeout=10_000)
    click(qtbot, page.receipt_button)
    qtbot.waitUntil(lambda: page.last_form is not None)
    path = page.save_form_pdf(tmp_path / f"{name}.pdf")
    preview = page.opened_preview
    press(preview, Qt.Key.Key_Escape)  # the print preview the button opened
    qtbot.waitUntil(lambda: not preview.isVisible())
    page.close()
    return pdf_text(path)


def it_update(data: Path, *args: str) -> tuple[int, str]:
    """``motcua update ARGS --data-dir DATA`` (the passphrase typed as ``PASS``): exit status and words."""
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    parsed = command_line.build_parser().parse_args(["update", *args, "--data-dir", str(data)])
    try:
        status = command_line._dispatch(parsed, console, ())  # noqa: SLF001 - the console is the test's
    except CommandFailed as exc:  # what run_it_command prints, with its exit status
        return exc.exit_code, out.getvalue() + err.getvalue() + exc.message
    return status, out.getvalue() + err.getvalue()
