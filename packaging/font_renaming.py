"""Rename the form typeface once, when the font files change: Liberation Serif 2 becomes "Motcua Serif".

    python packaging/font_renaming.py            # packaging/fonts/LiberationSerif-*.ttf -> resources/fonts/

Liberation Serif is metric-compatible with Times New Roman (Decree 30/2020 asks for Times New Roman) and
version 2 covers every Vietnamese letter. Many Linux machines also have version 1 installed under the same
family name, without Vietnamese; Qt then picks either, and letters like "ữ" come out in a fallback face or as
boxes. So the desk ships the face under a family name of its own, written into the font's name table here,
once; the desk loads the renamed files as they are (``desktop/printing/form_fonts.py``), with no TrueType
parsing at start. The Liberation fonts reserve the name "Liberation" for unmodified fonts (SIL OFL 1.1), so
the renamed face carries another name. ``tests/packaging/test_font_renaming.py`` checks that the committed
files in ``resources/fonts/`` are exactly what this tool makes from ``packaging/fonts/``.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "packaging" / "fonts"
TARGET_DIR = ROOT / "resources" / "fonts"
FAMILY = "Motcua Serif"
_POSTSCRIPT_FAMILY = "MotcuaSerif"
_STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
_FAMILY_IDS = (1, 16, 21)  # family, typographic family, WWS family
_FULL_NAME, _UNIQUE_ID, _POSTSCRIPT_NAME = 4, 3, 6
_HEAD_MAGIC = 0xB1B0AFBA


class FontRenamingError(ValueError):
    """A source font file is not a TrueType font this tool can rename."""


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF


def _tables(font: bytes) -> tuple[int, dict[bytes, bytes]]:
    if len(font) < 12:
        raise FontRenamingError("the font file is too short to be a TrueType font")
    version, count = struct.unpack_from(">LH", font, 0)
    if version not in (0x00010000, 0x74727565):
        raise FontRenamingError("the font file is not a TrueType font")
    if len(font) < 12 + 16 * count:
        raise FontRenamingError("the font file's table directory is truncated")
    tables: dict[bytes, bytes] = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        if offset + length > len(font):
            raise FontRenamingError("the font file is truncated")
        tables[tag] = font[offset : offset + length]
    return version, tables


def _encode(text: str, platform: int) -> bytes:
    return text.encode("latin-1") if platform == 1 else text.encode("utf-16-be")


def _renamed_name_table(table: bytes, family: str, style: str) -> bytes:
    _, count, storage = struct.unpack_from(">HHH", table, 0)
    replacements = {
        **dict.fromkeys(_FAMILY_IDS, family),
        _FULL_NAME: family if style == "Regular" else f"{family} {style}",
        _UNIQUE_ID: f"motcua: {family} {style}",
        _POSTSCRIPT_NAME: f"{_POSTSCRIPT_FAMILY}-{style.replace(' ', '')}",
    }
    records: list[tuple[int, int, int, int, bytes]] = []
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * i)
        if language >= 0x8000:  # a language-tag record (format 1): dropped, the new table is format 0
            continue
        text = table[storage + offset : storage + offset + length]
        if name_id in replacements:
            text = _encode(replacements[name_id], platform)
        records.append((platform, encoding, language, name_id, text))
    records.sort(key=lambda r: r[:4])
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    entries, strings = [], b""
    for platform, encoding, language, name_id, text in records:
        entries.append(struct.pack(">6H", platform, encoding, language, name_id, len(text), len(strings)))
        strings += text
    return header + b"".join(entries) + strings


def _assemble(version: int, tables: dict[bytes, bytes]) -> bytes:
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">LHHHH", version, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    offset = 12 + 16 * count
    directory, body = [], b""
    for tag in sorted(tables):
        data = tables[tag]
        directory.append(struct.pack(">4sLLL", tag, _checksum(data), offset + len(body), len(data)))
        body += data + b"\0" * (-len(data) % 4)
    font = header + b"".join(directory) + body
    head_entry = next(e for e in directory if e.startswith(b"head"))
    head_offset = struct.unpack_from(">L", head_entry, 8)[0]
    adjustment = (_HEAD_MAGIC - _checksum(font)) & 0xFFFFFFFF
    return font[: head_offset + 8] + struct.pack(">L", adjustment) + font[head_offset + 12 :]


def renamed_font(font: bytes, family: str, style: str) -> bytes:
    """``font`` (TrueType bytes) with its family, full and PostScript names changed to ``family``."""
    version, tables = _tables(font)
    if b"name" not in tables or b"head" not in tables:
        raise FontRenamingError("the font file has no name or head table")
    tables[b"name"] = _renamed_name_table(tables[b"name"], family, style)
    head = bytearray(tables[b"head"])
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment is computed over the whole font with this zeroed
    tables[b"head"] = bytes(head)
    return _assemble(version, tables)


def rename_all(source: Path = SOURCE_DIR, target: Path = TARGET_DIR) -> list[Path]:
    """Write the renamed face of every style from ``source`` into ``target``; return the files written."""
    written = []
    for stem, style in _STYLES.items():
        data = (source / f"LiberationSerif-{stem}.ttf").read_bytes()
        path = target / f"{_POSTSCRIPT_FAMILY}-{stem}.ttf"
        path.write_bytes(renamed_font(data, FAMILY, style))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in rename_all(*(Path(arg) for arg in sys.argv[1:3])):
        print(written_path)
