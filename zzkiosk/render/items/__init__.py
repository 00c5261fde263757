"""Block items, one module per block type, and the registry the slide scene builds from.

Adding a block type: a model in `zzkiosk.deck.blocks`, an item class here, one registry entry.
"""

from __future__ import annotations

from zzkiosk.render.items.badge import BadgeItem
from zzkiosk.render.items.base import BlockItem
from zzkiosk.render.items.chart import ChartItem
from zzkiosk.render.items.counter import CounterItem
from zzkiosk.render.items.flow import FlowItem
from zzkiosk.render.items.image import ImageItem
from zzkiosk.render.items.keywords import KeywordsItem
from zzkiosk.render.items.tasks import TasksItem
from zzkiosk.render.items.text import TextItem
from zzkiosk.render.items.timeline import TimelineItem

BLOCK_ITEMS: dict[str, type[BlockItem]] = {
    "counter": CounterItem,
    "chart": ChartItem,
    "text": TextItem,
    "badge": BadgeItem,
    "timeline": TimelineItem,
    "image": ImageItem,
    "tasks": TasksItem,
    "keywords": KeywordsItem,
    "flow": FlowItem,
}
"""Block type (the key written in the deck) -> the item class that draws it."""

__all__ = ["BLOCK_ITEMS", "BadgeItem", "BlockItem", "ChartItem", "CounterItem", "FlowItem", "ImageItem",
           "KeywordsItem", "TasksItem", "TextItem", "TimelineItem"]
