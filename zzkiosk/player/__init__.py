"""The player: canvas view, transitions, the presentation and its controllers, the window.

Import the submodules you need (`zzkiosk.player.window`, `zzkiosk.player.presentation`, ...);
this package imports nothing itself so that start-up stays fast.
"""
