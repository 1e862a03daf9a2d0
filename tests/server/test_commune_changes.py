"""A commune renamed or merged on the server (both databases), and the list a reference release carries."""

from __future__ import annotations

import io
import itertools

import pytest

from dossiers.commune_list import parse_commune_list
from server.cli import main
from server.communes import commune_list, merge_commune, rename_commune
from server.errors import BadInput, UnknownCommune
from server.releases import check_release_folder
from server.storage.interface import ServerStorage


def test_renamed_and_merged_communes_are_in_the_published_list(storage: ServerStorage) -> None:
    assert rename_commune(storage, "70", " Phường Hồ Gươm ").name == "Phường Hồ Gươm"
    with pytest.raises(BadInput, match="the name is empty"):
        rename_commune(storage, "00070", "   ")
    with pytest.raises(UnknownCommune):
        rename_commune(storage, "25747", "Phường Khác")  # official code, but not a commune of this server
    assert merge_commune(storage, "00004", "00070").merged_into == "00070"
    assert merge_commune(storage, "00070", "00008").merged_into == "00008"
    assert storage.get_commune("00004").merged_into == "00008"  # merged into 00070: now into 00008 with it
    with pytest.raises(BadInput, match="merged into 00008: merge into that one"):
        merge_commune(storage, "00025", "00070")
    with pytest.raises(BadInput, match="into itself"):
        merge_commune(storage, "00008", "00008")
    listed = commune_list(storage)
    assert listed is not None and parse_commune_list(listed.to_json()) == listed
    assert listed.commune("00070").name == "Phường Hồ Gươm"  # type: ignore[union-attr]
    assert listed.province("01").name == "Thành phố Hà Nội"  # type: ignore[union-attr]
    assert [c.code for c in listed.communes if c.merged_into] == ["00004", "00070"]
    assert merge_commune(storage, "00070", None).merged_into is None
    assert storage.get_commune("00004").merged_into == "00008"


def test_a_server_without_communes_publishes_no_list(bare_storage: ServerStorage) -> None:
    bare_storage.migrate()
    assert commune_list(bare_storage) is None


def test_a_release_folder_with_a_broken_communes_list_is_refused(tmp_path) -> None:
    folder = tmp_path / "reference" / "communes"
    folder.mkdir(parents=True)
    (folder / "communes.json").write_text(
        '{"format": "motcua-communes", "version": 1, "provinces": [{"code": "01", "name": "Hà Nội"}],'
        ' "communes": [{"code": "00070", "province_code": "01", "name": "A"},'
        ' {"code": "00070", "province_code": "01", "name": "B"}]}',
        encoding="utf-8",
    )
    with pytest.raises(BadInput, match="communes list in the release is not valid: .*00070 is listed twice"):
        check_release_folder("reference", folder.parent)


def test_an_enrolment_code_for_a_merged_commune_says_so(tmp_path) -> None:
    config = tmp_path / "server.toml"
    config.write_text(f'[server]\ndatabase = "sqlite:///{tmp_path}/server.db"\n', encoding="utf-8")

    ids = (f"code-{n}" for n in itertools.count())

    def cli(*args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        status = main(["--config", str(config), *args], stdout=out, stderr=err, new_id=lambda: next(ids))
        assert status == 0, err.getvalue()
        return out.getvalue()

    cli("create-communes", "--province", "01")
    assert "note:" not in cli("enrol-code", "--commune", "00070")
    assert "00070: merged into 00004" in cli("merge-commune", "--commune", "00070", "--into", "00004")
    assert "note: commune 00070 was merged into 00004" in cli("enrol-code", "--commune", "00070")
    assert "00070: not merged" in cli("merge-commune", "--commune", "00070", "--undo")
