"""Errors the renderer raises for content it cannot draw, in words for content staff."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QImageReader

from zzkiosk.i18n import N_, tr


MAX_IMAGE_PIXELS = 40_000_000
"""Pictures larger than this (8K UHD is 33 megapixels) are refused before decoding: one
such picture would take 160 MB decoded, and a small file can claim far more pixels."""


PICTURE_KINDS = {"image": N_("image"), "background image": N_("background image"), "logo": N_("logo")}
"""What a picture is, as callers name it -> the word shown (translated when shown)."""


class RenderError(Exception):
    """A slide cannot be drawn: a missing or unreadable picture, named by its file."""


def read_image(path: Path, what: str = "image") -> QImage:
    """Read a picture file, or raise RenderError naming the file and what is wrong with it."""
    shown = tr(PICTURE_KINDS.get(what, what))
    if not path.is_file():
        raise RenderError(tr("{file}: the {what} file does not exist; check the path and its spelling",
                             file=path, what=shown))
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    too_big = oversized(reader)
    if too_big:
        raise RenderError(tr("{file}: the {what} {too_big}", file=path, what=shown, too_big=too_big))
    image = reader.read()
    if image.isNull():
        raise RenderError(unreadable(path, shown, reader.errorString()))
    return image


def unreadable(path: Path, what: str, reason: str) -> str:
    """What to say about a picture Qt cannot decode."""
    return tr("{file}: cannot read the {what} ({reason}); save it again as PNG or JPEG", file=path, what=what, reason=reason)


def oversized(reader: QImageReader) -> str | None:
    """Why the picture `reader` would read is too large to show (from its header), or None."""
    size = reader.size()
    pixels = max(size.width(), 0) * max(size.height(), 0)
    if pixels <= MAX_IMAGE_PIXELS:
        return None
    return tr("is {width}x{height} pixels ({megapixels:.0f} megapixels); pictures over {limit:.0f} megapixels "
              "are refused: scale it down to the screen's size", width=size.width(), height=size.height(),
              megapixels=pixels / 1e6, limit=MAX_IMAGE_PIXELS / 1e6)
