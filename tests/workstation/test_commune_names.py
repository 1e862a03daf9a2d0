"""The desk's communes list: the official one until a reference-data release brings the province's; the
desk's own commune keeps its code (renamed: new name; merged: said, not changed); a release whose list lacks
it is refused before it is staged."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.commune_picker import communes_of, provinces
from dossiers.commune_list import CommuneList, ListedCommune, ListedProvince, make_commune_list
from resources import use_reference_data
from tests.helpers.enrolled_desks import site
from workstation.commune_names import desk_commune_list, official_commune_list, site_as_listed
from workstation.errors import UpdateRefused
from workstation.release_updates import check_reference_communes
from workstation.settings import SETTINGS_FILE_NAME, CommuneIdentity, LocalSettings, save_local_settings

HANOI = ListedProvince("01", "Thành phố Hà Nội")


def _list(*communes: ListedCommune) -> CommuneList:
    return make_commune_list([HANOI], communes)


def _release(root: Path, listed: CommuneList) -> Path:
    (root / "communes").mkdir(parents=True)
    (root / "communes" / "communes.json").write_text(listed.to_json(), encoding="utf-8")
    return root


@pytest.fixture
def reference(tmp_path: Path):
    yield lambda listed: use_reference_data(_release(tmp_path / "reference", listed))
    use_reference_data(None)


def test_the_official_list_is_used_until_the_province_sends_one(reference) -> None:
    assert desk_commune_list() is official_commune_list()
    assert len(official_commune_list().communes) == 3321
    reference(
        _list(
            ListedCommune("00070", "01", "Phường Hồ Gươm"),
            ListedCommune("00004", "01", "Phường Ba Đình", merged_into="00070"),
        )
    )
    assert [p.name for p in provinces()] == ["Thành phố Hà Nội"]
    assert [c.name for c in communes_of(1)] == ["Phường Hồ Gươm"]  # the picker: new names, no merged one


def test_the_desk_prints_its_commune_as_listed_and_keeps_its_code() -> None:
    renamed, standing = site_as_listed(site(), _list(ListedCommune("00070", "01", "Phường Hồ Gươm")))
    assert (renamed.commune_code, renamed.commune_name) == (70, "Phường Hồ Gươm") and standing.words() is None
    merged_list = _list(
        ListedCommune("00070", "01", "Phường Hoàn Kiếm", merged_into="00004"),
        ListedCommune("00004", "01", "Phường Ba Đình"),
    )
    kept, standing = site_as_listed(site(), merged_list)
    assert (kept.commune_code, kept.commune_name) == (70, "Phường Hoàn Kiếm")
    assert "merged into Phường Ba Đình (00004); this desk still works as 00070" in (standing.words() or "")
    absent, standing = site_as_listed(site(), _list(ListedCommune("00004", "01", "Phường Ba Đình")))
    assert absent == site() and "is not in the province's communes list" in (standing.words() or "")


def test_a_release_whose_list_lacks_the_desks_commune_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    identity = CommuneIdentity(1, "Thành phố Hà Nội", 70, "Phường Hoàn Kiếm")
    save_local_settings(data / SETTINGS_FILE_NAME, LocalSettings(commune=identity))
    lacking = _release(tmp_path / "lacking", _list(ListedCommune("00004", "01", "Phường Ba Đình")))
    with pytest.raises(UpdateRefused, match="does not hold this desk's commune 00070") as refused:
        check_reference_communes(lacking, data)
    assert refused.value.reason == "communes"
    damaged = tmp_path / "damaged"
    (damaged / "communes").mkdir(parents=True)
    (damaged / "communes" / "communes.json").write_text('{"format": "motcua-communes"}', encoding="utf-8")
    with pytest.raises(UpdateRefused, match="communes list cannot be used"):
        check_reference_communes(damaged, data)
    merged = _list(
        ListedCommune("00070", "01", "Phường Hoàn Kiếm", merged_into="00004"),
        ListedCommune("00004", "01", "Phường Ba Đình"),
    )
    check_reference_communes(_release(tmp_path / "merged", merged), data)  # listed, merged: accepted
    check_reference_communes(lacking, tmp_path / "not-set-up")  # no commune chosen yet: nothing to cover
