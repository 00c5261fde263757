"""Keep the screen saver and display sleep off while the kiosk plays, where the platform allows.

Best effort: each way that works is logged, and one that fails is logged and skipped.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)

REASON = "zzkiosk is playing a show"
"""Why the screen saver is inhibited (shown by desktops that list inhibitors)."""

XSET = ("xset", "s", "off", "s", "noblank", "-dpms")
"""Screen saver, blanking and display power management off on the X server."""


class SleepInhibitor:
    """Turns the screen saver and display sleep off (`start()`) and lets them back (`stop()`)."""

    def __init__(self) -> None:
        self._dbus_cookie: int | None = None
        self._dbus = None
        self._caffeinate: subprocess.Popen | None = None
        self.done: list[str] = []
        """What `start()` managed to do, for the log and for tests."""

    def start(self, platform: str) -> list[str]:
        """Inhibit by every means available for the Qt `platform` ("xcb", "wayland", "windows", ...)."""
        for name, attempt in (("D-Bus ScreenSaver.Inhibit", self._dbus_inhibit),
                              ("xset s off -dpms", lambda: self._xset(platform)),
                              ("SetThreadExecutionState", self._windows),
                              ("caffeinate", self._macos)):
            try:
                if attempt():
                    self.done.append(name)
            except Exception as error:  # noqa: BLE001 - best effort: never stop the show for this
                log.info("screen saver: %s failed: %s", name, error)
        if self.done:
            log.info("screen saver and display sleep kept off by: %s", ", ".join(self.done))
        else:
            log.info("screen saver: no way to keep it off on this platform (%s)", platform)
        return self.done

    def stop(self) -> None:
        """Release what `start()` took (the X server settings are left as they are)."""
        if self._dbus is not None and self._dbus_cookie is not None:
            self._dbus.call("UnInhibit", self._dbus_cookie)
        if self._caffeinate is not None:
            self._caffeinate.terminate()

    def _dbus_inhibit(self) -> bool:
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return False
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        interface = QDBusInterface("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                                   "org.freedesktop.ScreenSaver", bus)
        if not interface.isValid():
            return False
        reply = interface.call("Inhibit", "zzkiosk", REASON)
        cookie = reply.arguments()[0] if reply.arguments() else None
        if not isinstance(cookie, int):
            return False
        self._dbus, self._dbus_cookie = interface, cookie
        return True

    def _xset(self, platform: str) -> bool:
        if platform != "xcb" or shutil.which("xset") is None:
            return False
        subprocess.run(XSET, check=True, timeout=5, capture_output=True)
        return True

    def _windows(self) -> bool:
        if sys.platform != "win32":
            return False
        import ctypes

        continuous, system, display = 0x80000000, 0x00000001, 0x00000002
        return bool(ctypes.windll.kernel32.SetThreadExecutionState(continuous | system | display))

    def _macos(self) -> bool:
        if sys.platform != "darwin" or shutil.which("caffeinate") is None:
            return False
        self._caffeinate = subprocess.Popen(["caffeinate", "-d", "-w", str(os.getpid())])
        return True
