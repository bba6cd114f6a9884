"""The console's way into the crews: Windows > Crews (Ctrl+K), and the one desk every part shares.

:func:`attach_crews` is what the composition root calls. It is handed a
``book`` callable that gives the :class:`~clinic_timer.store.crews.CrewBook`
over the store the app has open (the notes keeper's, once open; a
rehearsal's temporary one under ``--demo``), or None while there is none.
The desk and the window are made the first time they are needed, so a
launch costs nothing more.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from clinic_timer.ui.crew_desk import CrewDesk
from clinic_timer.ui.shortcuts import KeyAction

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from clinic_timer.core.formats import Format
    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.crews_window import CrewsWindow

CREWS_KEY = "Ctrl+K"
NO_STORE = "The crews are not available: the notes database is not open."


class CrewsMenu(QObject):
    """Opens the Crews window and holds the desk.

    Args:
        console: gets the menu entry; its status line reports problems.
        book: the people and crews of the open store, or None while none is open.
        formats: the catalogue's formats by name.
        today: today's date (tests and rehearsals fix it).
    """

    desk_ready = Signal(object)  # the CrewDesk, the first time it is made

    def __init__(
        self,
        console: Console,
        book: Callable[[], CrewBook | None],
        formats: Mapping[str, Format],
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(console)
        self.console = console
        self.book = book
        self.formats = dict(formats)
        self.today = today
        self._desk: CrewDesk | None = None
        self.window: CrewsWindow | None = None
        self.action = QAction("Crews (private)…", console)
        self.action.setShortcut(CREWS_KEY)
        self.action.triggered.connect(self.open_window)
        console.addAction(self.action)  # the key works with the menu closed
        console.windows_menu.addAction(self.action)
        console.extra_keys.append(
            KeyAction(
                "crews", "The Crews window: people, crews and plans (private)", (CREWS_KEY,), self._on_key
            )
        )

    def desk(self) -> CrewDesk | None:
        """The shared desk, made (reading the people and crews once) the first time a store is open."""
        if self._desk is None:
            book = self.book()
            if book is None:
                return None
            self._desk = CrewDesk(book, today=self.today, parent=self)
            self.desk_ready.emit(self._desk)
        return self._desk

    def _on_key(self) -> None:
        self.open_window()

    def open_window(self) -> CrewsWindow | None:
        """Shows the Crews window (made once)."""
        desk = self.desk()
        if desk is None:
            self.console.show_message(NO_STORE)
            return None
        if self.window is None:
            from clinic_timer.ui.crews_window import CrewsWindow  # only when asked: keeps launch quick

            self.window = CrewsWindow(desk, self.formats)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window
