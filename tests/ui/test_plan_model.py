"""The Plan room's model: Qt's checks hold; a week reads in the crew's own zone, with who was away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.plan import hold, swap
from clinic_timer.ui.plan_model import AWAY, BRINGER, FORMAT, HELD, WHEN, PlanModel
from tests.ui.crew_fixtures import add_crew

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester

    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.crew_desk import CrewDesk


def test_the_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, desk: CrewDesk, crew_book: CrewBook
) -> None:
    """Qt's own checks hold for the weeks, through choosing a crew and changing its plan."""
    crew = add_crew(crew_book)
    desk.reload()
    model = PlanModel(desk, {"crew-case-clinic": "Crew case clinic"})
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.show_crew(crew.id)
    desk.change_plan(crew.id, lambda _c, p: swap(p, 2, 3))
    assert model.rowCount() == 6


def test_weeks_read_in_the_crews_zone_with_bringers_and_absences(desk: CrewDesk, crew_book: CrewBook) -> None:
    """Date and time in the crew's zone, the format, who brings, held or not, who was away."""
    crew = add_crew(crew_book)
    desk.reload()
    model = PlanModel(desk, {})
    model.show_crew(crew.id)
    assert model.index(0, WHEN).data() == "Tue 13 Oct 2026 19:00 (Europe/London)"
    assert model.index(1, FORMAT).data() == "case clinic"
    assert model.index(1, BRINGER).data() == "Ada"
    assert model.index(0, BRINGER).data() == "nobody (no case)"
    kept = desk.crews[0]
    desk.save_crew(crew, hold(crew, kept.plan, 1, record_id=None, absent=(crew.members[2],)))
    assert (model.index(0, HELD).data(), model.index(0, AWAY).data()) == ("held", "Cy")
    assert model.index(1, HELD).data() == "planned"
