"""The crews' desk: writes go through at once, refusals are said and change nothing, damage is named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.plan import plan_for, swap
from clinic_timer.store.crews import CrewBook
from clinic_timer.ui.crew_desk import CrewDesk
from clinic_timer.ui.crews_window import CrewsWindow
from tests.ui.crew_fixtures import TODAY, add_crew

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.store import Store


def test_a_crew_name_taken_is_refused_and_said(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """A second crew called Civics is not kept; the desk says so and its list is unchanged."""
    crew = add_crew(crew_book)
    desk.reload()
    twin = crew.with_changes(id="d2d2d2d2")
    with qtbot.waitSignal(desk.failed) as said:
        assert not desk.save_crew(twin, plan_for(twin))
    assert "already a crew called 'Civics'" in said.args[0]
    assert [k.crew.id for k in desk.crews] == [crew.id]
    assert [k.crew.id for k in crew_book.crews()] == [crew.id]


def test_a_crew_member_cannot_be_removed(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """Removing someone in a crew is refused with the crew's name; they stay on the list."""
    crew = add_crew(crew_book)
    desk.reload()
    with qtbot.waitSignal(desk.failed) as said:
        assert not desk.remove_person(crew.members[0])
    assert "Civics" in said.args[0]
    assert len(crew_book.people()) == 4


def test_a_plan_change_the_plan_refuses_is_said(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """Swapping a week with itself is the plan's refusal, as one line; nothing is written."""
    crew = add_crew(crew_book)
    desk.reload()
    with qtbot.waitSignal(desk.failed) as said:
        assert not desk.change_plan(crew.id, lambda _c, p: swap(p, 2, 2))
    assert said.args[0] == "give two different weeks to swap"
    assert crew_book.crew(crew.id).plan.meeting(2).sequence == 0


def test_a_damaged_crew_row_is_named_and_the_window_still_opens(qtbot: QtBot, crew_store: Store) -> None:
    """A crew whose weekday cannot be read: the window opens empty and its status line names the file."""
    book = CrewBook(crew_store)
    add_crew(book)
    with crew_store.writing() as db:
        db.execute("UPDATE crew SET weekday = 9")
    desk = CrewDesk(book, today=lambda: TODAY)
    assert desk.problem is not None
    assert str(crew_store.path) in desk.problem
    window = CrewsWindow(desk, {})
    qtbot.addWidget(window)
    window.show()
    assert str(crew_store.path) in window.statusBar().currentMessage()
    assert window.crews.model.rowCount() == 0
