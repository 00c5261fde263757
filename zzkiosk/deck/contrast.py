"""Contrast of a theme's text colours against what they sit on (WCAG 2), read from 3 m.

Pure Python, no Qt. Every text colour is checked against the canvas background (each
gradient stop, the worst counts) and against a card (the surface colour laid over the
background): 4.5:1 for text, 3:1 for text of 48 px and more and for the trend arrows
(graphics). A background picture cannot be judged here; its palette colour stands in.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzkiosk.deck.errors import Problem
from zzkiosk.i18n import N_, tr
from zzkiosk.deck.theme import Theme
from zzkiosk.deck.yamlsource import Document

TEXT_RATIO = 4.5
"""WCAG 2 AA for text."""
LARGE_RATIO = 3.0
"""WCAG 2 AA for large text (here: 48 px and more) and for graphics."""
LARGE_PIXELS = 48.0

USES: tuple[tuple[str, str, str, str], ...] = (
    ("primary", "background", "title", N_("titles and headlines")),
    ("primary", "card", "note", N_("chart value labels")),
    ("accent", "background", "subtitle", N_("subtitles")),
    ("accent", "card", "unit", N_("units beside figures")),
    ("text", "background", "body", N_("paragraphs and bullets")),
    ("text", "card", "label", N_("labels under figures")),
    ("muted", "background", "note", N_("captions and axes")),
    ("muted", "card", "note", N_("notes under labels")),
    ("up", "card", "", N_("the rise arrow ▲")),
    ("down", "card", "", N_("the fall arrow ▼")),
)
"""(palette colour, what it sits on, the size it is set at ('' for a graphic), what it is)."""


@dataclass(frozen=True)
class Pairing:
    """One colour on one ground, with its contrast and what it needs."""

    colour: str
    """Palette key of the foreground."""
    ground: str
    """background or card."""
    use: str
    """What is drawn in it."""
    ratio: float
    """The worst contrast over the ground's colours."""
    needed: float
    """The contrast it must reach."""

    @property
    def passes(self) -> bool:
        """Whether the contrast is enough."""
        return self.ratio >= self.needed - 1e-9


def _rgba(colour: str) -> tuple[float, float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    return (*channels[:3], channels[3] if len(channels) == 4 else 1.0)


def over(colour: str, ground: tuple[float, float, float]) -> tuple[float, float, float]:
    """`colour` (maybe translucent) laid over an opaque `ground`."""
    red, green, blue, alpha = _rgba(colour)
    return tuple(alpha * mine + (1 - alpha) * below for mine, below in zip((red, green, blue), ground))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (channels 0..1)."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def grounds(theme: Theme) -> dict[str, list[tuple[float, float, float]]]:
    """The opaque colours text may sit on: the background's and a card's over each."""
    stops = theme.background.gradient or [theme.background.color or theme.palette.background]
    background = [over(stop, (0.0, 0.0, 0.0)) for stop in stops]
    return {"background": background, "card": [over(theme.palette.surface, ground) for ground in background]}


def pairings(theme: Theme) -> list[Pairing]:
    """Every text colour of `theme` against each ground it is drawn on."""
    found, where = [], grounds(theme)
    for key, ground, size_name, use in USES:
        size = getattr(theme.sizes, size_name) if size_name else LARGE_PIXELS
        needed = LARGE_RATIO if size >= LARGE_PIXELS else TEXT_RATIO
        colour = getattr(theme.palette, key)
        ratio = min(contrast(over(colour, below), below) for below in where[ground])
        found.append(Pairing(key, ground, use, round(ratio, 2), needed))
    return found


def failures(theme: Theme) -> list[Pairing]:
    """The pairings of `theme` that are too faint to read from 3 m."""
    return [pairing for pairing in pairings(theme) if not pairing.passes]


def contrast_warnings(theme: Theme, document: Document) -> list[Problem]:
    """A warning at each palette colour of a deck's own theme that is too faint."""
    dark = luminance(grounds(theme)["background"][0]) < 0.18
    return [document.problem(("palette", pairing.colour), _advice(theme, pairing, dark), severity="warning",
                             code="low-contrast") for pairing in failures(theme)]


def _advice(theme: Theme, pairing: Pairing, dark: bool) -> str:
    message = (
        N_("{key} {colour} on the background has contrast {ratio:.1f}:1; {use} need {needed:g}:1 to be read "
           "from 3 m (WCAG 2): make it lighter") if pairing.ground == "background" and dark else
        N_("{key} {colour} on the background has contrast {ratio:.1f}:1; {use} need {needed:g}:1 to be read "
           "from 3 m (WCAG 2): make it darker") if pairing.ground == "background" else
        N_("{key} {colour} on the card has contrast {ratio:.1f}:1; {use} need {needed:g}:1 to be read "
           "from 3 m (WCAG 2): make it lighter") if dark else
        N_("{key} {colour} on the card has contrast {ratio:.1f}:1; {use} need {needed:g}:1 to be read "
           "from 3 m (WCAG 2): make it darker")
    )
    return tr(message, key=pairing.colour, colour=getattr(theme.palette, pairing.colour), ratio=pairing.ratio,
              use=tr(pairing.use), needed=pairing.needed)
