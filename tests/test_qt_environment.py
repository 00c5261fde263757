"""The environment Qt reads once: set before the first QApplication, never overriding."""

import os
import subprocess
import sys

from zzkiosk.qt_environment import QT_ENVIRONMENT, prepare_qt_environment


def test_sets_what_is_missing_and_keeps_what_is_set(monkeypatch):
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    monkeypatch.setenv("PYQTGRAPH_QT_LIB", "PyQt6")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    prepare_qt_environment()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == QT_ENVIRONMENT["QT_NO_GUI_THREADPOOL"]
    assert os.environ["PYQTGRAPH_QT_LIB"] == "PyQt6"
    assert "QT_QPA_PLATFORM" not in os.environ
    prepare_qt_environment(offscreen=True)
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_the_player_runs_qt_without_its_raster_thread_pool(tmp_path):
    """The player process (as `zzkiosk` starts it) has the variables set before Qt starts."""
    env = {key: value for key, value in os.environ.items() if key not in QT_ENVIRONMENT}
    code = (
        "import os, sys\n"
        "from zzkiosk import app\n"
        "class BeforeQt:  # stands in for QApplication: reports the environment Qt would start with\n"
        "    @staticmethod\n"
        "    def instance():\n"
        "        print(os.environ.get('QT_NO_GUI_THREADPOOL'), os.environ.get('PYQTGRAPH_QT_LIB'))\n"
        "        sys.exit(0)\n"
        "import PySide6.QtWidgets\n"
        "PySide6.QtWidgets.QApplication = BeforeQt  # run_player imports it once the deck is loaded\n"
        "app.run_player(app.Path('slides'), windowed=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert done.stdout.split() == ["1", "PySide6"], done.stderr[-800:]
