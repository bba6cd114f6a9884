"""The small editors of the notes panel: the quick entry, the wrapped list rows, edit and delete.

Each is a plain Qt text input or a dialog opened through an ``ask()``
classmethod (so tests replace it rather than drive a modal loop). The quick
entry takes Enter to add a note and Shift+Enter or Ctrl+Enter for a new line;
being a ``QPlainTextEdit``, it claims the clinic's bare keys (Space, N, ...)
as text while it has focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

TEXT_COLUMN = 1  # the notes list's column that holds the note's text


class WrappedNotes(QStyledItemDelegate):
    """Gives a long note the rows it needs: QTreeView's word wrap alone keeps one line and elides.

    Args:
        tree: the list; its note column's width is where the text wraps.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 - Qt's name
        """The wrapped note's height at the column's current width."""
        hint = super().sizeHint(option, index)
        if index.column() != TEXT_COLUMN:
            return hint
        width = max(40, self._tree.columnWidth(TEXT_COLUMN) - 8)
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 4))


class NoteEntry(QPlainTextEdit):
    """The quick entry: Enter adds the note, Shift+Enter or Ctrl+Enter breaks the line."""

    submitted = Signal()  # Enter was pressed: add what is typed
    escaped = Signal()  # Esc: the facilitator wants the clinic's keys back

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Turns a plain Enter into :attr:`submitted`; any modified Enter is a new line."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class NoteEditDialog(QDialog):
    """Edits one note's text, several lines allowed.

    Args:
        text: the note as it is.
        parent: the window it belongs to.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the note")
        self.editor = QPlainTextEdit(text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(460, 220)

    @classmethod
    def ask(cls, text: str, parent: QWidget | None = None) -> str | None:
        """The edited text, or None if cancelled; the one entry point, so tests can replace it."""
        dialog = cls(text, parent)
        try:
            return dialog.editor.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class NoteDeletion:
    """Asks before a note is deleted: a note is the facilitator's memory of the clinic."""

    @classmethod
    def ask(cls, text: str, parent: QWidget | None = None) -> bool:
        """True if the facilitator confirms deleting the note."""
        shown = text if len(text) <= 80 else text[:79] + "…"
        answer = QMessageBox.question(
            parent,
            "Delete the note?",
            f"Delete this note?\n\n{shown}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
