"""The People room: the organiser's free electrons, filtered, edited in place, invited 1-1.

Every cell is edited where it stands (F2 or a double click, as in any Qt
table); "where they stand" and "at ease" are chosen from a list, so no typing
is needed to move someone from "talked 1-1" to "interested".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.invitations import one_to_one
from clinic_timer.core.people import MAX_NAME, Standing
from clinic_timer.ui.message_editor import MessageEditor
from clinic_timer.ui.people_model import (
    AT_EASE,
    EASE_WORDS,
    NAME,
    STANDING,
    STANDING_WORDS,
    VALUE_ROLE,
    PeopleFilter,
    PeopleModel,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

    from clinic_timer.ui.crew_desk import CrewDesk

Index = QModelIndex | QPersistentModelIndex
SIZED_ROWS = 40  # the rows the columns' widths are measured on


class ChoiceDelegate(QStyledItemDelegate):
    """Edits "where they stand" and "at ease" with a list of the choices, in words."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        """A drop-down of the column's choices; other columns get the usual line editor."""
        words = _words(index.column())
        if words is None:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for value, said in words.items():
            box.addItem(said, value)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt's name
        """Starts the list at the person's current choice."""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        """Keeps the chosen value."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _words(column: int) -> dict[str, str] | None:
    if column == STANDING:
        return {s.value: w for s, w in STANDING_WORDS.items()}
    if column == AT_EASE:
        return {e.value: w for e, w in EASE_WORDS.items()}
    return None


class PeopleRoom(QWidget):
    """People, their interests and where they stand.

    Args:
        desk: the people as kept.
        parent: the Crews window.
    """

    def __init__(self, desk: CrewDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = PeopleModel(desk, self)
        self.filter = PeopleFilter(self)
        self.filter.setSourceModel(self.model)

        self.interest_filter = QLineEdit()
        self.interest_filter.setPlaceholderText("any interest")
        self.interest_filter.setClearButtonEnabled(True)
        self.standing_filter = QComboBox()
        self.standing_filter.addItem("anyone", None)
        for standing, words in STANDING_WORDS.items():
            self.standing_filter.addItem(words, standing.value)
        filters = QHBoxLayout()
        interest_label = QLabel("&Interest:")
        interest_label.setBuddy(self.interest_filter)
        standing_label = QLabel("&Where they stand:")
        standing_label.setBuddy(self.standing_filter)
        row: tuple[QWidget, ...] = (
            interest_label,
            self.interest_filter,
            standing_label,
            self.standing_filter,
        )
        for widget in row:
            filters.addWidget(widget)

        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.filter)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, so the keyboard reaches the buttons
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        header.setResizeContentsPrecision(SIZED_ROWS)  # measuring every one of 500 rows costs a frame
        self.table.resizeColumnsToContents()  # headers whole at any text size; the organiser can widen

        self.new_name = QLineEdit()
        self.new_name.setMaxLength(MAX_NAME)
        self.new_name.setPlaceholderText("a name, then Enter")
        self.add_button = QPushButton("&Add person")
        self.invite_button = QPushButton("&Copy 1-1 invitation")
        self.remove_button = QPushButton("Re&move from the list")
        adding = QHBoxLayout()
        name_label = QLabel("&New person:")
        name_label.setBuddy(self.new_name)
        row = (name_label, self.new_name, self.add_button, self.invite_button, self.remove_button)
        for widget in row:
            adding.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)

        self.interest_filter.textChanged.connect(self.filter.set_interest)
        self.standing_filter.currentIndexChanged.connect(self._on_standing_filter_changed)
        self.new_name.returnPressed.connect(self.add_person)
        self.add_button.clicked.connect(self.add_person)
        self.invite_button.clicked.connect(self.copy_invitation)
        self.remove_button.clicked.connect(self.remove_selected)

    # -- intents ---------------------------------------------------------------------

    def add_person(self) -> None:
        """Adds the typed name to the list and selects them, ready to fill in."""
        row = self.model.add(self.new_name.text())
        if row < 0:
            return
        self.new_name.clear()
        self.interest_filter.clear()
        self.standing_filter.setCurrentIndex(0)
        self.select_row(row)

    def select_row(self, source_row: int) -> None:
        """Selects (and scrolls to) a person by their row in the model."""
        index = self.filter.mapFromSource(self.model.index(source_row, NAME))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def selected_row(self) -> int:
        """The selected person's row in the model, or -1."""
        index = self.table.currentIndex()
        return self.filter.mapToSource(index).row() if index.isValid() else -1

    def copy_invitation(self) -> str:
        """Puts the 1-1 invitation for the selected person on the clipboard, as the organiser edits it.

        Returns:
            The text copied, or "" if nobody is selected or the organiser cancelled.
        """
        row = self.selected_row()
        if row < 0:
            self.desk.failed.emit("Choose someone first, then copy their invitation.")
            return ""
        person = self.model.person(row)
        topic = person.interests[0] if person.interests else ""
        edited = MessageEditor.ask(
            f"The 1-1 invitation for {person.name}",
            one_to_one(person.name, topic, self.desk.organiser_name()),
            self,
        )
        if edited is None:
            return ""
        text = edited
        QGuiApplication.clipboard().setText(text)
        self.desk.told.emit(f"Copied the 1-1 invitation for {person.name}.")
        return text

    def remove_selected(self) -> None:
        """Takes the selected person off the list (refused for a crew member)."""
        row = self.selected_row()
        if row >= 0:
            self.desk.remove_person(self.model.person(row).id)

    def _on_standing_filter_changed(self, _index: int) -> None:
        value = self.standing_filter.currentData()
        self.filter.set_standing(Standing(value) if value else None)
