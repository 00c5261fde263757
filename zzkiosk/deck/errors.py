"""Deck problems, each pointing at a file, a line and a column, with the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zzkiosk.i18n import tr

MAX_MESSAGE = 400
"""Characters of a problem's message kept: a message quoting a megabyte-long value would
otherwise repeat it into the terminal and the log."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a deck, in words for the person who edits the file."""

    file: Path
    """The file at fault."""
    line: int
    """1-based line (0 when the whole file is at fault)."""
    column: int
    """1-based column (0 when the whole file is at fault)."""
    message: str
    """What is wrong and how to fix it."""
    severity: str = "error"
    """error (the deck is refused) or warning (it plays, but look at it)."""
    code: str = ""
    """What kind of problem, in stable English words for tools (unknown-key, not-a-duration);
    the same in every language, unlike the message."""

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            cut = len(self.message) - MAX_MESSAGE
            shortened = tr("{text}… ({count} more characters left out)", text=self.message[:MAX_MESSAGE], count=cut)
            object.__setattr__(self, "message", shortened)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else f"{self.file}"
        prefix = "" if self.severity == "error" else tr("warning: ")
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        """The problem for `validate --json`."""
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class DeckValueError(ValueError):
    """A value a model validator refuses, with its stable `code` for `validate --json`."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class DeckError(Exception):
    """A deck that cannot be played, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
