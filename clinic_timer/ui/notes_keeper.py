"""Keeps the running clinic on disk: the Qt side of the autosaver.

The keeper is handed the app's :class:`~clinic_timer.ui.notes_database.NotesDatabase`
(the composition root owns it) and, once it opens, runs the
:class:`~clinic_timer.store.autosave.Autosaver` (whose worker thread has its
own connection and does every write). It keeps the controller's current
:class:`~clinic_timer.core.clinic.Clinic` and hands the autosaver a fresh
record of it whenever there is something new to keep:

- the notes changed (the panel says so): a record is built on the next turn
  of the event loop and submitted; the autosaver's policy (one write a second
  at most, the newest record replacing one still waiting) is the one debounce,
  and its pending record the one dirty flag, which keeps the promise of "on
  disk within two seconds";
- a cue moved the clinic (phase, turn, pause, resume, end): submitted as
  urgent, so a phase change is on disk at once;
- every few seconds while the clinic runs, so elapsed times survive a kill -9.

Nothing is saved until :meth:`NotesKeeper.begin` is called, which lets the
recovery flow decide about an interrupted clinic before the new one writes
anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from clinic_timer.core import times
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.session import State
from clinic_timer.store import StoreError
from clinic_timer.store.autosave import Autosaver, RecordSink, SavePolicy

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.clinic import Clinic
    from clinic_timer.core.clock import Clock
    from clinic_timer.core.record import SessionRecord
    from clinic_timer.store import Store
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.notes_database import NotesDatabase

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
        controller: makes each clinic; the keeper keeps the current one.
        database: the app's notes database; saving starts once it is open.
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
        database: NotesDatabase,
        *,
        clock: Clock | None = None,
        policy: SavePolicy | None = None,
        sink: Callable[[], RecordSink] | None = None,
        snapshot_ms: int = SNAPSHOT_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or controller)
        self.controller = controller
        self.database = database
        self.saver: Autosaver | None = None
        self.saving = False  # False until begin(), and after "continue without saving"
        self.rehearsal = False  # a --demo clinic, whose notes are not meant to be kept
        self.kept_nowhere = False  # running without a database: notes live only in memory
        self.closed = False  # close() has run: what it could write is written
        self.lost_at_close = False  # close() could not write everything: quitting lost notes
        self.last_error: str | None = None  # the failure being shown, until a save works again
        self._clock = clock
        self._policy = policy
        self._sink = sink
        self._clinic: Clinic | None = controller.clinic  # the clinic whose records we keep
        self._urgent = False
        self._bridge = _SaverBridge()
        self._bridge.saved.connect(self._on_bridge_saved, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_bridge_failed, Qt.ConnectionType.QueuedConnection)
        self._soon = QTimer(self)  # the next turn of the event loop: never mid-cue, one record per turn
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self._on_soon_timeout)
        self._periodic = QTimer(self)
        self._periodic.setInterval(snapshot_ms)
        self._periodic.timeout.connect(self._on_periodic_timeout)
        controller.cue_fired.connect(self._on_controller_cue_fired)
        controller.clinic_changed.connect(self._on_controller_clinic_changed)
        database.opened.connect(self._on_database_opened)
        if database.store is not None:
            self._on_database_opened(database.store)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    def begin(self) -> None:
        """Starts saving: whatever runs now is written at once, then as it changes."""
        if self.saver is None:
            self.continue_without_saving()
            return
        self.saving = True
        self._periodic.start()
        self.save_now(urgent=True)
        if self._clinic is None or not self._clinic.started:
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
        clinic = self._clinic
        if clinic is None or not clinic.started or self.rehearsal:
            return False
        if self.saving and self.saver is not None:
            self.save_now(urgent=True)
            return self.saver.pending and not self.saver.flush(timeout)
        book = clinic.notebook
        return self.kept_nowhere and bool(book.notes or book.title or book.help_wanted or book.draft)

    # -- saving ------------------------------------------------------------------

    def schedule(self, *, urgent: bool = False) -> None:
        """Saves on the next turn of the event loop; urgent: the autosaver writes at once."""
        self._urgent = self._urgent or urgent
        if not self._soon.isActive():
            self._soon.start(0)

    def save_now(self, *, urgent: bool = False) -> bool:
        """Hands the autosaver a fresh record of the running clinic; never waits for the disk.

        Args:
            urgent: ask the autosaver to write it at once (a phase change).

        Returns:
            True if a record was submitted.
        """
        urgent = urgent or self._urgent
        self._urgent = False
        clinic = self._clinic
        if not self.saving or self.saver is None or clinic is None or not clinic.started:
            return False  # a clinic being set up is not kept until it starts
        try:
            self.saver.submit(clinic.record(), urgent=urgent)
        except RuntimeError:  # closed while quitting
            return False
        return True

    def current_record(self) -> SessionRecord | None:
        """The running (or just finished) clinic as a record, for an export; None before a start."""
        clinic = self._clinic
        if clinic is None or not clinic.started:
            return None
        return clinic.record()

    @property
    def current_id(self) -> str | None:
        """The id of the clinic being kept now, so the history will not delete it."""
        clinic = self._clinic
        return clinic.id if clinic is not None and clinic.started else None

    def close(self, timeout: float = 5.0) -> bool:
        """Writes what is left and stops the worker (on quit); the database itself is the app's to close.

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
        self.saving = False
        return written

    def notes_changed(self) -> None:
        """The panel's notebook changed (connect its ``notes_changed``)."""
        self.schedule()

    # -- slots -------------------------------------------------------------------

    def _on_database_opened(self, store: Store) -> None:
        if self.saver is not None:
            return
        self.saver = Autosaver(
            self._sink or store.sibling,
            clock=self._clock,
            policy=self._policy,
            on_saved=self._bridge.saved.emit,
            on_error=self._bridge.failed.emit,
        )

    def _on_soon_timeout(self) -> None:
        self.save_now()

    def _on_periodic_timeout(self) -> None:
        clinic = self._clinic
        if clinic is not None and clinic.session.state is State.RUNNING:
            self.save_now()

    def _on_controller_cue_fired(self, cue: Cue) -> None:
        if cue.kind in URGENT_CUES:
            # Never build the record inside the cue: the session is mid-transition.
            self.schedule(urgent=True)

    def _on_controller_clinic_changed(self, clinic: Clinic) -> None:
        old, self._clinic = self._clinic, clinic
        if old is not None and old.started and self.saving and self.saver is not None:
            self.saver.submit(old.record(), urgent=True)  # its last words, typed just before the set-up
        if clinic.started:  # a resumed clinic: kept in its own record from now on
            self.schedule(urgent=True)

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
