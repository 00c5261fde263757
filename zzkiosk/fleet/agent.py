"""FleetAgent: the kiosk's part of the fleet. Status, availability, commands, screenshots, health.

It runs on the Qt thread beside the show; MqttLink brings it the broker's news there.
Commands go through the control port's Dispatcher, so MQTT speaks the same vocabulary as
UDP, TCP, OSC and HTTP. A payload that is binary, too big or bad JSON earns an error reply
and never reaches the show; a flood is cut by the control port's rate limit; a command
that fails inside the show is answered `ERR internal` and the show plays on.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot

from zzkiosk.control.commands import CommandError, error_reply
from zzkiosk.control.dispatch import Dispatcher, ShowLike
from zzkiosk.control.guard import LogLimit, RateLimit, loggable
from zzkiosk.fleet.deckid import DeckHasher, DeckId
from zzkiosk.fleet.health import Health, TransitionRate
from zzkiosk.fleet.link import Farewell, Incoming, MqttLink
from zzkiosk.fleet.screenshot import screen_png
from zzkiosk.fleet.topics import Request, Topics, read_request, reply_json
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from zzkiosk.fleet.plain import MqttSettings
    from zzkiosk.kiosk.reload import HotReload

log = logging.getLogger("zzkiosk.fleet")

COMMAND_RATE = 20
"""Commands a second taken from the broker (bursts of twice as many); the rest are dropped."""
SCREENSHOT_RATE = 1
"""Screenshots a second (bursts of two): grabbing and encoding a wide one takes the show's
thread for tens of milliseconds, so a flood of them must not make the show stutter."""
ONLINE, OFFLINE = b"online", b"offline"
"""Availability payloads (what Home Assistant expects by default)."""
STOPPED, LOST = "stopped", "lost"
"""Why a kiosk is offline (the `why` user property of its `offline`): it stopped and said so
itself, or the broker lost it and published its last will."""


class FleetAgent(QObject):
    """Reports the show on the broker and runs the commands that come from it."""

    def __init__(self, show: ShowLike, settings: MqttSettings, screen: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._show = show
        self._settings = settings
        self._screen = screen
        self.topics = Topics(settings.name, tuple(settings.groups))
        """The topics of this kiosk."""
        self.health = Health()
        """Uptime, memory, frame rate, skipped slides, reloads."""
        self._dispatcher = Dispatcher(show)
        self._hasher = DeckHasher()
        self._deck_id: DeckId | None = None
        self._rate = RateLimit(COMMAND_RATE, COMMAND_RATE * 2)
        self._shots = RateLimit(SCREENSHOT_RATE, SCREENSHOT_RATE * 2)
        self._refusals = LogLimit()
        self.link = MqttLink(settings, will=Farewell(self.topics.availability, OFFLINE, LOST), parent=self)
        """The connection to the broker."""
        self.link.connected.connect(self._on_connected)
        self.link.disconnected.connect(self._on_disconnected)
        self.link.received.connect(self._on_message)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(settings.status_interval * 1000))
        self._heartbeat.timeout.connect(self._publish_all)
        self._status_due = QTimer(self)  # many changes in one event-loop turn make one message
        self._status_due.setSingleShot(True)
        self._status_due.setInterval(0)
        self._status_due.timeout.connect(self.publish_status)
        show.state_changed.connect(self._status_due.start)

    def start(self) -> None:
        """Connect in the background (returns at once) and report every status_interval."""
        self.link.start()
        self._heartbeat.start()
        log.info("%s", tr("fleet: reporting as {name} to {host}:{port}", name=self._settings.name,
                           host=self._settings.host, port=self._settings.port))

    def stop(self) -> None:
        """Say `offline` (if connected) and disconnect."""
        self._heartbeat.stop()
        self.link.stop(last_words=Farewell(self.topics.availability, OFFLINE, STOPPED))
        self.health.close()

    def watch_reloads(self, reload: HotReload) -> None:
        """Count `reload`'s accepted and refused edits and report them at once."""
        reload.accepted.connect(self._reload_accepted)
        reload.refused.connect(self._reload_refused)

    def watch_transitions(self, overlay: QObject) -> None:
        """Measure the frame rate of transitions painted by `overlay`."""
        self.health.transitions = TransitionRate(overlay, self)

    # -- what is published -------------------------------------------------------------

    def status_payload(self) -> dict[str, Any]:
        """The status: the control port's status line, the kiosk, its deck version and last reload."""
        if self._deck_id is None:
            self._deck_id = self._hasher.identify(self._show.deck)
        status = json.loads(self._dispatcher.status())
        status |= {
            "kiosk": self._settings.name,
            "groups": list(self._settings.groups),
            "deck": {"hash": self._deck_id.hash, "version": self._deck_id.version},
            "reload": {"refused": self.health.last_reload_refused, "errors": self.health.last_reload_errors[:3]},
        }
        return status

    @Slot()
    def publish_status(self) -> None:
        """Publish the status now (retained); nothing while disconnected (each connect sends it)."""
        if not self.link.is_connected:
            return
        payload = json.dumps(self.status_payload(), ensure_ascii=False, separators=(",", ":"))
        self.link.publish(self.topics.status, payload, retain=True, qos=1)

    def publish_health(self) -> None:
        """Publish the health figures now (retained); nothing while disconnected."""
        if not self.link.is_connected:
            return
        payload = json.dumps(self.health.to_dict(), ensure_ascii=False, separators=(",", ":"))
        self.link.publish(self.topics.health, payload, retain=True)

    @Slot()
    def _publish_all(self) -> None:
        self.publish_status()
        self.publish_health()

    @Slot()
    def _on_connected(self) -> None:
        log.info("%s", tr("fleet: connected to the broker as {name}", name=self._settings.name))
        self.link.subscribe(self.topics.subscriptions)
        self.link.publish(self.topics.availability, ONLINE, retain=True, qos=1)
        if self._settings.homeassistant:
            from zzkiosk.fleet.homeassistant import discovery_messages

            for topic, config in discovery_messages(self.topics, self._settings.homeassistant_prefix):
                self.link.publish(topic, config, retain=True, qos=1)
        self._publish_all()

    @Slot(str)
    def _on_disconnected(self, why: str) -> None:
        log.warning("%s", tr("fleet: {problem}; the show plays on, reconnecting in the background", problem=why))

    @Slot()
    def _reload_accepted(self) -> None:
        self.health.reload_accepted()
        self._deck_id = None
        self._publish_all()

    @Slot(list)
    def _reload_refused(self, problems: list[str]) -> None:
        self.health.reload_refused(problems)
        self._publish_all()

    # -- commands ----------------------------------------------------------------------

    @Slot(object)
    def _on_message(self, incoming: Incoming) -> None:
        if not self._rate.allow("mqtt"):
            self._refusals.warning("%s", tr("fleet: command dropped (more than {rate} a second) on {topic}",
                                            rate=COMMAND_RATE, topic=incoming.topic))
            return
        request_id = None
        try:
            request = read_request(incoming.payload)
            request_id = request.id
            reply = self._answer(request, incoming.topic)
        except CommandError as error:
            self._refusals.warning("%s", tr("fleet: refused {command} on {topic}: {problem}",
                                            command=loggable(incoming.payload), topic=incoming.topic, problem=error))
            reply = error_reply(error)
        except Exception:  # a fault in answering must not take the kiosk down
            log.exception("%s", tr("fleet: {command} on {topic} failed", command=loggable(incoming.payload), topic=incoming.topic))
            reply = error_reply(CommandError("internal", "the kiosk could not run this command; see its log"))
        payload = reply_json(self._settings.name, request_id, reply)
        self.link.publish(self.topics.reply, payload, qos=1, correlation=incoming.correlation)

    def _answer(self, request: Request, topic: str) -> str:
        if request.word == "screenshot":
            return self._screenshot(request.width)
        if request.word == "health":
            self.publish_health()
            return f"OK health on {self.topics.health}"
        return self._dispatcher.handle(request.line, f"mqtt {topic}")

    def _screenshot(self, width: int) -> str:
        if not self._shots.allow("screenshot"):
            raise CommandError("busy", f"at most {SCREENSHOT_RATE} screenshot a second; ask again in a moment")
        try:
            png = screen_png(self._screen, width)
        except RuntimeError as error:
            raise CommandError("screenshot", str(error)) from None
        self.link.publish(self.topics.screenshot, png, qos=1)
        return f"OK screenshot {len(png)} bytes on {self.topics.screenshot}"


def attach_fleet(show: ShowLike, settings: MqttSettings, screen: QWidget, *,
                 reload: HotReload | None = None, overlay: QObject | None = None) -> FleetAgent:
    """Start reporting `show` to the broker of `settings`: a screenshot grabs `screen`;
    `reload` (the hot reload) and `overlay` (the transition overlay) feed the health figures.
    The agent says `offline` when the application quits."""
    from PySide6.QtCore import QCoreApplication

    agent = FleetAgent(show, settings, screen, parent=screen)
    if reload is not None:
        agent.watch_reloads(reload)
    if overlay is not None:
        agent.watch_transitions(overlay)
    application = QCoreApplication.instance()
    if application is not None:
        application.aboutToQuit.connect(agent.stop)
    agent.start()
    return agent
