"""Keeping an unattended show going: hot reload, the slide crash guard, the preview's error banner."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zzkiosk.kiosk.banner import ErrorBanner
from zzkiosk.kiosk.crash import SlideCrashGuard
from zzkiosk.kiosk.reload import HotReload

if TYPE_CHECKING:
    from zzkiosk.player.window import PlayerWindow


def attach_hot_reload_and_crash_guard(window: PlayerWindow, deck_path: Path | str, *, preview: bool) -> HotReload:
    """Watch the deck in `deck_path` and reload valid edits into `window`'s presentation;
    skip slides that fail while painted. With `preview` (the windowed mode for staff), a
    banner over the window lists why an edit was refused until it is fixed. The window
    itself follows an accepted deck (title, keys, theme, kiosk settings: see PlayerWindow).

    Returns the HotReload (its `reload_now()` reloads synchronously).
    """
    presentation = window.presentation
    reload = HotReload(presentation, deck_path)
    if preview:
        banner = ErrorBanner(window, presentation.deck.theme.fonts.family)
        reload.refused.connect(banner.show_problems)
        reload.accepted.connect(banner.clear)
        reload.accepted.connect(lambda: banner.set_family(presentation.deck.theme.fonts.family))
    window.add_controller(SlideCrashGuard(presentation))
    window.add_controller(reload)
    return reload
