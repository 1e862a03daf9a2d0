"""The communes list a reference-data release carries: read as documented, refused in words otherwise."""

from __future__ import annotations

import json

import pytest

from dossiers.commune_list import ListedCommune, ListedProvince, make_commune_list, parse_commune_list
from dossiers.errors import CommuneListError

HANOI = {"code": "01", "name": "Thành phố Hà Nội"}


def _doc(*communes: dict, provinces: tuple[dict, ...] = (HANOI,)) -> bytes:
    return json.dumps(
        {"format": "motcua-communes", "version": 1, "provinces": list(provinces), "communes": list(communes)}
    ).encode()


def _commune(code: str, name: str = "Phường Hoàn Kiếm", **more: str) -> dict:
    return {"code": code, "province_code": "01", "name": name, **more}


def test_a_list_reads_back_in_code_order_with_its_mergers() -> None:
    listed = parse_commune_list(
        _doc(_commune("00070", " Phường Hồ Gươm "), _commune("00004", "Phường Ba Đình", merged_into="00070"))
    )
    assert [c.code for c in listed.communes] == ["00004", "00070"]
    assert listed.commune(70) == ListedCommune("00070", "01", "Phường Hồ Gươm")  # stripped
    assert listed.province(1) == ListedProvince("01", "Thành phố Hà Nội")
    assert [c.code for c in listed.current_communes(1)] == ["00070"]  # a picker leaves the merged one out
    assert parse_commune_list(listed.to_json()) == listed


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        (b"{", "not valid JSON"),
        (b'{"format": "motcua-province-days", "version": 1}', '"motcua-communes" version 1'),
        (_doc(_commune("00070"), _commune("00070", "Phường Khác")), "00070 is listed twice"),
        (_doc(_commune("00070", "  ")), "commune entry 1 (00070): the name is empty"),
        (_doc(_commune("00070", "Phường\nHai dòng")), "not one line"),
        (_doc(_commune("70")), "5 digits"),
        (
            _doc({"code": "00070", "province_code": "79", "name": "Phường A"}),
            "province 79 is not in the list",
        ),
        (_doc(_commune("00070", merged_into="00004")), "merged into 00004, which is not a listed commune"),
        (
            _doc(_commune("00070", merged_into="00004"), _commune("00004", "B", merged_into="00001")),
            "which is not a listed commune that still exists",
        ),
        (_doc(), "holds no commune"),
        (_doc(_commune("00070"), provinces=(HANOI, HANOI)), "province code 01 is listed twice"),
    ],
)
def test_a_list_that_cannot_be_used_is_refused_in_words(doc: bytes, words: str) -> None:
    with pytest.raises(CommuneListError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_commune_list(doc)


def test_make_commune_list_checks_what_the_server_builds() -> None:
    with pytest.raises(CommuneListError, match="listed twice"):
        make_commune_list([ListedProvince("01", "Hà Nội")], [ListedCommune("00070", "01", "A")] * 2)
