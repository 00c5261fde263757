"""Which language the guide's page speaks: the phone's, else the kiosk's.

The phone says what it reads in its Accept-Language header (`zh-CN,zh;q=0.9,en;q=0.8`).
The first language the page has (Chinese or English), by the phone's order of
preference, wins; a phone that asks for neither (French only, say) gets the kiosk's own
language. The page's words in both languages stay in the page (resources/guide/guide.html,
its `TEXT` table): the server only writes the choice into `<html lang>`, so the page
stays one self-contained file and has one table of words.
"""

from __future__ import annotations

PAGE_LANGUAGES = ("zh", "en")
"""The languages the page has words for."""
MAX_HEADER_CHARS = 512
"""Accept-Language beyond this many characters is not read (a browser sends tens)."""


def page_language(accept_language: str | None, kiosk_language: str) -> str:
    """"zh" or "en" for a phone sending `accept_language` to a kiosk speaking `kiosk_language`."""
    ranked = sorted(_preferences(accept_language or ""), key=lambda pair: -pair[1])  # stable: ties keep their order
    for tag, weight in ranked:
        primary = tag.split("-")[0]
        if weight > 0 and primary in PAGE_LANGUAGES:
            return primary
    return kiosk_language if kiosk_language in PAGE_LANGUAGES else PAGE_LANGUAGES[0]


def _preferences(header: str) -> list[tuple[str, float]]:
    """(language tag in lower case, weight) per entry of an Accept-Language header; bad entries left out."""
    preferences = []
    for entry in header[:MAX_HEADER_CHARS].split(","):
        tag, _, parameters = entry.strip().partition(";")
        weight = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        if tag.strip():
            preferences.append((tag.strip().lower(), weight))
    return preferences


def page_in(page: bytes, language: str) -> bytes:
    """`page` with its `<html lang>` set to `language` (the page reads its words from there)."""
    return page.replace(b'<html lang="zh">', b'<html lang="%s">' % language.encode("ascii"), 1)
