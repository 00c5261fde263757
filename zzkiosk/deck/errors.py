"""Deck problems, each pointing at a file, a line and a column, with the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            cut = len(self.message) - MAX_MESSAGE
            object.__setattr__(self, "message", f"{self.message[:MAX_MESSAGE]}… ({cut} more characters left out)")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else f"{self.file}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        """The problem for `validate --json`."""
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


class DeckError(Exception):
    """A deck that cannot be played, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
