"""The fleet as a rich table: one row per kiosk, offline ones and refused updates in red."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from zzkiosk.i18n import N_, tr

if TYPE_CHECKING:
    from zzkiosk.fleet.staff import Kiosk

COLUMNS = (N_("kiosk"), N_("groups"), N_("state"), N_("deck"), N_("slide"), N_("last error"))
"""The table's column headings."""
AVAILABILITY = {"online": N_("online"), "offline": N_("offline")}
"""The availability payloads in words."""
OFFLINE_WHY = {"stopped": N_("offline (stopped)"), "lost": N_("offline (lost: last will)")}
"""An offline kiosk's reason in words: it stopped cleanly, or the broker lost it."""


def fleet_table(kiosks: Sequence[Kiosk]) -> Table:
    """The table staff read: name, groups, online, deck version, slide, last error."""
    online_count = sum(k.availability == "online" for k in kiosks)
    table = Table(title=tr("zzkiosk fleet: {online}/{total} online", online=online_count, total=len(kiosks)),
                  title_justify="left", expand=False)
    for column in COLUMNS:
        table.add_column(tr(column), overflow="fold")
    versions = [k.deck_version for k in kiosks if k.availability == "online" and k.deck_version]
    usual = max(set(versions), key=versions.count) if versions else None
    for kiosk in kiosks:
        online = kiosk.availability == "online"
        # The MQTT payload (online/offline) is shown in words; anything else as it came.
        words = OFFLINE_WHY.get(kiosk.offline_why) if kiosk.availability == "offline" else None
        words = words or AVAILABILITY.get(kiosk.availability)
        state = Text(tr(words) if words else kiosk.availability, style="green" if online else "bold red")
        deck = Text(kiosk.deck_version, style="yellow" if usual and kiosk.deck_version != usual else "")
        table.add_row(kiosk.name, ",".join(kiosk.groups), state, deck, kiosk.slide,
                      Text(kiosk.last_error, style="red"))
    if not kiosks:
        table.add_row(tr("(no kiosk has reported to this broker)"), "", "", "", "", "")
    return table
