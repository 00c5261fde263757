"""What the parsers of every zzkiosk command share: the deck and --lang arguments, the
bundled deck, and usage lines wrapped by display width (Chinese characters take two columns)."""

from __future__ import annotations

import argparse
from pathlib import Path

from zzkiosk.i18n import LANGUAGES, tr


def default_deck() -> Path:
    """The bundled default deck, beside resources/ (in the source tree or the build)."""
    from zzkiosk.fonts import resource_path

    return resource_path().parent / "slides"


def deck_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional deck folder and --lang to `parser`."""
    parser.add_argument(
        "deck", nargs="?", type=Path, default=None,
        help=tr("deck folder (holding deck.yaml); default: the bundled deck"),
    )
    language_argument(parser)


def language_argument(parser: argparse.ArgumentParser) -> None:
    """Add --lang to `parser` (main reads it before any parser is built)."""
    parser.add_argument(
        "--lang", choices=tuple(LANGUAGES),
        help=tr("language of messages: zh (Chinese) or en (English); default: ZZKIOSK_LANG, else the system's"),
    )


class DisplayWidthUsage(argparse.HelpFormatter):
    """Wraps the usage lines by display width: argparse counts characters, and the Chinese
    prefix 用法： is three characters but six columns wide, so its wrapped lines sat three
    columns left of the first line's arguments and the first line ran past the width."""

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # noqa: ANN001 (argparse's signature)
        prefix = argparse._("usage: ") if prefix is None else prefix  # the word argparse itself would use
        extra = display_width(prefix) - len(prefix)
        if extra <= 0:
            return super()._format_usage(usage, actions, groups, prefix)
        self._width -= extra  # the prefix takes `extra` columns more than argparse counts
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.startswith(" ") else line for line in rest)])


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: two for each wide (CJK, full-width) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def measured(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`parser` and its subcommands' parsers with DisplayWidthUsage mixed into their formatters
    (the parsers are built in several modules; this is the one place all of them pass)."""
    if not issubclass(parser.formatter_class, DisplayWidthUsage):
        base = parser.formatter_class
        parser.formatter_class = type(f"DisplayWidth{base.__name__}", (DisplayWidthUsage, base), {})
    for action in parser._actions:  # argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            for subparser in set(action.choices.values()):
                measured(subparser)
    return parser
