"""The machine a benchmark ran on, for the JSON and the README."""

from __future__ import annotations

import os
import platform


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (the platform's processor string elsewhere)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    """CPU model, cores, memory, OS, Python, PySide6/Qt and pyqtgraph versions, renderer."""
    import PySide6
    from PySide6.QtCore import qVersion

    try:
        from importlib.metadata import version

        pyqtgraph = version("pyqtgraph")
    except Exception:  # noqa: BLE001 (a missing version is not worth failing the benchmark)
        pyqtgraph = None
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu_model(), "cores": os.cpu_count(), "memory_gb": round(memory, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "pyside6": PySide6.__version__, "qt": qVersion(), "pyqtgraph": pyqtgraph,
        "rendering": "software (QPainter raster, no GPU)",
        "qt_raster_threads": "off (QT_NO_GUI_THREADPOOL)" if "QT_NO_GUI_THREADPOOL" in os.environ else "on",
    }
