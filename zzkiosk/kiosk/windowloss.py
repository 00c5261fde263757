"""A kiosk window destroyed from outside ends the process with EXIT_WINDOW_LOST.

Another X client can destroy any window (`xdotool windowclose`, a misbehaving tool, a
window manager crash). Qt is not told: the process would live on with nothing on screen
and never exit, so the service manager would never restart it. Recreating the native
window behind a live QWidget is not something Qt supports cleanly (its platform window
keeps the dead id), so the kiosk exits non-zero instead: `Restart=on-failure` brings a
clean kiosk back within seconds, at the saved position.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

EXIT_WINDOW_LOST = 4
"""Exit code when the kiosk window was destroyed by another program."""

_XCB_DESTROY_NOTIFY = 17
"""The X event sent to a window's owner when the window is destroyed (DestroyNotify)."""

log = logging.getLogger(__name__)


class _DestroyFilter(QAbstractNativeEventFilter):
    """Looks at every X event for DestroyNotify, and hands the destroyed window's id on."""

    def __init__(self, on_destroyed: Callable[[int], None]):
        super().__init__()
        self._on_destroyed = on_destroyed

    def nativeEventFilter(self, event_type: QByteArray, message) -> tuple[bool, int]:  # noqa: N802 (Qt API)
        """Report the window's DestroyNotify; never swallow an event."""
        address = int(message)  # a shiboken VoidPtr (whose truth value is always False)
        if address and bytes(event_type) == b"xcb_generic_event_t":
            # xcb_destroy_notify_event_t: response_type (u8), pad, sequence (u16), event (u32), window (u32)
            kind = ctypes.c_uint8.from_address(address).value & 0x7F
            if kind == _XCB_DESTROY_NOTIFY:
                self._on_destroyed(ctypes.c_uint32.from_address(address + 8).value)
        return False, 0


class WindowLossGuard(QObject):
    """Exits the application with EXIT_WINDOW_LOST (logged) when `window` is destroyed from
    outside. Only the X11 platform reports it; elsewhere the guard does nothing."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._filter: _DestroyFilter | None = None
        if QGuiApplication.platformName() == "xcb":
            self._filter = event_filter = _DestroyFilter(self._destroyed)
            QCoreApplication.instance().installNativeEventFilter(event_filter)
            self.destroyed.connect(lambda: _uninstall(event_filter))

    def _destroyed(self, window_id: int) -> None:
        """An X window was destroyed: if it is the shown kiosk window, nobody here did it (Qt
        forgets a window's id before destroying it itself, and the staff chord hides it first)."""
        window = self._window
        if not (shiboken6.isValid(window) and window.isVisible() and int(window.internalWinId()) == window_id):
            return
        log.error("the kiosk window (X window 0x%x) was destroyed by another program; exiting with code %d "
                  "so that the service manager starts a clean kiosk (recreating it in place is not reliable)",
                  window_id, EXIT_WINDOW_LOST)
        QCoreApplication.exit(EXIT_WINDOW_LOST)


def _uninstall(event_filter: _DestroyFilter) -> None:
    app = QCoreApplication.instance()
    if app is not None:
        app.removeNativeEventFilter(event_filter)
