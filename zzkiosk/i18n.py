"""The language every message is shown in: Chinese or English, from gettext catalogues.

Messages are written once, in English, as `tr("unknown key '{key}'", key=key)`; the
Chinese comes from `zzkiosk/locale/zh_CN/LC_MESSAGES/zzkiosk.po` (compiled to `.mo` when
the package is built or installed, see docs/translation.md). Keys and values staff type
are passed as placeholders, so they stay exactly as written in either language.

The language: `--lang` (`use_language`), else `ZZKIOSK_LANG`, else the system's
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the Windows UI language): Chinese for zh_*,
English for everything else. No Qt here: validate and the loader use it too.
"""

from __future__ import annotations

import argparse
import gettext
import os
import sys
from functools import lru_cache

DOMAIN = "zzkiosk"
"""The gettext domain: the catalogue is zzkiosk.po / zzkiosk.mo."""
LANGUAGES = {"zh": "zh_CN", "en": None}
"""Languages offered (the `--lang` words) and the catalogue each reads (None: the source text)."""

_current: gettext.NullTranslations = gettext.NullTranslations()
_chosen: str | None = None


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (a table entry)."""
    return message


def tr(message: str, /, **values: object) -> str:
    """`message` in the current language, with `{placeholders}` filled from `values`.

    Every message goes through str.format, so a literal brace is written `{{`."""
    if _chosen is None:
        use_language(None)
    try:
        return _current.gettext(message).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English still says it
        return message.format(**values)


def translated(message: str, choice: str | None = None) -> str:
    """`message` in the current language (or `choice`), as written: no placeholders filled
    (a schema description may hold braces: `{label, value}`)."""
    if choice is None:
        language()  # decides the language on first use
        return _current.gettext(message)
    return _load_language(_normalise(choice) or "en").gettext(message)


def language() -> str:
    """The language in use: "zh" or "en"."""
    if _chosen is None:
        use_language(None)
    return _chosen or "en"


def use_language(choice: str | None) -> str:
    """Show messages in `choice` ("zh" or "en"; None: ZZKIOSK_LANG or the system's)."""
    global _current, _chosen
    chosen = _normalise(choice) or _normalise(os.environ.get("ZZKIOSK_LANG")) or system_language()
    _current = _load_language(chosen)
    _chosen = chosen
    # argparse asks gettext for its own words (usage:, options:, error:) at run time.
    argparse._ = _current.gettext
    argparse.ngettext = _current.ngettext
    return chosen


def system_language() -> str:
    """"zh" when the system's language for messages is Chinese, else "en"."""
    locale_name = next(
        (os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(name)), ""
    )
    # As in GNU gettext, LANGUAGE is a preference list that counts unless the locale is C.
    preferred = os.environ.get("LANGUAGE", "") if locale_name not in ("C", "POSIX") else ""
    for name in [*preferred.split(":"), locale_name]:
        if name:
            return "zh" if name.lower().startswith("zh") else "en"
    return _windows_language()


def _windows_language() -> str:
    if sys.platform != "win32":
        return "en"
    import ctypes

    primary = ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF
    return "zh" if primary == 0x04 else "en"  # LANG_CHINESE


def _normalise(choice: str | None) -> str | None:
    if not choice:
        return None
    short = choice.strip().lower()[:2]
    return short if short in LANGUAGES else None


@lru_cache(maxsize=None)
def _load_language(chosen: str) -> gettext.NullTranslations:
    catalogue = LANGUAGES[chosen]
    if catalogue is None:
        return gettext.NullTranslations()
    from zzkiosk.catalogues import compiled_catalogue

    path = compiled_catalogue(catalogue)
    if path is None:
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


# argparse's own words, so that the catalogue extraction keeps them (argparse calls gettext).
_ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
)
