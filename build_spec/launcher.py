"""Entry point of the PyInstaller build: the zzkiosk command."""

import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from zzkiosk.cli import main  # noqa: E402  (after the binding is pinned)

sys.exit(main())
