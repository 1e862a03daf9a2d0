"""``motcua sync-interval``: IT sets how often the desk syncs by itself; the desk reads it at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.__main__ import main as motcua
from workstation.settings import DEFAULT_SYNC_INTERVAL_SECONDS, load_local_settings, resolve_locations
from workstation.sync_schedule import AutoSync


def test_it_sets_shows_and_turns_off_the_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = resolve_locations(tmp_path).settings_file
    assert motcua(["sync-interval", "--data-dir", str(tmp_path)]) == 0
    assert f"every {DEFAULT_SYNC_INTERVAL_SECONDS} s" in capsys.readouterr().out
    assert motcua(["sync-interval", "--data-dir", str(tmp_path), "120"]) == 0
    assert load_local_settings(settings).sync_interval_seconds == 120
    assert AutoSync.every(120) == AutoSync(120, probe=30)
    assert motcua(["sync-interval", "--data-dir", str(tmp_path), "1"]) == 1  # too often: refused
    assert "0 (off) or 2 to 86400 seconds" in capsys.readouterr().err
    assert load_local_settings(settings).sync_interval_seconds == 120  # unchanged
    assert motcua(["sync-interval", "--data-dir", str(tmp_path), "0"]) == 0
    assert "off" in capsys.readouterr().out and load_local_settings(settings).sync_interval_seconds == 0
    assert AutoSync.every(0).interval == 0
