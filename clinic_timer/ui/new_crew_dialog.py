"""The form that turns a suggestion into a crew: the organiser confirms who, and says when.

Nothing is formed until the organiser presses Form crew: the app proposes,
the organiser decides. A slot the core refuses (a first date that is not the
crew's weekday, a zone that does not exist) is said under the form, and the
form stays open with everything typed kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.crews import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    MIN_WEEKS,
    Crew,
    CrewError,
    Schedule,
    Weekday,
    new_crew_id,
)
from clinic_timer.ui import titles

if TYPE_CHECKING:
    from clinic_timer.core.people import Person
    from clinic_timer.core.suggest import Suggestion

DEFAULT_AT = time(19, 0)


@dataclass(frozen=True)
class CrewDraft:
    """What the form starts from: the suggestion's people, and who organises."""

    interest: str
    guests: tuple[Person, ...]
    organiser: Person
    zone: str = "UTC"
    today: date | None = None


def draft_crew(draft: CrewDraft, **slot: object) -> Crew:
    """The crew a draft makes with the slot given (the form's values; tests pass them directly).

    Raises:
        CrewError: the slot or the members cannot make a crew.
    """
    first = slot.get("first")
    weekday = Weekday(first.weekday()) if isinstance(first, date) else Weekday.TUE
    at = slot.get("at", DEFAULT_AT)
    if not isinstance(first, date) or not isinstance(at, time):
        raise CrewError("give the crew a first date and a time")
    return Crew(
        id=new_crew_id(),
        name=str(slot.get("name") or draft.interest.capitalize()),
        interest=draft.interest,
        organiser=draft.organiser.id,
        members=(*(p.id for p in draft.guests), draft.organiser.id),
        schedule=Schedule(weekday, at, str(slot.get("zone", draft.zone)), first),
        weeks=int(str(slot.get("weeks", DEFAULT_WEEKS))),
        call_link=str(slot.get("call_link", "")),
        chat_link=str(slot.get("chat_link", "")),
    )


class NewCrewDialog(QDialog):
    """The crew's name, slot and links, for a suggested crew.

    Args:
        draft: the suggestion and organiser.
        parent: the Crews window.
    """

    def __init__(self, draft: CrewDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.crew: Crew | None = None
        self.setWindowTitle(titles.title(titles.FORM_CREW))
        who = ", ".join(p.name for p in draft.guests) + f" and you ({draft.organiser.name})"
        intro = QLabel(f"A crew around {draft.interest}: {who}. When will it meet?")
        intro.setWordWrap(True)
        self.name = QLineEdit(draft.interest.capitalize())
        first = _next_tuesday(draft.today or date.today())
        self.first = QDateEdit(QDate(first.year, first.month, first.day))
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("ddd d MMM yyyy")
        self.at = QTimeEdit(QTime(DEFAULT_AT.hour, DEFAULT_AT.minute))
        self.at.setDisplayFormat("HH:mm")
        self.zone = QLineEdit(draft.zone)
        self.weeks = QSpinBox()
        self.weeks.setRange(MIN_WEEKS, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.call_link = QLineEdit()
        self.chat_link = QLineEdit()
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&First meeting (its weekday is the crew's):", self.first)
        form.addRow("&Time:", self.at)
        form.addRow("Time &zone (for example Europe/London):", self.zone)
        form.addRow("&Weeks, intro and landing included:", self.weeks)
        form.addRow("&Call link:", self.call_link)
        form.addRow("C&hat link:", self.chat_link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        form_button = buttons.addButton("Form crew", QDialogButtonBox.ButtonRole.AcceptRole)
        form_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Forms the crew if the core takes it; otherwise says why and stays open."""
        picked = self.first.date()
        try:
            self.crew = draft_crew(
                self.draft,
                name=self.name.text(),
                first=date(picked.year(), picked.month(), picked.day()),
                at=time(self.at.time().hour(), self.at.time().minute()),
                zone=self.zone.text(),
                weeks=self.weeks.value(),
                call_link=self.call_link.text(),
                chat_link=self.chat_link.text(),
            )
        except CrewError as error:
            self.problem.setText(f"Not yet: {error}.")
            return
        super().accept()

    @classmethod
    def ask(cls, draft: CrewDraft, parent: QWidget | None = None) -> Crew | None:
        """The crew the organiser confirmed, or None; the one entry point, so tests can replace it."""
        dialog = cls(draft, parent)
        confirmed = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.crew if confirmed else None


def suggestion_draft(suggestion: Suggestion, organiser: Person, zone: str, today: date) -> CrewDraft:
    """The form's starting point for a picked suggestion."""
    return CrewDraft(suggestion.interest, suggestion.people, organiser, zone, today)


def _next_tuesday(today: date) -> date:
    return today + timedelta(days=(Weekday.TUE - today.weekday()) % 7 or 7)
