"""Running unattended: logs, crash policy, and (later) screens, reload and lockdown."""
