"""Every tr() string of desktop/ has a finished Vietnamese translation; the committed .qm files are fresh."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.language import (
    LanguageSwitcher,
    catalogue_bytes,
    compile_catalogue,
    lrelease_program,
    qm_path,
    qt_ts_path,
    ts_path,
)

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(lrelease_program() or "missing").with_name("pyside6-lupdate")
needs_tools = pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def _translations(message: ET.Element) -> list[str]:
    node = message.find("translation")
    assert node is not None
    forms = node.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [node.text or ""]


@needs_tools
def test_every_desktop_string_is_translated_to_vietnamese(tmp_path: Path) -> None:
    fresh = tmp_path / "motcua_vi.ts"
    shutil.copy(ts_path("vi"), fresh)
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    result = subprocess.run(
        [str(LUPDATE), "-no-obsolete", *sources, "-ts", str(fresh)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    messages = _messages(fresh)
    assert len(messages) > 100
    untranslated = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not all(_translations(m))
    ]
    assert untranslated == [], (
        "run pyside6-lupdate (see resources/translations/README.md) and translate these"
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_translations_keep_placeholders_and_accelerators(language: str) -> None:
    for message in _messages(ts_path(language)):
        source = message.findtext("source") or ""
        for text in _translations(message):
            for placeholder in ("%1", "%n"):
                assert (placeholder in source) == (placeholder in text), source
            assert len(re.findall(r"&(?=\w)", source)) == len(re.findall(r"&(?=\w)", text)), source


@needs_tools
@pytest.mark.parametrize("language", ["vi", "en"])
def test_committed_qm_is_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    fresh = tmp_path / f"{language}.qm"
    compile_catalogue(ts_path(language), fresh)
    assert fresh.read_bytes() == qm_path(language).read_bytes(), (
        "run pyside6-lrelease (resources/translations)"
    )


def test_catalogue_loads_and_translates(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    switcher = LanguageSwitcher(qapp)
    try:
        assert switcher.apply("vi", catalogue_bytes("vi"))
        assert QCoreApplication.translate("MainWindow", "Not connected to the provincial server") == (
            "Chưa kết nối máy chủ tỉnh"
        )
        assert QCoreApplication.translate(
            "UnlockScreen", "Too many wrong tries. Try again in %n seconds.", "", 3
        ) == ("Nhập sai quá nhiều lần. Hãy thử lại sau 3 giây.")
        assert not switcher.apply("vi", b"not a catalogue")
        assert switcher.language == "vi"
    finally:
        switcher.apply("en", None)
    assert QCoreApplication.translate("MainWindow", "Not connected to the provincial server") == (
        "Not connected to the provincial server"
    )
    assert catalogue_bytes("xx") is None


@needs_tools
def test_a_missing_qm_is_compiled_into_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(ts_path("vi"), folder / "motcua_vi.ts")
    shutil.copy(qt_ts_path("vi"), folder / "qtbase_vi.ts")
    data = catalogue_bytes("vi", folder=folder, cache_dir=tmp_path / "cache")
    assert data == qm_path("vi").read_bytes() and (tmp_path / "cache" / "motcua_vi.qm").exists()
    assert catalogue_bytes("en", folder=folder, cache_dir=tmp_path / "cache") is None
