"""The typeface of printed forms: the shipped Liberation Serif 2, registered under a family name of its own.

Liberation Serif is metric-compatible with Times New Roman (Decree 30/2020 asks for Times New Roman) and
version 2 covers every Vietnamese letter. Many Linux machines also have version 1 installed under the same
family name, without Vietnamese; Qt then picks either, and letters like "ữ" come out in a fallback face or as
boxes. So the shipped files are registered under the family :data:`FORM_FAMILY`: the font's name table is
rewritten in memory (the files on disk are untouched). The Liberation fonts reserve the name "Liberation"
for unmodified fonts (SIL OFL 1.1), so the renamed face carries another name.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from resources import resource_path

FORM_FAMILY = "Motcua Serif"
"""The family name printed forms use (the shipped Liberation Serif 2, renamed in memory)."""

_POSTSCRIPT_FAMILY = "MotcuaSerif"
_STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
_FAMILY_IDS = (1, 16, 21)  # family, typographic family, WWS family
_FULL_NAME, _UNIQUE_ID, _POSTSCRIPT_NAME = 4, 3, 6
_HEAD_MAGIC = 0xB1B0AFBA

_registered: str | None = None


class FontResourceError(RuntimeError):
    """A shipped font file is missing or not a TrueType font Qt can load."""


def font_files() -> dict[str, Path]:
    """The shipped font files by style (``Regular``, ``Bold``, ``Italic``, ``Bold Italic``)."""
    return {style: resource_path("fonts", f"LiberationSerif-{stem}.ttf") for stem, style in _STYLES.items()}


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF


def _tables(font: bytes) -> tuple[int, dict[bytes, bytes]]:
    if len(font) < 12:
        raise FontResourceError("the font file is too short to be a TrueType font")
    version, count = struct.unpack_from(">LH", font, 0)
    if version not in (0x00010000, 0x74727565):
        raise FontResourceError("the font file is not a TrueType font")
    if len(font) < 12 + 16 * count:
        raise FontResourceError("the font file's table directory is truncated")
    tables: dict[bytes, bytes] = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        if offset + length > len(font):
            raise FontResourceError("the font file is truncated")
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
        raise FontResourceError("the font file has no name or head table")
    tables[b"name"] = _renamed_name_table(tables[b"name"], family, style)
    head = bytearray(tables[b"head"])
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment is computed over the whole font with this zeroed
    tables[b"head"] = bytes(head)
    return _assemble(version, tables)


def register_form_fonts() -> str:
    """Register the shipped serif face with Qt (once per process) and return its family name.

    Needs a ``QGuiApplication``. Raises ``FontResourceError`` if a font file is missing or Qt refuses it.
    """
    global _registered
    if _registered is not None:
        return _registered
    for style, path in font_files().items():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FontResourceError(f"the form font {path.name} cannot be read: {exc.strerror}") from exc
        font_id = QFontDatabase.addApplicationFontFromData(renamed_font(data, FORM_FAMILY, style))
        if font_id < 0 or FORM_FAMILY not in QFontDatabase.applicationFontFamilies(font_id):
            raise FontResourceError(f"Qt could not load the form font {path.name}")
    _registered = FORM_FAMILY
    return FORM_FAMILY
