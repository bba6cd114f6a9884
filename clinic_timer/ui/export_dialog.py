"""Exporting one session from the app: a file for the facilitator or the crew, or the clipboard.

The dialog only chooses (format, audience, file) and calls
:func:`~clinic_timer.export.export`, which writes atomically and raises
:class:`~clinic_timer.export.ExportError` with the system's reason. A failed
export shows that reason in the dialog, which stays open so another place
can be chosen; the record it was given is only ever read, so the notes are
untouched whatever happens to the file.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core import times
from clinic_timer.export import Audience, ExportError, ExportFormat, export, file_name, to_markdown

if TYPE_CHECKING:
    from clinic_timer.core.record import SessionRecord

FORMAT_LABELS = {
    ExportFormat.MARKDOWN: "Markdown (.md)",
    ExportFormat.PDF: "PDF (.pdf)",
    ExportFormat.JSON: "JSON (.json)",
}
AUDIENCE_LABELS = {
    Audience.FACILITATOR: "My full record (private notes included)",
    Audience.CREW: "For the crew (no private notes)",
}


def documents_folder() -> Path:
    """The user's documents folder (``~/Documents`` where the desktop names none), existing or not."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home() / "Documents"


def default_folder() -> Path:
    """Where an export is suggested: the folder last exported to, else the documents folder.

    The last folder counts while it still exists (a USB stick may have gone).
    The documents folder is suggested even before it exists (a fresh
    account has none): exporting there makes it, rather than filling the
    home folder with exports.
    """
    last = ExportDialog.last_folder
    if last is not None and last.is_dir():
        return last
    return documents_folder()


def copy_markdown(record: SessionRecord, audience: Audience = Audience.CREW) -> str:
    """Puts the record on the clipboard as Markdown (for the crew by default) and returns the text."""
    text = to_markdown(record, audience)
    QGuiApplication.clipboard().setText(text)
    return text


class SavePath:
    """Where to write the export; the file dialog, behind one method tests can replace."""

    @classmethod
    def ask(cls, suggested: Path, kind: ExportFormat, parent: QWidget | None = None) -> Path | None:
        """The file chosen, or None if the facilitator cancelled."""
        label = FORMAT_LABELS[kind]
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export the session", str(suggested), f"{label};;All files (*)"
        )
        return Path(name) if name else None


class ExportDialog(QDialog):
    """Choose the format, the audience and the file, then export; a failure says why and stays open.

    Args:
        record: the session to export; only read.
        folder: where the file is suggested; by default see :func:`default_folder`.
        parent: the window it belongs to.
    """

    last_folder: ClassVar[Path | None] = None  # where the last export of this run went

    def __init__(
        self, record: SessionRecord, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the session")
        self.record = record
        self.written: Path | None = None
        self._folder = folder or default_folder()
        self.kind = QComboBox()
        for kind, label in FORMAT_LABELS.items():
            self.kind.addItem(label, kind)
        self.audience = QComboBox()
        for audience, label in AUDIENCE_LABELS.items():
            self.audience.addItem(label, audience)
        self.path = QLineEdit()
        self.path.setPlaceholderText("Type where to save it, or choose a place")
        self.path.setToolTip("Type or paste a path here; a bare file name goes in the folder shown.")
        self.choose_button = QPushButton("Choose…")
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose_button)
        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = self.buttons.addButton("Copy as Markdown", QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        form.addRow("Format", self.kind)
        form.addRow("For", self.audience)
        form.addRow("File", where)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{html.escape(_describe(record))}</b>"))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 220)
        self._suggest()
        self.path.setFocus()  # the name can be typed over at once: the field is for typing
        self._select_name()
        self.kind.currentIndexChanged.connect(self._on_choice_changed)
        self.audience.currentIndexChanged.connect(self._on_choice_changed)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, record: SessionRecord, parent: QWidget | None = None) -> Path | None:
        """Runs the dialog; the file written, or None. The one entry point, so tests can replace it."""
        dialog = cls(record, parent=parent)
        try:
            dialog.exec()
            return dialog.written
        finally:
            dialog.deleteLater()

    def chosen_kind(self) -> ExportFormat:
        """The format picked."""
        kind = self.kind.currentData()
        assert isinstance(kind, ExportFormat)
        return kind

    def chosen_audience(self) -> Audience:
        """The audience picked."""
        audience = self.audience.currentData()
        assert isinstance(audience, Audience)
        return audience

    def write(self) -> bool:
        """Exports to the path in the field; on failure shows why and returns False."""
        text = self.path.text().strip()
        if not text:
            self._show_problem("Choose a file to export to.")
            return False
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path  # a bare name goes where the dialog suggested, not the app's cwd
        if path.parent == documents_folder() and not path.parent.exists():
            try:
                path.parent.mkdir(parents=True)
            except OSError as error:
                self._show_problem(self._not_written(path, error.strerror or str(error)))
                return False
        try:
            export(self.record, path, self.chosen_kind(), self.chosen_audience())
        except ExportError as error:
            self._show_problem(self._not_written(error.path, error.problem))
            return False
        self.written = path
        ExportDialog.last_folder = path.parent
        self.problem.setVisible(False)
        return True

    def _suggest(self) -> None:
        current = self.path.text().strip()
        folder = Path(current).expanduser().parent if current else self._folder
        self.path.setText(str(folder / file_name(self.record, self.chosen_kind(), self.chosen_audience())))

    def _select_name(self) -> None:
        """Selects the file name without its folder and extension, as save dialogs do."""
        text = self.path.text()
        name = Path(text).name
        stem = name.rsplit(".", 1)[0] if "." in name else name
        self.path.setSelection(len(text) - len(name), len(stem))

    @staticmethod
    def _not_written(path: Path, problem: str) -> str:
        return (
            f"The export was not written: {problem}.\n{path}\n"
            "Your notes are safe. Type another place or choose one, and try again."
        )

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)

    # -- slots -------------------------------------------------------------------

    def _on_choice_changed(self) -> None:
        self._suggest()

    def _on_choose_button_clicked(self) -> None:
        chosen = SavePath.ask(Path(self.path.text()), self.chosen_kind(), self)
        if chosen is not None:
            self.path.setText(str(chosen))

    def _on_export_button_clicked(self) -> None:
        if self.write():
            self.accept()

    def _on_copy_button_clicked(self) -> None:
        copy_markdown(self.record, self.chosen_audience())
        self.problem.setVisible(False)
        self.copy_button.setText("Copied")


def _describe(record: SessionRecord) -> str:
    title = record.notebook.title or record.format_title
    try:
        day = times.short_date(datetime.fromisoformat(record.started_at))
    except ValueError:
        day = record.started_at[:10]
    return f"{title}: {record.roster.lead.name}, {day}"
