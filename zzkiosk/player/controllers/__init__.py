"""Controllers: one small class per way of driving the presentation (keys, autoplay, ...).

Each is built with the presentation (and what it listens to), and has the same
lifecycle: `bind()` to start listening, `unbind()` to stop. They know the presentation's
public methods and signals, never each other.
"""
