"""Ending the app on purpose, and never losing notes without a word on the way out.

Three things end the app: the console's window closing, Ctrl+C (SIGINT) in
the terminal, and the desktop session ending. Each asks :class:`QuitGuard`
first. When the clinic's notes could not be written (a full disk, a refused
database, "continue without saving") it says so, and offers to export them
to another place (a USB stick, another disk) before quitting, to keep the app
open, or to quit anyway. Only then does the app end; and if notes were lost
after all, the terminal hears of it and the exit code is 1.

Ctrl+C also works while any dialog is open (the refused-database question,
say): Qt's own quit asks every window to close and a message box without an
escape button refuses, so the guard ends the event loops with ``exit``.
A second Ctrl+C while the guard itself asks means "quit now".
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QSessionManager

    from clinic_timer.core.record import SessionRecord
    from clinic_timer.ui.notes_keeper import NotesKeeper

EXIT_LOST = 1  # the app ended with notes it could not keep


class UnsavedChoice(enum.Enum):
    """What to do with notes that could not be saved, when the app is asked to quit."""

    EXPORT = "export"  # write them to another place first
    KEEP_OPEN = "keep open"  # do not quit
    QUIT = "quit"  # quit and lose them


class UnsavedNotesDialog:
    """Says the notes are not saved and offers the ways out."""

    LABELS: ClassVar[dict[UnsavedChoice, str]] = {
        UnsavedChoice.EXPORT: "Export them to another place…",
        UnsavedChoice.KEEP_OPEN: "Keep clinic-timer open",
        UnsavedChoice.QUIT: "Quit and lose them",
    }

    @classmethod
    def ask(cls, text: str, parent: QWidget | None = None) -> UnsavedChoice:
        """The facilitator's choice; closing the box keeps the app open."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Notes are not saved")
        box.setText(text)
        roles = {
            UnsavedChoice.EXPORT: QMessageBox.ButtonRole.AcceptRole,
            UnsavedChoice.KEEP_OPEN: QMessageBox.ButtonRole.RejectRole,
            UnsavedChoice.QUIT: QMessageBox.ButtonRole.DestructiveRole,
        }
        buttons = {box.addButton(cls.LABELS[c], role): c for c, role in roles.items()}
        export_button = next(b for b, c in buttons.items() if c is UnsavedChoice.EXPORT)
        box.setDefaultButton(export_button)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return next((c for b, c in buttons.items() if b is clicked), UnsavedChoice.KEEP_OPEN)


class UnsavedExportFolder:
    """Where unsaved notes are exported to; the folder dialog, behind one replaceable method."""

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> Path | None:
        """The folder chosen, or None if cancelled."""
        name = QFileDialog.getExistingDirectory(parent, "Export the unsaved notes to…", str(Path.home()))
        return Path(name) if name else None


def export_unsaved(record: SessionRecord, folder: Path) -> tuple[list[Path], list[str]]:
    """Writes the clinic as JSON (the whole record, importable later) and Markdown, for the facilitator.

    Returns:
        The files written, and one line per file that could not be.
    """
    from clinic_timer.export import Audience, ExportError, ExportFormat, export, file_stem  # when needed

    stem = f"{file_stem(record, Audience.FACILITATOR)} {record.id[:8]}"
    written: list[Path] = []
    problems: list[str] = []
    for kind in (ExportFormat.JSON, ExportFormat.MARKDOWN):
        target = folder / f"{stem}.{kind.value}"
        try:
            export(record, target, kind, Audience.FACILITATOR)
        except ExportError as error:
            problems.append(str(error))
        else:
            written.append(target)
    return written, problems


def unsaved_text(keeper: NotesKeeper, record: SessionRecord) -> str:
    """What is not saved and why, in the facilitator's words."""
    notes = len(record.notebook.notes)
    what = f"The {notes} note{'s' if notes != 1 else ''} of this clinic" if notes else "This clinic's notes"
    why = keeper.last_error or "Notes are not being saved."
    return (
        f"{what} could not be saved, and would be lost if clinic-timer quits now.\n\n{why}\n\n"
        "Export them to another place (another disk or a USB stick) first?"
    )


class QuitGuard(QObject):
    """Asks before the app ends with notes it could not keep; the app's every way out goes through it.

    Args:
        app: the application, ended with ``exit`` once quitting is allowed.
        keeper: gives the notes keeper, which knows whether notes would be lost
            (None before the notes are attached, once the console has painted).
        console: the parent of the dialogs; its window closing is watched.
    """

    def __init__(self, app: QApplication, keeper: Callable[[], NotesKeeper | None], console: QWidget) -> None:
        super().__init__(console)
        self.app = app
        self._keeper = keeper
        self.console = console
        self.settled = False  # quitting was allowed once: do not ask again on the way out
        self.asking = False  # the unsaved-notes question is open
        self.lost = False  # the facilitator quit without keeping them
        self.exported: list[Path] = []  # where they were kept instead
        self.ending = False  # the event loops were told to end
        console.installEventFilter(self)

    def allowed(self) -> bool:
        """Whether the app may end now: yes if nothing would be lost, else as the facilitator says."""
        if self.settled:
            return True
        keeper = self._keeper()
        record = keeper.current_record() if keeper is not None else None
        if keeper is None or record is None or not keeper.would_lose():
            self.settled = True
            return True
        text = unsaved_text(keeper, record)
        while True:
            self.asking = True
            try:
                choice = UnsavedNotesDialog.ask(text, self._parent())
            finally:
                self.asking = False
            if self.settled:  # a second Ctrl+C ended it meanwhile
                return True
            if choice is UnsavedChoice.KEEP_OPEN:
                return False
            if choice is UnsavedChoice.QUIT:
                self.lost = self.settled = True
                _say("quit without the unsaved notes: they are lost")
                return True
            folder = UnsavedExportFolder.ask(self._parent())
            if folder is None:
                continue
            written, problems = export_unsaved(record, folder)
            if problems:
                text = f"They could not all be exported: {problems[0]}\n\nTry another place?"
                continue
            _say(f"the unsaved notes were exported to {', '.join(map(str, written))}")
            self.exported = written
            self.settled = True
            return True

    def interrupt(self) -> None:
        """Ctrl+C: quits, asking first about unsaved notes; a second Ctrl+C while it asks quits at once."""
        if self.ending:
            return
        if self.asking:
            self.lost = self.settled = self.ending = True
            _say("quit while asked about unsaved notes: they are lost")
            self.app.exit(EXIT_LOST)  # ends the question's event loop too
            return
        if self.allowed() and not self.ending:
            self.ending = True
            self.app.exit(EXIT_LOST if self.lost else 0)  # exit, not quit: an open dialog cannot refuse it

    def session_ending(self, manager: QSessionManager) -> None:
        """The desktop session is ending: asks, if it may, and cancels the logout when told to keep open."""
        if manager.allowsInteraction():
            allowed = self.allowed()
            manager.release()
            if not allowed:
                manager.cancel()
        elif (keeper := self._keeper()) is not None and keeper.would_lose():
            self.lost = True
            _say("notes could not be saved and the session ended without asking; they are lost")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The console closing: the app ends with it, so it may close only if quitting is allowed."""
        if watched is self.console and event.type() == QEvent.Type.Close and not self.allowed():
            event.ignore()
            return True
        return False

    def _parent(self) -> QWidget | None:
        return self.console if self.console.isVisible() else None


def _say(text: str) -> None:
    print(f"clinic-timer: {text}", file=sys.stderr)  # noqa: T201 - the terminal that started the app
