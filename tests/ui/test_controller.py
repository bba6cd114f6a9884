"""The controller: the one bridge between the session and the widgets."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.clock import FakeClock, ScaledClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.nudges import FACILITATOR_NUDGES
from clinic_timer.core.session import SessionView, State
from clinic_timer.speech.announcer import utterance_for
from clinic_timer.ui.controller import CLINIC_COMPLETE, SessionController, as_sentence
from tests.core.cast import pid, roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def make(qtbot: QtBot) -> tuple[SessionController, FakeClock]:
    clock = FakeClock()
    controller = SessionController(clock)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")))
    return controller, clock


def test_intents_publish_a_fresh_view(qtbot: QtBot) -> None:
    """Starting publishes a running view of the first phase."""
    controller, _ = make(qtbot)
    with qtbot.waitSignal(controller.view_changed) as blocker:
        controller.toggle_pause()
    view = blocker.args[0]
    assert isinstance(view, SessionView)
    assert view.state is State.RUNNING
    assert view.speaker == "Ada"


def test_cues_are_re_emitted_in_order(qtbot: QtBot) -> None:
    """Cues reach listeners in the order the session fired them."""
    controller, clock = make(qtbot)
    cues: list[Cue] = []
    controller.cue_fired.connect(cues.append)
    controller.toggle_pause()
    clock.advance(20 * 60)
    controller.refresh()
    assert [c.kind for c in cues][:2] == [CueKind.SESSION_STARTED, CueKind.PHASE_STARTED]
    assert cues[-1].kind is CueKind.TIME_UP


def test_a_command_that_does_not_apply_is_refused_in_words(qtbot: QtBot) -> None:
    """Skipping a coach during the monologue says why, instead of raising."""
    controller, _ = make(qtbot)
    controller.toggle_pause()
    with qtbot.waitSignal(controller.refused) as blocker:
        controller.pass_turn()
    assert "no coach turns" in blocker.args[0]


@pytest.mark.parametrize(
    ("into_s", "expected_ms"),
    [
        (0.9, 104),  # 1199.1 s left: the shown 20:00 becomes 19:59 in 0.1 s
        (0.25, 754),
        (0.5, 504),
        (0.99, 15),  # 10 ms to the boundary: never sooner than MIN_REFRESH_MS
        (20 * 60 + 0.3, 704),  # 0.3 s over: +0:00 becomes +0:01 in 0.7 s
        (20 * 60 + 61.75, 254),
    ],
)
def test_the_timer_wakes_just_after_the_next_whole_second(
    qtbot: QtBot, into_s: float, expected_ms: int
) -> None:
    """The timer is set to fire a few ms after the countdown's next whole second, counting down or over."""
    controller, clock = make(qtbot)
    controller.toggle_pause()
    clock.advance(into_s)
    controller.refresh()
    assert controller._timer.isActive()
    assert controller._timer.interval() == pytest.approx(expected_ms, abs=1)


def test_a_rehearsal_clock_wakes_the_timer_sooner(qtbot: QtBot) -> None:
    """At 10x, 0.5 clinic seconds to the boundary is 50 real milliseconds (plus the slack)."""
    base = FakeClock()
    controller = SessionController(ScaledClock(base, 10.0))
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")))
    controller.toggle_pause()
    base.advance(0.05)  # half a clinic second
    controller.refresh()
    assert controller._timer.interval() == pytest.approx(50, abs=1)


def test_a_paused_clock_is_refreshed_once_a_second(qtbot: QtBot) -> None:
    """Paused, the timer keeps the elapsed total fresh at a plain second, whatever the countdown shows."""
    controller, clock = make(qtbot)
    controller.toggle_pause()
    clock.advance(0.9)
    controller.toggle_pause()
    assert controller.view() is not None
    assert controller._timer.interval() == 1000


def test_the_running_clock_refreshes_by_itself(qtbot: QtBot) -> None:
    """Without anyone calling refresh, views keep coming while the session runs."""
    controller, clock = make(qtbot)
    controller.toggle_pause()
    clock.advance(0.98)  # the next whole second is 20 ms away on the fake clock
    views: list[SessionView] = []
    controller.view_changed.connect(views.append)
    controller.refresh()
    qtbot.waitUntil(lambda: len(views) >= 3, timeout=1000)  # the timer fired twice by itself


def test_a_facilitator_nudge_shows_then_goes_after_its_reading_time(qtbot: QtBot) -> None:
    """The nudge is published at once and withdrawn once it has been readable long enough."""
    controller, clock = make(qtbot)
    controller.toggle_pause()
    shown: list[object] = []
    controller.nudge_changed.connect(shown.append)
    controller.give_nudge(FACILITATOR_NUDGES[0])
    assert shown
    assert shown[-1] is not None
    clock.advance(61)
    controller.refresh()
    assert shown[-1] is None


def test_the_next_change_of_the_shown_countdown() -> None:
    """Counting down it changes at each whole second; in overtime at each whole second over."""
    from clinic_timer.ui.controller import seconds_to_next_change

    assert seconds_to_next_change(1199.1) == pytest.approx(0.1)
    assert seconds_to_next_change(1199.0) == pytest.approx(1.0)
    assert seconds_to_next_change(-0.3) == pytest.approx(0.7)
    assert seconds_to_next_change(-61.75) == pytest.approx(0.25)


def test_readers_give_copies_of_the_plan_and_roster(qtbot: QtBot) -> None:
    """Widgets read phases, coaches and the shown nudge without touching the session."""
    controller, _ = make(qtbot)
    controller.set_absent(pid("Cy"), True)
    assert [(c.name, c.absent) for c in controller.coaches()] == [
        ("Ben", False),
        ("Cy", True),
        ("Dee", False),
    ]
    assert [p.minutes for p in controller.phase_plan()] == [20, 10, 10, 45]
    assert controller.shown_nudge() is None
    controller.toggle_pause()
    controller.give_nudge(FACILITATOR_NUDGES[1])
    shown = controller.shown_nudge()
    assert shown is not None
    assert shown.kind == "emotion"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Set up a clinic first.", "Set up a clinic first."),
        ("not now: the session is finished", "Not now: the session is finished."),
        ("Really?", "Really?"),
        ("  ", ""),
    ],
)
def test_a_message_is_one_sentence_with_one_full_stop(text: str, shown: str) -> None:
    """as_sentence capitalises and ends a message once, never doubling a full stop."""
    assert as_sentence(text) == shown


def test_every_refusal_ends_in_exactly_one_full_stop(qtbot: QtBot) -> None:
    """No session, a nudge before the start, a skip in the monologue: each refusal is one clean sentence."""
    controller = SessionController(FakeClock())
    said: list[str] = []
    controller.refused.connect(said.append)
    controller.next()
    controller.give_nudge(FACILITATOR_NUDGES[0])
    made, _ = make(qtbot)
    made.refused.connect(said.append)
    made.toggle_pause()
    made.pass_turn()
    assert len(said) == 3
    assert [s for s in said if s.endswith("..") or not s.endswith(".")] == []
    assert said[0] == "Set up a clinic first."


def test_after_the_end_commands_get_a_plain_answer_and_the_nudge_goes(qtbot: QtBot) -> None:
    """Space after the end says the clinic is complete (not a state-machine phrase); the last nudge leaves."""
    controller, _ = make(qtbot)
    controller.toggle_pause()
    controller.give_nudge(FACILITATOR_NUDGES[0])
    assert controller.shown_nudge() is not None
    with qtbot.waitSignal(controller.nudge_changed) as gone:
        controller.end()
    assert gone.args == [None]
    assert controller.shown_nudge() is None
    said: list[str] = []
    controller.refused.connect(said.append)
    controller.toggle_pause()
    controller.give_nudge(FACILITATOR_NUDGES[0])
    assert said == [CLINIC_COMPLETE, CLINIC_COMPLETE]
    assert "finished to running" not in " ".join(said)


def test_a_running_controller_is_freed_with_its_last_reference(qtbot: QtBot) -> None:
    """No cycle with its session: a controller dropped mid-clinic goes at once, on this thread, not in a later GC."""
    controller, _ = make(qtbot)
    controller.toggle_pause()  # its timer is running
    gone = weakref.ref(controller)
    was = gc.isenabled()
    gc.disable()  # only a reference count may free it here
    try:
        del controller
        assert gone() is None
    finally:
        if was:
            gc.enable()


def test_cues_still_reach_a_live_controller(qtbot: QtBot) -> None:
    """The weak subscription still forwards every cue while the controller lives."""
    controller, clock = make(qtbot)
    cues: list[Cue] = []
    controller.cue_fired.connect(cues.append)
    controller.toggle_pause()
    clock.advance(20 * 60)
    controller.refresh()
    assert [c.kind for c in cues][-1] is CueKind.TIME_UP


def test_the_coach_list_reads_each_turn_as_a_typed_value(qtbot: QtBot) -> None:
    """In the reflections: Ben spoke, Cy speaks, Dee is to come; absent and outside the phase, no turn."""
    from clinic_timer.core.turns import Turn

    controller, _ = make(qtbot)
    controller.set_absent(pid("Dee"), True)
    assert [c.turn for c in controller.coaches()] == [None, None, None]  # not started
    controller.toggle_pause()
    controller.next()
    assert [c.turn for c in controller.coaches()] == [Turn.SPEAKING, Turn.TO_COME, None]
    controller.next()
    assert [c.turn for c in controller.coaches()] == [Turn.SPOKE, Turn.SPEAKING, None]


def test_no_slot_is_said_with_none_not_zero(qtbot: QtBot) -> None:
    """Before the start the view has no slot; the facilitator's nudge is shown and spoken as of none; slots count from 1."""
    controller, _ = make(qtbot)
    view = controller.view()
    assert view is not None
    assert view.slot is None
    cues: list[Cue] = []
    controller.cue_fired.connect(cues.append)
    controller.toggle_pause()
    controller.give_nudge(FACILITATOR_NUDGES[0])
    [given] = [c for c in cues if c.kind is CueKind.NUDGE]
    assert given.given
    utterance = utterance_for(given, clinic_format(), "Ada", 0.0)
    assert utterance is not None
    assert utterance.slot is None
    assert {c.slot for c in cues if c.kind is CueKind.PHASE_STARTED} == {1}


def test_the_session_is_the_controllers_own(qtbot: QtBot) -> None:
    """Widgets get the clinic (to observe) and copies; the session itself is no public attribute."""
    controller, _ = make(qtbot)
    assert not hasattr(controller, "session")
    assert controller.clinic is not None


def test_a_set_up_before_the_start_is_the_same_clinic_and_after_a_run_a_new_one(qtbot: QtBot) -> None:
    """clinic_changed fires for a new clinic only: a changed roster before the start keeps the clinic."""
    controller, _ = make(qtbot)
    first = controller.clinic
    assert first is not None
    changed: list[object] = []
    controller.clinic_changed.connect(changed.append)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy")))
    assert controller.clinic is first
    assert changed == []
    controller.toggle_pause()
    controller.end()
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy")))
    assert controller.clinic is not first
    assert changed == [controller.clinic]
    assert controller.clinic is not None
    assert controller.clinic.id != first.id


def test_notes_typed_before_the_first_set_up_belong_to_the_first_clinic(qtbot: QtBot) -> None:
    """The case typed before any roster fits is the first clinic's: nothing typed is dropped."""
    controller = SessionController(FakeClock())
    controller.notebook.set_case("City or country", "")
    controller.setup(clinic_format(), roster_of("Ada", ("Ben",)))
    assert controller.clinic is not None
    assert controller.clinic.notebook.title == "City or country"


def test_resume_makes_the_interrupted_clinic_the_one_in_progress(qtbot: QtBot) -> None:
    """controller.resume: the same record id and notes, paused where it stopped, announced as a new clinic."""
    from clinic_timer.core.notes import Note, Section

    controller, clock = make(qtbot)
    controller.toggle_pause()
    clock.advance(7 * 60)
    clinic = controller.clinic
    assert clinic is not None
    clinic.notebook.add(Note("Ben felt torn", Section.PHASE, 7 * 60, phase="Case monologue"))
    record = clinic.record()
    later = SessionController(FakeClock(start=5000.0))
    with qtbot.waitSignal(later.clinic_changed) as changed:
        later.resume(record, clinic_format())
    resumed = later.clinic
    assert resumed is not None
    assert changed.args == [resumed]
    assert resumed.id == record.id
    assert [n.text for n in later.notebook.notes] == ["Ben felt torn"]
    view = later.view()
    assert view is not None
    assert view.state is State.PAUSED
    assert view.elapsed_s == pytest.approx(7 * 60)


def test_a_nudge_is_on_the_timeline_and_in_the_facilitators_export_only(qtbot: QtBot) -> None:
    """The facilitator's A reaches the record as a nudge with its line; the crew's copy carries no control log."""
    from clinic_timer.core.timeline import Change
    from clinic_timer.export import Audience
    from clinic_timer.export.markdown import to_markdown

    controller, clock = make(qtbot)
    controller.toggle_pause()
    clock.advance(90)
    controller.give_nudge(FACILITATOR_NUDGES[0])
    shown = controller.shown_nudge()
    assert shown is not None
    assert controller.clinic is not None
    record = controller.clinic.record()
    [nudge] = [a for a in record.timeline.adjustments if a.change is Change.NUDGE]
    assert (nudge.at_s, nudge.detail) == (90, shown.text)
    assert shown.text in to_markdown(record, Audience.FACILITATOR)
    assert shown.text not in to_markdown(record, Audience.CREW)


def test_a_facilitators_nudge_outlives_a_turn_change(qtbot: QtBot) -> None:
    """Given, it is tied to no slot (not the format's nudge of one turn), so a turn change leaves it up."""
    controller, _ = make(qtbot)
    controller.toggle_pause()
    controller.give_nudge(FACILITATOR_NUDGES[2])
    shown = controller.shown_nudge()
    assert shown is not None
    assert shown.slot is None


def test_a_clinic_set_up_for_a_crew_knows_where_it_belongs(qtbot: QtBot) -> None:
    """The crew and week given at set-up are the clinic's; a later set-up before the start can change them."""
    controller = SessionController(FakeClock())
    controller.setup(clinic_format(), roster_of("Ada", ("Ben",)), crew_id="civics", week=2)
    clinic = controller.clinic
    assert clinic is not None
    assert (clinic.crew_id, clinic.week) == ("civics", 2)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy")), crew_id="civics", week=3)
    assert controller.clinic is clinic
    assert (clinic.crew_id, clinic.week) == ("civics", 3)
