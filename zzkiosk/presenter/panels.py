"""Drawing the presenter view's parts: where each goes, times, the notes, the budget bar, the section list.

Plain functions over a QPainter, in the view's own pixels; the view decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from zzkiosk.i18n import tr

BACKGROUND = QColor("#141414")
"""A dark room behind the guide's screen: nothing bright besides the slides."""
TEXT = QColor("#f2f2f2")
DIM = QColor("#9a9a9a")
OVER_BUDGET = QColor("#d9a441")
"""The budget bar past its time: amber, calm, never a flashing red."""

MIN_NOTES_SHARE = 0.55
"""Long notes are set smaller to fit, down to this share of the chosen size (then they are cut)."""


@dataclass(frozen=True)
class Layout:
    """Where each part of the view goes, for one window size."""

    top: QRect
    budget: QRect
    current: QRect
    next: QRect
    next_label: QRect
    notes: QRect
    sections: QRect


def lay_out(width: int, height: int, canvas: tuple[int, int]) -> Layout:
    """Current slide and next slide on the left, notes on the right, times on top, sections below."""
    margin = max(8, width // 60)
    top = QRect(margin, margin // 2, width - 2 * margin, max(40, height // 12))
    budget = QRect(margin, top.bottom() + margin // 3, width - 2 * margin, max(6, height // 130))
    sections = QRect(margin, height - margin - max(36, height // 14), width - 2 * margin, max(36, height // 14))
    left = int(width * 0.40)
    body_top = budget.bottom() + margin
    current = QRect(margin, body_top, left, left * canvas[1] // canvas[0])
    label = QRect(margin, current.bottom() + margin // 2, left, max(24, height // 28))
    small = int(left * 0.62)
    room = sections.top() - margin - label.bottom()
    small = min(small, room * canvas[0] // max(canvas[1], 1))
    following = QRect(margin, label.bottom() + margin // 3, small, small * canvas[1] // canvas[0])
    notes = QRect(current.right() + 2 * margin, body_top, width - left - 4 * margin, sections.top() - margin - body_top)
    return Layout(top, budget, current, following, label, notes, sections)


def clock_text(seconds: float) -> str:
    """`12:05`, or `1:02:05` past an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def font(family: str, pixels: int, *, bold: bool = False) -> QFont:
    """The theme's family at a pixel size."""
    result = QFont(family)
    result.setPixelSize(max(8, pixels))
    result.setBold(bold)
    return result


def draw_notes(painter: QPainter, rect: QRect, text: str, family: str, pixels: int) -> int:
    """The notes wrapped into `rect`, set smaller (to a floor) when long; the pixel size used."""
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    size = pixels
    for _ in range(12):  # bounded: each step is 5% smaller, down to the floor
        painter.setFont(font(family, size))
        needed = painter.boundingRect(rect, flags, text)
        if needed.height() <= rect.height() or size <= pixels * MIN_NOTES_SHARE:
            break
        size = max(int(size * 0.95), int(pixels * MIN_NOTES_SHARE))
    painter.setPen(TEXT if text else DIM)
    painter.drawText(rect, flags, text or tr("(no notes for this slide)"))
    return size


def draw_budget(painter: QPainter, rect: QRect, share: float | None, accent: QColor) -> None:
    """A thin bar: the share of the time budget used; amber once it is all used."""
    painter.fillRect(rect, QColor(255, 255, 255, 28))
    if share is None:
        return
    colour = OVER_BUDGET if share >= 1 else QColor(accent.red(), accent.green(), accent.blue(), 170)
    painter.fillRect(QRectF(rect.x(), rect.y(), rect.width() * min(share, 1.0), rect.height()), colour)


def draw_sections(painter: QPainter, rect: QRect, titles: list[str], current: int, family: str,
                  accent: QColor) -> None:
    """The section titles side by side, the current one filled with the accent colour."""
    if not titles:
        return
    gap = max(4, rect.height() // 6)
    width = (rect.width() - gap * (len(titles) - 1)) // len(titles)
    painter.setFont(font(family, rect.height() * 2 // 5, bold=True))
    for number, title in enumerate(titles):
        cell = QRect(rect.x() + number * (width + gap), rect.y(), width, rect.height())
        here = number == current
        painter.fillRect(cell, accent if here else QColor(255, 255, 255, 22))
        painter.setPen(BACKGROUND if here else DIM)
        label = painter.fontMetrics().elidedText(f"{number + 1} {title}", Qt.TextElideMode.ElideRight, cell.width() - gap * 2)
        painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, label)


def draw_cover(painter: QPainter, rect: QRect, cover: str, family: str) -> None:
    """What the audience sees instead of the slide: a black or white screen, named."""
    colour = QColor("white") if cover == "white" else QColor("black")
    painter.fillRect(rect, colour)
    painter.setPen(QColor("#777777"))
    painter.setFont(font(family, rect.height() // 10, bold=True))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tr("WHITE screen") if cover == "white" else tr("BLACK screen"))


def draw_qr(painter: QPainter, rect: QRect, modules: list[list[bool]], caption: str, family: str) -> None:
    """A QR code (dark modules on white, its quiet zone included) centred in `rect`, `caption` under it."""
    caption_height = max(24, rect.height() // 14)
    side = min(rect.width(), rect.height() - caption_height)
    module = max(1, side // len(modules))
    size = module * len(modules)
    left, top = rect.x() + (rect.width() - size) // 2, rect.y()
    painter.fillRect(QRect(left, top, size, size), QColor("white"))
    for row, line in enumerate(modules):
        for column, dark in enumerate(line):
            if dark:
                painter.fillRect(QRect(left + column * module, top + row * module, module, module), QColor("black"))
    painter.setPen(DIM)
    painter.setFont(font(family, caption_height * 2 // 3))
    painter.drawText(QRect(rect.x(), top + size, rect.width(), caption_height), Qt.AlignmentFlag.AlignCenter, caption)
