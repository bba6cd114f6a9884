"""The words to send, shown for the organiser to edit before they go on the clipboard.

The app fills in a 1-1 invitation or a week's reminder from the crew, in
our own words; the organiser knows the person and may want to say it their
way. Nothing is sent anywhere: the edited text is only copied, for the
organiser to paste into their own chat.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from clinic_timer.ui import titles


class MessageEditor(QDialog):
    """A message in an editable box, with Copy (the default) and Cancel.

    Args:
        what: what the message is, for the title and the line above it ("The 1-1 invitation for Ada").
        text: the words the app filled in.
    """

    def __init__(self, what: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(what))
        self.setMinimumWidth(520)
        note = QLabel(f"{what}: edit it as you like, then Copy puts it on the clipboard to paste.")
        note.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setTabChangesFocus(True)  # Tab moves on to Copy, as in any form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.editor.setFocus()

    def text(self) -> str:
        """The words as they stand in the box."""
        return self.editor.toPlainText()

    @classmethod
    def ask(cls, what: str, text: str, parent: QWidget | None = None) -> str | None:
        """The words to copy, as edited, or None if the organiser cancelled; tests replace this."""
        dialog = cls(what, text, parent)
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        words = dialog.text()
        dialog.deleteLater()
        return words if chosen else None
