"""The crew's parts of the console: the offer on the set-up page and the case recalled on the run page.

:class:`CrewOffer` lists the crews with a meeting today or coming up
("Civics crew, week 3: Ben brings a case"); choosing one fills in the
format and roster, which the facilitator can still change. :class:`RecallCard`
shows, in the private console only, what the person speaking brought to
their clinic, during their turn in the landing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from clinic_timer.core.crew_week import WeekClinic
    from clinic_timer.ui.crew_clinic import CrewClinic

NO_CREW = "None: set up by hand"


class CrewOffer(QWidget):
    """ "Crew meeting: [Civics crew, week 3: Ben brings a case]" at the top of the set-up page.

    Args:
        clinic: the crew week being set up, and where the offers come from.
        parent: the set-up panel; give it, or the offer would show as a window of its own.
    """

    def __init__(self, clinic: CrewClinic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crewOffer")
        self.clinic = clinic
        self.choice = QComboBox()
        self.choice.setObjectName("crewMeetingChoice")
        self.choice.setAccessibleName("Crew meeting")
        label = QLabel("C&rew meeting:")
        label.setBuddy(self.choice)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.choice, 1)
        self._weeks: list[WeekClinic] = []
        self.refresh()
        clinic.desk.crews_changed.connect(self.refresh)
        clinic.week_changed.connect(self._on_clinic_week_changed)
        self.choice.activated.connect(self._on_choice_activated)

    def refresh(self) -> None:
        """Lists the crews' meetings today or coming up again (after the plan changed)."""
        self._weeks = self.clinic.offers()
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(NO_CREW)
        for week in self._weeks:
            self.choice.addItem(week.title)
        self.choice.setCurrentIndex(self._row_of(self.clinic.week))
        self.choice.blockSignals(False)
        self.setVisible(bool(self._weeks))

    def choose_row(self, row: int) -> None:
        """Chooses the offer on ``row`` (0 is none), as picking it in the list does."""
        self.choice.setCurrentIndex(row)
        self._on_choice_activated(row)

    def choose_week(self, crew_id: str, number: int) -> bool:
        """Chooses the offer of this crew's week, if it is offered; whether it was."""
        row = next(
            (i + 1 for i, w in enumerate(self._weeks) if (w.crew_id, w.number) == (crew_id, number)), 0
        )
        if row:
            self.choose_row(row)
        return bool(row)

    def _row_of(self, week: WeekClinic | None) -> int:
        return next((i + 1 for i, w in enumerate(self._weeks) if w == week), 0)

    def _on_choice_activated(self, row: int) -> None:
        self.clinic.choose(self._weeks[row - 1] if 0 < row <= len(self._weeks) else None)

    def _on_clinic_week_changed(self, week: WeekClinic | None) -> None:
        self.choice.setCurrentIndex(self._row_of(week))


class RecallCard(QFrame):
    """What the speaker brought, for the facilitator's eyes (never in the share view)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseRecall")
        self.setFrameShape(QFrame.Shape.Box)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("caseRecallText")
        privacy = QLabel(
            "In your console only: the shared window shows at most the title, if the crew agreed."
        )
        privacy.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(privacy)
        self.setVisible(False)

    def show_recall(self, text: str) -> None:
        """Shows these lines (the first as the heading), or hides the card for ""."""
        heading, _, body = text.partition("\n")
        self.heading.setText(heading)
        self.text.setText(body)
        self.setVisible(bool(text))
