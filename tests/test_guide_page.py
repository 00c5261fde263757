"""The guide's page in a real browser: headless Chromium driven by chromedriver (selenium), on loopback.

The kiosk runs in this process (pytest-qt); the page talks to its HTTP control port. No
call here blocks on the kiosk's answer while Qt is not running: HTTP from the test goes
through a thread and the test waits with qtbot, so the Qt thread can reply.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fixtures_guide import GUIDE_TOKEN

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
os.environ["SE_AVOID_STATS"] = "true"  # with both paths given Selenium Manager never runs; and it must never phone home
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER and importlib.util.find_spec("selenium")),
                                reason="needs chromium, chromium-driver and selenium")


class By:
    """selenium's locator strategies (the same strings), without importing selenium into the whole
    test session: it is imported only by the tests that start a browser."""

    ID, TAG_NAME, CSS_SELECTOR = "id", "tag name", "css selector"

PHONE = {"width": 390, "height": 844, "pixelRatio": 2}
"""A phone held in portrait (CSS pixels)."""


def browser(language: str = "zh-CN"):
    """Headless Chromium as a portrait phone speaking `language`, kept on loopback."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--lang={language}", "--no-proxy-server", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))


@pytest.fixture
def phone():
    driver = browser()
    yield driver
    driver.quit()


def text_of(driver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def wait_text(qtbot, driver, element_id: str, expected: str, timeout: int = 10000) -> None:
    """Wait (Qt running) until element `element_id` of the page shows `expected`."""
    try:
        qtbot.waitUntil(lambda: expected in text_of(driver, element_id), timeout=timeout)
    except Exception as error:
        raise AssertionError(f"#{element_id} shows {text_of(driver, element_id)!r}, not {expected!r}") from error


def http_json(qtbot, url: str, token: str | None = GUIDE_TOKEN, body: dict | None = None) -> dict:
    """GET `url` (POST `body` as JSON) from a thread while Qt runs (the kiosk answers on the Qt thread)."""
    def fetch() -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, headers={"Authorization": f"Bearer {token}"} if token else {})
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10) as response:
            return json.loads(response.read())

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(fetch)
        qtbot.waitUntil(future.done, timeout=15000)
        return future.result()


def open_guide(qtbot, driver, base: str) -> None:
    driver.get(f"{base}/guide#token={GUIDE_TOKEN}")
    wait_text(qtbot, driver, "slide-title", "导览演示")


def test_tap_next_moves_the_show_and_the_page_follows_the_event_stream(qtbot, guide_server, phone, tmp_path):
    window, console, base = guide_server
    open_guide(qtbot, phone, base)
    assert "各位来宾" in text_of(phone, "notes") and "展厅介绍" in text_of(phone, "next-title")
    assert "#token" not in phone.current_url  # the token is kept by the browser, not left in the address
    phone.find_element(By.ID, "next").click()
    qtbot.waitUntil(lambda: window.presentation.index == 1, timeout=5000)
    status = http_json(qtbot, f"{base}/api/status")  # every channel reports the notes and what comes next
    assert status["current"]["slide"] == "welcome" and status["notes"].startswith("展厅分为两个部分")
    assert (status["next"]["slide"], status["next"]["title"]) == ("results", "项目建设加快推进")
    wait_text(qtbot, phone, "slide-title", "展厅介绍")
    QTest.keyClick(window, Qt.Key.Key_PageDown)  # another guide (a clicker on the kiosk): only the stream tells the page
    wait_text(qtbot, phone, "slide-title", "项目建设加快推进")
    wait_text(qtbot, phone, "notes", "新签合同项目385个")
    qtbot.waitUntil(lambda: phone.execute_script("return document.fonts.status") == "loaded", timeout=5000)
    assert phone.save_screenshot(str(tmp_path / "guide-phone.png"))


def test_a_guide_follows_a_tour_from_start_to_end_over_the_page(qtbot, guide_server, phone):
    window, console, base = guide_server
    from selenium.webdriver.support.ui import Select

    open_guide(qtbot, phone, base)
    Select(phone.find_element(By.ID, "tour")).select_by_value("vip")
    qtbot.waitUntil(lambda: console.tour is not None and console.tour.id == "vip", timeout=5000)
    wait_text(qtbot, phone, "timer", "/ 10:00")
    seen = []
    for _ in range(4):  # three stops; the last tap stays at the end
        before = phone.find_element(By.TAG_NAME, "body").get_attribute("data-slide")
        phone.find_element(By.ID, "next").click()
        qtbot.waitUntil(lambda: phone.find_element(By.TAG_NAME, "body").get_attribute("data-slide") != before
                        or len(seen) >= 2, timeout=5000)  # at the end nothing changes
        qtbot.waitUntil(lambda: not window.presentation.is_animating, timeout=5000)
        seen.append(window.presentation.current.slide.id)
    assert seen == ["results", "goals", "goals", "goals"]
    wait_text(qtbot, phone, "timer", "3/3")


def test_black_and_hold_from_the_page(qtbot, guide_server, phone):
    window, console, base = guide_server
    window.enable_autoplay(idle_seconds=600)
    open_guide(qtbot, phone, base)
    phone.find_element(By.ID, "black").click()
    qtbot.waitUntil(lambda: window.blank.colour == "black", timeout=5000)
    wait_text(qtbot, phone, "cover", "黑屏")
    phone.find_element(By.ID, "black").click()
    qtbot.waitUntil(lambda: window.blank.colour is None, timeout=5000)
    assert window.slideshow.autoplay.paused  # a guide's tap holds autoplay, as a key does
    wait_text(qtbot, phone, "hold", "继续自动播放")
    phone.find_element(By.ID, "hold").click()
    qtbot.waitUntil(lambda: not window.slideshow.autoplay.paused, timeout=5000)
    wait_text(qtbot, phone, "hold", "暂停自动播放")


def test_without_the_token_the_page_asks_for_it_once(qtbot, guide_server, phone):
    window, _, base = guide_server
    phone.get(f"{base}/guide")
    qtbot.waitUntil(lambda: phone.find_element(By.ID, "login").is_displayed(), timeout=10000)
    phone.find_element(By.ID, "token").send_keys(GUIDE_TOKEN)
    phone.find_element(By.CSS_SELECTOR, "#login button").click()
    wait_text(qtbot, phone, "slide-title", "导览演示")
    phone.get(f"{base}/guide")  # the browser kept it
    wait_text(qtbot, phone, "slide-title", "导览演示")
    assert not phone.find_element(By.ID, "login").is_displayed()


def test_the_page_speaks_english_to_an_english_browser(qtbot, guide_server):
    _, _, base = guide_server
    driver = browser("en-US")
    try:
        open_guide(qtbot, driver, base)
        assert text_of(driver, "next") == "Next" and text_of(driver, "prev") == "Back"
    finally:
        driver.quit()


def test_the_api_refuses_without_the_token_and_the_page_needs_none(qtbot, guide_server):
    _, _, base = guide_server
    with pytest.raises(urllib.error.HTTPError) as refused:
        http_json(qtbot, f"{base}/api/guide", token=None)
    assert refused.value.code == 401
    page = Path(__file__).parent.parent / "resources" / "guide" / "guide.html"
    assert "http" not in page.read_text(encoding="utf-8").replace("http-equiv", "")  # nothing from the internet


@pytest.mark.parametrize("body, reason", [
    ({"action": "quit"}, "unknown action 'quit'"),
    ({"tour": "nope"}, "no tour 'nope': the tours are vip, standard"),
    ({"action": "go_to", "argument": "3"}, "a whole number"),
])
def test_the_guide_api_refuses_what_the_page_may_not_do(qtbot, guide_server, body, reason):
    window, _, base = guide_server
    with pytest.raises(urllib.error.HTTPError) as refused:
        http_json(qtbot, f"{base}/api/guide", body=body)
    assert refused.value.code == 400 and reason in json.loads(refused.value.read())["reason"]
    assert window.isVisible() and window.presentation.index == 0


@pytest.fixture
def chinese_kiosk():
    """The kiosk's own language Chinese while the test runs (the suite runs in English)."""
    from zzkiosk.i18n import language, use_language

    before = language()
    use_language("zh")
    yield
    use_language(before)


def _page_words(driver) -> tuple[str, str, str]:
    return driver.execute_script("return document.documentElement.lang"), text_of(driver, "next"), driver.title


def test_the_page_speaks_the_phones_language_else_the_kiosks(qtbot, chinese_kiosk, guide_server, tmp_path):
    """Regression: the page's language came only from the browser, and its title was Chinese
    for everybody; now the phone's Accept-Language, else the kiosk's language."""
    _, _, base = guide_server
    seen = {}
    for phone_language in ("en-US", "zh-CN", "fr-FR"):  # French: neither, so the kiosk's (Chinese here)
        driver = browser(phone_language)
        try:
            open_guide(qtbot, driver, base)
            seen[phone_language] = _page_words(driver)
            qtbot.waitUntil(lambda: driver.execute_script("return document.fonts.status") == "loaded", timeout=5000)
            assert driver.save_screenshot(str(tmp_path / f"guide-{phone_language}.png"))
        finally:
            driver.quit()
    assert seen == {"en-US": ("en", "Next", "Guide · zzkiosk"), "zh-CN": ("zh", "下一页", "讲解员 · zzkiosk"),
                    "fr-FR": ("zh", "下一页", "讲解员 · zzkiosk")}


def test_the_choice_of_language_follows_the_phones_order_of_preference():
    from zzkiosk.guide.language import page_language

    assert page_language("zh-CN,zh;q=0.9,en;q=0.8", "en") == "zh"
    assert page_language("en-GB,en;q=0.9,zh-CN;q=0.8", "zh") == "en"
    assert page_language("fr;q=1, en;q=0.2, zh;q=0.5", "en") == "zh"  # by weight, not by place
    assert page_language("de-DE,fr", "en") == "en" and page_language("de-DE,fr", "zh") == "zh"
    assert page_language(None, "zh") == "zh" and page_language("", "en") == "en"
    assert page_language("zh;q=0, en;q=bad, *", "en") == "en"  # refused and broken entries do not count
    assert page_language("ZH-hant-TW", "en") == "zh"
