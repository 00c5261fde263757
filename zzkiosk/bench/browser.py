"""A browser's start beside the kiosk's: Chromium, fullscreen on the same X screen, from
process start to its first contentful paint of the deck's first slide.

The page is the first slide as plain HTML (its title, subtitle and text blocks, the deck's
own fonts on the theme's background), the least a browser show has to paint: a reveal.js
deck loads its framework, styles and slides before the same paint, so this figure is a
floor for any browser show (docs/performance.md, "Start-up (issue 20)", round 6).

Chromium reports the time itself (`first-contentful-paint`, performance.timeOrigin-based
wall-clock milliseconds); the page sends it to a loopback HTTP listener of the benchmark,
which compares it with the time.time() taken just before the process was started, as the
kiosk's start-up probe is timed."""

from __future__ import annotations

import html
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from zzkiosk.bench.processes import CHILD_TIMEOUT_S, ProbeFailed

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
"""Names Chromium goes by on Debian, Ubuntu and with Google's package."""

FLAGS = ("--kiosk", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--password-store=basic", "--window-position=0,0")
"""Fullscreen, and none of a first run's dialogs or a desktop browser's background work."""

STOP_WAIT_S = 10.0
"""How long Chromium's processes may take to end after SIGTERM (then SIGKILL)."""

SETTLE_S = 0.3
"""Pause after they are gone, as between the kiosk's own starts (the X server redraws)."""

PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{title}</title>
<style>
@font-face {{ font-family: "Deck"; src: url("{regular}"); font-weight: 400; }}
@font-face {{ font-family: "Deck"; src: url("{bold}"); font-weight: 700; }}
html, body {{ margin: 0; height: 100%; }}
body {{ background: {background}; color: {text}; font-family: "Deck", sans-serif;
       display: flex; flex-direction: column; justify-content: center; align-items: center; }}
h1 {{ font-size: 5vw; font-weight: 700; color: {primary}; margin: 0 5vw 2vw; text-align: center; }}
h2 {{ font-size: 1.8vw; font-weight: 400; color: {accent}; margin: 0 0 3vw; }}
p {{ font-size: 2.5vw; margin: 0.5vw 0; }}
</style></head>
<body><h1>{title}</h1><h2>{subtitle}</h2>{blocks}
<script>
new PerformanceObserver((list) => {{
  for (const entry of list.getEntries()) {{
    if (entry.name === "first-contentful-paint") {{
      new Image().src = "http://127.0.0.1:{port}/painted?at=" + (performance.timeOrigin + entry.startTime);
    }}
  }}
}}).observe({{type: "paint", buffered: true}});
</script></body></html>
"""


def find_browser() -> str | None:
    """Chromium's binary, or None when none is installed."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


class BrowserStarts:
    """Chromium started again and again on one page and profile: `start()` once per kiosk
    start, so that both are timed in the same minutes; `figures()` at the end. The first
    start makes Chromium's profile and is not counted (as the kiosk's first start writes its
    caches); the profile is kept after, as a kiosk browser's is. Made with `failure` (no
    Chromium, no screen), it starts nothing and reports the reason."""

    def __init__(self, start_once: Callable[[], float] | None, name: str = "", failure: str | None = None) -> None:
        self._start_once, self._name, self._failure = start_once, name, failure
        self._times: list[float] = []
        self._started = 0

    def start(self) -> None:
        """Start Chromium once, time its first paint, stop it (nothing after a failure)."""
        if self._failure is not None:
            return
        try:
            seconds = self._start_once()
        except ProbeFailed as error:
            self._failure = str(error)
            return
        self._started += 1
        if self._started > 1:
            self._times.append(seconds)

    def figures(self) -> dict:
        """browser_first_paint_s (median) and each start's, or None with browser_reason."""
        if self._failure is not None or not self._times:
            return {"browser_first_paint_s": None, "browser_reason": self._failure or "Chromium was not started"}
        return {"browser_first_paint_s": round(statistics.median(self._times), 3),
                "browser_runs_s": [round(t, 3) for t in self._times], "browser": self._name}


@contextmanager
def browser_starts(deck: Path, display: str | None) -> Iterator[BrowserStarts]:
    """BrowserStarts of the deck's first slide, fullscreen on `display` (failed from the
    start when Chromium or the X screen is missing)."""
    browser = find_browser()
    if browser is None or display is None:
        yield BrowserStarts(None, failure="Chromium is not installed" if browser is None else "Xvfb is not installed")
        return
    with tempfile.TemporaryDirectory(prefix="zzkiosk-bench-browser-") as folder, _paint_listener() as listener:
        page = Path(folder, "slide.html")
        page.write_text(first_slide_page(deck, listener.port), encoding="utf-8")
        yield BrowserStarts(partial(_start_once, browser, page, Path(folder, "profile"), display, listener),
                            Path(browser).name)


def measure_browser_start(deck: Path, display: str | None, runs: int) -> dict:
    """Chromium's first contentful paint of the deck's first slide, seconds from its process
    start (median of `runs`, after one uncounted start), fullscreen on `display`; None with a
    reason when Chromium or the X screen is missing, or Chromium reports no paint."""
    with browser_starts(deck, display) as starts:
        for _ in range(runs + 1):
            starts.start()
        return starts.figures()


def first_slide_page(deck: Path, port: int) -> str:
    """The deck's first slide as an HTML page that reports its first paint to `port`."""
    from zzkiosk.deck.loader import load_deck

    loaded = load_deck(deck)
    slide = loaded.sections[0].slides[0]
    theme = loaded.theme
    regular, bold = (loaded.fonts + loaded.fonts)[:2]
    texts = [block.text.text for block in slide.blocks if block.text is not None and block.text.text]
    stops = theme.background.gradient
    # The theme's angle runs from the x axis, clockwise on screen (90: top to bottom); CSS's from
    # "to top", clockwise (180deg: top to bottom).
    background = (f"linear-gradient({theme.background.angle + 90:g}deg, {', '.join(stops)})" if stops
                  else theme.background.color or theme.palette.background)
    return PAGE.format(title=html.escape(slide.title), subtitle=html.escape(slide.subtitle or ""),
                       blocks="".join(f"<p>{html.escape(text)}</p>" for text in texts),
                       regular=Path(regular).as_uri(), bold=Path(bold).as_uri(), background=background,
                       text=theme.palette.text, primary=theme.palette.primary, accent=theme.palette.accent, port=port)


class _Listener:
    """The loopback HTTP server the page reports to; `painted` holds the last report."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.painted: float | None = None
        self.arrived = threading.Event()


@contextmanager
def _paint_listener():
    """A _Listener on a free loopback port, serving on its own thread until the block ends.
    A request without a number `at` is answered 400 and changes nothing."""
    listener: _Listener

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            query = parse_qs(urlparse(self.path).query)
            try:
                listener.painted = float(query["at"][0]) / 1000
            except (KeyError, ValueError):
                self.send_error(400)
                return
            listener.arrived.set()
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    listener = _Listener(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="bench-paint-listener", daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        server.shutdown()
        server.server_close()


def _start_once(browser: str, page: Path, profile: Path, display: str, listener: _Listener) -> float:
    """Start Chromium on `page`, wait for its paint report, stop it; seconds to the paint."""
    env = {key: value for key, value in os.environ.items() if key != "WAYLAND_DISPLAY"} | {"DISPLAY": display}
    command = [browser, *FLAGS, f"--user-data-dir={profile}", page.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    listener.arrived.clear()
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        if not listener.arrived.wait(CHILD_TIMEOUT_S):
            raise ProbeFailed(f"{Path(browser).name} reported no paint within {CHILD_TIMEOUT_S} s")
        return listener.painted - started
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """End Chromium and every process it started (it runs a dozen), and wait until all are
    gone: the next start, the kiosk's or Chromium's, must not share the cores with them."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + STOP_WAIT_S
        while time.monotonic() < deadline and _group_alive(process):
            time.sleep(0.05)
        if not _group_alive(process):
            break
    process.wait(timeout=STOP_WAIT_S)
    time.sleep(SETTLE_S)


def _group_alive(process: subprocess.Popen) -> bool:
    process.poll()  # reaps the main process once it has exited
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True
