"""SlideScene: one slide laid out on the design canvas, with a deterministic entrance.

The scene knows nothing of navigation or timers: the player asks for the picture at a
time since the slide came in (`set_entrance_time`) and for the final frame
(`finish_entrance`). A new scene shows the entrance's first frame (time 0).
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene

from zzkiosk.deck.deck import Deck, Section
from zzkiosk.deck.plain import Slide
from zzkiosk.render.decor import BackgroundItem, HeadingItem, LogoItem, heading_runs
from zzkiosk.render.easing import ease
from zzkiosk.render.items import BLOCK_ITEMS, BlockItem
from zzkiosk.render.items.counter import share_rows
from zzkiosk.render.layouts import HEADING_STYLES, LAYOUTS, Frame
from zzkiosk.render.memory import ensure_pixmap_cache
from zzkiosk.render.style import Style

COUNT_FACTOR = 2.5
"""Counters count (and charts grow) over this many times the entrance duration."""
RISE = 48.0
"""How far a block rises while it comes in (entrance type rise), in design pixels."""
ZOOM_FROM = 0.9
"""The scale a block grows from (entrance type zoom)."""
LOGO_HEIGHT = 72.0
GHOST_OPACITY = 0.002
"""Opacity a hidden block is painted at to build its caches: Qt still paints it (from 0.001
up) and blends it at a weight of 0 of 255 colour levels, so nothing shows."""
UNTITLED_LAYOUTS = ("quote",)
"""Layouts that draw no title unless the slide asks (show_title: true): a quote stands alone."""
CENTRED_LAYOUTS = ("cover", "quote")
"""Layouts whose paragraphs are centred rather than justified."""


class SlideScene(QGraphicsScene):
    """A slide drawn in design pixels; the scene rect is exactly the deck's canvas."""

    def __init__(self, deck: Deck, section: Section, slide: Slide, parent=None):
        super().__init__(parent)
        ensure_pixmap_cache()
        self.deck, self.section, self.slide = deck, section, slide
        self.style = Style.for_deck(deck)
        self.setSceneRect(self.style.canvas_rect)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.addItem(BackgroundItem(self.style))
        self.logo = self._add_logo()
        self.heading = self._make_heading()
        self.blocks: tuple[BlockItem, ...] = tuple(
            BLOCK_ITEMS[block.kind](block.content, self.style) for block in slide.blocks)
        self._place()
        self._anchors = [item.pos() for item in self.blocks]
        self._applied: list[tuple[float, float] | None] = [None] * len(self.blocks)
        self.device_scale = 1.0
        """Device pixels per design pixel of the view showing the scene (see set_device_scale)."""
        self.entrance_duration: float = self._total_duration()
        """Seconds from the slide coming in until every block has entered and counted."""
        self.set_entrance_time(0.0)

    # -- construction ----------------------------------------------------------------------

    def _add_logo(self) -> LogoItem | None:
        if not self.style.theme.logo:
            return None
        logo = LogoItem(self.style, LOGO_HEIGHT)
        margin = self.style.size("margin")
        logo.setPos(self.style.canvas[0] - margin - logo.width, margin * 0.75)
        self.addItem(logo)
        return logo

    def _make_heading(self) -> HeadingItem | None:
        shown = self.slide.show_title
        if not (shown if shown is not None else self.slide.layout not in UNTITLED_LAYOUTS):
            return None
        mode = HEADING_STYLES[self.slide.layout]
        title, subtitle, credit = self.slide.title, self.slide.subtitle, ""
        if mode == "cover":
            title, credit = title or self.deck.title, self.deck.credit
        elif mode == "section":
            title = title or self.section.title
        if not (title or subtitle or credit):
            return None
        return HeadingItem(self.style, mode, heading_runs(self.style, mode, title, subtitle, credit))

    def _frame(self) -> Frame:
        style = self.style
        reserved = self.logo.width + style.size("gap") if self.logo is not None else 0.0
        return Frame(style.canvas_rect, style.size("margin"), style.size("gap"), style.portrait, reserved)

    def _place(self) -> None:
        for item in self.blocks:
            item.centred = self.slide.layout in CENTRED_LAYOUTS
        placement = LAYOUTS[self.slide.layout](self._frame(), self.heading, self.blocks)
        if self.heading is not None and placement.heading is not None:
            self.heading.place(placement.heading)
            self.addItem(self.heading)
        for item, rect in zip(self.blocks, placement.blocks):
            item.place(rect)
            self.addItem(item)
        share_rows(self.blocks)

    # -- entrance --------------------------------------------------------------------------

    def _block_length(self, item: BlockItem) -> float:
        duration = self.slide.entrance.duration
        return duration * COUNT_FACTOR if item.animated else duration

    def _total_duration(self) -> float:
        entrance = self.slide.entrance
        if entrance.type == "none" or not self.blocks:
            return 0.0
        return max(index * entrance.stagger + self._block_length(item)
                   for index, item in enumerate(self.blocks))

    def _progress_at(self, index: int, seconds: float) -> tuple[float, float]:
        """(appearance, count) progress of a block at `seconds`, both eased."""
        entrance = self.slide.entrance
        if entrance.type == "none" or seconds >= self.entrance_duration:
            return 1.0, 1.0
        local = seconds - index * entrance.stagger
        if entrance.duration <= 0:
            reached = 1.0 if local >= 0 else 0.0
            return reached, reached
        appear = ease(entrance.easing, local / entrance.duration) if local < entrance.duration else 1.0
        count_length = entrance.duration * COUNT_FACTOR
        count = ease(entrance.easing, local / count_length) if local < count_length else 1.0
        return appear, count

    def _apply(self, index: int, appear: float, count: float) -> None:
        if self._applied[index] == (appear, count):
            return
        self._applied[index] = (appear, count)
        item, kind = self.blocks[index], self.slide.entrance.type
        item.setOpacity(min(max(appear, 0.0), 1.0) if kind != "none" else 1.0)
        anchor: QPointF = self._anchors[index]
        if kind == "rise":
            # Whole device pixels: a cached item moved by a fraction of one can come out a
            # pixel taller, and Qt then renders its cache anew (30 ms frames at 4K).
            drop = round((1.0 - appear) * RISE * self.device_scale) / self.device_scale
            item.setPos(anchor.x(), anchor.y() + drop)
        elif kind == "zoom":
            # Whole percent steps: each new scale re-renders the item's device cache.
            item.setScale(round(ZOOM_FROM + (1.0 - ZOOM_FROM) * appear, 2))
        item.set_progress(count)

    def set_entrance_time(self, seconds: float) -> None:
        """Show the slide as it is `seconds` after it came in: blocks staggered and eased,
        counters counting and charts growing. Blocks whose state has not changed are untouched."""
        for index in range(len(self.blocks)):
            self._apply(index, *self._progress_at(index, seconds))

    def finish_entrance(self) -> None:
        """Show the final frame: every block in place, every figure at its value."""
        for index in range(len(self.blocks)):
            self._apply(index, 1.0, 1.0)

    def set_device_scale(self, scale: float) -> None:
        """Tell the scene how many device pixels a design pixel covers where it is shown,
        so that moving blocks land on whole device pixels."""
        if scale > 0:
            self.device_scale = scale

    @contextmanager
    def warming(self):
        """Within the block, paints of the scene also fill the caches of blocks not shown yet.

        A block that has not appeared (opacity 0) is not painted, so its first entrance
        frame used to build its device cache or static layer: frames of 15-25 ms at 1080p
        when a slide or a staggered block came in. Drawn at GHOST_OPACITY (less than one
        colour level) while the new slide is grabbed for its transition, every block's
        cache is built then, and the picture is the same.
        """
        hidden = [item for item in self.blocks if item.opacity() == 0.0]
        for item in hidden:
            item.setOpacity(GHOST_OPACITY)
        try:
            yield
        finally:
            for item in hidden:
                item.setOpacity(0.0)

    @property
    def canvas_rect(self) -> QRectF:
        """The design canvas (the scene rect)."""
        return self.style.canvas_rect
