"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders.

The fixtures shared by several test modules live in plugins beside this file, one per
kind: fixtures_windows (player windows, Xvfb, a style), fixtures_control (a kiosk with its
control port, free ports, socket exchanges), fixtures_fleet (a real mosquitto, kiosk
processes, the staff's view) and fixtures_guide (the tours deck and the guide's console).
Their helpers (free_port, exchange, MINI_DECK, GUIDE_TOKEN...) are imported from them."""

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
# Tests assert English messages unless they choose a language themselves
# (tests/test_translations.py): a developer's Chinese locale must not fail them.
os.environ["ZZKIOSK_LANG"] = "en"

pytest_plugins = ("fixtures_windows", "fixtures_control", "fixtures_fleet", "fixtures_guide")
