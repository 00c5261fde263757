"""The one action table: every action any input channel can run, written once.

Key bindings (defaults and the deck's `kiosk.keys`), the help card, deck validation and
the network vocabulary all read this table. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzkiosk.i18n import language


@dataclass(frozen=True)
class ActionSpec:
    """One action: its name, default keys, help text, and how the show treats it."""

    name: str
    """What channels call it (`Show.run(name, ...)`, `kiosk.keys: {name: [...]}`)."""
    keys: tuple[str, ...]
    """Default keys, written as staff write them (PageDown, Ctrl+Right, ?)."""
    zh: str
    """Help text in Chinese, for guides."""
    en: str
    """Help text in English, for staff."""
    presenter: bool = True
    """Presenter input: it pauses autoplay and restarts the idle count (unless autoplay or idle ran it)."""
    always: bool = False
    """Runs whatever covers the slide; otherwise, while something covers it, it only takes the cover away."""
    bindable: bool = True
    """Staff may bind keys to it in `kiosk.keys`."""
    argument: bool = False
    """Takes an integer argument (go_to: the flat slide index, 0 first)."""

    @property
    def label(self) -> str:
        """What the help card calls it, in the language of messages (zzkiosk.i18n): this
        table holds both words, beside the keys, as one table per concept."""
        return self.zh if language() == "zh" else self.en


ACTION_TABLE: tuple[ActionSpec, ...] = (
    ActionSpec("next", ("Right", "Down", "PageDown", "Space", "N", "Return", "Enter"), "下一页", "next"),
    ActionSpec("previous", ("Left", "Up", "PageUp", "Backspace", "P"), "上一页", "previous"),
    ActionSpec("first", ("Home",), "第一页", "first"),
    ActionSpec("last", ("End",), "最后一页", "last"),
    ActionSpec("next_section", ("Ctrl+Right", "]"), "下一部分", "next section"),
    ActionSpec("previous_section", ("Ctrl+Left", "["), "上一部分", "previous section"),
    ActionSpec("overview", ("O", "Esc"), "总览", "overview"),
    ActionSpec("black", ("B", "."), "黑屏", "black screen"),
    ActionSpec("white", ("W",), "白屏", "white screen"),
    ActionSpec("pause", ("K",), "暂停/继续自动播放", "pause/resume", presenter=False),
    ActionSpec("fullscreen", ("F",), "全屏切换（预览）", "fullscreen (preview)", always=True),
    ActionSpec("help", ("?",), "帮助", "help"),
    ActionSpec("quit", ("Ctrl+Shift+Q",), "退出（工作人员）", "quit (staff)",
               presenter=False, always=True, bindable=False),
    ActionSpec("close", ("Ctrl+Q", "Ctrl+W"), "关闭预览", "close the preview",
               presenter=False, always=True, bindable=False),
    ActionSpec("go_to", (), "跳到第 N 页", "go to slide", bindable=False, argument=True),
    ActionSpec("play", (), "继续自动播放", "play (resume autoplay)", presenter=False, always=True),
    ActionSpec("hold", (), "暂停自动播放", "hold (pause autoplay)", presenter=False, always=True),
    ActionSpec("clear", (), "去掉遮盖", "clear the screen", always=True),
    ActionSpec("home", (), "回到循环开头", "home (attract loop)", presenter=False, always=True),
    ActionSpec("reload", (), "重新读取", "reload the deck", presenter=False, always=True),
)
"""Every action, in the order the help card lists them."""

ACTIONS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTION_TABLE}
"""Action name -> its entry in the table."""

BINDABLE: tuple[str, ...] = tuple(spec.name for spec in ACTION_TABLE if spec.bindable)
"""Actions that staff may bind keys to in `kiosk.keys`."""

DEFAULT_KEYS: dict[str, tuple[str, ...]] = {spec.name: spec.keys for spec in ACTION_TABLE if spec.bindable and spec.keys}
"""Default keys of each bindable action; the deck's `kiosk.keys` replaces an action's list."""

MACHINE_SOURCES = frozenset({"autoplay", "idle"})
"""Sources that are the show running itself, never a presenter: they never pause autoplay."""
