"""The icon catalogue, without Qt: which `prefix.name` icons exist, and where their fonts are.

Icons come from the icon fonts that the qtawesome package ships (Font Awesome, Material
Design Icons, Phosphor, Remix, Elusive, Codicons): each font file has a JSON charmap of
icon name -> code point beside it. The deck loader checks a name such as `mdi6.factory`
against those charmaps (with a did-you-mean for a near miss) without importing qtawesome,
whose import pulls in a Qt binding; `zzkiosk.render.items.glyphs` draws the glyph with Qt.

The four emblems drawn by zzkiosk itself (star, medal, flag, trophy) are names too.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zzkiosk.i18n import tr

EMBLEMS = ("star", "medal", "flag", "trophy")
"""Icons drawn as zzkiosk's own painter paths; written without a prefix."""

ICON_FONTS: dict[str, str] = {
    "fa5": "fontawesome5-regular-webfont",
    "fa5s": "fontawesome5-solid-webfont",
    "fa5b": "fontawesome5-brands-webfont",
    "fa6": "fontawesome6-regular-webfont",
    "fa6s": "fontawesome6-solid-webfont",
    "fa6b": "fontawesome6-brands-webfont",
    "ei": "elusiveicons-webfont",
    "mdi": "materialdesignicons5-webfont",
    "mdi6": "materialdesignicons6-webfont",
    "ph": "phosphor",
    "ri": "remixicon",
    "msc": "codicon",
}
"""Icon prefix (as qtawesome names them) -> the start of its font's file name; the rest of
the name is the font's version, so a newer qtawesome needs no change here."""


class IconError(ValueError):
    """An icon name that no icon font has, with a suggestion when one is near."""

    code = "unknown-icon"
    """The problem's code in `validate --json`."""


@dataclass(frozen=True)
class IconFont:
    """One icon font: its file and its icon names."""

    prefix: str
    """The prefix written before the name: mdi6, fa6s, ph ..."""
    font_file: Path
    """The .ttf file holding the glyphs."""
    charmap: dict[str, int]
    """Icon name -> code point in the font."""


def font_folder() -> Path:
    """The folder of qtawesome's fonts: inside the one-folder build, or the installed package.

    The package is found, not imported (`find_spec`), so no Qt binding is loaded."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise IconError("the icon fonts are missing: install qtawesome (pip install qtawesome)")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@lru_cache(maxsize=None)
def icon_font(prefix: str) -> IconFont:
    """The icon font of `prefix`, its charmap read once per process."""
    stem = ICON_FONTS[prefix]
    folder = font_folder()
    charmaps = sorted(folder.glob(f"{stem}-charmap-*.json"))
    fonts = sorted(path for path in folder.glob(f"{stem}-*.ttf"))
    if not charmaps or not fonts:
        raise IconError(f"the icon font {stem} is missing from {folder}")
    raw = json.loads(charmaps[-1].read_text(encoding="utf-8"))
    charmap = {name: int(code, 16) if isinstance(code, str) else int(code) for name, code in raw.items()}
    return IconFont(prefix, fonts[-1], charmap)


def check_icon(name: str) -> str:
    """`name` if it is an emblem or a `prefix.name` icon that exists; otherwise IconError
    saying what is wrong and what was probably meant."""
    if name in EMBLEMS:
        return name
    prefix, dot, icon = name.partition(".")
    if not dot or prefix not in ICON_FONTS:
        near = [other for other in difflib.get_close_matches(prefix, list(ICON_FONTS), n=3)
                if icon in icon_font(other).charmap]
        meant = near[0] + "." + icon if near else ""
        hint = tr(" (did you mean {icon}?)", icon=meant) if near and dot else ""
        raise IconError(tr(
            "'{name}' is not an icon{hint}: write one of {emblems}, or prefix.name "
            "with a prefix of {prefixes} (for example mdi6.factory)",
            name=name, hint=hint, emblems=", ".join(EMBLEMS), prefixes=", ".join(ICON_FONTS)))
    charmap = icon_font(prefix).charmap
    if icon not in charmap:
        near = difflib.get_close_matches(icon, list(charmap), n=3)
        hint = tr("; did you mean {icons}?", icons=", ".join(f"{prefix}.{other}" for other in near)) if near else ""
        raise IconError(tr("there is no icon '{icon}' in {prefix}{hint}", icon=icon, prefix=prefix, hint=hint))
    return name


def code_point(name: str) -> tuple[Path, int]:
    """The font file and code point of a `prefix.name` icon (checked by `check_icon`)."""
    prefix, _, icon = name.partition(".")
    font = icon_font(prefix)
    return font.font_file, font.charmap[icon]
