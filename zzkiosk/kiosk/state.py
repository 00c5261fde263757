"""Where the show was: the current section/slide, saved atomically and restored on the next start."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_state_dir
from PySide6.QtCore import QObject, QTimer, Slot

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.presentation import Presentation

log = logging.getLogger(__name__)

MAX_POSITION_BYTES = 4096
"""A position file is one small JSON object (about 100 bytes); anything bigger is not ours."""

SAVE_DELAY_MS = 1000
"""Wait this long after a slide change before saving (a burst of key presses saves once)."""


def state_folder() -> Path:
    """The platform's state folder for zzkiosk (~/.local/state/zzkiosk on Linux)."""
    return Path(user_state_dir("zzkiosk", appauthor=False, ensure_exists=False))


def position_file(deck_folder: Path, where: str) -> Path:
    """The position file of the deck in `deck_folder` played on `where` (a screen key or "preview")."""
    digest = hashlib.sha1(f"{Path(deck_folder).resolve()}|{where}".encode()).hexdigest()[:12]
    return state_folder() / f"position-{digest}.json"


def save_position(path: Path, deck: Deck, index: int) -> None:
    """Write slide `index` of `deck` (by section and slide id) to `path`, atomically."""
    section, slide = deck.slides[index]
    record = {"deck": str(deck.folder), "section": section.id, "slide": slide.id}
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".position-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_position(path: Path, deck: Deck) -> int | None:
    """The flat index saved in `path`, if the file is readable and `deck` still has that slide.

    A missing file is the first start; any other file that cannot be used (too big, not
    our JSON, nested, unreadable) is logged in one line and the show starts at the beginning.
    """
    try:
        wanted = _read_position(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("saved position %s cannot be used (%s); starting at the beginning", path, error)
        return None
    for index, (section, slide) in enumerate(deck.slides):
        if (section.id, slide.id) == wanted:
            return index
    log.info("saved position %s/%s is no longer in the deck; starting at the beginning", *wanted)
    return None


def _read_position(path: Path) -> tuple[str, str]:
    """The (section id, slide id) in `path`; ValueError when it is not a position file."""
    with path.open("rb") as file:
        raw = file.read(MAX_POSITION_BYTES + 1)
    if len(raw) > MAX_POSITION_BYTES:
        raise ValueError(f"over {MAX_POSITION_BYTES} bytes: not a position file")
    try:
        record = json.loads(raw.decode("utf-8"))
    except RecursionError:  # a small file can still nest deeper than json's recursion allows
        raise ValueError("nested too deeply: not a position file") from None
    if not isinstance(record, dict) or not all(isinstance(record.get(key), str) for key in ("section", "slide")):
        raise ValueError("no section and slide ids in it")
    return record["section"][:100], record["slide"][:100]


class PositionKeeper(QObject):
    """Saves the presentation's position a moment after each slide change, and on `save_now()`."""

    def __init__(self, presentation: Presentation, path: Path):
        super().__init__(presentation)
        self._presentation = presentation
        self._path = path
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        presentation.slide_changed.connect(self._changed)

    @Slot(int)
    def _changed(self, index: int) -> None:
        self._timer.start()

    @Slot()
    def save_now(self) -> None:
        """Save the current position now (logged, never raised, when the disk refuses)."""
        self._timer.stop()
        if self._presentation.index < 0:
            return
        try:
            save_position(self._path, self._presentation.deck, self._presentation.index)
        except OSError as error:
            log.warning("cannot save the position to %s: %s", self._path, error)
