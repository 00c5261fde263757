"""What the charts cost in memory (issue 20): pyqtgraph without every Qt class, without source lines.

Guards `zzkiosk.render.items.chart_pyqtgraph` (pyqtgraph's Qt shim resolving names on first
use) and `zzkiosk.render.memory.lean_source_checks` (PySide6's module check without the line
cache). The charts' pixels are compared with the expected renders by test_render_*.py.
"""

from __future__ import annotations

import json
import linecache
import re
import subprocess
import sys
from pathlib import Path

import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets

from zzkiosk.render.items.chart_pyqtgraph import MIRRORED, import_pyqtgraph
from zzkiosk.render.memory import lean_source_checks

ROOT = Path(__file__).resolve().parent.parent
CHART_DECK = ROOT / "tests" / "decks" / "all-blocks"

CHILD = """
import json, sys
from pathlib import Path
from zzkiosk.qt_environment import prepare_qt_environment
prepare_qt_environment(offscreen=True)
from zzkiosk.deck.loader import load_deck
from zzkiosk.render.export import render_slide_image
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
deck = load_deck(Path(sys.argv[1]))
kinds = set()
for section, slide in deck.slides:
    charts = [block.chart.kind for block in slide.blocks if getattr(block, "chart", None) is not None]
    if charts:
        render_slide_image(deck, section, slide, (960, 540))
        kinds.update(charts)
print(json.dumps({"kinds": sorted(kinds), "pyqtgraph": "pyqtgraph" in sys.modules,
                  "widget_classes": sorted({"QCalendarWidget", "QMessageBox", "QWizard", "QListWidget", "QWidgetAction"} & set(PySide6.QtWidgets.__dict__)),
                  "made": {m.__name__: len(m.__dict__) for m in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)},
                  "listed": {m.__name__: len(dir(m)) for m in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)}}))
"""


def test_drawing_charts_leaves_most_qt_classes_unmade():
    """Regression: pyqtgraph's shim read every name of QtCore, QtGui and QtWidgets at import,
    which made PySide6 create all ~700 classes (5-6 MB of the 1080p tour's peak). A fresh
    process that draws every kind of chart must leave most of them unmade."""
    result = subprocess.run([sys.executable, "-c", CHILD, str(CHART_DECK)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["pyqtgraph"], "no chart imported pyqtgraph: the test deck lost its charts"
    assert {"bar", "hbar", "line"} <= set(report["kinds"])
    made, listed = sum(report["made"].values()), sum(report["listed"].values())
    assert made < listed * 0.6, f"{made} of {listed} Qt names made: {report['made']}"  # all of them before
    # Made by PySide6 looking for the type of the viewport pyqtgraph's view asked for (it made every
    # QWidget class, ~4.6 MB) or by PlotItem's options form (QListWidget, QWidgetAction; 3.6 MB).
    assert not report["widget_classes"], f"charts made widget classes they never use: {report['widget_classes']}"


def test_the_axes_plot_lays_out_as_pyqtgraphs_plot_item(qapp):
    """AxesPlot stands in for pyqtgraph's PlotItem (without its options form, 3.6 MB): its view
    box and axes must land on exactly the same rectangles as a PlotItem's, or the charts move."""
    from PySide6.QtCore import QRectF

    pg = import_pyqtgraph()
    from zzkiosk.render.items.chart_cartesian import AxesPlot, PlotView

    def laid_out(view, plot, axes, box, size, left_width, bottom_height):
        axes["left"].setWidth(left_width)
        axes["bottom"].setHeight(bottom_height)
        view.resize(*size)
        pg.GraphicsView.setRange(view, QRectF(0, 0, *size), padding=0)
        plot.layout.activate()
        return box.geometry(), axes["left"].geometry(), axes["bottom"].geometry()

    for size, left_width, bottom_height in [((800, 500), 80, 40), ((613, 377), 57.5, 31.3), ((1700, 1210), 203, 75)]:
        theirs_view = pg.PlotWidget(background=None, enableMenu=False)
        theirs = theirs_view.getPlotItem()
        theirs.hideButtons()
        ours_view = PlotView(background=None)
        ours = AxesPlot()
        ours_view.setCentralItem(ours)
        expected = laid_out(theirs_view, theirs, {name: theirs.getAxis(name) for name in ("left", "bottom")},
                            theirs.getViewBox(), size, left_width, bottom_height)
        got = laid_out(ours_view, ours, ours.axes, ours.view_box, size, left_width, bottom_height)
        assert got == expected, (size, got, expected)
        assert got[0].width() > size[0] / 2  # laid out at all
        for view in (theirs_view, ours_view):
            view.close()
            view.deleteLater()


def _names_pyqtgraph_reads(pg) -> dict[str, set[str]]:
    """Every `QtCore.X`, `QtGui.X` and `QtWidgets.X` in pyqtgraph's own source."""
    package = Path(pg.__file__).parent
    used: dict[str, set[str]] = {name: set() for name in MIRRORED}
    pattern = re.compile(r"\b(QtCore|QtGui|QtWidgets)\.([A-Za-z_]\w*)")
    for path in package.rglob("*.py"):
        if "examples" in path.parts:
            continue
        for module, name in pattern.findall(path.read_text(encoding="utf-8", errors="replace")):
            used[module].add(name)
    return used


def test_the_shim_gives_pyqtgraph_every_name_it_reads():
    """Every Qt name pyqtgraph's source reads through its shim resolves to the very object
    PySide6 has (or is missing exactly where PySide6 has no such name: PyQt-only names)."""
    pg = import_pyqtgraph()
    used = _names_pyqtgraph_reads(pg)
    assert len(used["QtWidgets"]) > 40 and len(used["QtGui"]) > 40, "the scan found too little to prove anything"
    for module, names in used.items():
        mirror, source = getattr(pg.Qt, module), getattr(PySide6, module)
        for name in sorted(names):
            if hasattr(source, name):
                assert getattr(mirror, name) is getattr(source, name), f"{module}.{name}"
            elif name not in mirror.__dict__:  # pyqtgraph's own additions live in the mirror
                assert not hasattr(mirror, name), f"{module}.{name} appeared from nowhere"


def test_the_shim_lists_and_keeps_what_it_resolved():
    """dir() of a mirror lists every PySide6 name; a name read once is kept in the mirror."""
    pg = import_pyqtgraph()
    assert set(dir(PySide6.QtGui)) <= set(dir(pg.Qt.QtGui))
    assert pg.Qt.QtGui.QColor is PySide6.QtGui.QColor
    assert "QColor" in pg.Qt.QtGui.__dict__
    assert pg.Qt.QtWidgets.QGraphicsView is PySide6.QtWidgets.QGraphicsView
    assert pg.Qt.QtGui.QFileSystemModel is PySide6.QtWidgets.QFileSystemModel  # pyqtgraph's own shim step
    assert "__dir__" in PySide6.QtCore.__dict__ and PySide6.QtCore.__dir__() != []  # PySide6's listing is back


def _write_module(folder: Path, name: str, text: str) -> str:
    path = folder / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_lean_source_checks_answer_as_pyside_does_and_keep_no_lines(tmp_path, monkeypatch):
    """Inside `lean_source_checks` a newly imported module's source is not kept in the line
    cache, and PySide6 records the same answer as its own check gives; outside, as before."""
    feature = sys.modules["shibokensupport.feature"]
    usual = feature._mod_uses_pyside
    monkeypatch.syspath_prepend(str(tmp_path))
    uses = _write_module(tmp_path, "zz_lean_uses", "from PySide6.QtCore import QPointF\nPOINT = QPointF(1, 2)\n")
    plain = _write_module(tmp_path, "zz_lean_plain", "VALUE = 3\n")
    with lean_source_checks():
        imported = [__import__("zz_lean_uses"), __import__("zz_lean_plain")]  # PySide6 hooks __import__
    assert feature._mod_uses_pyside is usual
    assert uses not in linecache.cache and plain not in linecache.cache
    assert usual(imported[0]) and not usual(imported[1])
    for module in imported:  # PySide6 records 0 for a module that uses it, -1 for one that does not
        assert feature.pyside_feature_dict[module.__name__] == (0 if usual(module) else -1), module.__name__
    linecache.clearcache()
    outside = _write_module(tmp_path, "zz_lean_outside", "from PySide6.QtCore import QPointF\n")
    __import__("zz_lean_outside")
    assert outside in linecache.cache, "PySide6 no longer reads sources through the line cache: the guard is moot"
