"""Every window's title, in one form: "clinic-timer — <what the window is>".

The titles are what a facilitator picks from in a video call's "share a
window" list and in the task switcher, and what tools find windows by, so
they name the window plainly and all start the same way.
"""

from __future__ import annotations

import enum

APP = "clinic-timer"
CONSOLE = "Console"
SHARE_VIEW = "Share view"
MINI_TIMER = "Mini timer"
HISTORY = "History"
KEYS = "Keyboard shortcuts"
SETTINGS = "Settings"
ABOUT = "About"
SHARING = "Sharing the share view"
CREWS = "Crews (private)"
FORM_CREW = "Form a crew"
CREW_ENDING = "How did the crew end?"


class SharedWindow(enum.Enum):
    """The windows others look at, which the console asks for by kind.

    The value names the window in the settings file, where its geometry is
    kept, so it must not change.
    """

    SHARE = "share"
    MINI = "mini"

    @property
    def what(self) -> str:
        """What the window is, as its title says it."""
        return SHARE_VIEW if self is SharedWindow.SHARE else MINI_TIMER


def title(what: str) -> str:
    """The window title for ``what`` ("Share view" -> "clinic-timer — Share view")."""
    return f"{APP} — {what}"
