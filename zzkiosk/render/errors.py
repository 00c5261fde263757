"""Errors the renderer raises for content it cannot draw, in words for content staff."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QImageReader


class RenderError(Exception):
    """A slide cannot be drawn: a missing or unreadable picture, named by its file."""


def read_image(path: Path, what: str = "image") -> QImage:
    """Read a picture file, or raise RenderError naming the file and what is wrong with it."""
    if not path.is_file():
        raise RenderError(f"{path}: the {what} file does not exist; check the path and its spelling")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise RenderError(
            f"{path}: cannot read the {what} ({reader.errorString()}); "
            "save it again as PNG or JPEG"
        )
    return image
