"""HotReload: a saved edit of the deck reaches the screen within a second, a broken one never.

The deck folder (and any deck file outside it, such as a bundled theme) is polled with
`ChangeDetector`, which reports a change only once the files have stopped changing: an editor's temporary file and rename, a partial write, a file deleted
and re-created, or a whole folder copied over are all read once, when complete. The
deck is then loaded and validated off the screen, the current slide's new scene is
built, and only when both succeed does the presentation swap decks. Otherwise the last
good deck plays on and the problems are logged, one per line. A valid deck in which a
section lost slides (what a copy cut at a line end looks like) waits for SHRINK_HOLD_S
of quiet first (docs/unattended.md).

Polling a few times a second all day costs a still kiosk more than everything else it
does (0.07% of a core at 300 ms). So the files are watched too (inotify through
QFileSystemWatcher, no CPU while nothing happens): a notification switches the poll to
its quick pace until the files have been quiet for a few polls; without one, the files
are still looked at every IDLE_POLL_MS, for changes a notification cannot report (a
network folder, a file replaced behind the watch).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal, Slot

from zzkiosk.kiosk.deckcheck import pictures_changed, pictures_of, shrunken_sections, unreadable_pictures
from zzkiosk.deck.deck import shape_of
from zzkiosk.i18n import tr
from zzkiosk.kiosk.quickstat import QuickSnapshot
from zzkiosk.kiosk.watch import MAX_FILES, ChangeDetector, Snapshot
from zzkiosk.render.fonts import register_deck_fonts
from zzkiosk.render.memory import lean_source_checks

if TYPE_CHECKING:
    from zzkiosk.deck.deck import Deck
    from zzkiosk.player.presentation import Presentation

POLL_MS = 300
"""How often the deck's files are looked at once they are being edited. A change shows
within two polls of its notification and a load (under 0.7 s)."""

IDLE_POLL_MS = 3000
"""How often they are looked at while no notification came (a stat per folder, YAML file
and picture in use: QuickSnapshot; ~0.007% of a core, with thousands of other files too)."""

SETTLE_S = 0.25
"""The files must have been quiet this long (and look the same on two polls) before the
deck is read: an editor's or a copy's burst of writes is read once, at its end."""

SHRINK_HOLD_S = 5.0
"""A reload in which a section has fewer slides than the one playing waits until the files
have been quiet this long. A section file cut at a line end by a copy in progress is
valid YAML with the last slides missing; the copy goes on writing within this time and
the complete file comes in instead. A deliberate removal shows a few seconds later."""

QUIET_POLLS = 4
"""Quick polls that saw nothing move before the poll slows down to IDLE_POLL_MS again."""

EDITOR_LITTER = (".swp", ".swx", ".swo", ".tmp", "~", ".bak", ".kate-swp")
"""Endings of files editors write beside the real ones: saving them alone reloads nothing."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Position:
    """Where the show is, in terms that survive an edit of the deck."""

    section_id: str
    """Id of the current section."""
    slide_id: str
    """Id of the current slide."""
    offset: int
    """Index of the current slide within its section."""
    index: int
    """Flat index of the current slide in the deck."""

    @classmethod
    def of(cls, deck: Deck, index: int) -> Position:
        """The position of flat slide `index` in `deck`."""
        section, slide = deck.slides[index]
        return cls(section.id, slide.id, section.slides.index(slide), index)

    def index_in(self, deck: Deck) -> int:
        """The flat index to show in `deck`: the same slide (by id) where it still exists,
        else the same place in the same section (clamped to it), else the same flat index
        clamped to the deck."""
        start = 0
        for section in deck.sections:
            ids = [slide.id for slide in section.slides]
            if self.slide_id in ids:
                return start + ids.index(self.slide_id)
            start += len(ids)
        start = 0
        for section in deck.sections:
            if section.id == self.section_id and section.slides:
                return start + min(self.offset, len(section.slides) - 1)
            start += len(section.slides)
        return min(max(self.index, 0), len(deck.slides) - 1)


def is_deck_file(path: str) -> bool:
    """False for the litter editors leave beside the files they save (swap files, backups)."""
    name = os.path.basename(path)
    return not (name.startswith((".", "#")) or name.endswith(EDITOR_LITTER))


class HotReload(QObject):
    """Watches the played deck's files and swaps a valid edit into the presentation.

    A controller: `bind()` starts watching, `unbind()` stops. `reload_now()` reloads at
    once (tests and the benchmark's "RSS after 200 reloads" use it). `accepted` and
    `refused` tell a banner (or anything else) what happened; the log says it too.
    """

    accepted = Signal()
    """A reloaded deck is now playing."""
    refused = Signal(list)
    """An edit was refused: the problems (list of str, `file:line:col: message`)."""

    def __init__(self, presentation: Presentation, deck_path: Path | str, *, poll_ms: int = POLL_MS,
                 hold_s: float | None = None):
        super().__init__(presentation)
        self._presentation = presentation
        self._deck_path = Path(deck_path)
        self._problems: list[str] = []
        self._detector: ChangeDetector | None = None
        self._quick: QuickSnapshot | None = None
        self._watched: tuple[Path, tuple[Path, ...]] | None = None
        self._accepted: Snapshot = {}
        self._poll_ms = poll_ms
        self._hold_s = SHRINK_HOLD_S if hold_s is None else hold_s
        self._holding: str | None = None
        self._told_incomplete = False
        self._quiet = 0
        self._takes = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.setInterval(max(poll_ms, IDLE_POLL_MS))
        self._timer.timeout.connect(self._poll)
        self._watcher: QFileSystemWatcher | None = None
        self._followed = -1

    @property
    def problems(self) -> list[str]:
        """Why the last edit was refused (empty once the deck on disk plays)."""
        return list(self._problems)

    def bind(self) -> None:
        """Start watching the deck's files (what is on disk now is taken as played)."""
        self._watch_files_of(self._presentation.deck)
        self._accepted = self._snapshot()
        self._detector = ChangeDetector(self._snapshot, SETTLE_S)
        self._watcher, self._followed = QFileSystemWatcher(self), -1
        self._watcher.fileChanged.connect(self._wake)
        self._watcher.directoryChanged.connect(self._wake)
        self._follow_files()
        self._timer.start(max(self._poll_ms, IDLE_POLL_MS))

    def unbind(self) -> None:
        """Stop watching."""
        self._timer.stop()
        self._detector = None
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None

    def configure(self, deck: Deck) -> None:
        """Nothing to take: the reload itself follows the deck's files (see `_follow_files`)."""

    @Slot()
    def reload_now(self) -> bool:
        """Load the deck now and play it if it is valid; True when it was swapped in."""
        return self._reload(even_if_unchanged=True)

    @Slot()
    def _wake(self) -> None:
        """A watched file or folder changed: poll at the quick pace until it is quiet again."""
        self._quiet = 0
        if self._detector is not None and self._timer.interval() != self._poll_ms:
            self._timer.start(self._poll_ms)
            QTimer.singleShot(0, self, self._poll)  # the first look at once, the second a poll later

    @Slot()
    def _poll(self) -> None:
        if self._detector is None:
            return
        if self._detector.poll():
            self._reload(even_if_unchanged=False)
        if self._detector is None:  # unbound meanwhile
            return
        takes = self._quick.takes if self._quick is not None else 0
        if takes != self._takes:
            self._takes, self._quiet = takes, 0
            self._wake()
        else:
            self._quiet += 1
            if self._quiet >= QUIET_POLLS and self._timer.interval() == self._poll_ms:
                self._timer.setInterval(max(self._poll_ms, IDLE_POLL_MS))
        self._follow_files()

    def _follow_files(self) -> None:
        """Watch every folder and file of the last snapshot (a replaced file drops its watch),
        and the folder holding the deck's: a deck folder moved away and replaced by another
        is seen there (Qt reports no move of a watched folder itself)."""
        if self._watcher is None or self._quick is None or self._watched is None:
            return
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        if self._quick.takes != self._followed:  # the files moved: watches may follow old inodes
            self._followed = self._quick.takes
            if watched:
                self._watcher.removePaths(list(watched))
            watched = set()
        wanted = (str(self._watched[0].resolve().parent), *self._quick.paths)
        missing = [path for path in wanted if path not in watched]
        missing = [path for path in missing if os.path.exists(path)]
        if missing:
            self._watcher.addPaths(missing)

    def _snapshot(self) -> Snapshot:
        return self._quick() if self._quick is not None else {}

    def _watch_files_of(self, deck: Deck, also: Deck | None = None) -> None:
        """Poll the folder of `deck`, its files outside it (a bundled theme) and the pictures
        and fonts it uses, and those of `also` (a deck refused for its pictures)."""
        pictures = pictures_of(deck) | (pictures_of(also) if also is not None else set())
        used = (*deck.files, *sorted(Path(path) for path in pictures))
        if self._quick is None or self._watched != (deck.folder, used):
            self._watched = (deck.folder, used)
            self._quick = QuickSnapshot(deck.folder, used, is_deck_file)
            self._takes = self._followed = -1  # a new snapshot counts its walks from 1 again
        if not self._quick.complete and not self._told_incomplete:
            self._told_incomplete = True
            log.warning("%s holds more than %d files besides its YAML files: only the deck's YAML files, the "
                        "pictures it shows and %d others are watched; move archives out of the deck folder",
                        deck.folder, MAX_FILES, MAX_FILES)

    def _reload(self, *, even_if_unchanged: bool) -> bool:
        from zzkiosk.deck.errors import DeckError

        with lean_source_checks():  # a start from the deck cache did not import pydantic: PySide6 checks its modules
            from zzkiosk.deck.loader import load_deck

        state = self._snapshot()
        try:
            deck = load_deck(self._deck_path)
        except DeckError as error:
            return self._refuse([str(problem) for problem in error.problems])
        problems = unreadable_pictures(deck)
        if problems:
            self._watch_files_of(self._presentation.deck, also=deck)  # a picture fixed in place is seen
            return self._refuse(problems)
        unchanged = deck == self._presentation.deck and not pictures_changed(deck, self._accepted, state)
        if unchanged and not even_if_unchanged and not self._problems:
            log.debug("reload: nothing the show uses changed")
            return False
        if not even_if_unchanged and self._hold(deck):
            return False
        return self._swap(deck, state)

    def _hold(self, deck: Deck) -> bool:
        """True (and the change reported again later) while a section of `deck` has fewer
        slides than the playing one and the files have not been quiet for the hold time."""
        shrunk = shrunken_sections(self._presentation.deck, deck)
        if not shrunk or self._detector is None or self._detector.quiet_for() >= self._hold_s:
            if shrunk:
                log.warning("reload: %s (taken after %.0f s of quiet: not a copy in progress)", shrunk, self._hold_s)
            self._holding = None
            return False
        if self._holding != shrunk:
            self._holding = shrunk
            log.info("reload on hold: %s; waiting until the files are quiet for %.0f s "
                     "(a file still being copied would lose them)", shrunk, self._hold_s)
        self._detector.report_again()
        return True

    def _swap(self, deck: Deck, state: Snapshot) -> bool:
        presentation = self._presentation
        if deck.canvas != presentation.deck.canvas:
            return self._refuse([tr("{file}: the canvas changed from {old} to {new}: restart zzkiosk to play it",
                                    file=deck.file, old=shape_of(*presentation.deck.canvas), new=shape_of(*deck.canvas))])
        index = Position.of(presentation.deck, presentation.index).index_in(deck) if presentation.index >= 0 else 0
        register_deck_fonts(deck)
        try:
            presentation.replace_deck(deck, index)
        except Exception as error:  # noqa: BLE001 (a picture or item that cannot be drawn refuses the edit)
            return self._refuse([_render_problem(error)])
        self._accepted, self._problems = state, []
        self._watch_files_of(deck)
        for problem in deck.warnings:
            log.warning("%s", problem)
        section, slide = deck.slides[index]
        log.info("reload accepted: %d slides; showing %s/%s", len(deck.slides), section.id, slide.id)
        self.accepted.emit()
        return True

    def _refuse(self, problems: list[str]) -> bool:
        """Log why an edit is refused; the same problems as the last refusal (a file saved in
        two steps, a picture copied slowly) are not listed again."""
        again = problems == self._problems
        self._problems = problems
        if again:
            log.error("%s", tr("reload refused again: the same {count} error(s) as before; the last good deck "
                               "keeps playing", count=len(problems)))
        else:
            log.error("%s", tr("reload refused: {count} error(s); the last good deck keeps playing", count=len(problems)))
            for problem in problems:
                log.error("%s", problem)
        self.refused.emit(list(problems))
        return False




def _render_problem(error: Exception) -> str:
    """A render failure as one line; RenderError messages already start with the file."""
    from zzkiosk.render.errors import RenderError

    if isinstance(error, RenderError):
        return str(error)
    return tr("the current slide cannot be drawn: {kind}: {error}", kind=type(error).__name__, error=error)
