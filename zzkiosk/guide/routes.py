"""The guide's page on the control port's HTTP server: GET /guide, GET and POST /api/guide.

`/guide` is one HTML file with its CSS and script (resources/guide/guide.html) (no framework, no CDN: the hall may
have no internet). It holds no secret, so it is served without the token (the allow
list still applies); everything it then asks goes to the token-protected API. It is
served in the phone's language, else the kiosk's (zzkiosk.guide.language).
`/api/guide` answers the GuideConsole's snapshot (the show state, tours, the tour
clock, sections) and runs the page's taps through the console, so that next and
previous follow the chosen tour. Like the HTTP commands, each request crosses to the
Qt thread through a queued signal carrying a Future.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from zzkiosk.fonts import resource_path
from zzkiosk.guide.language import page_in, page_language
from zzkiosk.i18n import language

if TYPE_CHECKING:
    from aiohttp import web

    from zzkiosk.presenter.console import GuideConsole

log = logging.getLogger("zzkiosk.guide")

SOURCE = "guide"
"""How the page names itself to the show."""

PAGE_PATH = "/guide"
"""Where the page is served (without the token)."""
FONT_PATH = "/guide/font.otf"
"""The shipped CJK font, for a browser that has none of its own (the page names the phone's fonts first)."""
PUBLIC_PATHS = frozenset({PAGE_PATH, FONT_PATH})
"""What is served without the token: nothing secret, nothing that acts."""
FONT_FILE = "NotoSansSC-zzkiosk-Regular.otf"

GUIDE_ACTIONS = frozenset({"next", "previous", "first", "go_to", "black", "white", "clear", "hold", "play"})
"""What the page may ask the show to do."""

REPLY_TIMEOUT = 5.0
"""Seconds a request waits for the Qt thread."""

_SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def page_bytes() -> bytes:
    """The page, as shipped in resources/guide."""
    return resource_path("guide", "guide.html").read_bytes()


class GuideRoutes(QObject):
    """The page's routes; they answer 503 until `attach` gives them a console."""

    asked = Signal(object)
    """Carries (request body or None, Future) to the Qt thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._console: GuideConsole | None = None
        self._page = page_bytes()
        self._kiosk_language = language()  # read here, on the Qt thread, not on the server's
        self.asked.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def attach(self, console: GuideConsole) -> None:
        """Answer with `console` from now on (call on the Qt thread)."""
        self._console = console

    def add_to(self, router: web.UrlDispatcher) -> None:
        """Add /guide and /api/guide to an aiohttp router."""
        router.add_get(PAGE_PATH, self._serve_page)
        router.add_get(FONT_PATH, self._serve_font)
        router.add_get("/api/guide", self._snapshot)
        router.add_post("/api/guide", self._act)

    async def _serve_page(self, request: web.Request) -> web.Response:
        from aiohttp import web  # here, like the HTTP transport: aiohttp is imported on the server's thread

        chosen = page_language(request.headers.get("Accept-Language"), self._kiosk_language)
        return web.Response(body=page_in(self._page, chosen), content_type="text/html", charset="utf-8",
                            headers={**_SECURITY_HEADERS, "Vary": "Accept-Language"})

    async def _serve_font(self, request: web.Request) -> web.FileResponse:
        from aiohttp import web

        return web.FileResponse(resource_path("fonts", FONT_FILE),
                                headers={"Cache-Control": "max-age=604800", "Content-Type": "font/otf"})

    async def _snapshot(self, request: web.Request) -> web.Response:
        return await self._ask(None)

    async def _act(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
            if not isinstance(body, dict):
                raise TypeError
        except (ValueError, TypeError, UnicodeDecodeError):
            return _error(400, 'send JSON like {"action": "next"}, {"tour": "vip"} or {"clock": "restart"}')
        return await self._ask(body)

    async def _ask(self, body: dict | None) -> web.Response:
        future: Future = Future()
        self.asked.emit((body, future))
        try:
            status, data = await asyncio.wait_for(asyncio.wrap_future(future), REPLY_TIMEOUT)
        except asyncio.TimeoutError:
            future.cancel()
            return _error(503, "the show did not answer in time")
        from aiohttp import web

        return web.json_response(data, status=status, dumps=_dumps, headers={"Cache-Control": "no-store"})

    @Slot(object)
    def _run(self, job: tuple[dict | None, Future]) -> None:
        body, future = job
        if future.set_running_or_notify_cancel():
            future.set_result(self._answer(body))

    def _answer(self, body: dict | None) -> tuple[int, dict[str, Any]]:
        console = self._console
        if console is None:
            return 503, {"ok": False, "reason": "the guide's console is not running on this kiosk"}
        problem = self._apply(console, body) if body is not None else None
        if problem is not None:
            return 400, {"ok": False, "reason": problem}
        return 200, {"ok": True, **console.snapshot()}

    def _apply(self, console: GuideConsole, body: dict) -> str | None:
        """Run what `body` asks; a reason when it cannot be run."""
        if "tour" in body:
            tour = body["tour"]
            if tour is not None and not isinstance(tour, str) or not console.choose_tour(tour, SOURCE):
                return f"no tour {tour!r}: the tours are {', '.join(route.id for route in console.routes) or 'none'}"
            return None
        if body.get("clock") == "restart":
            console.restart_clock()
            return None
        action, argument = body.get("action"), body.get("argument")
        if action not in GUIDE_ACTIONS:
            return f"unknown action {action!r}: send one of {', '.join(sorted(GUIDE_ACTIONS))}"
        if argument is not None and (not isinstance(argument, int) or isinstance(argument, bool)):
            return "the argument is a slide index (a whole number, 0 first)"
        console.run(action, SOURCE, argument)  # refused moves (the end of a tour) answer the unchanged state
        return None


def _error(status: int, reason: str) -> web.Response:
    from aiohttp import web

    return web.json_response({"ok": False, "reason": reason}, status=status, dumps=_dumps)


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)
