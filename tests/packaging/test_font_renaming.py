"""The form typeface is renamed once (packaging/font_renaming.py): the shipped files are its output."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool():  # noqa: ANN202 - the tool is a script in packaging/, not an importable package
    spec = importlib.util.spec_from_file_location("font_renaming", ROOT / "packaging" / "font_renaming.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_fonts_are_the_tools_output(tmp_path: Path) -> None:
    written = _tool().rename_all(ROOT / "packaging" / "fonts", tmp_path)
    assert len(written) == 4
    for path in written:
        assert path.read_bytes() == (ROOT / "resources" / "fonts" / path.name).read_bytes(), path.name


def test_renamed_font_keeps_tables_and_changes_names() -> None:
    tool = _tool()
    original = (ROOT / "packaging" / "fonts" / "LiberationSerif-Bold.ttf").read_bytes()
    renamed = tool.renamed_font(original, tool.FAMILY, "Bold")
    assert "Motcua Serif".encode("utf-16-be") in renamed
    assert "Liberation Serif".encode("utf-16-be") not in renamed
    assert original[:4] == renamed[:4]
    assert abs(len(renamed) - len(original)) < 4096  # only the name table changed


@pytest.mark.parametrize(
    "data", [b"", b"not a font at all", b"\x00\x01\x00\x00\x00\x01" + b"\x00" * 6 + b"name"]
)
def test_renamed_font_rejects_non_fonts(data: bytes) -> None:
    tool = _tool()
    with pytest.raises(tool.FontRenamingError):
        tool.renamed_font(data, tool.FAMILY, "Regular")


def test_the_desk_ships_no_unrenamed_face() -> None:
    shipped = sorted(p.name for p in (ROOT / "resources" / "fonts").glob("*.ttf"))
    assert shipped == [f"MotcuaSerif-{s}.ttf" for s in ("Bold", "BoldItalic", "Italic", "Regular")]
