"""Sprites live while a block holds them (or they were used lately); a count never renders one mid-animation.

Guards zzkiosk.render.sprites (issue 20, memory): sprites used to be kept for good (512
of them), so the sprites of slides long gone stayed in memory; now they go once no block
holds them and they are not among the few MB used last, and a counting figure holds every
digit from its first draw on.
"""

import gc
import weakref

from PySide6.QtGui import QColor, QFont, QImage, QPainter

from zzkiosk.numbers import FigureText
from zzkiosk.render import sprites
from zzkiosk.render.items.figureline import FigureLine


def _font(pixels: int) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    return font


def _use_other_sprites() -> None:
    """Other slides' sprites, used and let go of, more than the recent ones kept."""
    big, used = _font(200), 0
    while used <= 2 * sprites.RECENT_BYTES:
        other = sprites.sprite(f"x{used}", big, QColor("#123456"), 1.0)
        used += other.width() * other.height() * 4
    del other
    gc.collect()


def test_a_sprite_is_shared_while_held_and_freed_once_gone_and_not_recent(qapp):
    font, colour = _font(80), QColor("#c8102e")
    first = sprites.sprite("7", font, colour, 1.0)
    assert sprites.sprite("7", font, colour, 1.0) is first, "two blocks drawing the same text share one sprite"
    picture, gone = first.toImage(), weakref.ref(first)
    del first
    gc.collect()
    assert gone() is not None, "just let go of: kept a while (a press back to the slide just left)"
    _use_other_sprites()
    assert gone() is None, "neither held by a block nor among the recent ones: it must be freed"
    again = sprites.sprite("7", font, colour, 1.0)
    assert again.toImage() == picture, "rendered again, the same pixels"


def _figure(number: str) -> FigureText:
    return FigureText("", number, "", "", "")


def test_a_count_renders_no_sprite_after_its_first_frame(qapp, monkeypatch):
    # Regression: digits are warmed at the first draw so that a digit's first appearance
    # mid-count costs no frame; with sprites no longer kept for good, the figure holds them.
    line = FigureLine(_figure("9,876.5"), _font(120), _font(48))
    colours = (QColor("#222222"), QColor("#555555"), QColor("#c8102e"))
    image = QImage(900, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    line.draw(painter, _figure("0"), 10, 150, colours)
    _use_other_sprites()  # other slides come and go: what the figure line does not hold goes
    rendered = []
    real_render = sprites._render
    monkeypatch.setattr(sprites, "_render", lambda *args: rendered.append(args[0]) or real_render(*args))
    for number in ("1.5", "23.2", "456.7", "7,890.1", "9,876.5"):
        line.draw(painter, _figure(number), 10, 150, colours)
    painter.end()
    assert rendered == [], f"rendered mid-count: {rendered}"
