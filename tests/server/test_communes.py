"""The official list of provinces and communes."""

from __future__ import annotations

import pytest
from vietnam_provinces import Province as OfficialProvince
from vietnam_provinces import Ward

from server.communes import commune_code, official_communes, official_province, province_code
from server.errors import UnknownCommune, UnknownProvince


def test_the_whole_country_is_there() -> None:
    provinces = list(OfficialProvince.iter_all())
    assert len(provinces) == 34
    assert sum(len(official_communes(int(p.code))) for p in provinces) == len(list(Ward.iter_all())) == 3321


def test_codes_are_normalised() -> None:
    assert province_code(1) == province_code("1") == province_code(" 01 ") == "01"
    assert commune_code("4") == commune_code(4) == "00004"
    assert official_province("01").name == "Thành phố Hà Nội"
    first = official_communes("01")[0]
    assert (first.code, first.province_code, first.agency) == ("00004", "01", "00004")
    assert first.division_type in {"xã", "phường", "đặc khu"}


@pytest.mark.parametrize("bad", ["99", "", "abc", "1" * 40, "-1", "1.0", "٣", True])
def test_unknown_codes_are_refused(bad: object) -> None:
    with pytest.raises(UnknownProvince):
        province_code(bad)  # type: ignore[arg-type]
    with pytest.raises(UnknownCommune):
        commune_code(bad if bad != "99" else "99999")  # type: ignore[arg-type]
