"""Shared test set-up: Qt runs offscreen, pyqtgraph uses PySide6, and nothing a test
runs writes saved positions or logs into the real user's folders."""

import os
import tempfile

import pytest

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment(offscreen=True)
_HOME = tempfile.mkdtemp(prefix="zzkiosk-test-home-")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_HOME, "runtime")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)


@pytest.fixture
def style(qapp, tmp_path):
    """The default theme's Style on a 1920x1080 canvas, its fonts loaded."""
    from zzkiosk.deck.theme import Theme
    from zzkiosk.render.style import Style, ensure_theme_fonts

    theme = Theme()
    ensure_theme_fonts(theme, tmp_path)
    return Style(theme, (1920, 1080), tmp_path, tmp_path)
