"""The organiser's people as a table: one row a person, edited in place.

The model reads the :class:`~clinic_timer.ui.crew_desk.CrewDesk`'s list and
writes back through it, one person at a time, so an edit is kept the moment
it is made. A value the core refuses (a blank name) is not taken and the
desk says why. :class:`PeopleFilter` narrows the rows by interest and by
where people stand, for the People room's filters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from clinic_timer.core.people import Ease, PeopleError, Person, Standing, tag, tags
from clinic_timer.ui.table_model import TitledTable

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from clinic_timer.ui.crew_desk import CrewDesk

Index = QModelIndex | QPersistentModelIndex
_E = TypeVar("_E", Standing, Ease)
NAME, INTERESTS, STANDING, MET, AT_EASE, KNOWN = range(6)
HEADERS = (
    "Name",
    "Interests",
    "Where they stand",
    "Where you met",
    "At ease with feelings",
    "Known in person",
)
STANDING_WORDS = {
    Standing.FOUND: "found",
    Standing.TALKED: "talked 1-1",
    Standing.INTERESTED: "interested",
    Standing.IN_A_CREW: "in a crew",
    Standing.CREWED_BEFORE: "crewed before",
}
EASE_WORDS = {Ease.YES: "yes", Ease.NOT_YET_KNOWN: "not yet known"}
PERSON_ROLE = Qt.ItemDataRole.UserRole  # the Person itself
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the enum value of a choice column, for its editor


class PeopleModel(TitledTable):
    """Everyone on the organiser's list.

    Args:
        desk: the people as kept, and where edits go.
        parent: the Qt parent.
    """

    def __init__(self, desk: CrewDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._people = list(desk.people)
        desk.people_changed.connect(self._on_desk_people_changed)

    def person(self, row: int) -> Person:
        """The person on ``row``."""
        return self._people[row]

    def row_of(self, person_id: str) -> int:
        """The row of the person with this id, or -1."""
        return next((i for i, p in enumerate(self._people) if p.id == person_id), -1)

    headers = HEADERS

    def row_total(self) -> int:
        """One row a person."""
        return len(self._people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What each cell shows and what its editor starts from."""
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person, column = self._people[index.row()], index.column()
        if role == PERSON_ROLE:
            return person
        if role == VALUE_ROLE:
            return {STANDING: person.standing.value, AT_EASE: person.at_ease.value}.get(column)
        if column == KNOWN and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if person.knows_in_person else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _cell(person, column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell can be edited; "known in person" is a check box."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == KNOWN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Keeps an edit at once; False (the cell shows what is kept) if the core or the store refuses it."""
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return False
        person = self._people[index.row()]
        try:
            changed = _changed(person, index.column(), value, role)
        except (PeopleError, ValueError) as error:
            self.desk.failed.emit(str(error))
            return False
        if changed is None or changed == person:
            return changed is not None
        return self.desk.save_person(changed)

    def add(self, name: str) -> int:
        """Adds someone new (found, nothing else known yet); their row, or -1 if refused."""
        try:
            person = Person.new(name)
        except PeopleError as error:
            self.desk.failed.emit(str(error))
            return -1
        return self.row_of(person.id) if self.desk.save_person(person) else -1

    def _on_desk_people_changed(self) -> None:
        self.beginResetModel()
        self._people = list(self.desk.people)
        self.endResetModel()


def _cell(person: Person, column: int) -> str | None:
    if column == NAME:
        return person.name
    if column == INTERESTS:
        return ", ".join(person.interests)
    if column == STANDING:
        return STANDING_WORDS[person.standing]
    if column == MET:
        return person.met
    if column == AT_EASE:
        return EASE_WORDS[person.at_ease]
    if column == KNOWN:  # in words beside the box: an unticked box can vanish in high contrast
        return "yes" if person.knows_in_person else "no"
    return None


def _changed(person: Person, column: int, value: Any, role: int) -> Person | None:
    """The person with one cell's new value, or None for an edit this cell does not take."""
    if column == KNOWN and role == Qt.ItemDataRole.CheckStateRole:
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        return person.with_changes(knows_in_person=checked)
    if role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
        return None
    if column == NAME:
        return person.with_changes(name=value)
    if column == INTERESTS:
        return person.with_changes(interests=tags(value.split(",")))
    if column == STANDING:
        return person.with_changes(standing=_choice(STANDING_WORDS, value))
    if column == MET:
        return person.with_changes(met=value.strip())
    if column == AT_EASE:
        return person.with_changes(at_ease=_choice(EASE_WORDS, value))
    return None


def _choice(words: dict[_E, str], value: str) -> _E:
    """A choice given as its value ("talked-1-1") or its words ("talked 1-1")."""
    for choice, said in words.items():
        if value in (choice.value, said):
            return choice
    raise PeopleError(f"{value!r} is not one of: {', '.join(words.values())}")


class PeopleFilter(QSortFilterProxyModel):
    """Only the people with an interest, and where they stand, that the room's filters ask for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interest = ""
        self.standing: Standing | None = None

    def set_interest(self, text: str) -> None:
        """Shows only people with an interest that starts with ``text`` (any case); "" shows all."""
        self.beginFilterChange()
        self.interest = tag(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_standing(self, standing: Standing | None) -> None:
        """Shows only people standing there; None shows all."""
        self.beginFilterChange()
        self.standing = standing
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt's name
        """Whether a person passes both filters."""
        model = self.sourceModel()
        if not isinstance(model, PeopleModel) or source_parent.isValid():
            return True
        person = model.person(source_row)
        if self.standing is not None and person.standing is not self.standing:
            return False
        return not self.interest or any(i.startswith(self.interest) for i in person.interests)
