"""Pie, donut and ring-gauge drawing for the chart item: arcs that sweep in as progress grows."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from zzkiosk.deck.plain import Chart
from zzkiosk.numbers import count_up_text, format_number
from zzkiosk.render.style import Style
from zzkiosk.render.typesetting import Run, TextBox

START_ANGLE = 90.0
"""Slices and gauges start at twelve o'clock and run clockwise."""
DONUT_HOLE = 0.56
"""A donut's hole as a share of its diameter."""


def item_text(chart: Chart, index: int, progress: float) -> str:
    """The value of the index-th item, counted `progress` of the way, with its unit."""
    item = chart.items[index]
    return str(count_up_text(item.value, progress, decimals=item.decimals, unit=item.unit or chart.unit,
                             before=item.before, after=item.after, signed=item.signed))


def ring_text(chart: Chart, progress: float):
    """The ring's share, counted `progress` of the way (a FigureText); a part of a whole
    shows its whole after it, set like a unit: 24/35个."""
    unit = chart.unit if chart.of is None else f"/{format_number(chart.of)}{chart.unit}"
    return count_up_text(chart.value, progress, decimals=chart.decimals, unit=unit,
                         before=chart.before, after=chart.after)


def slice_spans(chart: Chart, progress: float) -> list[tuple[float, float]]:
    """(start, span) in degrees for each slice, clockwise from the top, swept to `progress`."""
    total = sum(item.value for item in chart.items) or 1.0
    sweep_left, angle, spans = 360.0 * progress, START_ANGLE, []
    for item in chart.items:
        span = min(360.0 * item.value / total, sweep_left)
        sweep_left -= span
        spans.append((angle, -span))
        angle -= span
    return spans


def paint_slices(painter: QPainter, disc: QRectF, chart: Chart, style: Style, progress: float) -> None:
    """A pie (or a donut: a thick ring of arcs) swept clockwise to `progress`."""
    donut = chart.kind == "donut"
    thickness = disc.width() * (1 - DONUT_HOLE) / 2
    ring = disc.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
    for index, (start, span) in enumerate(slice_spans(chart, progress)):
        if span == 0:
            continue
        colour = style.series(index)
        if donut:
            pen = QPen(colour, thickness)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(ring, round(start * 16), round(span * 16))
        else:
            painter.setPen(QPen(style.colour("background"), 3))
            painter.setBrush(colour)
            painter.drawPie(disc, round(start * 16), round(span * 16))


def legend_box(chart: Chart, style: Style, width: float, height: float) -> TextBox:
    """The legend's lines (label and value per item), fitted to `width` x `height`."""
    font = style.font(style.size("label"))
    runs = [Run(f"{item.label}  {item_text(chart, index, 1.0)}", font, style.colour("text"),
                space_before=style.size("label") * 0.5, indent=style.size("label") * 1.1, max_lines=1)
            for index, item in enumerate(chart.items)]
    return TextBox(runs, width, height, "chart legend")


def paint_legend(painter: QPainter, legend: TextBox, origin: QPointF, style: Style) -> None:
    """The legend's colour keys and its lines."""
    painter.setPen(Qt.PenStyle.NoPen)
    for set_line in legend.lines:
        first = set_line.layout.lineAt(0)
        key = first.ascent() * 0.7
        top = origin.y() + set_line.origin.y() + first.y() + first.ascent() - key
        painter.setBrush(style.series(set_line.run_index))
        painter.drawRoundedRect(QRectF(origin.x(), top, key, key), 4, 4)
    legend.draw(painter, origin)


RING_THICKNESS = 0.11
"""A gauge's stroke as a share of its diameter."""


def _ring(disc: QRectF) -> tuple[QRectF, float]:
    thickness = disc.width() * RING_THICKNESS
    return disc.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2), thickness


def paint_ring_track(painter: QPainter, disc: QRectF, style: Style) -> None:
    """A gauge's faint full circle."""
    ring, thickness = _ring(disc)
    track = QColor(style.colour("muted"))
    track.setAlphaF(0.25)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(track, thickness))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(ring)


def ring_span(chart: Chart, progress: float) -> float:
    """Degrees of a gauge's accent arc grown to `progress`."""
    return 360.0 * chart.value / chart.whole * progress


def ring_arc_change(disc: QRectF, old_span: float, new_span: float) -> QRectF:
    """The bounding rect of what changes when a gauge's arc goes from `old_span` to
    `new_span` degrees: the quarters of the ring the two ends lie in, those between, and
    both round caps. Whole quarters: Qt draws an arc as one curve per quarter, and moving
    its end reshapes that quarter's curve by a fraction of a pixel all along."""
    ring, thickness = _ring(disc)
    low, high = sorted((old_span, new_span))
    low, high = math.floor(low / 90.0) * 90.0, max(math.ceil(high / 90.0), math.floor(low / 90.0) + 1) * 90.0
    steps = max(1, math.ceil((high - low) / 10.0))
    centre, radius_x, radius_y = ring.center(), ring.width() / 2, ring.height() / 2
    points = []
    for step in range(steps + 1):
        angle = math.radians(START_ANGLE - (low + (high - low) * step / steps))
        points.append(QPointF(centre.x() + radius_x * math.cos(angle), centre.y() - radius_y * math.sin(angle)))
    left, right = min(p.x() for p in points), max(p.x() for p in points)
    top, bottom = min(p.y() for p in points), max(p.y() for p in points)
    reach = thickness / 2 + 2  # the pen's half width and antialiasing
    return QRectF(left - reach, top - reach, right - left + 2 * reach, bottom - top + 2 * reach)


def paint_ring_arc(painter: QPainter, disc: QRectF, chart: Chart, style: Style, progress: float) -> None:
    """A gauge's accent arc for the share, grown to `progress`."""
    ring, thickness = _ring(disc)
    span = ring_span(chart, progress)
    if span > 0:
        pen = QPen(style.colour("accent"), thickness)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(ring, round(START_ANGLE * 16), round(-span * 16))
