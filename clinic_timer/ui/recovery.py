"""What happens at start-up between opening the notes database and saving the new clinic.

Two things can need the facilitator's word first, and both are asked here,
each through a dialog with an ``ask()`` classmethod that tests replace:

- **An interrupted clinic** (a crash, a power cut, a kill -9 left its record
  "running"): resume it where it was, paused, with its notes back in the
  panel (Space carries on), or close it as it stands, or decide next time.
- **A refused database** (damaged, written by a newer clinic-timer, locked
  by another running instance, or unusable): the message names the file, the
  problem and the copy kept. The facilitator can export what can be read
  (salvage works on a copy), start a new notes file (the refused one is
  moved aside under a timestamped name, never deleted or overwritten), try
  again (when it was locked), or carry on without saving notes, which the
  panel then says for as long as it lasts.

Only after this does :meth:`~clinic_timer.ui.notes_keeper.NotesKeeper.begin`
let the new clinic write, so a clinic started with ``--start`` never becomes
a second "interrupted" record while the old one is being decided on.
"""

from __future__ import annotations

import contextlib
import enum
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from clinic_timer.core import times
from clinic_timer.core.roster import RosterError
from clinic_timer.core.session import SessionError
from clinic_timer.store import CorruptStore, LockedStore, NewerStore, StoreError, UnsafeStore
from clinic_timer.store.rescue import export_salvaged, set_aside

if TYPE_CHECKING:
    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.core.record import SessionRecord
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.notes_database import NotesDatabase
    from clinic_timer.ui.notes_keeper import NotesKeeper

MESSAGE_MS = 20000


class RecoveryChoice(enum.Enum):
    """What to do with an interrupted clinic."""

    RESUME = "resume"  # carry on where it stopped, paused
    CLOSE = "close"  # keep it as it stands, ended when it was last saved
    LATER = "later"  # ask again at the next start


class RefusedChoice(enum.Enum):
    """What to do when the notes database cannot be used."""

    EXPORT = "export"  # export what can be read, then ask again
    NEW_FILE = "new file"  # move the refused file aside and start a new one
    RETRY = "retry"  # try to open it again (another instance may have closed)
    CONTINUE = "continue"  # run the clinic without saving notes


def stopped_at(record: SessionRecord) -> str:
    """Where an interrupted clinic stopped, in words: "Reflections, Ben's turn, 23 min into the clinic"."""
    snapshot = record.snapshot or {}
    index = snapshot.get("phase_index")
    phase = record.phases[index].name if isinstance(index, int) and 0 <= index < len(record.phases) else "?"
    run = next((r for r in record.timeline.runs if r.slot == snapshot.get("current_slot")), None)
    where = f"{phase}, {record.roster.name_of(run.coach)}'s turn" if run is not None and run.coach else phase
    return f"{where}, {times.into_the_clinic(record.elapsed_s)}"


def describe_interrupted(record: SessionRecord) -> str:
    """The facts the facilitator needs to choose: which clinic, when, where it stopped, how many notes."""
    try:
        started = times.started_text(datetime.fromisoformat(record.started_at))
    except ValueError:
        started = record.started_at
    title = f" ({record.notebook.title})" if record.notebook.title else ""
    notes = len(record.notebook.notes)
    return (
        f"A clinic did not end properly: {record.format_title} with {record.roster.lead.name}{title}, "
        f"started {started}.\n\nIt stopped in {stopped_at(record)}, with {notes} "
        f"note{'s' if notes != 1 else ''} kept."
    )


class RecoveryDialog:
    """Offers to resume an interrupted clinic or to close it as it stands."""

    @classmethod
    def ask(cls, record: SessionRecord, parent: QWidget | None = None) -> RecoveryChoice:
        """The facilitator's choice; closing the box means "ask me next time"."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Resume the interrupted clinic?")
        box.setText(describe_interrupted(record))
        box.setInformativeText(
            "Resume it paused where it was (press Space to carry on), or close it as it stands."
        )
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton("Close it as it stands", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is resume:
            return RecoveryChoice.RESUME
        return RecoveryChoice.CLOSE if clicked is close else RecoveryChoice.LATER


def refusal_text(error: StoreError) -> str:
    """What is wrong, where the file is, and where the copy was kept.

    The file is the subject of the error's problem ("... is damaged", "...
    cannot be read or written (disk full)"), so the sentence is that file and
    that problem, with nothing wrapped around it that could say it twice.
    """
    lines = [f"The notes database {error.path} {error.problem}."]
    if error.copy is not None:
        lines.append(f"A copy was kept at: {error.copy}")
    lines += ["", "It has not been changed, and it will not be overwritten."]
    return "\n".join(lines)


def choices_for(error: StoreError) -> list[RefusedChoice]:
    """The ways out that make sense for this refusal (a locked file is never moved aside)."""
    if isinstance(error, CorruptStore | NewerStore | UnsafeStore):
        return [RefusedChoice.EXPORT, RefusedChoice.NEW_FILE, RefusedChoice.CONTINUE]
    if isinstance(error, LockedStore):
        return [RefusedChoice.EXPORT, RefusedChoice.RETRY, RefusedChoice.CONTINUE]
    return [RefusedChoice.RETRY, RefusedChoice.CONTINUE]


def as_store_error(error: Exception, path: Path | None) -> StoreError:
    """The error opening the database raised, as a refusal naming the file.

    The store raises only StoreErrors; anything else (a bug, a library's
    surprise) must still reach the refusal dialog rather than leave the clinic
    running unsaved without a word.
    """
    if isinstance(error, StoreError):
        return error
    from clinic_timer.store import default_path

    return StoreError(path or default_path(), f"cannot be opened ({type(error).__name__}: {error})")


class RefusedStoreDialog:
    """Says why the notes database was refused and offers the ways out."""

    LABELS: ClassVar[dict[RefusedChoice, str]] = {
        RefusedChoice.EXPORT: "Export what can be read…",
        RefusedChoice.NEW_FILE: "Start a new notes file",
        RefusedChoice.RETRY: "Try again",
        RefusedChoice.CONTINUE: "Continue without saving notes",
    }

    @classmethod
    def ask(cls, error: StoreError, parent: QWidget | None = None) -> RefusedChoice:
        """The facilitator's choice; closing the box means carrying on without saving."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("The notes database cannot be used")
        box.setText(refusal_text(error))
        buttons = {
            box.addButton(cls.LABELS[c], QMessageBox.ButtonRole.ActionRole): c for c in choices_for(error)
        }
        # Esc, the window's close button and the app quitting close the box as "continue";
        # without an escape button a message box refuses to close, and the app cannot quit.
        box.setEscapeButton(next(b for b, c in buttons.items() if c is RefusedChoice.CONTINUE))
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return next((c for b, c in buttons.items() if b is clicked), RefusedChoice.CONTINUE)


class ExportFolder:
    """Where salvaged sessions are exported to; the folder dialog, behind one replaceable method."""

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> Path | None:
        """The folder chosen, or None if cancelled."""
        name = QFileDialog.getExistingDirectory(parent, "Export what can be read to…", str(Path.home()))
        return Path(name) if name else None


class StartUp(QObject):
    """Opens the notes database once the console shows, settles what needs settling, then saves.

    Args:
        database: the app's notes database, opened here.
        keeper: saves, once the interrupted clinics are settled.
        catalogue: the formats, to rebuild a resumed clinic.
        console: the parent of the dialogs and the owner of the status line; its
            controller resumes an interrupted clinic.
    """

    def __init__(
        self, database: NotesDatabase, keeper: NotesKeeper, catalogue: Catalogue, console: Console
    ) -> None:
        super().__init__(keeper)
        self.database = database
        self.keeper = keeper
        self.catalogue = catalogue
        self.console = console

    def start(self) -> None:
        """Runs :meth:`run` as soon as the event loop turns, so the console shows first."""
        QTimer.singleShot(0, self.run)

    def run(self) -> None:
        """Opens the store (asking what to do if refused), offers interrupted clinics, begins saving."""
        while True:
            try:
                store = self.database.open()
                break
            except Exception as raised:  # whatever it is, the facilitator hears of it and chooses
                error = as_store_error(raised, self.database.path)
                if not self._settle_refusal(error):
                    self.keeper.continue_without_saving()
                    self.console.show_message(
                        f"Notes are not being saved: {error.path} {error.problem}.", MESSAGE_MS
                    )
                    return
        with contextlib.suppress(StoreError):  # names typed in the set-up panel are the people seen before
            self.console.setup_panel.recognise(store.people())
        self._offer_interrupted()
        self.keeper.begin()

    def resume(self, record: SessionRecord) -> bool:
        """Carries on with an interrupted clinic, paused where it was, its notes in the panel.

        The controller makes it the clinic in progress; the panel and the
        keeper see it as they see any new clinic, and it goes on in its own record.
        """
        if record.snapshot is None:
            self.console.show_message("That clinic cannot be resumed: it kept no state.", MESSAGE_MS)
            return False
        try:
            self.console.controller.resume(record, self.catalogue.get(record.format_name))
        except (KeyError, SessionError, RosterError, ValueError) as error:
            self.console.show_message(f"That clinic cannot be resumed: {error}", MESSAGE_MS)
            return False
        self.console.show_message(
            f"Resumed: {stopped_at(record)}. The clock is paused; press Space to carry on.", MESSAGE_MS
        )
        return True

    def _offer_interrupted(self) -> None:
        store = self.database.store
        if store is None:
            return
        try:
            waiting = store.interrupted()
        except StoreError as error:
            self.console.show_message(f"Interrupted clinics cannot be read: {error}", MESSAGE_MS)
            return
        resumed = False
        for record in waiting:  # newest first; one can be resumed, the rest can only be closed
            if resumed:
                break
            choice = RecoveryDialog.ask(record, self._parent())
            if choice is RecoveryChoice.RESUME:
                resumed = self.resume(record)
            elif choice is RecoveryChoice.CLOSE:
                try:
                    store.mark_closed(record.id)
                except (StoreError, KeyError) as error:
                    self.console.show_message(f"The clinic could not be closed: {error}", MESSAGE_MS)

    def _settle_refusal(self, error: StoreError) -> bool:
        """Asks until the facilitator picks a way out; True to try opening again."""
        while True:
            choice = RefusedStoreDialog.ask(error, self._parent())
            if choice is RefusedChoice.EXPORT:
                self._export_salvage(error.path)
            elif choice is RefusedChoice.NEW_FILE:
                try:
                    moved = set_aside(error.path)
                except OSError as move_error:
                    self.console.show_message(
                        f"{error.path} could not be moved aside: {move_error}", MESSAGE_MS
                    )
                    continue
                self.console.show_message(f"The old notes file was kept as {moved}.", MESSAGE_MS)
                return True
            else:
                return choice is RefusedChoice.RETRY

    def _export_salvage(self, source: Path) -> None:
        folder = ExportFolder.ask(self._parent())
        if folder is None:
            return
        written, problems = export_salvaged(source, folder)
        sessions = len({p.stem for p in written})  # a session is two files, or one if the other failed
        text = f"Exported {sessions} session{'s' if sessions != 1 else ''} to {folder}."
        if problems:
            text += f" {len(problems)} could not be read: {problems[0]}"
        self.console.show_message(text, MESSAGE_MS)

    def _parent(self) -> QWidget | None:
        return self.console if self.console.isVisible() else None
