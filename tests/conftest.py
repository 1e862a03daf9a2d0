"""Test-wide settings (Qt offscreen, Hypothesis profiles) and the fixtures every part uses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers.workstations import PASSPHRASE, Clock, hanoi_site, ids
from workstation.opening import DeskSession, create_workstation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "nightly", deadline=None, max_examples=5000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def workstation(tmp_path: Path, clock: Clock) -> Iterator[tuple[Path, DeskSession]]:
    """A data folder holding a created store (clerk ``lan``), whose session is closed again."""
    folder = tmp_path / "data" / "store"
    session = create_workstation(
        folder,
        site=hanoi_site(auto_lock_minutes=1),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASSPHRASE,
        recovery_pem=None,
        now=clock,
        new_id=ids().__next__,
    )
    session.store.close()
    yield tmp_path / "data", session
