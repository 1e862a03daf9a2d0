"""Windows: the data folder is the local one, and an older version's roaming folder is moved there once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workstation.errors import SettingsError
from workstation.roaming_migration import MOVED_SUFFIX, move_roaming_data
from workstation.settings import default_data_dir, resolve_locations


def _windows_env(tmp_path: Path) -> dict[str, str]:
    return {"APPDATA": str(tmp_path / "Roaming"), "LOCALAPPDATA": str(tmp_path / "Local")}


def _old_desk(roaming: Path) -> None:
    (roaming / "store").mkdir(parents=True)
    (roaming / "workstation.json").write_text('{"language": "vi"}')
    (roaming / "store" / "store.db").write_bytes(b"encrypted pages" * 100)


def test_the_windows_data_folder_is_the_local_one(tmp_path: Path) -> None:
    env = _windows_env(tmp_path)
    local = tmp_path / "Local" / "motcua" / "motcua"
    assert default_data_dir("win32", env) == local
    assert resolve_locations(None, "win32", env).store_folder == local / "store"


@pytest.mark.parametrize("env", [{}, {"LOCALAPPDATA": "relative\\folder"}])
def test_a_relative_or_missing_local_folder_is_refused_in_words(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match="--data-dir"):
        default_data_dir("win32", env)


def test_the_roaming_store_moves_to_the_local_folder_at_the_first_start(tmp_path: Path) -> None:
    env = _windows_env(tmp_path)
    roaming = tmp_path / "Roaming" / "motcua" / "motcua"
    _old_desk(roaming)
    before = (roaming / "store" / "store.db").read_bytes()
    locations = resolve_locations(None, "win32", env)
    assert locations.store_folder == tmp_path / "Local" / "motcua" / "motcua" / "store"
    assert (locations.store_folder / "store.db").read_bytes() == before
    assert locations.settings_file.read_text() == '{"language": "vi"}'
    assert not roaming.exists()
    assert resolve_locations(None, "win32", env) == locations  # the second start finds nothing to move


def test_a_local_folder_with_data_is_never_overwritten(tmp_path: Path) -> None:
    env = _windows_env(tmp_path)
    _old_desk(tmp_path / "Roaming" / "motcua" / "motcua")
    local = tmp_path / "Local" / "motcua" / "motcua"
    local.mkdir(parents=True)
    (local / "workstation.json").write_text("{}")
    assert resolve_locations(None, "win32", env).settings_file.read_text() == "{}"
    assert (tmp_path / "Roaming" / "motcua" / "motcua" / "store" / "store.db").exists()


def test_when_rename_fails_the_folder_is_copied_and_the_old_one_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roaming, local = tmp_path / "Roaming" / "m", tmp_path / "Local" / "m"
    _old_desk(roaming)
    real_replace = os.replace

    def cross_disk(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(src) == roaming and Path(dst) == local:
            raise OSError(18, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", cross_disk)
    outcome = move_roaming_data(local, roaming)
    assert outcome.action == "copied" and outcome.folder == local
    assert (local / "store" / "store.db").exists()
    assert not roaming.exists() and (roaming.with_name("m" + MOVED_SUFFIX) / "store" / "store.db").exists()


def test_when_nothing_can_move_the_desk_keeps_the_roaming_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roaming, local = tmp_path / "Roaming" / "m", tmp_path / "Local" / "m"
    _old_desk(roaming)

    def held_open(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", held_open)
    outcome = move_roaming_data(local, roaming)
    assert (outcome.folder, outcome.action) == (roaming, "kept")
    assert (roaming / "store" / "store.db").exists()
    assert not local.exists() or not any(local.iterdir())
    assert not local.with_name("m.partial").exists()
