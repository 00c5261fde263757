"""A screenshot: the stage's current picture (what the screen shows now) as PNG bytes."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget


def screen_png(stage: QWidget, width: int) -> bytes:
    """The stage as it is on screen now (a transition frame, a black screen, the overview
    included), scaled to `width` pixels wide, as PNG."""
    picture: QPixmap = stage.grab()
    if picture.isNull():
        raise RuntimeError("the screen has nothing to grab yet")
    if picture.width() != width:
        picture = picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG"):
        raise RuntimeError("the screenshot could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())
