"""The fleet as a rich table: one row per kiosk, offline ones and refused updates in red."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from zzkiosk.fleet.staff import Kiosk


def fleet_table(kiosks: Sequence[Kiosk]) -> Table:
    """The table staff read: name, groups, online, deck version, slide, last error."""
    table = Table(title=f"zzkiosk fleet: {sum(k.availability == 'online' for k in kiosks)}/{len(kiosks)} online",
                  title_justify="left", expand=False)
    for column in ("kiosk", "groups", "state", "deck", "slide", "last error"):
        table.add_column(column, overflow="fold")
    versions = [k.deck_version for k in kiosks if k.availability == "online" and k.deck_version]
    usual = max(set(versions), key=versions.count) if versions else None
    for kiosk in kiosks:
        online = kiosk.availability == "online"
        state = Text(kiosk.availability, style="green" if online else "bold red")
        deck = Text(kiosk.deck_version, style="yellow" if usual and kiosk.deck_version != usual else "")
        table.add_row(kiosk.name, ",".join(kiosk.groups), state, deck, kiosk.slide,
                      Text(kiosk.last_error, style="red"))
    if not kiosks:
        table.add_row("(no kiosk has reported to this broker)", "", "", "", "", "")
    return table
