"""The Crews room's models: Qt's checks hold; health is said in words and a symbol, not colour alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import hold
from clinic_timer.core.suggest import suggest
from clinic_timer.ui.crews_model import HEALTH, MEMBERS, NEXT, WARNING, CrewsModel, SuggestionsModel
from tests.ui.crew_fixtures import add_crew

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester

    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.crew_desk import CrewDesk


def test_the_crews_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, desk: CrewDesk, crew_book: CrewBook
) -> None:
    """Qt's own checks hold for the crews' table, through a reload after a crew is added."""
    model = CrewsModel(desk)
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    add_crew(crew_book)
    desk.reload()
    assert model.rowCount() == 1


def test_a_crew_row_names_members_next_meeting_and_health(desk: CrewDesk, crew_book: CrewBook) -> None:
    """The row names the organiser, the next meeting with its bringer, and the early signs in words."""
    crew = add_crew(crew_book)
    desk.reload()
    model = CrewsModel(desk)
    assert model.index(0, MEMBERS).data() == "Ada, Ben, Cy, Dee (organiser)"
    assert "week 1: intro session" in model.index(0, NEXT).data()
    assert model.index(0, HEALTH).data() == "no meeting held yet"
    kept = desk.crews[0]
    ada, ben = crew.members[0], crew.members[1]
    plan = hold(crew, kept.plan, 1, record_id=None, absent=(ada, ben))
    plan = hold(crew, plan, 2, record_id=None, absent=(ada,))
    desk.save_crew(crew, plan)
    health = model.index(0, HEALTH).data()
    assert health.startswith(WARNING)
    assert "Ada away twice in a row, week 2" in health
    assert "two or more away in week 1" in health
    assert "week 1: 2 of 4, week 2: 3 of 4" in health
    assert "Ben brings a case" in model.index(0, NEXT).data()  # week 3's bringer comes next


def test_the_suggestions_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    """Qt's own checks hold for the suggestions, including the lines saying what is missing."""
    people = [
        Person.new(n, interests=("civics",), standing=Standing.INTERESTED, at_ease=Ease.YES)
        for n in ("Ada", "Ben", "Cy")
    ] + [Person.new("Zed", interests=("chess",), standing=Standing.INTERESTED)]
    model = SuggestionsModel()
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.show(suggest(people))
    assert model.rowCount() == 2
    assert model.suggestion(0) is not None
    assert model.suggestion(1) is None
    assert model.index(1).data().startswith("Not yet: only one person shares 'chess'")
