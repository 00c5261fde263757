"""ControlPort: the transports the config turns on, around one dispatcher, one guard and the Show.

The composition root attaches it with `attach_control(show, settings, parent)`. A port that
cannot open is logged and the show plays on without it: a busy port must not darken a hall.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from zzkiosk.control.dispatch import Dispatcher
from zzkiosk.control.guard import Guard
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.show.state import ShowState

log = logging.getLogger("zzkiosk.control")

LATE_START_MS = 1500
"""HTTP and discovery start this long after the port: the kiosk's first slide comes first
(aiohttp's import alone is ~0.2 s of a start, on the reference PC)."""


class ControlPort(QObject):
    """Every configured transport, answering commands on the Show and pushing its state out."""

    started_late = Signal()
    """HTTP and discovery have started (or failed to, logged): `started` is True from now on."""

    def __init__(self, show: QObject, settings: ControlSettings, parent: QObject | None = None):
        super().__init__(parent)
        self._show = show
        self.settings = settings
        """The settings in force."""
        self.guard = Guard(settings.allow, settings.token, rate=settings.rate, burst=max(2, int(settings.rate * 2)))
        """Allow list, token, rate and log limits, shared by the transports."""
        self.dispatcher = Dispatcher(show)
        """Runs commands on the show."""
        self.transports: dict[str, QObject] = {}
        """What listens, by name: udp, tcp, osc, http."""
        self._last_state: ShowState | None = None
        self._push_pending = False
        self._announcer = None
        self._notifier: QObject | None = None
        self._bound = False
        self.started = False
        """True once every transport has been started (HTTP and discovery come LATE_START_MS after the rest)."""

    # -- the controller protocol (bind, unbind, configure) ----------------------------

    def bind(self) -> None:
        """Open the transports and follow the show's state."""
        if self._bound:
            return
        self._bound = True
        self._open_transports()
        self._notifier = self._make_notifier()
        self._show.state_changed.connect(self._state_changed)
        QTimer.singleShot(LATE_START_MS, self, self._start_late)

    def unbind(self) -> None:
        """Close every transport and withdraw the announcement."""
        if not self._bound:
            return
        self._bound, self.started = False, False
        self._show.state_changed.disconnect(self._state_changed)
        for transport in self.transports.values():
            close = getattr(transport, "close", None)
            if close is not None:
                close()
        self.transports.clear()
        if self._announcer is not None:
            self._announcer.stop()
            self._announcer = None

    def configure(self, deck: object) -> None:
        """Nothing to take from a deck: the port's settings belong to the machine (config.yaml)."""

    close = unbind

    def _open_transports(self) -> None:
        from zzkiosk.control.tcp import TcpText
        from zzkiosk.control.udp import UdpText

        kinds = {"udp": UdpText, "tcp": TcpText}
        if self.settings.osc is not None:
            from zzkiosk.control.osc import OscUdp

            kinds["osc"] = OscUdp
        self._open(kinds)

    def _start_late(self) -> None:
        """Start HTTP and discovery, which are heavy to import."""
        if not self._bound:
            return
        if self.settings.http is not None:
            from zzkiosk.control.http import HttpControl

            self._open({"http": HttpControl})
        self._announcer = self._make_announcer()
        self.started = True
        self.started_late.emit()

    def _open(self, kinds: dict[str, type]) -> None:
        for name, kind in kinds.items():
            if getattr(self.settings, name) is None:
                continue
            try:
                self.transports[name] = kind(self.settings, self.guard, self.dispatcher, self)
            except OSError as error:
                log.error("%s", tr("control: {problem}; the show plays on without it", problem=error))
            else:
                log.info("%s", tr("control: {transport} on {address}:{port}; allowed: {allowed}", transport=name,
                                   address=self.settings.listen, port=getattr(self.settings, name),
                                   allowed=", ".join(self.settings.allow)))

    def _make_notifier(self) -> QObject | None:
        if not (self.settings.notify or self.settings.notify_osc):
            return None
        from zzkiosk.control.notify import Notifier

        return Notifier(self.settings.notify, self.settings.notify_osc, self)

    def _make_announcer(self) -> object | None:
        if not self.settings.discovery:
            return None
        from zzkiosk.control.discovery import Announcer

        announcer = Announcer(self.settings, {name: getattr(self.settings, name) for name in self.transports})
        try:
            announcer.start()
        except OSError as error:
            log.error("%s", tr("control: discovery cannot start: {error}", error=error))
            return None
        return announcer

    @Slot()
    def _state_changed(self) -> None:
        # a slide change emits several times in one turn of the loop; one push is enough
        if not self._push_pending:
            self._push_pending = True
            QTimer.singleShot(0, self, self._push)

    def _push(self) -> None:
        self._push_pending = False
        state = self._show.state()
        comparable = dataclasses.replace(state, seconds_left=None)
        if comparable == self._last_state:
            return
        self._last_state = comparable
        line = self.dispatcher.status()
        if self._notifier is not None:
            self._notifier.push(line, state)
        http = self.transports.get("http")
        if http is not None:
            http.publish(line)

def attach_control(show: QObject, settings: ControlSettings | None, parent: QObject | None = None) -> ControlPort | None:
    """The control port for `settings` on `show`, or None when control is off."""
    if settings is None or not settings.any_port:
        return None
    port = ControlPort(show, settings, parent)
    port.bind()
    return port
