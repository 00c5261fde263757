"""The README's pictures of the guide's console: the presenter view and the guide's phone page.

    Xvfb :99 -screen 0 1920x1080x24 -screen 1 1920x1080x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/guide-screenshots.py [DECK] [OUT_DIR]

In Chinese unless ZZKIOSK_LANG says otherwise. Plays DECK (default: the bundled slides) on screen 0 with the presenter view on screen 1,
follows the VIP tour for a few stops, and saves OUT_DIR/presenter-view.png (screen 1) and
OUT_DIR/audience.png (screen 0); then serves the guide page on a loopback port and saves
OUT_DIR/guide-phone.png from headless Chromium as a phone in portrait (needs chromium,
chromium-driver and selenium). Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

from zzkiosk.qt_environment import prepare_qt_environment

prepare_qt_environment()

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from zzkiosk.control.config import ControlSettings  # noqa: E402
from zzkiosk.control.port import attach_control  # noqa: E402
from zzkiosk.deck.loader import load_deck  # noqa: E402
from zzkiosk.player.window import PlayerWindow  # noqa: E402
from zzkiosk.presenter.attach import attach_console, attach_guide_page, attach_presenter_view  # noqa: E402
from zzkiosk.i18n import use_language  # noqa: E402
from zzkiosk.render.fonts import register_deck_fonts  # noqa: E402

TOKEN = "readme-picture-token"


def wait(milliseconds: int) -> None:
    QTest.qWait(milliseconds)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def phone_picture(url: str, out: Path) -> None:
    """Headless Chromium as a 390x844 phone (zh-CN) saving the page at `url` to `out`."""
    import shutil

    from selenium import webdriver

    os.environ["SE_AVOID_STATS"] = "true"  # Selenium Manager phones home otherwise; the paths below keep it unused
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", "--no-proxy-server"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN"})
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
    try:
        driver.get(url)
        for _ in range(100):  # bounded: the page fills in from the kiosk
            if driver.execute_script("return document.fonts.status") == "loaded" and \
                    driver.find_element("id", "notes").text:
                break
            threading.Event().wait(0.1)
        threading.Event().wait(1.5)
        driver.save_screenshot(str(out))
    finally:
        driver.quit()


def main(deck_folder: str, out: Path) -> None:
    use_language(os.environ.get("ZZKIOSK_LANG") or "zh")  # the README shows what the hall's guides read
    app = QApplication(sys.argv[:1])
    audience, _ = QGuiApplication.screens()[:2]
    deck = load_deck(deck_folder)
    register_deck_fonts(deck)
    window = PlayerWindow(deck)
    window.show_fullscreen(audience)
    window.presentation.start(0)
    console = attach_console(window)
    attach_presenter_view(console, window, 1)
    port = attach_control(window.slideshow, ControlSettings(http=free_port(), token=TOKEN), window)
    attach_guide_page(port, console)
    console.choose_tour("vip", "presenter")
    for _ in range(3):
        console.run("next", "presenter")
        wait(2500)
    wait(2000)
    out.mkdir(parents=True, exist_ok=True)
    for name, screen in zip(("audience", "presenter-view"), QGuiApplication.screens()):
        screen.grabWindow(0).save(str(out / f"{name}.png"))
    url = f"http://127.0.0.1:{port.transports['http'].port}/guide#token={TOKEN}"
    done = threading.Event()
    threading.Thread(target=lambda: (phone_picture(url, out / "guide-phone.png"), done.set()), daemon=True).start()
    while not done.is_set():  # the kiosk answers the page on this (the Qt) thread
        wait(50)
    port.close()
    window.quit_kiosk()
    print("saved", *(str(out / name) for name in ("audience.png", "presenter-view.png", "guide-phone.png")))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "slides", Path(sys.argv[2] if len(sys.argv) > 2 else "shots"))
