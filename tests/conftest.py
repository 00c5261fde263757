"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders."""

import os
import tempfile

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment(offscreen=True)
_HOME = tempfile.mkdtemp(prefix="zzkiosk-test-home-")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_HOME, "runtime")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")  # the per-machine config.yaml
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
