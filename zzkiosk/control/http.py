"""HTTP control with aiohttp: /api/status, /api/list, /api/command, and /api/events (Server-Sent Events).

aiohttp runs its own asyncio loop in a daemon thread, so the Qt event loop never waits on
a client; it is even imported on that thread, so turning HTTP on does not hold up the
first slide. Every command crosses to the Qt thread through a queued signal carrying a
concurrent.futures.Future, which the Qt thread fulfils with the reply line; state changes
cross back with `call_soon_threadsafe`. Imported only when HTTP is turned on (aiohttp
costs start-up time and memory: see the README).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from zzkiosk.control.commands import MAX_LINE_BYTES
from zzkiosk.control.guard import RateLimit
from zzkiosk.guide.routes import PUBLIC_PATHS, GuideRoutes
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from aiohttp import web

    from zzkiosk.control.plain import ControlSettings
    from zzkiosk.control.dispatch import Dispatcher
    from zzkiosk.control.guard import Guard

log = logging.getLogger("zzkiosk.control")

STOP_TIMEOUT = 10.0
"""Seconds to wait for the server's thread to end when the port closes."""
REPLY_TIMEOUT = 5.0
"""Seconds a request waits for the Qt thread before it is answered 503."""
KEEPALIVE_SECONDS = 15.0
"""SSE comment sent this often so proxies and dead clients are noticed."""
EVENT_QUEUE = 32
"""States kept for a slow SSE client; older ones are dropped (it gets the newest)."""
HEADER_SECONDS = 10.0
"""A connection that has not sent a whole request within this long (slowloris) is dropped."""
HEADER_BYTES = 4096
"""Longest request line or header accepted (the body, a command, stays under MAX_LINE_BYTES)."""
_STATUS_CODES = {"forbidden": 403, "unauthorized": 401, "not-found": 404, "busy": 429, "internal": 500}


class _Bridge(QObject):
    """Carries (line, peer, future) from the server's thread to the Qt thread."""

    asked = Signal(object)

    def __init__(self, dispatcher: Dispatcher, parent: QObject):
        super().__init__(parent)
        self._dispatcher = dispatcher
        self.asked.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, job: tuple[str, str, Future]) -> None:
        line, peer, future = job
        if future.set_running_or_notify_cancel():
            future.set_result(self._dispatcher.handle(line, peer))


class HttpControl(QObject):
    """The HTTP transport: an aiohttp application on its own thread."""

    def __init__(self, settings: ControlSettings, guard: Guard, dispatcher: Dispatcher, parent: QObject):
        super().__init__(parent)
        self._settings, self._guard = settings, guard
        self._rate = RateLimit(settings.rate, max(2, int(settings.rate * 2)))  # this thread's own: no sharing
        self._bridge = _Bridge(dispatcher, self)
        self.guide = GuideRoutes(self)
        """The guide's page and its API (answering once a console is attached)."""
        self._subscribers: set[asyncio.Queue] = set()
        self._active = 0
        self._seen: dict[object, float] = {}
        self._served: set = set()
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.ready = threading.Event()
        """Set once the server listens (or has failed: then `failure` says why)."""
        self.failure: str | None = None
        """Why HTTP could not start, if it could not."""
        self._thread = threading.Thread(target=self._serve, name="zzkiosk-http", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._start())
        except Exception as error:  # a busy port, mostly: the show plays on without HTTP
            self.failure = f"HTTP control cannot listen on {self._settings.listen}:{self._settings.http}: {error}"
            log.error("%s", tr("control: {problem}; the show plays on without it", problem=self.failure))
            self.ready.set()
            return
        log.info("%s", tr("control: HTTP listening on {address}:{port}", address=self._settings.listen, port=self.port))
        self.ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    async def _start(self) -> None:
        from aiohttp import web

        @web.middleware
        async def gate(request: web.Request, handler) -> web.StreamResponse:
            return await self._gate(request, handler)

        app = web.Application(middlewares=[gate], client_max_size=MAX_LINE_BYTES)
        app.router.add_get("/api/status", self._status)
        app.router.add_get("/api/list", self._list)
        app.router.add_post("/api/command", self._command)
        app.router.add_get("/api/events", self._events)
        self.guide.add_to(app.router)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, keepalive_timeout=KEEPALIVE_SECONDS,
                                     max_line_size=HEADER_BYTES, max_field_size=HEADER_BYTES, max_headers=32,
                                     shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.listen, self._settings.http,
                           backlog=self._settings.max_clients)
        await site.start()
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep())

    @property
    def port(self) -> int:
        """The listening port."""
        return self._runner.addresses[0][1]

    async def _gate(self, request: web.Request, handler) -> web.StreamResponse:
        remote = request.remote or ""
        if not self._guard.allowed(remote):
            self._guard.log.warning("%s", tr("control: HTTP from {peer} refused: not in the allow list", peer=remote))
            return _error("forbidden", "this address is not allowed to control the kiosk")
        page = request.method == "GET" and request.path in PUBLIC_PATHS  # the guide's page and font: nothing secret
        if self._guard.needs_token and not page and not self._guard.token_matches(_bearer(request)):
            self._guard.log.warning("%s", tr("control: HTTP from {peer} refused: no valid token", peer=remote))
            return _error("unauthorized", "send the header Authorization: Bearer TOKEN")
        if not self._rate.allow(remote):
            return _error("busy", "too many requests a second; slow down")
        if self._active >= self._settings.max_clients:
            return _error("busy", "too many controllers connected; try again later")
        self._served.add(request.protocol)
        self._active += 1
        try:
            return await handler(request)
        finally:
            self._active -= 1

    async def _sweep(self) -> None:
        """Every second: drop connections from outside `allow`, those that never finished a
        request within HEADER_SECONDS (slowloris), and the newest beyond `max_clients`."""
        while True:
            await asyncio.sleep(1.0)
            now = self._loop.time()
            handlers = self._runner.server.connections
            self._seen = {handler: self._seen.get(handler, now) for handler in handlers}
            self._served &= set(handlers)
            for number, handler in enumerate(sorted(handlers, key=self._seen.__getitem__)):
                age, transport = now - self._seen[handler], handler.transport
                peer = (transport.get_extra_info("peername") or ("",))[0] if transport is not None else ""
                stale = handler not in self._served and age > HEADER_SECONDS
                if number >= self._settings.max_clients or stale or (age >= 1.0 and not self._guard.allowed(peer)):
                    why = tr("too many") if number >= self._settings.max_clients else tr("no request")
                    self._guard.log.warning("%s", tr("control: HTTP connection from {peer} dropped ({why})",
                                                     peer=peer, why=why))
                    handler.force_close()

    async def _ask(self, line: str, request: web.Request) -> str:
        future: Future = Future()
        self._bridge.asked.emit((line, f"http {request.remote}", future))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), REPLY_TIMEOUT)
        except asyncio.TimeoutError:
            future.cancel()
            return "ERR busy the show did not answer in time"

    async def _status(self, request: web.Request) -> web.Response:
        return _reply(await self._ask("status", request))

    async def _list(self, request: web.Request) -> web.Response:
        return _reply(await self._ask("list", request))

    async def _command(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
            command = body["command"]
            if not isinstance(command, str):
                raise TypeError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return _error("syntax", 'send JSON like {"command": "goto review-2020/3"}')
        return _reply(await self._ask(command, request))

    async def _events(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        queue: asyncio.Queue = asyncio.Queue(EVENT_QUEUE)
        self._subscribers.add(queue)
        try:
            await response.write(_event(await self._ask("status", request)))
            while True:
                try:
                    line = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                await response.write(_event(line))
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._subscribers.discard(queue)
        return response

    def publish(self, status_line: str) -> None:
        """Send `status_line` to every SSE client (called on the Qt thread)."""
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._fan_out, status_line)

    def _fan_out(self, line: str) -> None:
        for queue in self._subscribers:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(line)

    def close(self) -> None:
        """Stop the server and its thread."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(STOP_TIMEOUT)


def _bearer(request: web.Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _event(line: str) -> bytes:
    return f"event: status\ndata: {line}\n\n".encode()


def _reply(line: str) -> web.Response:
    from aiohttp import web

    if line.startswith("{"):
        return web.Response(text=line, content_type="application/json")
    if line.startswith("OK"):
        return web.json_response({"ok": True, "reply": line}, dumps=_dumps)
    _, code, reason = (line.split(" ", 2) + ["", ""])[:3]
    return _error(code, reason)


def _error(code: str, reason: str) -> web.Response:
    from aiohttp import web

    body = {"ok": False, "error": code, "reason": reason, "reply": f"ERR {code} {reason}"}
    return web.json_response(body, status=_STATUS_CODES.get(code, 400), dumps=_dumps)


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)
