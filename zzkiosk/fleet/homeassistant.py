"""Home Assistant MQTT discovery: a kiosk appears as a device with its state, a camera and buttons.

Qt-free: `discovery_messages` returns (topic, JSON) pairs that the agent publishes retained
on every connect. Home Assistant reads them from `<prefix>/<component>/<object>/config`
and then follows the kiosk's own topics: nothing here needs Home Assistant to be there.
"""

from __future__ import annotations

import json
from typing import Any

from zzkiosk import __version__
from zzkiosk.fleet.topics import Topics

BUTTONS = (
    ("next", "Next slide", "mdi:skip-next"),
    ("prev", "Previous slide", "mdi:skip-previous"),
    ("home", "Back to the start", "mdi:home"),
    ("black", "Black screen", "mdi:monitor-off"),
    ("clear", "Show the slide", "mdi:monitor"),
    ("reload", "Reload the deck", "mdi:reload"),
    ("screenshot", "Take a screenshot", "mdi:camera"),
)
"""The buttons each kiosk gets: command word, name in Home Assistant, icon."""

SENSORS = (
    ("slide", "Slide", "{{ value_json.current.title if value_json.current else '' }}", "mdi:presentation"),
    ("position", "Position", "{{ value_json.current.number if value_json.current else 0 }}/{{ value_json.total }}",
     "mdi:counter"),
    ("deck_version", "Deck version", "{{ value_json.deck.version }}", "mdi:source-commit"),
)
"""Sensors read from the status topic: key, name, value template, icon."""


def discovery_messages(topics: Topics, prefix: str = "homeassistant") -> list[tuple[str, str]]:
    """Every discovery config for the kiosk of `topics`, as (topic, JSON payload)."""
    node = f"zzkiosk_{topics.name}"
    common = _common(topics, node)
    messages = []
    for key, name, template, icon in SENSORS:
        config = common | {"name": name, "unique_id": f"{node}_{key}", "state_topic": topics.status,
                           "value_template": template, "icon": icon}
        if key == "slide":
            config["json_attributes_topic"] = topics.status
        messages.append((f"{prefix}/sensor/{node}/{key}/config", config))
    messages.append((f"{prefix}/binary_sensor/{node}/reload_refused/config", common | {
        "name": "Deck update refused", "unique_id": f"{node}_reload_refused", "device_class": "problem",
        "state_topic": topics.status, "value_template": "{{ 'ON' if value_json.reload.refused else 'OFF' }}",
        "json_attributes_topic": topics.health}))
    messages.append((f"{prefix}/camera/{node}/screen/config", common | {
        "name": "Screen", "unique_id": f"{node}_screen", "topic": topics.screenshot}))
    for word, name, icon in BUTTONS:
        messages.append((f"{prefix}/button/{node}/{word}/config", common | {
            "name": name, "unique_id": f"{node}_{word}", "command_topic": topics.command,
            "payload_press": word, "icon": icon}))
    return [(topic, json.dumps(config, ensure_ascii=False, separators=(",", ":"))) for topic, config in messages]


def _common(topics: Topics, node: str) -> dict[str, Any]:
    """What every entity of the kiosk shares: its device and its availability."""
    return {
        "availability_topic": topics.availability,
        "payload_available": "online",
        "payload_not_available": "offline",
        "device": {"identifiers": [node], "name": f"zzkiosk {topics.name}", "manufacturer": "zzkiosk",
                   "model": "kiosk presentation player", "sw_version": __version__},
    }
