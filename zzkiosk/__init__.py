"""zzkiosk: a fullscreen kiosk presentation player for exhibition halls."""

__version__ = "0.1.0"
