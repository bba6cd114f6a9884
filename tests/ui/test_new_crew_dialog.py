"""The form that forms a crew: a slot the core refuses is said and the form keeps what was typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate

from clinic_timer.core.crews import Weekday
from clinic_timer.core.people import Person
from clinic_timer.ui.new_crew_dialog import CrewDraft, NewCrewDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def draft() -> CrewDraft:
    """Three guests around civics, Dee organising."""
    return CrewDraft(
        "civics",
        tuple(Person.new(n) for n in ("Ada", "Ben", "Cy")),
        Person.new("Dee"),
        "UTC",
        date(2026, 10, 12),
    )


def test_an_unknown_zone_is_said_and_the_form_stays_open(qtbot: QtBot) -> None:
    """ "Mars/Base" is refused under the form; nothing is formed and the typed name stays."""
    dialog = NewCrewDialog(draft())
    qtbot.addWidget(dialog)
    dialog.name.setText("Civic tech")
    dialog.zone.setText("Mars/Base")
    dialog.accept()
    assert dialog.crew is None
    assert "'Mars/Base' is not a time zone name" in dialog.problem.text()
    assert dialog.name.text() == "Civic tech"


def test_the_confirmed_crew_meets_on_its_first_dates_weekday(qtbot: QtBot) -> None:
    """The first date's weekday is the crew's; the guests come first and the organiser last."""
    made = draft()
    dialog = NewCrewDialog(made)
    qtbot.addWidget(dialog)
    assert dialog.first.date() == QDate(2026, 10, 13)  # the next Tuesday after the 12th
    dialog.first.setDate(QDate(2026, 10, 15))
    dialog.zone.setText("Europe/London")
    dialog.call_link.setText(" https://meet.example/civics ")
    dialog.accept()
    crew = dialog.crew
    assert crew is not None
    assert crew.schedule.weekday is Weekday.THU
    assert crew.members == (*(p.id for p in made.guests), made.organiser.id)
    assert crew.call_link == "https://meet.example/civics"
