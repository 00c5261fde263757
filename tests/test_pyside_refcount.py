"""Regression guard: PySide6 6.12.0 on CPython 3.11 drops a reference to None per void call.

With that combination a 60 fps animation aborts the process (Fatal Python error:
none_dealloc) within seconds. pyproject.toml keeps Python 3.11 below 6.12; this test fails
on any PySide6/Python pair that leaks, whatever the pin says.
"""

import gc
import sys

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsSimpleTextItem

CALLS = 3000


def test_void_qt_calls_keep_the_refcount_of_none(qapp):
    item = QGraphicsSimpleTextItem()
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    # Earlier tests' windows still waiting for deleteLater, and their garbage, would be freed
    # inside the loop below and take their references to None with them: free them first.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        item.setText("株洲")
        item.setOpacity(0.5)
        image.fill(0)
        QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"None lost {lost} references over {CALLS * 4} void Qt calls: this PySide6 is affected"
