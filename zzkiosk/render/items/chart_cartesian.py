"""Bar, horizontal bar and line charts: pyqtgraph draws the axes, the item grows the data.

pyqtgraph lays out and draws the frame (category and value axes, grid, Chinese tick
labels) once into a pixmap at the device resolution; the bars and the line are drawn
over it with QPainter from pyqtgraph's data-to-pixel mapping, so a growing chart costs
a pixmap blit and a few rectangles per frame. The plot lives in a hidden, never shown
`PlotView`: pyqtgraph's axes need a view, and its scene runs `prepareForPaint`.
Import this module only when a slide has such a chart: pyqtgraph takes ~400 ms to import.

The plot is `AxesPlot`, pyqtgraph's ViewBox and two AxisItems laid out as its `PlotItem` lays
them out, without the rest of a PlotItem: every PlotItem builds its options menu (a form of
~40 check boxes, spin boxes and sliders, and a QMenu), which a kiosk never opens. That form
cost each chart 0.4 MB and ~4 ms, and the first one 3.6 MB and ~10 ms more (the widget
classes it made PySide6 create): docs/performance.md, "Memory (issue 20)".
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QWidget

from zzkiosk.deck.plain import Chart
from zzkiosk.numbers import MINUS
from zzkiosk.render.items.chart_pyqtgraph import import_pyqtgraph
from zzkiosk.render.memory import forget_module_sources
from zzkiosk.render.style import Style

pg = import_pyqtgraph()  # bound to PySide6, without creating every Qt class
forget_module_sources()  # pyqtgraph's and numpy's source lines, read by PySide6 as they were imported

HEADROOM = 1.22
"""The value axis runs this far past the largest value, leaving room for value labels."""
SIDEWAYS_ROOM = 0.3
"""Horizontal bars on both sides of a zero axis: room for the labels beside them at
either end, as a share of the values' span."""
GRID_ALPHA = 0.18
"""Opacity of the grid lines across the plot."""

AXIS_CELLS = {"left": (2, 0), "bottom": (3, 1)}
"""Where PlotItem lays out the two axes a chart shows (its grid also has a title row 0, a top
axis in row 1 and a right axis in column 2, all hidden and of no size here)."""
VIEW_CELL = (2, 1)
"""Where PlotItem lays out its view box."""


class PlotView(pg.GraphicsView):
    """pyqtgraph's GraphicsView with a viewport made here, as the canvas view has
    (zzkiosk.player.canvas): pyqtgraph's start asks for the viewport QAbstractScrollArea made,
    unknown to PySide6, which then looked through every QWidget class it has for its type,
    creating ~60 classes and their enums at the first chart (~4.6 MB)."""

    def useOpenGL(self, b: bool = True) -> None:
        """Called once by pyqtgraph's __init__ (never with True here): a plain widget viewport."""
        self.setViewport(QWidget())


class AxesPlot(pg.GraphicsWidget):
    """A view box with a left and a bottom axis, laid out exactly as in pyqtgraph's PlotItem
    (one-pixel margins, no spacing, the view's row and column stretched 100 to 1), and
    nothing else of one (see the module's note)."""

    def __init__(self):
        super().__init__()
        layout = QGraphicsGridLayout()
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setHorizontalSpacing(0)
        layout.setVerticalSpacing(0)
        self.setLayout(layout)
        self.layout = layout
        # No context menu: the view box's would be built for nothing (0.3 MB a chart).
        self.view_box = pg.ViewBox(parent=self, enableMenu=False)
        self.view_box.setMouseEnabled(False, False)
        layout.addItem(self.view_box, *VIEW_CELL)
        self.axes: dict[str, pg.AxisItem] = {}
        for name, cell in AXIS_CELLS.items():
            axis = pg.AxisItem(orientation=name, parent=self)
            axis.linkToView(self.view_box)
            axis.setZValue(0.5)  # as PlotItem: above the view's contents
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
            layout.addItem(axis, *cell)
            self.axes[name] = axis
        for row in range(4):
            layout.setRowPreferredHeight(row, 0)
            layout.setRowMinimumHeight(row, 0)
            layout.setRowSpacing(row, 0)
            layout.setRowStretchFactor(row, 100 if row == VIEW_CELL[0] else 1)
        for column in range(3):
            layout.setColumnPreferredWidth(column, 0)
            layout.setColumnMinimumWidth(column, 0)
            layout.setColumnSpacing(column, 0)
            layout.setColumnStretchFactor(column, 100 if column == VIEW_CELL[1] else 1)
        for row in (0, 1):  # PlotItem's hidden title and top axis
            layout.setRowFixedHeight(row, 0)
        layout.setColumnFixedWidth(2, 0)  # and its hidden right axis

    def show_grid(self, *, x: bool, y: bool) -> None:
        """Grid lines across the plot from the bottom axis's ticks (`x`) and the left's (`y`)."""
        alpha = int(GRID_ALPHA * 255)  # PlotItem's slider: whole steps of 0-255
        self.axes["bottom"].setGrid(alpha if x else False)
        self.axes["left"].setGrid(alpha if y else False)


def nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) cutting `span` into about `count`."""
    raw = max(span, 1e-9) / count
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def nice_ticks(top: float, count: int = 4, bottom: float = 0.0) -> list[float]:
    """Round tick values from `bottom` up to `top`."""
    if top <= bottom:
        return [bottom]
    step = nice_step(top - bottom, count)
    first = math.ceil(bottom / step - 1e-9)
    return [step * index for index in range(first, int(top / step + 1e-9) + 1)]


def value_range(chart: Chart) -> tuple[float, float]:
    """The value axis: bars run from a zero axis (up to the largest value, down to the
    most negative one, with room for their labels); a line from a round value below its
    lowest point (below zero only when a point is)."""
    values = [item.value for item in chart.items]
    if chart.kind != "line":
        low, high = min(0.0, min(values)), max(0.0, max(values))
        if chart.kind == "hbar" and low < 0:  # labels lie beside the bars, on both sides
            room = (high - low) * SIDEWAYS_ROOM
            return low - room, high + room if high > 0 else 0.0
        return low * HEADROOM, high * HEADROOM if high > low else 1.0
    low, top = min(values), max(values)
    spread = (top - low) or abs(top) or 1.0
    step = nice_step(spread)
    bottom = math.floor((low - spread * 0.6) / step) * step
    return (bottom if low < 0 else max(0.0, bottom)), top + spread * 0.35


def _tick_text(value: float) -> str:
    text = f"{value:.10g}" if abs(value) < 1e6 else f"{value:.3g}"
    return text.replace("-", MINUS)


class CartesianFrame:
    """The pyqtgraph plot behind a bar, hbar or line chart, and its data-to-pixel mapping."""

    def __init__(self, chart: Chart, style: Style, label_size: float):
        self.chart, self.style = chart, style
        self.horizontal = chart.kind == "hbar"
        self.bottom, self.top = value_range(chart)
        self.widget = PlotView(background=None)
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.plot = AxesPlot()
        self.widget.setCentralItem(self.plot)
        self._font = style.font(label_size)
        self._configure_axes()
        self._size = QSize(0, 0)
        self._origin, self._unit_x, self._unit_y = QPointF(), 1.0, 1.0

    def _style_axis(self, name: str) -> pg.AxisItem:
        axis = self.plot.axes[name]
        axis.setStyle(tickFont=self._font, tickLength=0, tickTextOffset=14, hideOverlappingLabels=False)
        axis.setTextPen(pg.mkPen(self.style.colour("text")))
        axis.setPen(pg.mkPen(self.style.colour("muted"), width=2))
        return axis

    def _configure_axes(self) -> None:
        metrics = QFontMetricsF(self._font)
        count = len(self.chart.items)
        categories = [(float(count - 1 - i if self.horizontal else i), item.label)
                      for i, item in enumerate(self.chart.items)]
        highest = max(0.0, max(item.value for item in self.chart.items))
        values = [(tick, _tick_text(tick)) for tick in nice_ticks(highest * 1.05, bottom=self.bottom)]
        category_axis, value_axis = ("left", "bottom") if self.horizontal else ("bottom", "left")
        self._style_axis(category_axis).setTicks([categories, []])
        self._style_axis(value_axis).setTicks([values, []])
        widest_category = max(metrics.horizontalAdvance(item.label) for item in self.chart.items)
        widest_value = max(metrics.horizontalAdvance(text) for _, text in values)
        self.plot.axes["left"].setWidth((widest_category if self.horizontal else widest_value) + 26)
        self.plot.axes["bottom"].setHeight(metrics.height() + 22)
        self.plot.show_grid(x=self.horizontal, y=not self.horizontal)
        span = (-0.6, count - 0.4)
        values_span = (self.bottom, self.top)
        x_range, y_range = (values_span, span) if self.horizontal else (span, values_span)
        self.plot.view_box.setXRange(*x_range, padding=0)
        self.plot.view_box.setYRange(*y_range, padding=0)

    def resize(self, width: float, height: float) -> None:
        """Lay the plot out in `width` x `height` design pixels and remember its mapping."""
        size = QSize(max(1, round(width)), max(1, round(height)))
        if size == self._size:
            return
        self._size = size
        self.widget.resize(size)
        pg.GraphicsView.setRange(self.widget, QRectF(0, 0, size.width(), size.height()), padding=0)
        self.plot.layout.activate()
        view = self.plot.view_box
        self._origin = view.mapViewToScene(QPointF(0, 0))
        unit = view.mapViewToScene(QPointF(1, 1)) - self._origin
        self._unit_x, self._unit_y = unit.x(), unit.y()

    def zero_axis(self) -> QLineF | None:
        """The zero line across the plot (item pixels) when some value is below zero."""
        if self.bottom >= 0:
            return None
        count = len(self.chart.items)
        ends = [(-0.6, 0.0), (count - 0.4, 0.0)]
        if self.horizontal:
            ends = [(0.0, -0.6), (0.0, count - 0.4)]
        return QLineF(self.map(*ends[0]), self.map(*ends[1]))

    def category_lines(self) -> list[tuple[str, QRectF, int]]:
        """Each category label where pyqtgraph's axis sets it (item pixels, before the
        plot's offset): under a bar, or left of a horizontal bar."""
        metrics, found = QFontMetricsF(self._font), []
        for index, item in enumerate(self.chart.items):
            width, height = metrics.horizontalAdvance(item.label), metrics.height()
            if self.horizontal:
                anchor = self.map(self.bottom, len(self.chart.items) - 1 - index)
                rect = QRectF(anchor.x() - 14 - width, anchor.y() - height / 2, width, height)
            else:
                anchor = self.map(index, self.bottom)
                rect = QRectF(anchor.x() - width / 2, anchor.y() + 14, width, height)
            found.append((item.label, rect, self._font.pixelSize()))
        return found

    def category_spacing(self) -> float:
        """Pixels between neighbouring categories."""
        return abs(self._unit_y if self.horizontal else self._unit_x)

    def map(self, x: float, y: float) -> QPointF:
        """A data point (category index, value; swapped for hbar) in item pixels."""
        return QPointF(self._origin.x() + x * self._unit_x, self._origin.y() + y * self._unit_y)

    def _render(self, scale: float) -> QPixmap:
        pixmap = QPixmap(max(1, math.ceil(self._size.width() * scale)),
                         max(1, math.ceil(self._size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        source = QRectF(0, 0, self._size.width(), self._size.height())
        self.widget.scene().render(painter, QRectF(pixmap.rect()), source)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def draw(self, painter: QPainter, left_top: QPointF) -> None:
        """Draw the axes and grid, rendered at the painter's device scale.

        The picture is not kept: the chart item draws this once into its static layer,
        which Qt's item cache then takes over, so a kept copy (megabytes at 1080p) was
        almost never drawn again (docs/performance.md, "Memory (issue 20)")."""
        transform = painter.worldTransform()
        scale = max(0.25, round(math.hypot(transform.m11(), transform.m12()), 2))
        picture = self._render(scale)
        painter.drawPixmap(QRectF(left_top, self._size.toSizeF()), picture, QRectF(picture.rect()))

    def close(self) -> None:
        """Free the hidden plot widget."""
        self.widget.close()
        self.widget.deleteLater()


def new_frame(chart: Chart, style: Style, label_size: float) -> CartesianFrame:
    """A frame for a bar, hbar or line chart (the factory the chart item calls lazily)."""
    return CartesianFrame(chart, style, label_size)

