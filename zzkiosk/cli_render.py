"""The deck as pictures and as a proof sheet: `zzkiosk render` and `zzkiosk proof`, offscreen."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zzkiosk.cli_parsers import deck_argument, default_deck
from zzkiosk.i18n import tr


def render_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk render`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk render",
        description=tr("Render the final frame of every slide to PNG (and a PDF for sign-off), offscreen."),
    )
    deck_argument(parser)
    parser.add_argument("--out", type=Path, required=True, help=tr("folder for the PNG files"))
    parser.add_argument("--size", default="1920x1080", type=size,
                        help=tr("image size WxH (default 1920x1080); the deck's canvas is letterboxed in it, "
                                "as the player shows it on a screen of that size"))
    _canvas_argument(parser)
    parser.add_argument("--pdf", type=Path, help=tr("also write one PDF with a page per slide"))
    return parser


def _canvas_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--canvas", choices=("landscape", "portrait"),
                        help=tr("lay the deck out on this canvas instead of its own canvas: (to see a landscape "
                                "deck as a portrait one); the player always plays the deck's own canvas"))


def size(text: str) -> tuple[int, int]:
    """--size WIDTHxHEIGHT as (width, height); argparse's error in words otherwise."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a size: write WIDTHxHEIGHT, like 1920x1080", text=text)) from None
    if not (16 <= width <= 16384 and 16 <= height <= 16384):
        raise argparse.ArgumentTypeError(tr("'{text}': width and height must be between 16 and 16384", text=text))
    return width, height


def render(args: argparse.Namespace) -> int:
    """Write every slide's final frame as PNG (and a PDF); the exit code."""
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.render.errors import RenderError
    from zzkiosk.render.export import render_deck
    from zzkiosk.render.proof import on_canvas

    try:
        deck = on_canvas(load_deck(args.deck or default_deck()), args.canvas)
        paths = render_deck(deck, args.out, size=args.size, pdf=args.pdf, progress=_progress_bar)
    except (DeckError, RenderError) as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    except OSError as error:
        print("\n" + tr("cannot write the output: {error}", error=error), file=sys.stderr)
        return 1
    wrote = tr("wrote {count} PNG file(s) to {folder}", count=len(paths), folder=args.out)
    print(wrote + (tr(" and {pdf}", pdf=args.pdf) if args.pdf else ""))
    return 0


def _progress_bar(done: int, total: int, label: str) -> None:
    width = 30
    filled = width * done // max(total, 1)
    line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"
    sys.stderr.write(line + ("\n" if done >= total else ""))
    sys.stderr.flush()


def proof_parser() -> argparse.ArgumentParser:
    """The parser of `zzkiosk proof`."""
    parser = argparse.ArgumentParser(
        prog="zzkiosk proof",
        description=tr("Print every line of text of every slide exactly as it is laid out on screen, "
                       "to compare with the source (a proof sheet for sign-off)."),
    )
    deck_argument(parser)
    parser.add_argument("--size", default="1920x1080", type=size,
                        help=tr("screen size WxH (default 1920x1080), given in --json; lines are in the pixels "
                                "of the deck's canvas, which the player letterboxes on any screen"))
    _canvas_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help=tr("print {{size, canvas, slides: [{{number, section, slide, layout, "
                                "blocks: [{{type, rect, lines}}]}}]}}"))
    return parser


def proof(args: argparse.Namespace) -> int:
    """Print the proof sheet (as text or --json); the exit code."""
    from zzkiosk.deck.errors import DeckError
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.render.errors import RenderError
    from zzkiosk.render.export import ensure_app
    from zzkiosk.render.proof import as_json, as_text, on_canvas, proof_deck

    try:
        deck = on_canvas(load_deck(args.deck or default_deck()), args.canvas)
        ensure_app()
        slides = proof_deck(deck)
    except (DeckError, RenderError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(slides, args.size, deck.canvas), ensure_ascii=False, indent=1))
    else:
        print(as_text(slides))
    return 0
