"""A changed communes list reaches the desks as reference data (issue 15): IT renames a commune on the live
provincial server (``rename-commune``) and publishes the reference data (``publish-release``, which adds the
server's communes list); the desk fetches it in its sync, and from its next start shows and prints the new
name. A merger (``merge-commune``) is told to the clerk, never a silent change of commune; a tampered or
replayed older package is refused. A new PC given the release on a USB stick lists the province's communes in
its first-run wizard; a desk of another province refuses that list (it lacks its commune).

Real parts: ``python -m server`` on 127.0.0.1 fed by its admin CLI; the desk as ``build()`` makes it, driven
through its widgets; ``motcua update`` for IT.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.helpers.enrolled_desks import PASS
from tests.helpers.journey_steps import desk_program, unlock_as
from tests.helpers.province_releases import ProvinceServer, reference_folder
from tests.helpers.qt_keys import press, type_text
from tests.helpers.update_journeys import enrolled_desk_with_a_dossier, it_update, receipt_text, sync_now
from workstation.settings import SETTINGS_FILE_NAME, CommuneIdentity, LocalSettings, save_local_settings

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
NEW_NAME = "Phường Hồ Gươm"


@pytest.fixture
def province(tmp_path: Path) -> Iterator[ProvinceServer]:
    server = ProvinceServer(tmp_path / "province")
    server.start()
    yield server
    server.stop()


def test_a_renamed_commune_reaches_the_desk_through_the_reference_data(
    qtbot, province: ProvinceServer, tmp_path: Path
) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    data = enrolled_desk_with_a_dossier(tmp_path, province)
    folder = reference_folder(tmp_path / "build", marker=None)  # the forms and catalogue as shipped

    said = province.cli(
        "rename-commune", "--commune", "00070", "--name", f"  {NEW_NAME} "
    )  # on the live server
    assert f"00070: now named {NEW_NAME}" in said
    assert "name is empty" in province.cli_fails("rename-commune", "--commune", "00070", "--name", " ")
    with_communes = folder.parent / "with-communes"
    shutil.copytree(folder, with_communes / "reference")
    (with_communes / "reference" / "communes").mkdir()
    refused = province.cli_fails(  # the list is the server's own, never a folder's
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys),
        str(with_communes / "reference"),
    )  # fmt: skip
    assert "comes from the server's own" in refused
    said = province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    assert "with the server's list of 126 communes" in said and "reference 2026.12 published" in said

    with desk_program(data) as program:  # still the shipped list: the name the desk was set up with
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        assert NEW_NAME not in receipt_text(qtbot, desk, tmp_path, "before")
        assert sync_now(qtbot, desk) == ["reference 2026.12"]
    assert "this desk's commune 00070: Phường Hoàn Kiếm" in it_update(data, "status")[1]  # applied at start

    with desk_program(data) as program:  # restarted: the province's list is in use
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        window = desk.window
        assert window is not None
        qtbot.waitUntil(lambda: NEW_NAME in window.windowTitle(), timeout=10_000)
        receipt = receipt_text(qtbot, desk, tmp_path, "renamed")
        assert "hồ gươm" in receipt.lower(), receipt  # "Ủy ban nhân dân phường Hồ Gươm"
        assert desk.commune_notice is not None and desk.commune_notice.isHidden()
    status = it_update(data, "status")[1]
    assert "communes: the province's list (126 communes)" in status
    assert f"this desk's commune 00070: {NEW_NAME}" in status

    # the commune is merged into Ba Đình: the desk keeps its code and name, and says so
    assert "00070: merged into 00004" in province.cli(
        "merge-commune", "--commune", "00070", "--into", "00004"
    )
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2027.1", "--keys", str(keys), str(folder)
    )
    old_metadata = {p.name: p.read_bytes() for p in (province.releases / "reference" / "metadata").iterdir()}
    status, said = it_update(data, "check", "--login", "lan")
    assert status == 0 and "reference: 2027.1 fetched and verified" in said, said
    with desk_program(data) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.commune_notice is not None, timeout=10_000)
        notice = desk.commune_notice
        assert notice is not None and not notice.isHidden()
        words = notice.label.text()
        assert "sáp nhập vào Phường Ba Đình (00004)" in words, words  # in the clerk's language
        assert "vẫn làm việc với mã 00070" in words, words
        assert "hồ gươm" in receipt_text(qtbot, desk, tmp_path, "merged").lower()  # no silent change
    assert "was merged into Phường Ba Đình (00004)" in it_update(data, "status")[1]

    # a tampered package is refused; so is the older one the server signed before (replayed metadata)
    province.cli("merge-commune", "--commune", "00070", "--undo")
    province.cli("rename-commune", "--commune", "00070", "--name", "Phường Gươm Mới")
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2027.2", "--keys", str(keys), str(folder)
    )
    archive = province.releases / "reference" / "targets" / "motcua-reference-2027.2.tar.gz"
    genuine = archive.read_bytes()
    archive.write_bytes(genuine[:-64] + bytes(64))
    assert "reference: refused (tampered)" in it_update(data, "check", "--login", "lan")[1]
    metadata = province.releases / "reference" / "metadata"
    for name in ("timestamp.json", "snapshot.json", "targets.json"):
        (metadata / name).write_bytes(old_metadata[name])
    archive.write_bytes(genuine)
    assert "reference: refused (rollback)" in it_update(data, "check", "--login", "lan")[1]
    status = it_update(data, "status")[1]
    assert "2027.2" not in status and "Gươm Mới" not in status


def test_a_usb_release_lists_the_provinces_communes_in_a_new_desk_and_another_province_refuses_it(
    qtbot, province: ProvinceServer, tmp_path: Path
) -> None:
    keys = tmp_path / "usb" / "release-keys"
    province.cli("release-keys", str(keys))
    province.cli("rename-commune", "--commune", "00070", "--name", NEW_NAME)
    province.cli("merge-commune", "--commune", "00073", "--into", "00070")  # Phường Cửa Nam joins it
    folder = reference_folder(tmp_path / "build", marker=None)
    province.cli(
        "publish-release", "--kind", "reference", "--version", "2026.12", "--keys", str(keys), str(folder)
    )
    carried = tmp_path / "stick" / "motcua-reference-2026.12.tar"
    carried.parent.mkdir()
    province.cli("export-release", "--kind", "reference", str(carried))
    data = tmp_path / "new-pc"  # IT prepares a new PC before the clerk's first run
    root = province.releases / "reference" / "metadata" / "1.root.json"
    assert it_update(data, "trust", "reference", str(root))[0] == 0
    status, said = it_update(data, "import", str(carried))
    assert status == 0 and "reference: 2026.12 verified" in said, said

    with desk_program(data) as program:  # the release is applied at this start, before the wizard
        desk = program.controller
        qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible(), timeout=20_000)
        assert desk.wizard is not None
        page = desk.wizard.commune_page
        assert "tỉnh của bạn công bố (125 xã, phường)" in page.intro.text()  # not "the official one"
        picker = page.picker
        assert picker.province_list.visible_names() == ["Thành phố Hà Nội"]  # the province's list only
        type_text(picker.province_list.search, "ha noi")
        press(picker.province_list.search, Qt.Key.Key_Down)
        type_text(picker.commune_list.search, "gươm")
        assert picker.commune_list.visible_names() == [NEW_NAME]
        picker.commune_list.search.clear()
        names = picker.commune_list.visible_names()
        assert len(names) == 125 and "Phường Cửa Nam" not in names and "Phường Hoàn Kiếm" not in names

    # the wrong USB stick: a desk of another province refuses a list without its own commune
    other = tmp_path / "other-province"
    commune = CommuneIdentity(79, "Thành phố Hồ Chí Minh", 25747, "Phường Thủ Dầu Một")
    save_local_settings(other / SETTINGS_FILE_NAME, LocalSettings(commune=commune))  # as its set-up left it
    assert it_update(other, "trust", "reference", str(root))[0] == 0
    status, said = it_update(other, "import", str(carried))
    assert status != 0 and "refused (communes)" in said and "this desk's commune 25747" in said, said
    assert "2026.12" not in it_update(other, "status")[1]
