"""The run panel: the facilitator's clock, phases, roster and buttons while a clinic runs."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.console_text import session_text
from clinic_timer.core.session import SessionView, State
from clinic_timer.core.times import countdown
from clinic_timer.ui.run_panel import RunPanel
from tests.core.cast import pid

if TYPE_CHECKING:
    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.console import Console

MIN = 60.0


def view_of(console: Console) -> SessionView:
    """The controller's current view (there always is one once the console is set up)."""
    view = console.controller.view()
    assert view is not None
    return view


def click(console: Console, name: str) -> None:
    """Clicks one of the run panel's buttons by action name."""
    console.run_panel.buttons[name].click()


def advance(console: Console, clock: FakeClock, seconds: float) -> None:
    """Moves the fake clock and lets the controller publish what that means."""
    clock.advance(seconds)
    console.controller.refresh()


def _phase_rows(console: Console) -> list[str]:
    """The run panel's phase list, row by row."""
    phase_list = console.run_panel.phase_list
    return [phase_list.item(i).text() for i in range(phase_list.count())]


def test_marking_a_coach_absent_shortens_the_phases_listed(console: Console) -> None:
    """The run panel's phase minutes follow the roster: a coach fewer, one turn fewer."""
    console.setup_panel.start_button.click()
    phases = console.run_panel.phase_list
    assert phases.item(1).text().endswith("Reflections · 15 min")
    console.controller.set_absent(pid("Dee"), True)
    assert phases.item(1).text().endswith("Reflections · 10 min")


def test_run_panel_built_late_shows_the_clinic_as_it_stands(console: Console, fake_clock: FakeClock) -> None:
    """A run panel made after the clinic moved on (by the app, after the first paint) needs no tick to catch up."""
    console.setup_panel.start_button.click()
    advance(console, fake_clock, 95.0)
    console.controller.toggle_pause()
    late = RunPanel(console.controller, {})
    assert late.clock.text() == countdown(view_of(console).remaining_s)
    assert late.status.text() == "❚❚ Paused"


def test_pause_stops_the_clock_and_says_so(console: Console, fake_clock: FakeClock) -> None:
    """Paused, the countdown stands still and the status reads Paused."""
    console.setup_panel.start_button.click()
    advance(console, fake_clock, 30)
    click(console, "pause")
    advance(console, fake_clock, 5 * MIN)
    assert console.run_panel.clock.text() == "19:30"
    assert console.run_panel.status.text() == "❚❚ Paused"
    assert console.run_panel.buttons["pause"].text().startswith("▶ Resume")


def test_the_phase_list_marks_done_current_and_to_come(console: Console) -> None:
    """Done phases are ticked, the current one is marked, the rest are plain."""
    console.setup_panel.start_button.click()
    click(console, "next")
    rows = _phase_rows(console)
    assert rows[0].startswith("✓ Case monologue")
    assert rows[1].startswith("▶ Reflections")
    assert rows[3].strip().startswith("Generative dialogue · 45 min")


def test_a_coach_marked_absent_loses_their_turn_and_can_be_brought_back(
    console: Console,
) -> None:
    """Absent Cy is skipped; brought back, Cy is the next to speak."""
    panel = console.run_panel
    console.setup_panel.start_button.click()
    click(console, "next")
    panel.coach_list.setCurrentRow(1)
    panel.absent_button.click()
    assert panel.coach_list.item(1).text() == "   Cy  (absent)"
    assert panel.next_speaker.text() == "Next: Dee"
    panel.coach_list.setCurrentRow(1)
    panel.bring_back_button.click()
    assert panel.coach_list.item(1).text() == "·  Cy"
    assert panel.next_speaker.text() == "Next: Cy"


def test_the_roster_shows_whose_turn_it_is_and_who_is_owed_one(console: Console) -> None:
    """During the reflections the list marks the speaker, who spoke, and who passed and comes back."""
    panel = console.run_panel
    console.setup_panel.start_button.click()
    click(console, "next")  # Ben reflects
    assert [panel.coach_list.item(i).text() for i in range(3)] == ["▶  Ben  (speaking)", "·  Cy", "·  Dee"]
    click(console, "skip")  # Ben passes; Cy reflects
    click(console, "next")  # Cy done; Dee reflects
    assert [panel.coach_list.item(i).text() for i in range(3)] == [
        "↩  Ben  (passed: comes back)",
        "✓  Cy",
        "▶  Dee  (speaking)",
    ]


def test_a_nudge_button_puts_the_nudge_up(console: Console) -> None:
    """The facilitator's nudge shows on the console as it shows to the group."""
    console.setup_panel.start_button.click()
    click(console, "nudge-advice")
    assert "advice" in console.run_panel.nudge.text().lower()


def test_session_text_says_when_the_plan_holds(console: Console) -> None:
    """Before any drift, the session clock says the plan holds."""
    assert session_text(view_of(console)) == "0 of 90 min: on course for the plan"


@pytest.mark.parametrize(
    ("elapsed_min", "projected_min", "line"),
    [
        (21, 91, "21 of 90 min: heading for 91 min, 1 over"),
        (30, 85, "30 of 90 min: heading for 85 min, 5 under"),
    ],
)
def test_the_session_clock_says_where_the_clinic_is_heading(
    console: Console, elapsed_min: float, projected_min: float, line: str
) -> None:
    """Elapsed against the plan in whole minutes, and how far over or under it is heading."""
    view = dataclasses.replace(
        view_of(console),
        state=State.RUNNING,
        elapsed_s=elapsed_min * MIN,
        projected_total_s=projected_min * MIN,
    )
    assert session_text(view) == line


def test_a_finished_clinic_says_what_it_took(console: Console, fake_clock: FakeClock) -> None:
    """Ended after 25 minutes of a 90-minute plan: the session line says so, and the clock says Done."""
    console.setup_panel.start_button.click()
    advance(console, fake_clock, 25 * MIN)
    console.controller.end()
    assert console.run_panel.session_clock.text() == "Took 25 of 90 min: 65 under the plan"
    assert console.run_panel.clock.text() == "Done"
