"""The facilitator's notes, in the console's notes area.

The panel edits the notebook of the clinic in progress
(:attr:`~clinic_timer.ui.controller.SessionController.clinic`) and nothing
else; which clinic that is, and when a fresh one starts, is the controller's
to say (``clinic_changed``): it stamps each note with the session time from the controller's view
and files it where the clinic is (under the phase, or under the speaking
coach's reflection), or in a section the facilitator picks (the case, key
takeaways, next steps). Saving is not its business: it announces every
change with :attr:`NotesPanel.notes_changed` and the
:class:`~clinic_timer.ui.notes_keeper.NotesKeeper` writes it soon after.

Keys in the quick entry: Enter adds the note; Shift+Enter (or Ctrl+Enter)
starts a new line within it. The clinic's bare-key shortcuts (Space, N, ...)
never fire while anything in the panel has focus (the panel is marked
``takesTyping``, see :mod:`clinic_timer.ui.shortcuts`), so a word typed after
clicking "Add note" or the Private box is text, not commands; adding a note
by either path also puts focus back in the entry. The one exception is the
notes list: Esc from the entry hands focus to it so those keys work again
without reaching for the mouse, and from there the arrows, Space and letters
run the clinic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core import times
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.placement import Group, Seat, place
from clinic_timer.core.session import SessionView, State
from clinic_timer.ui.note_editors import TEXT_COLUMN, NoteDeletion, NoteEditDialog, NoteEntry, WrappedNotes
from clinic_timer.ui.shortcuts import HANDLES_ESCAPE, TAKES_TYPING

if TYPE_CHECKING:
    from clinic_timer.core.clinic import Clinic
    from clinic_timer.ui.controller import SessionController

HERE = "here"  # the section picker's "where the clinic is now" choice
PICKED = {  # the picker's other choices, in its order
    Section.CASE: "About the case",
    Section.TAKEAWAYS: "Key takeaways",
    Section.NEXT_STEPS: "Next steps",
}
NOTE_ID = Qt.ItemDataRole.UserRole  # a note row's note id
TIME_COLUMN, PRIVATE_COLUMN = 0, 2


def place_of(view: SessionView | None) -> tuple[Section, str | None, str | None]:
    """Where a note written now belongs: (section, phase, coach), from the clinic's state.

    Before the start it is about the case; after the end it is a takeaway;
    during a per-coach phase it goes under the speaking coach's reflection
    (by their person id).
    """
    if view is None or view.state is State.READY:
        return Section.CASE, None, None
    if view.state is State.FINISHED:
        return Section.TAKEAWAYS, None, None
    phase = view.phase.name
    if view.phase.per_coach and view.speaker_id:
        return Section.REFLECTION, phase, view.speaker_id
    return Section.PHASE, phase, None


def group_title(section: Section, phase: str | None, coach: str | None) -> str:
    """The heading a group of notes sits under in the list."""
    if section is Section.REFLECTION:
        return f"{phase or 'Reflections'}: {coach or 'a coach'}"
    if section is Section.PHASE:
        return phase or "During the clinic"
    return PICKED.get(section) or section.value.capitalize()


class NotesPanel(QWidget):
    """The case, the quick note entry and every note so far, grouped where they were written.

    Args:
        controller: read for the session time and where the clinic is.
        parent: the console, once it takes the panel.
    """

    notes_changed = Signal()  # the notebook changed: the keeper saves it soon

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.notebook = controller.notebook  # the clinic's, shown and edited here
        self._view: SessionView | None = None
        self.setProperty(TAKES_TYPING, True)  # bare keys typed anywhere in here are text

        self.title = QLineEdit()
        self.title.setPlaceholderText("Case title")
        self.help_wanted = QPlainTextEdit()
        self.help_wanted.setPlaceholderText("What does the bringer want help with?")
        self.help_wanted.setTabChangesFocus(True)
        self.help_wanted.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        case_box = QGroupBox("The case")
        case_layout = QVBoxLayout(case_box)
        case_layout.addWidget(self.title)
        case_layout.addWidget(self.help_wanted)

        self.tree = QTreeWidget()
        self.tree.setProperty(TAKES_TYPING, False)  # Esc lands here to give the clinic its keys back
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Time", "Note", "Private"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(WrappedNotes(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TIME_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PRIVATE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("No notes yet. Type below and press Enter.")
        self.empty.setWordWrap(True)
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete…")
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.edit_button)
        row_buttons.addWidget(self.delete_button)
        row_buttons.addStretch(1)

        self.section = QComboBox()
        self.section.setObjectName("noteSection")
        self.section.addItem("", HERE)
        for section, label in PICKED.items():
            self.section.addItem(label, section)
        self.private = QCheckBox("Private")
        self.private.setToolTip("Yours alone: never in an export for the crew")
        self.entry = NoteEntry()
        self.entry.setObjectName("noteEntry")
        self.entry.setProperty(HANDLES_ESCAPE, True)  # its Esc goes to the notes list
        self.entry.setPlaceholderText("A note… Enter adds it; Shift+Enter for a new line.")
        self.entry.setTabChangesFocus(True)
        self.entry.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.add_button = QPushButton("Add note")
        self.save_state = QLabel("Notes are saved once the clinic starts.")
        self.save_state.setObjectName("noteSaveState")
        self.save_state.setWordWrap(True)
        where = QHBoxLayout()
        where.addWidget(QLabel("Under"))
        where.addWidget(self.section, 1)
        where.addWidget(self.private)
        adding = QHBoxLayout()
        adding.addWidget(self.save_state, 1)
        adding.addWidget(self.add_button)

        notes_box = QGroupBox("Notes")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.tree, 1)
        notes_layout.addWidget(self.empty)
        notes_layout.addLayout(row_buttons)
        notes_layout.addLayout(where)
        notes_layout.addWidget(self.entry)
        notes_layout.addLayout(adding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(case_box)
        layout.addWidget(notes_box, 1)

        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._on_delete_button_clicked)
        self.title.textEdited.connect(self._on_case_edited)
        self.help_wanted.textChanged.connect(self._on_case_edited)
        self.entry.submitted.connect(self._on_entry_submitted)
        self.entry.textChanged.connect(self._on_entry_text_changed)
        self.entry.escaped.connect(self._on_entry_escaped)
        self.add_button.clicked.connect(self._on_entry_submitted)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        header.sectionResized.connect(self._on_header_section_resized)
        controller.view_changed.connect(self._on_controller_view_changed)
        controller.clinic_changed.connect(self._on_controller_clinic_changed)
        self._on_controller_view_changed(controller.view())
        self._render()

    # -- public ------------------------------------------------------------------

    def _show_notebook(self, notebook: Notebook) -> None:
        """Shows another clinic's notebook (a resumed one's, or a fresh one for a new clinic).

        The Private box goes back to unticked: privacy is chosen note by note,
        and a tick left from the last clinic must not hide the first note of this one.
        """
        self.notebook = notebook
        self.private.setChecked(False)
        with QSignalBlocker(self.title), QSignalBlocker(self.help_wanted), QSignalBlocker(self.entry):
            self.title.setText(notebook.title)
            self.help_wanted.setPlainText(notebook.help_wanted)
            self.entry.setPlainText(notebook.draft)
        self._render()

    def add_note(self, text: str) -> Note | None:
        """Adds a note where the picker says, stamped now; blank text adds nothing.

        The Private box applies to this one note and is unticked once it is
        added, so privacy is never left on by mistake for the notes after it.
        """
        if not text.strip():
            return None
        view = self.controller.view()
        section, phase, coach = place_of(view)
        picked = self.section.currentData()
        if isinstance(picked, Section):
            section, coach = picked, None
            phase = phase if section is Section.CASE else None
        note = Note(
            text=text.strip(),
            section=section,
            at_s=view.elapsed_s if view is not None else 0.0,
            phase=phase,
            coach=coach,
            private=self.private.isChecked(),
        )
        self.notebook.add(note)
        self.private.setChecked(False)
        self._changed(select=note.id)
        return note

    def set_save_state(self, text: str) -> None:
        """The small line saying whether and when the notes were last saved."""
        if self.save_state.text() != text:
            self.save_state.setText(text)

    def selected_note(self) -> Note | None:
        """The note selected in the list, if any."""
        item = self.tree.currentItem()
        note_id = item.data(TEXT_COLUMN, NOTE_ID) if item is not None else None
        if not isinstance(note_id, str):
            return None
        try:
            return self.notebook.find(note_id)
        except KeyError:
            return None

    # -- rendering ---------------------------------------------------------------

    def _render(self, select: str | None = None) -> None:
        """Rebuilds the list; a clinic's notes are few, so all of it is cheap."""
        current = self.selected_note()
        keep = select or (current.id if current is not None else None)
        with QSignalBlocker(self.tree):
            self.tree.clear()
            chosen: QTreeWidgetItem | None = None
            bold = QFont(self.tree.font())
            bold.setBold(True)
            for title, notes in self._groups():
                group = QTreeWidgetItem(self.tree, [title])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for note in notes:
                    item = QTreeWidgetItem(group, [times.moment(note.at_s), note.text, ""])
                    item.setData(TEXT_COLUMN, NOTE_ID, note.id)
                    item.setTextAlignment(
                        TIME_COLUMN, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
                    )
                    item.setTextAlignment(TEXT_COLUMN, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                    item.setToolTip(TEXT_COLUMN, note.text)
                    item.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable
                    )
                    item.setCheckState(
                        PRIVATE_COLUMN, Qt.CheckState.Checked if note.private else Qt.CheckState.Unchecked
                    )
                    if note.id == keep:
                        chosen = item
            self.tree.expandAll()
            if chosen is not None:
                self.tree.setCurrentItem(chosen)
                self.tree.scrollToItem(chosen)
        self.empty.setVisible(not self.notebook.notes)
        self._on_tree_selection_changed()

    def _groups(self) -> list[tuple[str, list[Note]]]:
        """Notes grouped where they were written, placed as every export places them; empty groups left out."""
        seats = [Seat(plan.name, plan.per_coach) for plan in self.controller.phase_plan()]
        flat: list[Group] = []
        for group in place(self.notebook.notes, seats, self.controller.speaking_order()):
            flat += [group, *group.coaches]  # a phase's own notes, then each coach's reflection
        name = self.controller.name_of
        return [
            (group_title(g.section, g.phase, name(g.coach) if g.coach else None), g.notes)
            for g in flat
            if g.notes
        ]

    def _changed(self, select: str | None = None) -> None:
        self._render(select)
        self.notes_changed.emit()

    def _here_label(self) -> str:
        section, phase, coach = place_of(self._view)
        return f"Here: {group_title(section, phase, self.controller.name_of(coach) if coach else None)}"

    # -- slots -------------------------------------------------------------------

    def _on_controller_view_changed(self, view: SessionView | None) -> None:
        self._view = view
        label = self._here_label()
        if self.section.itemText(0) != label:
            self.section.setItemText(0, label)

    def _on_controller_clinic_changed(self, clinic: Clinic) -> None:
        if clinic.notebook is not self.notebook:
            self._show_notebook(clinic.notebook)

    def _on_case_edited(self) -> None:
        before = self.notebook.revision
        self.notebook.set_case(self.title.text().strip(), self.help_wanted.toPlainText().strip())
        if self.notebook.revision != before:
            self.notes_changed.emit()

    def _on_entry_submitted(self) -> None:
        if self.add_note(self.entry.toPlainText()) is not None:
            self.entry.clear()
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)  # the next word typed is the next note

    def _on_entry_text_changed(self) -> None:
        # What is typed but not yet added is kept in the notebook, so it is
        # saved with everything else and survives a crash or a quit.
        revision = self.notebook.revision
        self.notebook.set_draft(self.entry.toPlainText())
        if self.notebook.revision != revision:
            self.notes_changed.emit()

    def _on_entry_escaped(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_edit_button_clicked(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        text = NoteEditDialog.ask(note.text, self.window())
        if text is not None and text.strip():
            self.notebook.edit(note.id, text=text.strip())
            self._changed(select=note.id)

    def _on_delete_button_clicked(self) -> None:
        note = self.selected_note()
        if note is not None and NoteDeletion.ask(note.text, self.window()):
            self.notebook.remove(note.id)
            self._changed()

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != PRIVATE_COLUMN and isinstance(item.data(TEXT_COLUMN, NOTE_ID), str):
            self.tree.setCurrentItem(item)
            self._on_edit_button_clicked()

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        note_id = item.data(TEXT_COLUMN, NOTE_ID)
        if column == PRIVATE_COLUMN and isinstance(note_id, str):
            private = item.checkState(PRIVATE_COLUMN) == Qt.CheckState.Checked
            before = self.notebook.revision
            self.notebook.edit(note_id, private=private)
            if self.notebook.revision != before:
                self.notes_changed.emit()

    def _on_header_section_resized(self, column: int) -> None:
        if column == TEXT_COLUMN:  # wrapped notes need their row heights measured again
            self.tree.doItemsLayout()

    def _on_tree_selection_changed(self) -> None:
        chosen = self.selected_note() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
