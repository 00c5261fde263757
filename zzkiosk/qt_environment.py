"""The environment Qt and pyqtgraph read once: set it before the first QApplication.

Qt-free on purpose: the player imports this (and the deck loader) before PySide6.
"""

from __future__ import annotations

import os

QT_ENVIRONMENT = {
    # pyqtgraph binds to PySide6 even when another Qt binding is installed beside it.
    "PYQTGRAPH_QT_LIB": "PySide6",
    # Qt's raster engine hands every fill of 96 or more scanlines to a thread pool and
    # waits for it. On the 2-core kiosk PCs the hand-off costs more than it saves: in a
    # 1080p entrance frame the main thread spent a third of its time waiting for the pool
    # (p99 12.5 -> 5 ms without it), and any other load on the second core doubled a frame.
    # Qt reads it once (it only asks whether it is set).
    "QT_NO_GUI_THREADPOOL": "1",
}
"""Variables set, unless the environment already has them, before Qt starts."""


def prepare_qt_environment(*, offscreen: bool = False) -> None:
    """Set QT_ENVIRONMENT (and QT_QPA_PLATFORM=offscreen when `offscreen`), keeping any
    value the environment already has. Call it before the first QApplication."""
    wanted = dict(QT_ENVIRONMENT, **({"QT_QPA_PLATFORM": "offscreen"} if offscreen else {}))
    for name, value in wanted.items():
        os.environ.setdefault(name, value)
