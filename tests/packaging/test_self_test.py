"""``motcua self-test`` from source, in a subprocess: exit status 0 and the report; failures are reported."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys

import pytest

from workstation.it_commands.console import Console
from workstation.it_commands.self_test import SelfTestFailure, SelfTestReport, _Run, run_self_test_command

STEPS = ("resources", "encrypted store", "save and search", "reopen", "main window", "receipt PDF")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.parametrize("args", [("self-test",), ("--self-test",)])
def test_self_test_passes_from_source_and_prints_its_report(args: tuple[str, ...]) -> None:
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("motcua self-test (") and "from source" in lines[0]
    for step in STEPS:
        assert any(line.startswith(f"  [ok] {step}: ") for line in lines), step
    assert lines[-1] == "self-test passed"
    assert "FAILED" not in result.stdout
    [receipt] = [line for line in lines if line.startswith("  [ok] receipt PDF: ")]
    assert "2 pages for 2 copies" in receipt  # read back from the PDF: one page per copy


def test_self_test_leaves_no_temporary_folder_behind(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "self-test"], capture_output=True, text=True, timeout=180, env=env
    )
    assert result.returncode == 0, result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("motcua-self-test-")]


def test_a_failing_step_stops_the_run_and_gives_the_reason() -> None:
    report = SelfTestReport()
    run = _Run(report, debug=False)
    ran: list[str] = []
    run.step("first", lambda: "fine")

    def broken() -> str:
        raise SelfTestFailure("the database file is not encrypted")

    run.step("second", broken)
    run.step("third", lambda: ran.append("third") or "never")
    assert not report.ok and ran == []
    assert [name for name, _, _ in report.steps] == ["first", "second"]
    assert report.first_failure() == "second: SelfTestFailure: the database file is not encrypted"
    assert (
        report.lines()[-1] == "self-test FAILED: second: SelfTestFailure: the database file is not encrypted"
    )
    assert not SelfTestReport().ok  # no step run is no pass


def test_the_command_prints_the_report_and_returns_0() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_self_test_command(Console(out=out, err=err)) == 0
    assert out.getvalue().rstrip().endswith("self-test passed") and err.getvalue() == ""


def test_the_receipt_step_fails_when_a_copy_runs_over_its_page(qapp, tmp_path) -> None:  # noqa: ANN001
    from desktop.self_test_steps import receipt_pdf
    from dossiers.catalogue import DocumentForm, RequiredDocument
    from tests.helpers.dossier_desks import CATALOGUE
    from tests.helpers.form_dossiers import make_dossier
    from workstation.it_commands.self_test import TEST_NAME, SelfTestState

    birth = CATALOGUE.get("1.001193")
    dossier = make_dossier(received_by_name=TEST_NAME)
    fine = receipt_pdf(SelfTestState(tmp_path, {"dossier": dossier, "procedure": birth}))
    assert "2 pages for 2 copies" in fine
    long_list = tuple(RequiredDocument(f"Giấy tờ số {i}", DocumentForm.PHOTOCOPY) for i in range(40))
    too_long = dataclasses.replace(birth, documents=long_list)
    with pytest.raises(SelfTestFailure, match="pages for 2 copies"):
        receipt_pdf(SelfTestState(tmp_path, {"dossier": dossier, "procedure": too_long}))
