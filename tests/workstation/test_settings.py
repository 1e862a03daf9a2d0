"""Plain settings file (before unlock) and site settings (inside the encrypted store)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.store import Store, get_meta
from tests.helpers.workstations import Clock, hanoi_site, ids
from workstation.settings import (
    DEFAULT_FONT_POINTS,
    MAX_FONT_POINTS,
    MIN_FONT_POINTS,
    SETTINGS_FILE_NAME,
    SITE_META_KEY,
    LocalSettings,
    Locations,
    SettingsError,
    SiteSettings,
    default_data_dir,
    load_local_settings,
    office_week,
    read_site_settings,
    resolve_locations,
    save_local_settings,
    store_folder_for,
    write_site_settings,
)

KEY = bytes(range(32))


def test_local_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "workstation.json"
    settings = LocalSettings(language="en", font_points=14, data_dir="D:\\motcua")
    save_local_settings(path, settings)
    assert load_local_settings(path) == settings
    doc = json.loads(path.read_text("utf-8"))
    assert set(doc) == {"format", "version", "language", "font_points", "data_dir"}


def test_local_settings_defaults_when_missing_or_damaged(tmp_path: Path) -> None:
    assert load_local_settings(tmp_path / "absent.json") == LocalSettings()
    assert LocalSettings().language == "vi"
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b"\xff\xfe not json")
    assert load_local_settings(damaged) == LocalSettings()
    damaged.write_text('{"format": "something else", "language": "en"}')
    assert load_local_settings(damaged) == LocalSettings()


def test_local_settings_keep_the_good_values_of_a_partly_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps({"format": "motcua-workstation-settings", "language": "fr", "font_points": 16})
    )
    assert load_local_settings(path) == LocalSettings(language="vi", font_points=16)


@pytest.mark.parametrize(
    "changes",
    [
        {"language": "fr"},
        {"font_points": MIN_FONT_POINTS - 1},
        {"font_points": MAX_FONT_POINTS + 1},
        {"font_points": 12.5},
        {"font_points": True},
        {"data_dir": "  "},
    ],
)
def test_local_settings_refuse_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(SettingsError):
        LocalSettings(**changes)  # type: ignore[arg-type]


@given(
    language=st.sampled_from(["vi", "en"]),
    points=st.integers(MIN_FONT_POINTS, MAX_FONT_POINTS),
    data_dir=st.none() | st.text(min_size=1).filter(str.strip),
)
def test_local_settings_json_round_trip(language: str, points: int, data_dir: str | None) -> None:
    settings = LocalSettings(language, points, data_dir)
    assert LocalSettings.from_json(settings.to_json()) == settings


def test_locations(tmp_path: Path, qapp) -> None:
    locations = resolve_locations(tmp_path)
    assert locations == Locations(tmp_path / SETTINGS_FILE_NAME, tmp_path / "store")
    assert store_folder_for(locations, LocalSettings()) == tmp_path / "store"
    assert store_folder_for(locations, LocalSettings(data_dir=str(tmp_path / "elsewhere"))) == (
        tmp_path / "elsewhere" / "store"
    )
    assert resolve_locations(None).settings_file.parent == default_data_dir()
    assert LocalSettings().font_points == DEFAULT_FONT_POINTS


def test_site_settings_round_trip_and_opening_hours() -> None:
    site = hanoi_site(week=office_week(saturday_morning=True), receive_only={5}, auto_lock_minutes=5)
    again = SiteSettings.from_json(site.to_json())
    assert again == site
    hours = again.opening_hours()
    assert hours.working_weekdays == frozenset(range(5))
    assert hours.week[5][0].start == dt.time(7, 30)
    assert 5 in hours.receive_only


@pytest.mark.parametrize(
    "changes",
    [
        {"agency_id": "h22 000"},
        {"agency_id": ""},
        {"commune_code": 0},
        {"province_code": "1"},
        {"commune_name": " "},
        {"auto_lock_minutes": 0},
        {"auto_lock_minutes": 241},
        {"week": office_week()[:6]},
        {"week": ((),) * 7},
        {"week": ((dt.time(9), dt.time(8)),) * 5 + ((), ())},
        {"receive_only": {6}},
    ],
)
def test_site_settings_refuse_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(SettingsError):
        hanoi_site(**changes)


@pytest.mark.parametrize("text", ["not json", "{}", '{"version": 99}', '{"version": 1, "week": 3}', "[]"])
def test_damaged_site_settings_are_a_settings_error(text: str) -> None:
    with pytest.raises(SettingsError):
        SiteSettings.from_json(text)


def test_site_settings_live_in_the_encrypted_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s", KEY, now=Clock(), new_id=ids().__next__, create=True) as store:
        with store.reader() as conn:
            assert read_site_settings(conn) is None
        site = hanoi_site(auto_lock_minutes=3)
        write_site_settings(store, site).result(timeout=10)
        with store.reader() as conn:
            assert read_site_settings(conn) == site
            assert json.loads(get_meta(conn, SITE_META_KEY) or "")["commune_code"] == 70
    assert "Hoàn Kiếm".encode() not in (tmp_path / "s" / "store.db").read_bytes()
