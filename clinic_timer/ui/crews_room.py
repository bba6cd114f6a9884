"""The Crews room: each crew at a glance, and the core's suggestions for new ones.

"Suggest crews" asks :func:`~clinic_timer.core.suggest.suggest` about the
people marked interested, with the organiser chosen here taking a seat; each
suggestion says why. Picking one opens the form for the organiser to confirm
the crew and its slot; only then is it formed, its plan made and its members
moved to "in a crew".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.people import Standing
from clinic_timer.core.plan import plan_for
from clinic_timer.core.suggest import suggest
from clinic_timer.ui.crews_model import CrewsModel, SuggestionsModel
from clinic_timer.ui.new_crew_dialog import NewCrewDialog, suggestion_draft

if TYPE_CHECKING:
    from clinic_timer.core.crews import Crew
    from clinic_timer.core.people import Person
    from clinic_timer.ui.crew_desk import CrewDesk

SIZED_ROWS = 20  # the rows the columns' widths are measured on


class CrewsRoom(QWidget):
    """The crews as kept, and new ones to form.

    Args:
        desk: the people and crews as kept.
        parent: the Crews window.
    """

    plan_requested = Signal(str)  # a crew id: show its plan (Enter or a double click on a crew)

    def __init__(self, desk: CrewDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = CrewsModel(desk, self)
        self.table = QTableView()
        self.table.setObjectName("crewsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.resizeColumnsToContents()  # the next meeting and the health read whole
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.plan_button = QPushButton("Show its pla&n")

        self.organiser = QComboBox()
        organiser_label = QLabel("&You are:")
        organiser_label.setBuddy(self.organiser)
        self.suggest_button = QPushButton("&Suggest crews")
        self.suggestions = SuggestionsModel(self)
        self.suggestion_list = QListView()
        self.suggestion_list.setObjectName("suggestionList")
        self.suggestion_list.setModel(self.suggestions)
        self.suggestion_list.setWordWrap(True)
        self.form_button = QPushButton("&Form this crew…")
        suggesting = QHBoxLayout()
        for widget in (organiser_label, self.organiser, self.suggest_button, self.form_button):
            suggesting.addWidget(widget)
        suggesting.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.plan_button)
        layout.addLayout(suggesting)
        layout.addWidget(self.suggestion_list, 2)

        self._fill_organisers()
        desk.people_changed.connect(self._fill_organisers)
        self.suggest_button.clicked.connect(self.show_suggestions)
        self.form_button.clicked.connect(self.form_selected)
        self.suggestion_list.activated.connect(lambda _index: self.form_selected())
        self.table.activated.connect(lambda _index: self._request_plan())
        self.plan_button.clicked.connect(self._request_plan)

    # -- intents ---------------------------------------------------------------------

    def chosen_organiser(self) -> Person | None:
        """The person the organiser says they are."""
        person_id = self.organiser.currentData()
        return next((p for p in self.desk.people if p.id == person_id), None)

    def show_suggestions(self) -> None:
        """Lists the crews the core suggests, with their reasons, and selects the first."""
        self.suggestions.show(suggest(self.desk.people, organiser=self.chosen_organiser()))
        if self.suggestions.suggestion(0) is not None:
            self.suggestion_list.setCurrentIndex(self.suggestions.index(0))
        self.suggestion_list.setFocus()

    def form_selected(self) -> Crew | None:
        """Opens the form for the selected suggestion; forms the crew the organiser confirms."""
        suggestion = self.suggestions.suggestion(self.suggestion_list.currentIndex().row())
        organiser = self.chosen_organiser()
        if suggestion is None:
            self.desk.failed.emit("Choose one of the suggested crews first (Suggest crews lists them).")
            return None
        if organiser is None:
            self.desk.failed.emit("Add yourself to the People list first, and choose yourself under You are.")
            return None
        zone = self.desk.crews[-1].crew.schedule.zone if self.desk.crews else "UTC"
        crew = NewCrewDialog.ask(suggestion_draft(suggestion, organiser, zone, self.desk.today()), self)
        if crew is None or not self.desk.save_crew(crew, plan_for(crew)):
            return None
        for person in self.desk.people:
            if person.id in crew.members and person.standing is not Standing.IN_A_CREW:
                self.desk.save_person(person.with_changes(standing=Standing.IN_A_CREW))
        self.desk.told.emit(f"The {crew.title} is formed: {crew.weeks} weeks planned (see its plan).")
        self.suggestions.show(suggest(self.desk.people, organiser=organiser))
        self.plan_requested.emit(crew.id)
        return crew

    def _request_plan(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.plan_requested.emit(self.model.kept(index.row()).crew.id)

    def _fill_organisers(self) -> None:
        chosen = self.organiser.currentData() or (
            self.desk.crews[-1].crew.organiser if self.desk.crews else None
        )
        self.organiser.blockSignals(True)
        self.organiser.clear()
        for person in self.desk.people:
            self.organiser.addItem(person.name, person.id)
        found = self.organiser.findData(chosen)
        self.organiser.setCurrentIndex(max(found, 0))
        self.organiser.blockSignals(False)
