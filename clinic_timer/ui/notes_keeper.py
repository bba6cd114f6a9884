"""Keeps the running clinic on disk: the Qt side of the store and the autosaver.

The keeper owns the :class:`~clinic_timer.store.Store` (on the UI thread, for
the history's reads) and the :class:`~clinic_timer.store.autosave.Autosaver`
(whose worker thread has its own connection and does every write while the
clinic runs). It builds a :func:`~clinic_timer.core.archive.record_of` only
when there is something new to keep:

- the notes changed (the panel says so; a quarter-second debounce means one
  record per burst of typing, and the autosaver's one-write-a-second policy
  keeps the promise of "on disk within two seconds");
- a cue moved the clinic (phase, turn, pause, resume, end): submitted as
  urgent, so a phase change is on disk at once;
- every few seconds while the clinic runs, so elapsed times survive a kill -9.

The store is opened after the console is shown (:meth:`NotesKeeper.start`),
so a slow disk never delays the launch; nothing is saved until
:meth:`NotesKeeper.begin` is called, which lets the recovery flow decide about
an interrupted clinic before the new one writes anything.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from clinic_timer.core import times
from clinic_timer.core.archive import SessionRecord, record_of
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.session import Session, State
from clinic_timer.store import Store, StoreError
from clinic_timer.store.autosave import Autosaver, RecordSink, SavePolicy

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clinic_timer.core.clock import Clock
    from clinic_timer.core.notes import Notebook
    from clinic_timer.ui.controller import SessionController

TYPING_DEBOUNCE_MS = 250  # one record per burst of typing, well inside the two-second promise
SNAPSHOT_EVERY_MS = 5000  # while running: elapsed times on disk at most this old
URGENT_CUES = frozenset(
    {
        CueKind.SESSION_STARTED,
        CueKind.PHASE_STARTED,
        CueKind.TURN_STARTED,
        CueKind.PAUSED,
        CueKind.RESUMED,
        CueKind.SLOT_RESUMED,
        CueKind.SESSION_ENDED,
    }
)
NOT_SAVING = "Notes are NOT being saved."


class _SaverBridge(QObject):
    """Carries the autosaver's callbacks from its worker thread to the UI thread as signals."""

    saved = Signal(object)  # a SessionRecord written, emitted on the worker thread
    failed = Signal(object)  # an Exception from a write, emitted on the worker thread


class NotesKeeper(QObject):
    """Saves the running clinic and its notes in the background, for the app's whole life.

    Args:
        controller: the session being run.
        notebook: gives the notebook the panel is editing now.
        path: the database; by default the user's.
        clock: the autosaver's monotonic clock (a fake one in tests).
        policy: the autosaver's timing (tests shorten it).
        sink: where the autosaver writes; by default its own connection to the store
            (tests give a slow or failing one).
        snapshot_ms: how often a running clinic's times are saved even when nothing else changed.
        parent: the Qt parent.
    """

    failed = Signal(str)  # saving failed: the message names the file and the problem
    recovered = Signal()  # saving works again after a failure: the failure can be taken down
    state_changed = Signal(str)  # a short line on whether and when notes were saved

    def __init__(
        self,
        controller: SessionController,
        notebook: Callable[[], Notebook],
        *,
        path: Path | None = None,
        clock: Clock | None = None,
        policy: SavePolicy | None = None,
        sink: Callable[[], RecordSink] | None = None,
        snapshot_ms: int = SNAPSHOT_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or controller)
        self.controller = controller
        self.path = path
        self.store: Store | None = None
        self.saver: Autosaver | None = None
        self.saving = False  # False until begin(), and after "continue without saving"
        self.rehearsal = False  # a --demo clinic, whose notes are not meant to be kept
        self.kept_nowhere = False  # running without a database: notes live only in memory
        self.closed = False  # close() has run: what it could write is written
        self.lost_at_close = False  # close() could not write everything: quitting lost notes
        self.last_error: str | None = None  # the failure being shown, until a save works again
        self._notebook = notebook
        self._clock = clock
        self._policy = policy
        self._sink = sink
        self._session: Session | None = None  # the session whose record we keep
        self._book: Notebook | None = None  # its notebook, kept even after the panel moves on
        self._base: SessionRecord | None = None
        self._saved_revision = -1
        self._urgent = False
        self._bridge = _SaverBridge()
        self._bridge.saved.connect(self._on_bridge_saved, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_bridge_failed, Qt.ConnectionType.QueuedConnection)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self._on_soon_timeout)
        self._periodic = QTimer(self)
        self._periodic.setInterval(snapshot_ms)
        self._periodic.timeout.connect(self._on_periodic_timeout)
        controller.cue_fired.connect(self._on_controller_cue_fired)
        controller.session_changed.connect(self._on_controller_session_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    # -- opening -------------------------------------------------------------------

    def open_store(self) -> Store:
        """Opens the database for writing and starts the autosaver's thread.

        Raises:
            StoreError: the database is refused (damaged, newer, locked, unwritable);
                it was not touched.
        """
        if self.store is not None:
            return self.store
        store = Store.open(self.path)
        self.store = store
        self.path = store.path
        self.saver = Autosaver(
            self._sink or store.sibling,
            clock=self._clock,
            policy=self._policy,
            on_saved=self._bridge.saved.emit,
            on_error=self._bridge.failed.emit,
        )
        with contextlib.suppress(StoreError):
            self.controller.rotation = store.held_count()  # a weekly crew reads new nudge lines
        return store

    def begin(self) -> None:
        """Starts saving: whatever runs now is written at once, then as it changes."""
        if self.saver is None:
            self.continue_without_saving()
            return
        self.saving = True
        self._periodic.start()
        self.save_now(urgent=True)
        if self._session is None:
            self.state_changed.emit("Notes are saved once the clinic starts.")

    def continue_without_saving(self, why: str = NOT_SAVING, *, rehearsal: bool = False) -> None:
        """The facilitator chose to go on without a database (or rehearses): say so, and keep saying it.

        Args:
            why: the line the notes panel shows.
            rehearsal: a ``--demo`` run, whose notes nobody means to keep: quitting does not ask.
        """
        self.saving = False
        self.rehearsal = rehearsal
        self.kept_nowhere = not rehearsal
        self.state_changed.emit(why)

    def would_lose(self, timeout: float = 2.0) -> bool:
        """Whether quitting now would lose notes, after one more try to write them (waits up to ``timeout``).

        While saving, that is a record the autosaver still cannot write (a full
        disk); without a database (refused, or "continue without saving"), it
        is any note or case text typed in this clinic. A rehearsal loses nothing
        anyone meant to keep.
        """
        if self.closed:
            return self.lost_at_close
        record = self.current_record()
        if record is None or self.rehearsal:
            return False
        if self.saving and self.saver is not None:
            self.save_now(urgent=True, force=False)
            return self.saver.pending and not self.saver.flush(timeout)
        book = record.notebook
        return self.kept_nowhere and bool(book.notes or book.title or book.help_wanted or book.draft)

    def track(self, session: Session, record: SessionRecord, notebook: Notebook) -> None:
        """Keeps saving into an existing record (a resumed clinic) rather than a new one."""
        self._session, self._base, self._book = session, record, notebook
        self._saved_revision = -1
        self.schedule(urgent=True)

    # -- saving ------------------------------------------------------------------

    def schedule(self, *, urgent: bool = False) -> None:
        """Saves soon: at once after a cue (urgent), after a short debounce for typing."""
        self._urgent = self._urgent or urgent
        if urgent:
            self._soon.start(0)
        elif not self._soon.isActive():
            self._soon.start(TYPING_DEBOUNCE_MS)

    def save_now(self, *, urgent: bool = False, force: bool = True) -> bool:
        """Hands the autosaver a fresh record of the running clinic; never waits for the disk.

        Args:
            urgent: ask the autosaver to write it at once (a phase change).
            force: build a record even if the notes did not change (times did).

        Returns:
            True if a record was submitted.
        """
        urgent = urgent or self._urgent
        self._urgent = False
        session = self.controller.session
        if not self.saving or self.saver is None or session is None:
            return False
        if session is not self._session:
            if session.state is State.READY:
                return False  # a clinic being set up is not kept until it starts
            self._session, self._base, self._book = session, None, self._notebook()
            self._saved_revision = -1
        assert self._book is not None
        if not force and self._book.revision == self._saved_revision:
            return False
        record = record_of(session, self._book, base=self._base)
        self._base = record
        self._saved_revision = self._book.revision
        try:
            self.saver.submit(record, urgent=urgent)
        except RuntimeError:  # closed while quitting
            return False
        return True

    def current_record(self) -> SessionRecord | None:
        """The running (or just finished) clinic as a record, for an export; None before a start."""
        session = self.controller.session
        if session is None or session.state is State.READY:
            return None
        book = self._book if session is self._session and self._book is not None else self._notebook()
        base = self._base if session is self._session else None
        return record_of(session, book, base=base)

    @property
    def current_id(self) -> str | None:
        """The id of the record being kept now, so the history will not delete it."""
        return self._base.id if self._base is not None else None

    def close(self, timeout: float = 5.0) -> bool:
        """Writes what is left, stops the worker and lets go of the database (on quit).

        Returns:
            True if everything was written.
        """
        self._soon.stop()
        self._periodic.stop()
        written = True
        if self.saver is not None:
            if self.saving:
                self.save_now(urgent=True)  # the last write: the times (and a pending cue) too
            written = self.saver.close(timeout)
            self.saver = None
            self.lost_at_close = not written
        elif self.kept_nowhere and not self.closed:
            self.lost_at_close = self.would_lose()  # typed without a database: gone with the app
        self.closed = True
        if self.store is not None:
            self.store.close()
            self.store = None
        self.saving = False
        return written

    def notes_changed(self) -> None:
        """The panel's notebook changed (connect its ``notes_changed``)."""
        self.schedule()

    # -- slots -------------------------------------------------------------------

    def _on_soon_timeout(self) -> None:
        self.save_now(force=self._urgent)

    def _on_periodic_timeout(self) -> None:
        session = self.controller.session
        if session is not None and session.state is State.RUNNING:
            self.save_now()
        elif self._book is not None and self._book.revision != self._saved_revision:
            self.save_now(force=False)

    def _on_controller_cue_fired(self, cue: Cue) -> None:
        if cue.kind in URGENT_CUES:
            # Never build the record inside the cue: the session is mid-transition.
            self.schedule(urgent=True)

    def _on_controller_session_changed(self) -> None:
        old, book = self._session, self._book
        if old is None or old is self.controller.session or book is None:
            return
        if self.saving and self.saver is not None and book.revision != self._saved_revision:
            self.saver.submit(record_of(old, book, base=self._base), urgent=True)  # its last words
        self._session, self._base, self._book = None, None, None
        self._saved_revision = -1

    def _on_bridge_saved(self, _record: SessionRecord) -> None:
        if self.last_error is not None:
            self.last_error = None
            self.recovered.emit()
        # To the minute: the line changes when there is news, not every few seconds as the
        # running clinic's times are saved (a changed line re-lays out the notes panel).
        self.state_changed.emit(f"Notes saved at {times.time_of_day(datetime.now().astimezone())}.")

    def _on_bridge_failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        stopped = self.saver is not None and self.saver.stopped
        self.last_error = f"Notes not saved: {message}. " + (
            "Saving has stopped." if stopped else "Retrying."
        )
        self.state_changed.emit("Notes NOT saved: see the status line.")
        self.failed.emit(self.last_error)

    def _on_app_about_to_quit(self) -> None:
        self.close()
