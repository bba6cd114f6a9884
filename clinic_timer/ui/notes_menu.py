"""The console's Notes menu, and the one call that puts the notes into the app.

:func:`attach_notes` is what the composition root calls: it makes the notes
panel and puts it in the console's notes area, makes the keeper that saves
it into the database the composition root hands it, and schedules the
start-up flow (open the database after the console shows, offer an
interrupted clinic). The menu's actions are offered, not placed: the
composition root puts them in the menu bar. They are History (Ctrl+H),
Export… (Ctrl+E) and Copy for the crew (Ctrl+Shift+C); these keys have
modifiers, so they work even while the facilitator types a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from clinic_timer.export import Audience
from clinic_timer.ui.notes_keeper import NotesKeeper
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.recovery import StartUp

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.store.autosave import SavePolicy
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.history_window import HistoryWindow
    from clinic_timer.ui.notes_database import NotesDatabase

NO_CLINIC = "There is nothing to export yet: start the clinic first."
REHEARSAL = "A rehearsal: its notes are not saved."
NO_STORE = "The history is not available: the notes database is not open."


class NotesMenu(QObject):
    """History, export and copy: the actions the notes offer for the menu bar.

    Args:
        console: its status line reports what happened.
        keeper: gives the current clinic's record.
        database: the app's notes database, which the history reads.
    """

    TITLE = "&Notes"  # the menu the composition root puts these actions in

    def __init__(self, console: Console, keeper: NotesKeeper, database: NotesDatabase) -> None:
        super().__init__(console)
        self.console = console
        self.keeper = keeper
        self.database = database
        self.history: HistoryWindow | None = None
        self.history_action = self._make("History…", "Ctrl+H", self.open_history)
        self.export_action = self._make("Export this session…", "Ctrl+E", self.export_current)
        self.copy_action = self._make("Copy for the crew (Markdown)", "Ctrl+Shift+C", self.copy_for_crew)

    def actions(self) -> list[QAction]:
        """The menu's actions, in order."""
        return [self.history_action, self.export_action, self.copy_action]

    def _make(self, label: str, key: str, run: Callable[[], object]) -> QAction:
        action = QAction(label, self.console)
        action.setShortcut(key)
        action.triggered.connect(run)
        self.console.addAction(action)  # the key works even with the menu closed
        return action

    def open_history(self) -> HistoryWindow | None:
        """Shows the history window (made once, reloaded each time)."""
        store = self.database.store
        if store is None:
            self.console.show_message(NO_STORE)
            return None
        if self.history is None or self.history.store is not store:
            from clinic_timer.ui.history_window import HistoryWindow  # only when asked: quick launch

            self.history = HistoryWindow(store, lambda: self.keeper.current_id)
        else:
            self.history.reload(refill_filters=True)
        self.history.show()
        self.history.raise_()
        self.history.activateWindow()
        return self.history

    def export_current(self) -> None:
        """Exports the clinic running now (or just ended)."""
        record = self.keeper.current_record()
        if record is None:
            self.console.show_message(NO_CLINIC)
            return
        from clinic_timer.ui.export_dialog import ExportDialog

        written = ExportDialog.ask(record, self.console)
        if written is not None:
            self.console.show_message(f"Exported to {written}.")

    def copy_for_crew(self) -> None:
        """Puts the current clinic on the clipboard as Markdown, without private notes."""
        record = self.keeper.current_record()
        if record is None:
            self.console.show_message(NO_CLINIC)
            return
        from clinic_timer.ui.export_dialog import copy_markdown

        copy_markdown(record, Audience.CREW)
        self.console.show_message("Copied for the crew (no private notes) as Markdown.")


@dataclass
class Notes:
    """The notes' parts, for the composition root and tests."""

    panel: NotesPanel
    keeper: NotesKeeper
    startup: StartUp
    menu: NotesMenu


def attach_notes(
    console: Console,
    catalogue: Catalogue,
    database: NotesDatabase,
    *,
    policy: SavePolicy | None = None,
    keep: bool = True,
) -> Notes:
    """Puts the notes into the console and schedules opening the database once it shows.

    Args:
        console: the facilitator's window.
        catalogue: the formats, to resume an interrupted clinic.
        database: the app's notes database (the composition root's).
        policy: the autosave timing (tests shorten it).
        keep: False for a ``--demo`` rehearsal, whose sped-up clinic is not worth keeping.
    """
    controller = console.controller
    panel = NotesPanel(controller)
    console.set_notes_widget(panel)
    keeper = NotesKeeper(controller, database, policy=policy)
    panel.notes_changed.connect(keeper.notes_changed)
    keeper.state_changed.connect(panel.set_save_state)
    keeper.failed.connect(lambda text: console.show_message(text, 0))  # stays until saving works again
    keeper.recovered.connect(lambda: console.show_message("Notes are being saved again."))
    startup = StartUp(database, keeper, catalogue, console)
    if keep:
        startup.start()
    else:
        keeper.continue_without_saving(REHEARSAL, rehearsal=True)
    return Notes(panel, keeper, startup, NotesMenu(console, keeper, database))
