"""What task cards, keywords and flow steps share: cells that enter one after another,
and text that grows to fill its cell up to a theme maximum.

Each cell is drawn once into a pixmap at the device scale; while the block enters, a
frame only blits the cells whose appearance changed, faded and risen as far as they have
got. The block itself keeps still and opaque while the scene brings it in (the cells rise
and fade by themselves): moving or fading it as a whole repainted its whole area, most of
the screen, every frame (10-20 ms at 4K). Qt never caches these blocks as a whole: the cells' pixmaps are that cache already,
and filling Qt's device cache of a block the size of the screen when the last cell is in
cost a 20 ms frame at 4K.
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.sprites import blit, device_scale
from zzkiosk.render.typesetting import BODY_MIN, MIN_SCALE, TEXT_MIN, LaidLine, Run, TextBox
CELL_WINDOW = 0.45
"""The share of the block's entrance progress that one cell takes to come in."""
CELL_RISE = 28.0
"""How far a cell rises while it comes in, in design pixels."""
CELL_STEPS = 16
"""A cell's appearance moves in this many steps: a frame in which no cell reaches its next
step repaints nothing (the eye sees no difference at 60 Hz; a 4K frame saves a blend)."""
ONE_LINE = 0.75
"""A short headline is set on one line, smaller, if that keeps this share of its full size;
a longer one wraps at full size (中小微企业 on one line, not 中小微 / 企业)."""


def grown(size: float, floor: float) -> float:
    """A full size that never shrinks below `floor` when a text box shrinks it to fit."""
    return max(size, floor / MIN_SCALE)


def headline_size(text: str, full: float, width: float, font: QFont, keep: float = ONE_LINE,
                  wrap_at: float | None = None) -> float:
    """The size to set a short headline at in `width`: full size if it fits on one line,
    smaller if one line still keeps `keep` of the full size, otherwise `wrap_at` (default
    full), the size it wraps at."""
    probe = QFont(font)
    probe.setPixelSize(100)
    natural = QFontMetricsF(probe).horizontalAdvance(text) / 100.0
    if natural <= 0 or natural * full <= width:
        return full
    fitted = width / natural * 0.98
    return fitted if fitted >= full * keep else (full if wrap_at is None else wrap_at)


def at_scale(runs: list[Run], scale: float, first_floor: float = BODY_MIN) -> list[Run]:
    """The runs with their fonts and spacing scaled, so sibling cells share one size; the
    first run (the headline, body text) never under `first_floor`, the others never under
    their own floor."""
    scaled = []
    for index, run in enumerate(runs):
        font = QFont(run.font)
        floor = first_floor if index == 0 else run.floor
        font.setPixelSize(max(round(floor), round(run.font.pixelSize() * scale)))
        scaled.append(replace(run, font=font, space_before=run.space_before * scale, indent=run.indent * scale))
    return scaled


def balanced_rows(count: int, most: int) -> list[int]:
    """`count` cells in rows of at most `most`, as even as possible (5 -> 3, 2)."""
    rows = math.ceil(count / most)
    base, extra = divmod(count, rows)
    return [base + 1 if row < extra else base for row in range(rows)]


class SequenceItem(BlockItem):
    """A block of cells (item coordinates) that come in one after another as progress runs.

    Subclasses lay cells out in `relayout` (setting `self.cells` and each cell's words in
    `self._words`) and draw one in `paint_cell`.
    """

    size_class = "wide"
    flexible = True
    animated = True

    def __init__(self, model, style):
        super().__init__(model, style)
        self.cells: list[QRectF] = []
        """Each cell's area in item coordinates; it may draw only there."""
        self._words: list[TextBox] = []
        self._origins: list[QPointF] = []
        self._sprites: dict[int, QPixmap] = {}
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self._anchor: QPointF | None = None

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # noqa: N802 (Qt API)
        """Stay where the layout put the block, at full opacity and size: the scene's rise,
        fade and zoom of the whole block are its cells' own entrance here."""
        changes = QGraphicsItem.GraphicsItemChange
        if change == changes.ItemPositionChange and self._anchor is not None:
            return self._anchor
        if change in (changes.ItemOpacityChange, changes.ItemScaleChange):
            return 1.0
        return super().itemChange(change, value)

    def overflowed(self) -> bool:
        """True when some cell's words were elided."""
        return any(words.elided for words in self._words)

    def laid_lines(self) -> list[LaidLine]:
        """Every line of every cell's words as broken and set, in reading order, each with
        its role (a headline is body text)."""
        return [line for words, origin in zip(self._words, self._origins) for line in words.laid_lines(origin)]

    def text_sizes(self) -> list[int]:
        """Pixel sizes of every line as set, in every cell (for proof checks)."""
        return [line.px for line in self.laid_lines()]

    def headline_sizes(self) -> list[int]:
        """Pixel size of each cell's headline (its first line) as set."""
        return [words.lines[0].layout.font().pixelSize() for words in self._words if words.lines]

    def set_progress(self, progress: float) -> None:
        """Show the cells as far as `progress` (0 to 1) has brought them in; repaint only
        the cells whose appearance changed."""
        progress = min(max(progress, 0.0), 1.0)
        if progress == self._progress:
            return
        previous, self._progress = self._progress, progress
        for rect in self.changed_rects(previous):
            self.update(rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """The cells, from their pixmaps (there is no static layer)."""
        self.paint_dynamic(painter)

    def place(self, rect: QRectF) -> None:
        """Lay out anew, and forget the cells drawn for the old box."""
        self._sprites = {}
        self._anchor = rect.topLeft()
        super().place(rect)

    def paint_cell(self, painter: QPainter, index: int) -> None:
        """Draw cell `index` in `self.cells[index]`."""
        raise NotImplementedError

    def cell_appearance(self, index: int, progress: float | None = None) -> float:
        """How far cell `index` has come in (0 to 1) at `progress` (default: the current one)."""
        progress = self.progress if progress is None else progress
        if progress >= 1.0:
            return 1.0
        count = len(self.cells)
        start = index * (1.0 - CELL_WINDOW) / (count - 1) if count > 1 else 0.0
        window = CELL_WINDOW if count > 1 else 1.0
        return round(min(max((progress - start) / window, 0.0), 1.0) * CELL_STEPS) / CELL_STEPS

    def changed_rects(self, previous: float) -> list[QRectF]:
        """The cells whose appearance changed, with room for their rise."""
        return [self.cells[index].adjusted(0, 0, 0, CELL_RISE) for index in range(len(self.cells))
                if self.cell_appearance(index, previous) != self.cell_appearance(index)]

    def paint_dynamic(self, painter: QPainter) -> None:
        """Every cell as far as it has come in; cells not in yet are drawn into their sprites
        (so the frame they first show in does not have to)."""
        scale = device_scale(painter)
        opacity = painter.opacity()
        exposed = painter.clipBoundingRect() if painter.hasClipping() else QRectF()
        for index, cell in enumerate(self.cells):
            sprite = self._sprite(index, scale)
            appear = self.cell_appearance(index)
            if appear <= 0.0 or not (exposed.isEmpty() or exposed.intersects(cell.adjusted(0, 0, 0, CELL_RISE))):
                continue
            drop = round((1.0 - appear) * CELL_RISE * scale) / scale
            painter.setOpacity(opacity * appear)
            blit(painter, QPointF(cell.left(), cell.top() + drop), sprite)
        painter.setOpacity(opacity)

    def let_go_of_painting(self) -> None:
        """Free the cells' pixmaps too (the next paint draws them anew)."""
        super().let_go_of_painting()
        self._sprites = {}

    def _sprite(self, index: int, scale: float) -> QPixmap:
        sprite = self._sprites.get(index)
        if sprite is not None and sprite.devicePixelRatio() == scale:
            return sprite
        cell = self.cells[index]
        sprite = QPixmap(max(1, math.ceil(cell.width() * scale)), max(1, math.ceil(cell.height() * scale)))
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-cell.topLeft())
        self.paint_cell(painter, index)
        painter.end()
        sprite.setDevicePixelRatio(scale)
        self._sprites[index] = sprite
        return sprite

    def content_rect(self) -> QRectF:
        """The cells."""
        rect = QRectF()
        for cell in self.cells:
            rect = rect.united(cell)
        return rect
