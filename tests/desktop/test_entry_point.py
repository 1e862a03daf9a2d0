"""The real entry point starts and shows the main window."""

from __future__ import annotations

import subprocess
import sys

from desktop.__main__ import build_parser, main
from desktop.main_window import MainWindow


def test_main_window_shows(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "motcua" in window.windowTitle()


def test_version_flag(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("motcua ")


def test_console_script_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "motcua" in result.stdout


def test_data_dir_option(tmp_path) -> None:
    assert build_parser().parse_args(["--data-dir", str(tmp_path)]).data_dir == tmp_path
    assert build_parser().parse_args([]).data_dir is None
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "--data-dir" in result.stdout
