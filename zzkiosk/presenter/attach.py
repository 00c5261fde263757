"""Putting the guide's console into a running kiosk: the console over the show, the presenter view on
its screen, the guide's page on the control port."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzkiosk.control.port import ControlPort
    from zzkiosk.player.window import PlayerWindow
    from zzkiosk.presenter.console import GuideConsole
    from zzkiosk.presenter.view import PresenterView


def attach_console(window: PlayerWindow) -> GuideConsole:
    """The guide's console over the show that `window` plays (owned by the window)."""
    from zzkiosk.presenter.console import GuideConsole

    console = GuideConsole(window.slideshow, parent=window)
    # A reload that leaves the slide as it was changes nothing the Show reports, but the tours may have changed.
    window.presentation.deck_replaced.connect(console.deck_replaced)
    return console


def attach_presenter_view(console: GuideConsole, window: PlayerWindow, screen: int | str) -> PresenterView:
    """The presenter view on `screen` (a number, 0 first, or a name), following it as screens come and go.

    It never goes on `window`'s screen: when `screen` is absent or is the audience's, the
    view stays hidden until a screen of that number or name appears.
    """
    from zzkiosk.presenter.screens import PresenterScreen
    from zzkiosk.presenter.view import PresenterView

    view = PresenterView(console)
    follower = PresenterScreen(view, screen, window, console)  # the console (owned by the window) keeps both
    follower.follow()
    return view


def attach_guide_page(port: ControlPort | None, console: GuideConsole) -> bool:
    """Let the control port's HTTP server answer the guide's page with `console` (once HTTP has
    started: it starts a moment after the first slide); False when the port has no HTTP."""
    if port is None or port.settings.http is None:
        return False
    from zzkiosk.guide.link import guide_url

    console.guide_url = guide_url(port.settings)

    def attach() -> None:
        http = port.transports.get("http")
        if http is not None:  # None: it could not listen (logged by the port)
            http.guide.attach(console)

    port.started_late.connect(attach)  # also after the port is unbound and bound again (a new server)
    if port.started:
        attach()
    return True
