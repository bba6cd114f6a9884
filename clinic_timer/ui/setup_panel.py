"""Before the clinic: choose a format, see its phases, and set up who takes part.

Every edit sets up a fresh (not yet started) session through the
controller, so what the preview promises ("90 min with 3 coaches") is what
the session will run, and Start is only enabled for a roster the format
accepts; the reason it is not is shown in words.
"""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.formats import MAX_COACHES, Format
from clinic_timer.core.people import MAX_NAME
from clinic_timer.core.roster import Roster, RosterError
from clinic_timer.core.session import State
from clinic_timer.ui.controller import as_sentence
from clinic_timer.ui.phase_table import PhaseTable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.core.people import Person
    from clinic_timer.ui.controller import SessionController


class SetupPanel(QWidget):
    """Format picker, phase preview and roster editor.

    Args:
        controller: receives the set-up session and the start intent.
        catalogue: the formats to choose from.
        parent: the console.
    """

    format_chosen = Signal(str)  # a format's name, when the facilitator picks one (remembered)

    def __init__(
        self, controller: SessionController, catalogue: Catalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.catalogue = catalogue
        self._quiet = False  # True while filling in several fields at once
        self.known: list[Person] = []  # people a typed name may be (earlier clinics, a crew), by their names
        self._cast: tuple[Person, ...] = ()  # the people of the last roster set up, so edits keep their ids

        self.format_box = QComboBox()
        for name in catalogue.names():
            self.format_box.addItem(catalogue.get(name).title, name)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("formatDescription")
        self.phases = PhaseTable()
        self.total = QLabel()
        self.total.setObjectName("formatTotal")

        self.bringer = QLineEdit()  # the case bringer, or the host of a format with no case
        self.bringer.setMaxLength(MAX_NAME)
        self.bringer.setPlaceholderText("Who brings the case?")
        self.bringer_label = QLabel("Case bringer")
        self.coaches = QListWidget()
        self.coaches.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.coaches.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.coaches.setToolTip("Drag to change the speaking order; untick anyone who is absent.")
        self.new_coach = QLineEdit()
        self.new_coach.setMaxLength(MAX_NAME)
        self.new_coach.setPlaceholderText("A coach's name, then Enter")
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.shuffle_button = QPushButton("Shuffle order")
        self.problem = QLabel()
        self.problem.setObjectName("setupProblem")
        self.problem.setWordWrap(True)
        self.start_button = QPushButton("Start the clinic  (Space)")
        self.start_button.setObjectName("startButton")
        self.start_button.setMinimumHeight(44)

        self._lay_out()
        self._order_tabs()
        self.format_box.currentIndexChanged.connect(self._on_format_box_changed)
        self.bringer.textChanged.connect(self._on_roster_edited)
        self.coaches.itemChanged.connect(self._on_roster_edited)
        self.coaches.model().rowsMoved.connect(self._on_roster_edited)
        self.new_coach.returnPressed.connect(self._on_add_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.shuffle_button.clicked.connect(self._on_shuffle_button_clicked)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self._show_format()

    def _lay_out(self) -> None:
        format_group = QGroupBox("Format")
        format_layout = QVBoxLayout(format_group)
        format_layout.addWidget(self.format_box)
        format_layout.addWidget(self.description)
        format_layout.addWidget(self.phases, 1)
        format_layout.addWidget(self.total)

        roster_group = QGroupBox("Who takes part")
        roster_layout = QVBoxLayout(roster_group)
        form = QFormLayout()
        form.addRow(self.bringer_label, self.bringer)
        roster_layout.addLayout(form)
        roster_layout.addWidget(QLabel("Coaches, in speaking order (drag to reorder; untick if absent)"))
        roster_layout.addWidget(self.coaches, 1)
        adding = QHBoxLayout()
        adding.addWidget(self.new_coach, 1)
        adding.addWidget(self.add_button)
        roster_layout.addLayout(adding)
        editing = QHBoxLayout()
        editing.addWidget(self.remove_button)
        editing.addWidget(self.shuffle_button)
        editing.addStretch(1)
        roster_layout.addLayout(editing)

        columns = QHBoxLayout()
        columns.addWidget(format_group, 3)
        columns.addWidget(roster_group, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.start_button)

    def focus_first(self) -> None:
        """Focus for the first key typed: the bringer's name if it is empty, else Start.

        Typing "Ada" at launch lands in the bringer field; with the roster
        already filled in (the command line, a rehearsal), Space starts.
        """
        empty = not self.bringer.text().strip()
        target = self.bringer if empty or not self.start_button.isEnabled() else self.start_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _order_tabs(self) -> None:
        """Tab walks the way a first clinic is set up: bringer, a coach's name, Add, Start.

        The rest (the list, Remove, Shuffle, the format) follow, and Tab comes
        round to the bringer again. Before, Tab from the bringer went to the
        empty coach list, and nothing had focus at launch.
        """
        chain = (
            self.bringer,
            self.new_coach,
            self.add_button,
            self.start_button,
            self.coaches,
            self.remove_button,
            self.shuffle_button,
            self.format_box,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_crew_offer(self, offer: QWidget, first: QWidget) -> None:
        """Puts the crews' offer of this week's meeting above the format (Alt+R), after the format in Tab order.

        The Tab walk of a first clinic (bringer, a coach, Add, Start) stays as it is;
        the offer is one mnemonic away, and filling it in fills all the rest.
        """
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, offer)
        QWidget.setTabOrder(self.format_box, first)

    # -- reading and filling in ------------------------------------------------

    def format_name(self) -> str:
        """The chosen format's name."""
        return str(self.format_box.currentData() or "")

    def coach_names(self) -> list[str]:
        """Every coach on the list, in order, absent ones included."""
        return [self.coaches.item(i).text() for i in range(self.coaches.count())]

    def absent_names(self) -> list[str]:
        """The coaches whose box is unticked."""
        return [
            self.coaches.item(i).text()
            for i in range(self.coaches.count())
            if self.coaches.item(i).checkState() is not Qt.CheckState.Checked
        ]

    def prefill(
        self,
        format_name: str | None = None,
        bringer: str | None = None,
        coaches: Sequence[str] = (),
        known: Sequence[Person] = (),
    ) -> None:
        """Fills in the form in one go (command line, demo, last format, a crew) and sets up once.

        ``known`` are the people the names are (a crew's members); they join :attr:`known`.
        """
        self.known = [*known, *self.known]
        self._quiet = True
        try:
            if format_name:
                index = self.format_box.findData(format_name)
                if index >= 0:
                    self.format_box.setCurrentIndex(index)
            if bringer is not None:
                self.bringer.setText(bringer)
            if coaches:
                self.coaches.clear()
                for name in coaches:
                    self._append_coach(name)
        finally:
            self._quiet = False
        self._show_format()

    def recognise(self, people: Sequence[Person]) -> None:
        """Adds people met in earlier clinics to :attr:`known`; a clinic set up but not started takes their ids."""
        self.known = [*self.known, *people]
        view = self.controller.view()
        if view is None or view.state is not State.READY:
            return
        theirs = {p.name.casefold(): p.id for p in people}
        if any(theirs.get(p.name.casefold(), p.id) != p.id for p in self._cast):
            self._cast = tuple(p for p in self._cast if p.name.casefold() not in theirs)  # theirs win
            self.apply()

    def apply(self) -> bool:
        """Sets up a session from the form; False (with the reason shown) if it cannot run."""
        fmt = self._format()
        view = self.controller.view()
        if fmt is None or (view is not None and view.state in (State.RUNNING, State.PAUSED)):
            return False
        names, absent = self.coach_names(), self.absent_names()
        if len(names) > MAX_COACHES:  # the limit counts who takes part: the unticked do not
            names, absent = [n for n in names if n not in absent], []
        try:
            known = [*self._cast, *self.known]
            roster = Roster.made(self.bringer.text(), names, hosted=fmt.hosted, known=known)
            present = len(roster.coaches) - len(absent)
            if present < 1 and fmt.max_coaches > 0:
                raise RosterError("at least one coach must be present")
            self.controller.setup(fmt, roster)
        except RosterError as error:
            self._show_problem(str(error))
            # The table and total must not go on promising the last roster that could run.
            self._show_phases(fmt, len(self.coach_names()) - len(self.absent_names()))
            return False
        self._cast = roster.people
        for name in absent:
            self.controller.set_absent(roster.named(name).id, True)
        self._show_problem("")
        self._show_phases(fmt, present)
        return True

    # -- slots -----------------------------------------------------------------

    def _on_format_box_changed(self, _index: int) -> None:
        self._show_format()
        if not self._quiet:
            self.format_chosen.emit(self.format_name())

    def _on_roster_edited(self, *_: object) -> None:
        if not self._quiet:
            self.apply()

    def _on_add_button_clicked(self) -> None:
        name = self.new_coach.text().strip()
        if not name:
            return
        self._append_coach(name)
        self.new_coach.clear()
        self.apply()

    def _on_remove_button_clicked(self) -> None:
        row = self.coaches.currentRow()
        if row < 0:
            row = self.coaches.count() - 1
        if row >= 0:
            self.coaches.takeItem(row)
            self.apply()

    def _on_shuffle_button_clicked(self) -> None:
        names = self.coach_names()
        absent = set(self.absent_names())
        random.shuffle(names)
        self._quiet = True
        try:
            self.coaches.clear()
            for name in names:
                self._append_coach(name, present=name not in absent)
        finally:
            self._quiet = False
        self.apply()

    def _on_start_button_clicked(self) -> None:
        if self.apply():
            self.controller.toggle_pause()

    # -- drawing -----------------------------------------------------------------

    def _append_coach(self, name: str, present: bool = True) -> None:
        item = QListWidgetItem(name.strip())
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
        self.coaches.addItem(item)

    def _format(self) -> Format | None:
        name = self.format_name()
        return self.catalogue.formats.get(name)

    def _show_format(self) -> None:
        fmt = self._format()
        if fmt is None:
            self.description.setText("No clinic formats were found.")
            self.start_button.setEnabled(False)
            return
        self.description.setText(fmt.description)
        self.bringer_label.setText("Host" if fmt.hosted else "Case bringer")
        self.bringer.setPlaceholderText("Who hosts?" if fmt.hosted else "Who brings the case?")
        if self._quiet or not self.apply():  # a roster that sets up shows the phases itself
            self._show_phases(fmt, max(len(self.coach_names()) - len(self.absent_names()), 0))

    def _show_phases(self, fmt: Format, coaches: int) -> None:
        """The phases and the total for ``coaches`` present (see :meth:`PhaseTable.show_plan`)."""
        self.total.setText(self.phases.show_plan(fmt, coaches))

    def _show_problem(self, text: str) -> None:
        if text in (EMPTY_BRINGER, EMPTY_HOST):  # a form not filled in yet is not a mistake: say what to do
            shown = f"Enter {text.split(' needs')[0]}'s name and the coaches to start."
        else:
            shown = f"⚠ {as_sentence(text)}" if text else ""
        self.problem.setText(shown)
        self.start_button.setEnabled(not text)


EMPTY_BRINGER = "the case bringer needs a name"
EMPTY_HOST = "the host needs a name"
