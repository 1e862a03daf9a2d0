"""Staged releases: applied at the next start, one step back kept, a version stepped back from held back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.installed_versions import InstalledVersions, apply_at_start, newer
from workstation.program_handover import HANDED_OVER, program_to_start


def _extracted(root: Path, text: str) -> Path:
    folder = root / f"extract-{text}"
    (folder / "forms").mkdir(parents=True)
    (folder / "forms" / "mau_01.html").write_text(text)
    return folder


def test_a_staged_release_waits_for_the_next_start_then_the_one_before_is_kept(tmp_path: Path) -> None:
    versions = InstalledVersions(tmp_path)
    assert versions.in_use("reference", "0") == "0" and versions.wanted("reference", "2026.1", "0")
    versions.stage("reference", "2026.1", _extracted(tmp_path, "a"))
    assert versions.in_use("reference", "0") == "0"  # not before a start
    assert not versions.wanted("reference", "2026.1", "0")  # already waiting
    assert apply_at_start(tmp_path) == {"program": None, "reference": "2026.1"}
    assert apply_at_start(tmp_path)["reference"] is None  # once
    versions.stage("reference", "2026.2", _extracted(tmp_path, "b"))
    versions.apply_pending("reference")
    state = versions.state("reference")
    assert (state.active, state.previous) == ("2026.2", "2026.1")
    assert (versions.active_dir("reference") / "forms" / "mau_01.html").read_text() == "b"


def test_rolling_back_returns_to_the_one_before_and_holds_the_one_left(tmp_path: Path) -> None:
    versions = InstalledVersions(tmp_path)
    for version, text in (("2026.1", "a"), ("2026.2", "b")):
        versions.stage("reference", version, _extracted(tmp_path, text))
        versions.apply_pending("reference")
    assert versions.roll_back("reference") == "2026.1"
    assert versions.in_use("reference", "0") == "2026.1"
    assert not versions.wanted("reference", "2026.2", "0")  # not fetched again …
    assert versions.wanted("reference", "2026.3", "0")  # … a newer one is
    assert versions.roll_back("reference") is None  # then back to the shipped data
    with pytest.raises(ValueError, match="nothing to go back from"):
        versions.roll_back("reference")


def test_an_unreadable_versions_file_means_the_shipped_version(tmp_path: Path) -> None:
    versions = InstalledVersions(tmp_path)
    folder = versions.kind_dir("reference")
    folder.mkdir(parents=True)
    for junk in ("{", '{"format": "other"}', '{"format": "motcua-installed-versions", "active": 3}'):
        (folder / "state.json").write_text(junk)
        assert versions.state("reference").active is None
        assert versions.in_use("reference", "0") == "0"


def test_a_program_older_than_the_installed_one_is_never_started(tmp_path: Path) -> None:
    versions = InstalledVersions(tmp_path)
    folder = tmp_path / "build"
    folder.mkdir()
    program = folder / "motcua"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    versions.stage("program", "0.5", folder)
    assert program_to_start(tmp_path, "0.4", {}) is not None  # applied now, and newer
    assert program_to_start(tmp_path, "0.6", {}) is None  # an installer brought a newer one
    assert versions.in_use("program", "0.6") == "0.6"
    assert program_to_start(tmp_path, "0.4", {HANDED_OVER: "1"}) is None  # never twice


@pytest.mark.parametrize(
    ("candidate", "than", "expected"),
    [("2026.12", "2026.2", True), ("2026.2", "2026.12", False), ("1.0", None, True), ("junk", "1.0", False)],
)
def test_versions_compare_as_numbers(candidate: str, than: str | None, expected: bool) -> None:
    assert newer(candidate, than) is expected
