"""The machine's validated settings kept between starts, so that a kiosk restarted with
config.yaml and its command line unchanged opens its control port and reports to the
broker without importing pydantic or PyYAML (about 0.1 s and 15 MB of such a start).

The settings are kept as the plain twins the kiosk plays (zzkiosk.control.plain,
zzkiosk.fleet.plain), in a file of zzkiosk.cachefile's format, as the deck's cache is: keyed
by config.yaml's bytes (and real path), `--control`, `--mqtt` and `--name`, the host name
(the default kiosk name), zzkiosk's, Python's and pydantic's versions and the signature of
the code that reads the settings. Every part is checked before it is believed; anything
else than a current, sound file of this kind is refused with one log line, and the
settings are validated in full and cached again. docs/architecture.md, "The settings cache".
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import socket
import sys
from pathlib import Path
from typing import Any

from zzkiosk import __version__
from zzkiosk.cachefile import (CacheRefused, CacheStale, cache_bytes, code_signature, pydantic_version, read_cached,
                               signatures, user_cache, write_atomically)
from zzkiosk.control.plain import ControlSettings
from zzkiosk.fleet.plain import MqttSettings
from zzkiosk.i18n import tr

log = logging.getLogger(__name__)

FORMAT = b"zzkiosk settings cache 1\n"
"""The first line of every settings cache file (a deck's cache has its own)."""
CODE = ("cli.py", "cachefile.py", "control/cli.py", "control/config.py", "control/plain.py", "fleet/settings.py",
        "fleet/plain.py", "deck/frozen.py", "deck/validation.py", "deck/yamlsource.py")
"""The files of zzkiosk whose code decides what the settings are: a changed file (a
checkout updated in place) is a changed key."""
_UNPICKLABLE: dict[str, frozenset[str] | None] = {
    "zzkiosk.control.plain": frozenset({"ControlSettings"}),
    "zzkiosk.fleet.plain": frozenset({"MqttSettings"}),
}
"""What the payload may name: the two twins, nothing else."""

Settings = tuple[ControlSettings | None, MqttSettings | None]
"""(control, mqtt): each None when off."""


class SettingsCache:
    """The cache of the settings that config.yaml at `config` and the command line's
    `--control`, `--mqtt` and `--name` (None when not given) make.

    config.yaml's signature is taken when it is made, before the file is validated: a file
    edited while it is validated makes the cache stale, never wrong."""

    def __init__(self, config: Path, control: str | None, mqtt: str | None, name: str | None):
        command_line = [control, mqtt, name]
        where = hashlib.sha256(repr([os.path.abspath(config), *command_line]).encode("utf-8", "surrogateescape"))
        self.file = user_cache("settings") / f"{where.hexdigest()[:24]}.settings"
        """The cache file."""
        self._key = {"zzkiosk": __version__, "python": sys.version, "pydantic": pydantic_version(),
                     "code": code_signature(CODE), "config": os.path.abspath(config), "command line": command_line,
                     "host": socket.gethostname()}
        self._files = signatures([[os.fspath(config), "content"]])

    def read(self) -> Settings | None:
        """The cached settings when the cache is current and sound, else None (logged)."""
        try:
            settings = read_cached(self.file, FORMAT, self._key, _UNPICKLABLE)
            if settings is None:
                return None
            _check(settings)
        except CacheStale:
            log.info("%s", tr("config.yaml changed since the last start: validating the settings in full"))
            return None
        except CacheRefused as refusal:
            log.log(refusal.log_level, "%s", tr("settings cache {file} refused ({reason}): validating config.yaml "
                                                "in full and writing the cache again", file=self.file, reason=refusal))
            return None
        log.info("%s", tr("settings read from their cache {file}: config.yaml and the command line have not "
                          "changed since they were validated", file=self.file))
        return settings

    def keep(self, control: Any, mqtt: Any) -> Settings:
        """The twins of validated settings `control` and `mqtt` (models or None), written to
        the cache file (a failure is logged: the next start validates in full)."""
        settings = (None if control is None else ControlSettings.of(control),
                    None if mqtt is None else MqttSettings.of(mqtt))
        try:
            write_atomically(self.file, cache_bytes(FORMAT, {"key": self._key, "files": self._files}, settings))
        except (OSError, pickle.PicklingError, TypeError, ValueError) as error:
            log.warning("%s", tr("the settings cache {file} cannot be written ({error}); the next start "
                                 "validates config.yaml in full", file=self.file, error=error))
        return settings


def _check(settings: object) -> None:
    """Refuse a payload that is not (control, mqtt) twins with every field set."""
    if not (isinstance(settings, tuple) and len(settings) == 2
            and all(value is None or type(value) is kind for value, kind in zip(settings, (ControlSettings, MqttSettings)))
            and all(value is None or set(vars(value)) == set(value._fields) for value in settings)):
        raise CacheRefused(tr("its contents are not the settings"))
