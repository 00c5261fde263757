"""The proof sheet: every line of text of every slide exactly as the player sets it.

A proofreader compares it with the source without looking at forty pictures; tests read
it to check that no figure is split. Each slide is built as the player builds it (a
`SlideScene` at the end of its entrance) and every item reports the lines it set, so
the sheet cannot disagree with the screen. Positions are design-canvas pixels, on the
deck's own canvas as the player lays it out on any screen (letterboxed when the shapes
differ); `on_canvas` lays it out on the other canvas, to see it as a portrait deck.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from zzkiosk.deck.deck import CANVAS_SIZES, Deck
from zzkiosk.render.scene import SlideScene
from zzkiosk.render.typesetting import LaidLine

HEADING_ROLES = ("title", "subtitle", "credit")
"""The heading's blocks, in reading order."""


@dataclass(frozen=True)
class ProofBlock:
    """One block of a slide and its lines in reading order."""

    type: str
    """counter, chart, text, badge, timeline, image, or title, subtitle, credit."""
    rect: tuple[float, float, float, float]
    """Where the block is: x, y, width, height."""
    lines: tuple[dict, ...]
    """{"text", "rect", "px", "role"} per line, as broken on screen; role is title,
    subtitle or credit in the heading, body for body text (paragraphs, bullets, the
    headlines of cards, steps and keywords), empty for the rest (labels, notes, figures)."""


@dataclass(frozen=True)
class ProofSlide:
    """One slide of the proof sheet."""

    number: int
    section: str
    slide: str
    layout: str
    blocks: tuple[ProofBlock, ...]


def on_canvas(deck: Deck, shape: str | None) -> Deck:
    """`deck` laid out on the canvas `shape` ("landscape" or "portrait") instead of its own
    `canvas:`; `deck` itself for None. The player never does this: it plays the deck's own
    canvas on every screen, letterboxed; render and proof do it when asked (--canvas)."""
    if shape is None or deck.canvas == CANVAS_SIZES[shape]:
        return deck
    return replace(deck, canvas=CANVAS_SIZES[shape])


def proof_deck(deck: Deck) -> list[ProofSlide]:
    """Every slide of `deck` laid out on its canvas, as proof slides."""
    return [proof_slide(deck, number, section, slide)
            for number, (section, slide) in enumerate(deck.slides, start=1)]


def proof_slide(deck: Deck, number: int, section, slide) -> ProofSlide:
    """One slide built as the player builds it, read back line by line."""
    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    blocks = []
    if scene.heading is not None:
        lines = scene.heading.laid_lines()
        for role in HEADING_ROLES:
            mine = [line for line in lines if line.role == role]
            if mine:
                blocks.append(_block(role, scene.heading, mine))
    for item in scene.blocks:
        blocks.append(_block(item.kind, item, item.laid_lines()))
    scene.clear()
    return ProofSlide(number, section.id, slide.id, slide.layout, tuple(blocks))


def _block(kind: str, item, lines: list[LaidLine]) -> ProofBlock:
    rect = item.mapRectToScene(item.boundingRect())
    shown = []
    for line in lines:
        placed = item.mapRectToScene(line.rect)
        shown.append({"text": line.text, "rect": _numbers(placed), "px": line.px, "role": line.role})
    return ProofBlock(kind, _numbers(rect), tuple(shown))


def _numbers(rect) -> tuple[float, float, float, float]:
    return (round(rect.x(), 1), round(rect.y(), 1), round(rect.width(), 1), round(rect.height(), 1))


def as_json(slides: list[ProofSlide], size: tuple[int, int], canvas: tuple[int, int]) -> dict:
    """The proof sheet as `{"size": [w, h], "canvas": [w, h], "slides": [...]}`: the screen's
    size, and the design canvas whose pixels every rect is in."""
    return {"size": list(size), "canvas": list(canvas), "slides": [{
        "number": slide.number, "section": slide.section, "slide": slide.slide, "layout": slide.layout,
        "blocks": [{"type": block.type, "rect": list(block.rect),
                    "lines": [{**line, "rect": list(line["rect"])} for line in block.lines]}
                   for block in slide.blocks],
    } for slide in slides]}


def as_text(slides: list[ProofSlide]) -> str:
    """The proof sheet for reading: per slide its number and ids, then each block's lines."""
    out = []
    for slide in slides:
        out.append(f"{slide.number:02d}  {slide.section}/{slide.slide}  ({slide.layout})")
        for block in slide.blocks:
            texts = [line["text"] for line in block.lines] or ["(no text)"]
            out.append(f"    {block.type + ':':<10}{texts[0]}")
            out.extend(f"    {'':<10}{text}" for text in texts[1:])
        out.append("")
    return "\n".join(out)
