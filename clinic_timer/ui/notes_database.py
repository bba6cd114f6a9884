"""The notes database, one for the whole app: made by the composition root and handed out.

Every part that reads or writes the notes (the keeper that saves the running
clinic, the history window, a crews window) is handed this one object by
:mod:`clinic_timer.app`; none opens a store of its own or asks another part for
one. It is opened after the console shows (by the start-up flow, which asks
the facilitator what to do if it is refused), so a slow disk never delays the
launch; :attr:`NotesDatabase.opened` tells the holders when it is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.store import Store


class NotesDatabase(QObject):
    """The app's :class:`~clinic_timer.store.Store`, once open, on the UI thread.

    Args:
        path: the database file; by default the user's (``--data-dir`` moves it).
        parent: the Qt parent.
    """

    opened = Signal(object)  # the Store, just opened: holders start using it
    closed = Signal()  # the Store was closed (on quit): holders let go of it

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.store: Store | None = None

    def open(self) -> Store:
        """Opens the database for writing (once; later calls give the same store).

        Raises:
            StoreError: the database is refused (damaged, newer, locked, unwritable);
                it was not touched.
        """
        if self.store is not None:
            return self.store
        from clinic_timer.store import Store  # after the console shows: keeps launch quick

        store = Store.open(self.path)
        self.store = store
        self.path = store.path
        self.opened.emit(store)
        return store

    def close(self) -> None:
        """Lets go of the database (after the keeper has written its last record)."""
        if self.store is not None:
            self.store.close()
            self.store = None
            self.closed.emit()
