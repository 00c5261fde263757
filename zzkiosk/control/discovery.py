"""Discovery by mDNS/DNS-SD (zeroconf): the kiosk announces `_zzkiosk._tcp` with its name and
ports; `discover` lists the kiosks that answer. Off unless the config turns it on."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zzkiosk import __version__
from zzkiosk.i18n import tr

if TYPE_CHECKING:
    from zzkiosk.control.plain import ControlSettings

log = logging.getLogger("zzkiosk.control")

SERVICE = "_zzkiosk._tcp.local."
"""The DNS-SD service type a kiosk announces."""


@dataclass(frozen=True)
class Found:
    """One kiosk found on the LAN."""

    name: str
    """Its announced name."""
    addresses: tuple[str, ...]
    """Its IP addresses."""
    ports: dict[str, int]
    """Its control ports by transport (udp, tcp, osc, http)."""
    version: str
    """Its zzkiosk version."""


def _interfaces(listen: str) -> list[str] | None:
    """The interfaces to announce on: only the listening address unless it is 0.0.0.0 (then all)."""
    return None if ipaddress.ip_address(listen).is_unspecified else [listen]


class Announcer:
    """Registers this kiosk's service; registration runs on its own thread (probing takes seconds)."""

    def __init__(self, settings: ControlSettings, ports: dict[str, int]):
        self._settings, self._ports = settings, ports
        self._zeroconf = None
        self._info = None
        self.name = settings.name or socket.gethostname()
        """The announced name."""

    def start(self) -> None:
        """Begin announcing (returns at once)."""
        from zeroconf import InterfaceChoice, ServiceInfo, Zeroconf

        interfaces = _interfaces(self._settings.listen)
        addresses = interfaces or [_own_address()]
        port = self._ports.get("tcp") or self._ports.get("http") or next(iter(self._ports.values()), 0)
        self._info = ServiceInfo(
            SERVICE, f"{self.name}.{SERVICE}", port=port,
            addresses=[socket.inet_aton(address) for address in addresses],
            properties={**{name: str(value) for name, value in self._ports.items()}, "version": __version__},
            server=f"{socket.gethostname()}.local.",
        )
        self._zeroconf = Zeroconf(interfaces=interfaces or InterfaceChoice.All)
        threading.Thread(target=self._register, name="zzkiosk-mdns", daemon=True).start()

    def _register(self) -> None:
        try:
            self._zeroconf.register_service(self._info, allow_name_change=True)
            log.info("%s", tr("control: announced as '{name}' ({service})", name=self.name, service=SERVICE))
        except Exception as error:  # zeroconf's own errors; the show plays on without discovery
            log.error("%s", tr("control: discovery announcement failed: {error}", error=error))

    def stop(self) -> None:
        """Withdraw the announcement."""
        if self._zeroconf is not None:
            try:
                self._zeroconf.unregister_all_services()
            finally:
                self._zeroconf.close()
            self._zeroconf = None


def _own_address() -> str:
    """This machine's address on the LAN (the one a default route would use); no packet is sent."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: connect() on UDP only picks a route
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def discover(seconds: float = 3.0, interfaces: list[str] | None = None) -> list[Found]:
    """The kiosks that answer within `seconds` (on `interfaces`, default all)."""
    from zeroconf import InterfaceChoice, ServiceBrowser, ServiceStateChange, Zeroconf

    names: set[str] = set()

    def changed(zeroconf, service_type, name, state_change) -> None:
        if state_change is ServiceStateChange.Added:
            names.add(name)

    zeroconf = Zeroconf(interfaces=interfaces or InterfaceChoice.All)
    try:
        ServiceBrowser(zeroconf, SERVICE, handlers=[changed])
        time.sleep(seconds)
        return sorted(filter(None, (_found(zeroconf, name) for name in list(names))), key=lambda f: f.name)
    finally:
        zeroconf.close()


def _found(zeroconf, name: str) -> Found | None:
    info = zeroconf.get_service_info(SERVICE, name, timeout=1500)
    if info is None:
        return None
    properties = {key.decode(): (value or b"").decode() for key, value in info.properties.items()}
    ports = {key: int(value) for key, value in properties.items() if key in ("udp", "tcp", "osc", "http") and value.isdigit()}
    return Found(name.removesuffix("." + SERVICE), tuple(info.parsed_addresses()), ports, properties.get("version", ""))
