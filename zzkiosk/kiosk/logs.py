"""Logs in the platform's log folder, rotated, one line per event; crashes logged too."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

from platformdirs import user_log_dir

from zzkiosk.i18n import tr

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
"""One line per event: time, level, where, what."""
LOG_LEVELS = ("debug", "info", "warning", "error")
"""Values accepted by --log-level."""
MAX_BYTES = 1_000_000
"""Size at which the log file is rotated."""
BACKUPS = 5
"""Rotated files kept beside the current one."""
MAX_MESSAGE = 2000
"""Characters of one message kept in a log line (a value quoted from a hostile file can be
megabytes long); a traceback below it is kept whole."""

log = logging.getLogger("zzkiosk")


def log_folder() -> Path:
    """Where zzkiosk writes its logs (~/.local/state/zzkiosk/log on Linux)."""
    return Path(user_log_dir("zzkiosk", appauthor=False, ensure_exists=False))


def log_file() -> Path:
    """The current log file."""
    return log_folder() / "zzkiosk.log"


def setup_logging(level: str = "info", *, to_file: bool = True) -> Path | None:
    """Log to the rotated file (and to stderr); return the file's path, or None if unwritable."""
    root = logging.getLogger("zzkiosk")
    root.setLevel(level.upper())
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(BoundedFormatter("zzkiosk: %(levelname)s %(message)s"))
    root.addHandler(console)
    path = _add_file_handler(root) if to_file else None
    _log_uncaught_exceptions()
    return path


def _add_file_handler(root: logging.Logger) -> Path | None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = SafeRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as error:
        root.warning("cannot write the log file %s: %s", path, error)
        return None
    handler.setFormatter(BoundedFormatter(LOG_FORMAT))
    root.addHandler(handler)
    return path


class BoundedFormatter(logging.Formatter):
    """A formatter that cuts each message to MAX_MESSAGE characters and keeps it on one line."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        """The line for `record`, its message shortened and its line breaks shown as ⏎."""
        message = record.message
        if len(message) > MAX_MESSAGE:
            message = f"{message[:MAX_MESSAGE]}… ({len(message) - MAX_MESSAGE} more characters)"
        record.message = message.replace("\r", "").replace("\n", " ⏎ ")
        return super().formatMessage(record)


class SafeRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotated log file that, when the disk refuses it (a read-only folder, a full disk),
    says so once on stderr and stops writing, instead of a traceback for every event."""

    failed = False
    """True once writing failed: records are dropped from then on (stderr still has them)."""

    def emit(self, record: logging.LogRecord) -> None:
        """Write `record`, unless writing failed before."""
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Called by logging when writing `record` raised: one warning, then silence."""
        error = sys.exc_info()[1]
        if self.failed or not isinstance(error, OSError):
            super().handleError(record)
            return
        self.failed = True
        sys.stderr.write(tr("zzkiosk: WARNING cannot write the log file {file} ({error}); "
                            "logging to stderr only until zzkiosk restarts", file=self.baseFilename, error=error) + "\n")


def _log_uncaught_exceptions() -> None:
    """An unrecoverable error is logged with its traceback; the process then exits non-zero."""

    def log_and_exit(kind, error, trace):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("crashed: %s", error, exc_info=(kind, error, trace))
        logging.shutdown()
        os._exit(70)  # sys.exit would be swallowed inside Qt's event loop

    sys.excepthook = log_and_exit
    threading.excepthook = lambda args: log_and_exit(args.exc_type, args.exc_value, args.exc_traceback)
