"""Errors the renderer raises for content it cannot draw, in words for content staff."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QImageReader


MAX_IMAGE_PIXELS = 40_000_000
"""Pictures larger than this (8K UHD is 33 megapixels) are refused before decoding: one
such picture would take 160 MB decoded, and a small file can claim far more pixels."""


class RenderError(Exception):
    """A slide cannot be drawn: a missing or unreadable picture, named by its file."""


def read_image(path: Path, what: str = "image") -> QImage:
    """Read a picture file, or raise RenderError naming the file and what is wrong with it."""
    if not path.is_file():
        raise RenderError(f"{path}: the {what} file does not exist; check the path and its spelling")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    too_big = oversized(reader)
    if too_big:
        raise RenderError(f"{path}: the {what} {too_big}")
    image = reader.read()
    if image.isNull():
        raise RenderError(
            f"{path}: cannot read the {what} ({reader.errorString()}); "
            "save it again as PNG or JPEG"
        )
    return image


def oversized(reader: QImageReader) -> str | None:
    """Why the picture `reader` would read is too large to show (from its header), or None."""
    size = reader.size()
    pixels = max(size.width(), 0) * max(size.height(), 0)
    if pixels <= MAX_IMAGE_PIXELS:
        return None
    return (f"is {size.width()}x{size.height()} pixels ({pixels / 1e6:.0f} megapixels); pictures over "
            f"{MAX_IMAGE_PIXELS / 1e6:.0f} megapixels are refused: scale it down to the screen's size")
