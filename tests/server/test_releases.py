"""The province's releases on the server: checked before they are signed, served only to enrolled desks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resources import RESOURCES_DIR
from server.errors import BadInput
from server.releases import (
    check_release_folder,
    latest_version,
    make_release_keys,
    publish_release,
    release_file,
)
from server.update_routes import reported_versions


def _reference(root: Path) -> Path:
    folder = root / "ref"
    shutil.copytree(RESOURCES_DIR / "forms", folder / "forms")
    shutil.copytree(RESOURCES_DIR / "catalogue", folder / "catalogue")
    return folder


def test_a_reference_release_holds_only_complete_replaceable_folders(tmp_path: Path) -> None:
    folder = _reference(tmp_path)
    check_release_folder("reference", folder)
    (folder / "forms" / "mau_03.html").unlink()
    with pytest.raises(BadInput, match="mau_03.html"):
        check_release_folder("reference", folder)
    shutil.copy(RESOURCES_DIR / "forms" / "mau_03.html", folder / "forms")
    (folder / "catalogue" / "procedures.json").write_text("{not json")
    with pytest.raises(BadInput, match="catalogue in the release is not valid"):
        check_release_folder("reference", folder)
    (folder / "scripts").mkdir()
    with pytest.raises(BadInput, match="also holds scripts"):
        check_release_folder("reference", folder)
    with pytest.raises(BadInput, match="motcua program"):
        check_release_folder("program", folder)
    with pytest.raises(BadInput, match="kind of release"):
        check_release_folder("plugin", folder)


def test_keys_are_made_once_and_versions_only_go_up(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    made = make_release_keys(keys)
    assert {p.name for p in made} >= {"root", "root.pub", "timestamp", "targets.pub"}
    assert all(oct(p.stat().st_mode)[-3:] == "600" for p in made)
    with pytest.raises(BadInput, match="never overwritten"):
        make_release_keys(keys)
    releases = tmp_path / "releases"
    folder = _reference(tmp_path)
    for bad in ("x.y", "1.0+local"):
        with pytest.raises(BadInput):
            publish_release(releases, "reference", folder, bad, keys)
    publish_release(releases, "reference", folder, "2026.12", keys)
    assert latest_version(releases, "reference") == "2026.12"
    with pytest.raises(BadInput, match="not above the last published"):
        publish_release(releases, "reference", folder, "2026.2", keys)
    with pytest.raises(BadInput, match="no root key"):
        publish_release(releases, "reference", folder, "2027.1", tmp_path / "ref")
    assert release_file(releases, "reference", "metadata", "1.root.json") is not None
    for kind, part, name in (
        ("reference", "metadata", "../../keys/root"),
        ("reference", "keys", "root"),
        ("plugin", "metadata", "1.root.json"),
        ("reference", "metadata", ".hidden"),
    ):
        assert release_file(releases, kind, part, name) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("program=0.2.0; reference=2026.12", {"program": "0.2.0", "reference": "2026.12"}),
        ("program=0.2.0;garbage;other=1", {"program": "0.2.0"}),
        ("reference=" + "9" * 100, {}),
        (None, {}),
        ("program=<script>", {}),
    ],
)
def test_reported_versions_are_read_strictly(header: str | None, expected: dict[str, str]) -> None:
    assert reported_versions(header) == expected
