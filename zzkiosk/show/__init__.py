"""The show API's Qt-free half: the action table, navigation and the state snapshot.

Every input channel (keys, pointer, touch, autoplay, the control port, the presenter
view, a phone, MQTT) runs actions by name through one Show object and reads one
ShowState. This package holds what needs no Qt, so that channels and tests can use it
without a display.
"""
