"""A crew's whole arc in the app, on the fake clock: people, a suggested crew, its weeks run, its landing.

The app's own composition, minus the event loop: the console, the notes
keeper saving into a real database, the crews over the keeper's store, the
share view. Only the dialogs (the crew's form, the ending question, the file
picker) and the clock are replaced.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import icalendar
import pytest
from PySide6.QtCore import Qt

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.crew_week import REVISIT_PHASES
from clinic_timer.core.notes import Note, Section
from clinic_timer.core.people import Ease, Standing
from clinic_timer.core.plan import Ending
from clinic_timer.core.session import State
from clinic_timer.store.autosave import SavePolicy
from clinic_timer.store.crews import CrewBook
from clinic_timer.ui.console import Console
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.crew_exports import CrewFileChoice
from clinic_timer.ui.crews_menu import attach_crews
from clinic_timer.ui.ending_dialog import EndingQuestion
from clinic_timer.ui.fitting import FittedLabel
from clinic_timer.ui.new_crew_dialog import CrewDraft, NewCrewDialog, draft_crew
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.notes_menu import attach_notes
from clinic_timer.ui.people_model import AT_EASE, INTERESTS, STANDING
from clinic_timer.ui.settings import Settings
from clinic_timer.ui.share_view import ShareView
from tests.ui.crew_fixtures import TODAY

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.crew_week import WeekClinic
    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Plan
    from clinic_timer.ui.crew_desk import CrewDesk
    from clinic_timer.ui.crews_menu import CrewsMenu
    from clinic_timer.ui.notes_menu import Notes

PRIVATE = "PRIVATE-ONLY-FOR-THE-FACILITATOR"


class Arc:
    """The app's parts for one arc, and the day the crews believe it is."""

    def __init__(self, qtbot: QtBot, clock: FakeClock, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.week: WeekClinic | None = None
        self.day = TODAY
        self.settings = Settings()
        catalogue = load_catalogue(paths.shipped("sessions"), None)
        self.controller = SessionController(clock)
        self.console = Console(self.controller, catalogue, self.settings)
        qtbot.addWidget(self.console)
        self.console.show()
        self.database = NotesDatabase(tmp_path / "notes.sqlite3")
        self.notes: Notes = attach_notes(
            self.console, catalogue, self.database, policy=SavePolicy(interval_s=0.0)
        )
        qtbot.waitUntil(lambda: self.notes.keeper.saving)
        self.share = ShareView(self.controller)
        qtbot.addWidget(self.share)
        self.crews: CrewsMenu = attach_crews(
            self.console,
            lambda: CrewBook(self.database.store) if self.database.store is not None else None,
            catalogue.formats,
            settings=self.settings,
            record_id=lambda: self.controller.clinic.id if self.controller.clinic is not None else None,
            show_case_title=self.share.set_case_title,
            today=lambda: self.day,
        )
        qtbot.waitUntil(lambda: self.crews.clinic is not None)

    def share_texts(self) -> str:
        """Everything the share view shows in words."""
        return " | ".join(label.text() for label in self.share.findChildren(FittedLabel))

    def run_week(self, row: int, *, absent: str | None = None, case: str = "", landing: bool = False) -> None:
        """Chooses the set-up page's offer on ``row``, runs the clinic (notes written), and ends it."""
        clinic = self.crews.clinic
        assert clinic is not None
        offer = self.crews.offer
        assert offer is not None
        assert offer.isVisibleTo(self.console.setup_panel)
        offer.choose_row(row)
        self.week = clinic.week
        assert self.week is not None
        in_progress = self.controller.clinic
        assert in_progress is not None
        session = in_progress.session
        assert session.rotation == self.week.number - 1  # the nudges follow the crew's week
        assert [p.id for p in session.roster.people] == list(self.week.members)  # the members themselves
        panel = self.console.setup_panel
        if absent is not None:
            coaches = panel.coaches
            for index in range(coaches.count()):
                if coaches.item(index).text() == absent:
                    coaches.item(index).setCheckState(Qt.CheckState.Unchecked)
        panel.start_button.click()
        assert (in_progress.crew_id, in_progress.week) == (self.week.crew_id, self.week.number)  # its slot
        view = self.controller.view()
        assert view is not None
        assert view.state is State.RUNNING
        self.qtbot.waitUntil(lambda: self.notes.keeper.current_id is not None)  # its record is made
        book = self.notes.panel.notebook
        if case:
            book.set_case(case, f"help with {case}")
            book.add(Note(f"takeaway of {case}", Section.TAKEAWAYS, 10.0))
            book.add(Note(f"{PRIVATE} about {case}", Section.TAKEAWAYS, 11.0, private=True))
            self.notes.panel.notes_changed.emit()
        if not landing:
            self.controller.end()
            self.wait_held()

    def wait_held(self) -> None:
        """Waits for the end of the clinic to reach the plan, then for its notes to be on disk."""
        week = self.week
        assert week is not None
        desk = self.crews.desk()
        assert desk is not None

        def held() -> bool:
            kept = desk.crew(week.crew_id)
            return kept is not None and kept.plan.meeting(week.number).held

        self.qtbot.waitUntil(held)
        self.flush()

    def flush(self) -> None:
        """Waits for the autosaver to have written everything (weeks are days apart in life)."""
        saver = self.notes.keeper.saver
        assert saver is not None
        assert saver.flush()


def plan_of(desk: CrewDesk, crew_id: str) -> Plan:
    """The crew's plan as kept now."""
    kept = desk.crew(crew_id)
    assert kept is not None
    return kept.plan


@pytest.fixture
def arc(qtbot: QtBot, fake_clock: FakeClock, tmp_path: Path) -> Iterator[Arc]:
    """The app's parts, with an empty database; its saving stopped and the database closed after."""
    made = Arc(qtbot, fake_clock, tmp_path)
    yield made
    made.notes.keeper.close()
    made.database.close()


def test_a_crews_whole_arc(arc: Arc, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four people, a suggested crew, its .ics, week 2 with one away, then a landing recalling every case."""
    window = arc.crews.open_window()
    assert window is not None
    qtbot.addWidget(window)
    people = window.people
    for name in ("Dee", "Ada", "Ben", "Cy"):  # Dee is the organiser
        people.new_name.setText(name)
        people.add_person()
        row = people.selected_row()
        people.model.setData(people.model.index(row, INTERESTS), "civics")
        people.model.setData(people.model.index(row, STANDING), Standing.INTERESTED.value)
        people.model.setData(people.model.index(row, AT_EASE), Ease.YES.value)
    desk = window.desk
    dee = next(p for p in desk.people if p.name == "Dee")
    window.crews.organiser.setCurrentIndex(window.crews.organiser.findData(dee.id))

    def confirm(cls: type, draft: CrewDraft, parent: object = None) -> Crew:
        return draft_crew(draft, first=TODAY - timedelta(weeks=1), zone="Europe/London", weeks=6)

    monkeypatch.setattr(NewCrewDialog, "ask", classmethod(confirm))
    window.crews.show_suggestions()
    crew = window.crews.form_selected()
    assert crew is not None
    names = {p.id: p.name for p in desk.people}
    assert [names[m] for m in crew.members] == ["Ada", "Ben", "Cy", "Dee"]

    ics = tmp_path / "crew.ics"
    summary = tmp_path / "crew.md"
    monkeypatch.setattr(CrewFileChoice, "ask", classmethod(lambda cls, s, f, parent=None: ics))
    assert window.plan.export_calendar()
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events][1] == "Civics crew: case clinic (Ada brings a case)"

    # week 2, today: the set-up page offers it; Ada brings, Cy is away
    clinic = arc.crews.clinic
    assert clinic is not None
    offered = clinic.offers()
    assert [w.title for w in offered] == ["Civics crew, week 2: Ada brings a case"]
    arc.run_week(1, absent="Cy", case="City or country")
    week2 = plan_of(desk, crew.id).meeting(2)
    kept = arc.database.store.load(week2.record_id or "") if arc.database.store else None
    assert kept is not None
    assert kept.notebook.title == "City or country"  # the week links to its clinic's own record
    assert week2.held
    assert [names[a] for a in week2.absent] == ["Cy"]
    assert (
        arc.console.statusBar()
        .currentMessage()
        .startswith("Civics crew, week 2: Ada brings a case: held, Cy away.")
    )
    assert week2.record_id is not None

    for bringer, case in (("Ben", "Changing jobs"), ("Cy", "A long friendship"), ("Dee", "Moving abroad")):
        arc.day += timedelta(weeks=1)
        (week,) = clinic.offers()
        assert week.title.endswith(f"{bringer} brings a case")
        arc.run_week(1, case=case)

    # the landing: each person's case in the console during their turn, never a private note
    arc.day += timedelta(weeks=1)
    (landing,) = clinic.offers()
    assert landing.landing
    asked: list[str] = []

    def carry_on(cls: type, title: str, parent: object = None) -> tuple[Ending, int]:
        asked.append(title)
        return Ending.CARRYING_ON, 3

    monkeypatch.setattr(EndingQuestion, "ask", classmethod(carry_on))
    arc.run_week(1, landing=True)
    recalled: dict[str, str] = {}
    seen_titles: set[str] = set()
    card = arc.crews.card
    assert card is not None
    for _step in range(40):
        view = arc.controller.view()
        assert view is not None
        if view.state is State.FINISHED:
            break
        if view.phase.name in REVISIT_PHASES:
            recalled[view.speaker] = f"{card.heading.text()}\n{card.text.text()}"
            shared = arc.share_texts()
            assert PRIVATE not in shared
            if "THEIR CASE" in shared:
                seen_titles.add(view.speaker)
            if view.speaker == "Ben":  # the crew agrees, mid-landing, that titles may be shown
                window.plan.show_crew(crew.id)
                window.plan.share_titles.setChecked(True)
        arc.controller.next()
    assert arc.controller.view().state is State.FINISHED  # type: ignore[union-attr]
    arc.wait_held()
    assert set(recalled) == {"Ada", "Ben", "Cy", "Dee"}
    cases = {
        "Ada": "City or country",
        "Ben": "Changing jobs",
        "Cy": "A long friendship",
        "Dee": "Moving abroad",
    }
    for name, case in cases.items():
        assert case in recalled[name]
        assert f"Wanted help with: help with {case}" in recalled[name]
        assert f"Takeaway: takeaway of {case}" in recalled[name]
        assert PRIVATE not in recalled[name]
    assert "Ada" not in seen_titles  # off by default: Ada's turn came before it was switched on
    assert seen_titles  # and on, once the crew agreed
    assert asked == ["Civics crew"]
    assert arc.console.statusBar().currentMessage().startswith("The Civics crew carries on: 3 more weeks")
    plan = plan_of(desk, crew.id)
    assert plan.meeting(6).held
    assert plan.ending is Ending.CARRYING_ON
    assert len(plan.meetings) == 9

    monkeypatch.setattr(CrewFileChoice, "ask", classmethod(lambda cls, s, f, parent=None: summary))
    assert window.plan.export_summary()
    monkeypatch.setattr(CrewFileChoice, "ask", classmethod(lambda cls, s, f, parent=None: ics))
    assert window.plan.export_calendar()
    text = summary.read_text(encoding="utf-8")
    assert "Ada: City or country" in text
    for exported in (text, ics.read_text(encoding="utf-8")):
        assert PRIVATE not in exported


def test_a_time_bounded_landing_moves_its_members_to_crewed_before(
    qtbot: QtBot, controller: SessionController, crew_book: CrewBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The landing's end asks; a time-bounded ending adds no weeks and its members have crewed before."""
    from clinic_timer.core.plan import hold
    from clinic_timer.ui.crew_clinic import CrewClinic
    from clinic_timer.ui.crew_desk import CrewDesk
    from tests.ui.crew_fixtures import add_crew

    crew = add_crew(crew_book)
    (kept,) = crew_book.crews()
    plan = kept.plan
    for number in range(1, 6):
        plan = hold(crew, plan, number, record_id=None, absent=())
    crew_book.save_crew(crew, plan)
    desk = CrewDesk(crew_book, today=lambda: plan.meeting(6).day)
    console = Console(controller, load_catalogue(paths.shipped("sessions"), None), Settings())
    qtbot.addWidget(console)
    clinic = CrewClinic(controller, console.setup_panel, desk, lambda: None, lambda _crew: False)
    (landing,) = clinic.offers()
    monkeypatch.setattr(
        EndingQuestion, "ask", classmethod(lambda cls, title, parent=None: (Ending.TIME_BOUNDED, 0))
    )
    clinic.choose(landing)
    console.setup_panel.start_button.click()
    controller.end()
    qtbot.waitUntil(lambda: plan_of(desk, crew.id).ending is Ending.TIME_BOUNDED)
    assert len(plan_of(desk, crew.id).meetings) == 6
    assert plan_of(desk, crew.id).meeting(6).held
    assert {p.standing for p in crew_book.people()} == {Standing.CREWED_BEFORE}
    assert clinic.week is None  # the next clinic is of no crew until one is chosen
