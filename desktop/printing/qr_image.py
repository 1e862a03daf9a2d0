"""The dossier code as a QR code image, for the printed forms."""

from __future__ import annotations

import segno
from PySide6.QtGui import QImage

QUIET_ZONE = 4
"""Light modules around the symbol, as the QR standard asks."""


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol for ``text`` (error correction M or better), dark modules True, with its quiet zone."""
    if not isinstance(text, str) or not text:
        raise ValueError("a QR code needs some text")
    symbol = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in symbol.matrix_iter(scale=1, border=QUIET_ZONE))


def qr_image(text: str, module_pixels: int = 8) -> QImage:
    """A black-on-white greyscale image of ``text``'s QR code, ``module_pixels`` pixels per module."""
    if isinstance(module_pixels, bool) or not isinstance(module_pixels, int) or module_pixels < 1:
        raise ValueError("module_pixels is a whole number, 1 or more")
    matrix = qr_matrix(text)
    side = len(matrix) * module_pixels
    lines = []
    for row in matrix:
        line = b"".join((b"\x00" if dark else b"\xff") * module_pixels for dark in row)
        lines.extend([line] * module_pixels)
    # Built from bytes in one call (and copied so the image owns its pixels): no per-module painting.
    return QImage(b"".join(lines), side, side, side, QImage.Format.Format_Grayscale8).copy()


def image_matrix(image: QImage, modules: int) -> tuple[tuple[bool, ...], ...]:
    """Read back a QR image made by :func:`qr_image` as a ``modules``×``modules`` matrix (module centres)."""
    size = image.width() / modules
    return tuple(
        tuple(
            image.pixelColor(int((x + 0.5) * size), int((y + 0.5) * size)).lightness() < 128
            for x in range(modules)
        )
        for y in range(modules)
    )
