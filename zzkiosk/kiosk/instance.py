"""One kiosk per screen: a lock file in the user's runtime folder, keyed by screen."""

from __future__ import annotations

import tempfile
from pathlib import Path

from platformdirs import user_runtime_dir
from PySide6.QtCore import QLockFile


def lock_folder() -> Path:
    """The runtime folder for locks (/run/user/UID/zzkiosk on Linux), else the temp folder."""
    try:
        folder = Path(user_runtime_dir("zzkiosk", appauthor=False, ensure_exists=True))
    except OSError:
        folder = Path(tempfile.gettempdir()) / "zzkiosk"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


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
