"""The fleet: every kiosk of a museum on one MQTT broker, for status, screenshots and commands.

`settings` (the `mqtt:` part of config.yaml), `topics` (topic names and payload checks,
Qt-free), `link` (paho-mqtt in its own thread, results handed to the Qt thread by
signals), `agent` (the kiosk's part: status, availability, commands, screenshots,
health), `deckid` (which deck version a kiosk plays), `health`, `screenshot`,
`homeassistant` (MQTT discovery) and `staff` (`zzkiosk fleet`, the staff's view).
Import the submodules you need: paho-mqtt is imported only when MQTT is on.
"""
