"""One kiosk per screen: a lock file in the user's runtime folder, keyed by display and screen.

Two X servers (two seats, or parallel test displays) each have a screen called, say,
HDMI-1: the display is part of the key, so kiosks on different displays never block
each other.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

from platformdirs import user_runtime_dir
from PySide6.QtCore import QLockFile
from PySide6.QtGui import QGuiApplication, QScreen

log = logging.getLogger(__name__)


def lock_folder() -> Path:
    """The runtime folder for locks (/run/user/UID/zzkiosk on Linux), else the temp folder.

    platformdirs warns (RuntimeDirWarning) when XDG_RUNTIME_DIR is unset or unsafe; the
    warning is said once in the log instead, in words for staff."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            folder = Path(user_runtime_dir("zzkiosk", appauthor=False, ensure_exists=True))
        except OSError:
            folder = Path(tempfile.gettempdir()) / "zzkiosk"
            folder.mkdir(parents=True, exist_ok=True)
    if caught:
        log.info("the session's runtime folder is not usable (%s); the kiosk lock is kept in %s",
                 "; ".join(str(warning.message) for warning in caught), folder)
    return folder


def display_key() -> str:
    """A file-name-safe key for the display this process shows on (`:0`, `wayland-0`, ...)."""
    platform = QGuiApplication.platformName() or "none"
    if platform == "xcb":
        where = os.environ.get("DISPLAY", "")
    elif platform.startswith("wayland"):
        where = os.environ.get("WAYLAND_DISPLAY", "wayland-0")
    else:
        where = ""
    return _safe(f"{platform}{where}")


def describe_display() -> str:
    """" of display :99" (X11), " of display wayland-0", or "" where there is no display."""
    platform = QGuiApplication.platformName()
    where = os.environ.get("DISPLAY" if platform == "xcb" else "WAYLAND_DISPLAY", "")
    return f" of display {where}" if where and platform in ("xcb", "wayland", "wayland-egl") else ""


def lock_key(screen: QScreen) -> str:
    """The lock key of `screen` on this display: `xcb_99-HDMI-1` for HDMI-1 on DISPLAY=:99."""
    return f"{display_key()}-{_safe(screen.name() or 'screen')}"


def _safe(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in text)[:100]


class InstanceLock:
    """A lock held while a kiosk plays on one screen; a lock left by a dead process is taken over."""

    def __init__(self, key: str, folder: Path | None = None):
        self.path = (folder or lock_folder()) / f"screen-{key}.lock"
        """The lock file."""
        self._lock = QLockFile(str(self.path))

    def acquire(self) -> bool:
        """Take the lock; False when another running zzkiosk holds it."""
        return self._lock.tryLock(0)

    def holder(self) -> str:
        """Who holds the lock, e.g. "process 1234", for the error message."""
        info = self._lock.getLockInfo()  # PySide6 returns (pid, host, app); 0 when unknown
        pid = info[-3] if isinstance(info, tuple) and len(info) >= 3 else 0
        return f"process {pid}" if pid else "another process"

    def release(self) -> None:
        """Let go of the lock."""
        if self._lock.isLocked():
            self._lock.unlock()
