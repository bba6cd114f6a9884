"""The session state machine on a fake clock: phases, turns, adjustments, cues."""

from __future__ import annotations

import random
import time

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster, RosterError
from clinic_timer.core.session import InvalidTransition, Session, SessionError, State, Status
from clinic_timer.core.timeline import Change, Outcome
from tests.core.cast import pid, roster_of, someone
from tests.core.formats_fixture import clinic_format

MIN = 60.0


def make(coaches: tuple[str, ...] = ("Ben", "Cy", "Dee")) -> tuple[Session, FakeClock, list[Cue]]:
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", coaches), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    return session, clock, cues


def kinds(cues: list[Cue]) -> list[CueKind]:
    return [c.kind for c in cues]


def test_ready_session_shows_the_first_phase_and_its_full_time() -> None:
    """Before the start the view shows the monologue with all 20 minutes."""
    session, _clock, _ = make()
    view = session.view(_clock.now())
    assert view.state is State.READY
    assert view.phase.name == "Case monologue"
    assert view.speaker == "Ada"
    assert view.remaining_s == 20 * MIN
    assert view.planned_total_s == 90 * MIN


def test_start_announces_session_and_phase() -> None:
    """Starting fires the session and the first phase's cues at time zero."""
    session, _, cues = make()
    session.start()
    assert kinds(cues) == [CueKind.SESSION_STARTED, CueKind.PHASE_STARTED]
    assert cues[1].speaker == "Ada"
    assert cues[1].at_s == 0


def test_remaining_is_deadline_minus_now() -> None:
    """Remaining time follows the clock, however rarely it is read."""
    session, clock, _ = make()
    session.start()
    clock.advance(61.5)
    assert session.remaining(clock.now()) == pytest.approx(20 * MIN - 61.5)


def test_pause_and_resume_are_exact() -> None:
    """Paused time is not counted, to the fraction of a second."""
    session, clock, _ = make()
    session.start()
    clock.advance(100.25)
    session.pause()
    clock.advance(333.3)
    assert session.remaining(clock.now()) == pytest.approx(20 * MIN - 100.25)
    session.resume()
    clock.advance(10)
    assert session.remaining(clock.now()) == pytest.approx(20 * MIN - 110.25)


def test_no_cue_fires_while_paused() -> None:
    """A paused session stays silent however long the pause."""
    session, clock, cues = make()
    session.start()
    session.pause()
    before = len(cues)
    clock.advance(3 * 60 * MIN)
    session.tick()
    assert len(cues) == before


def test_cues_fire_once_when_the_clock_jumps_past_several() -> None:
    """A suspended laptop waking 25 minutes later fires each missed cue once, in order."""
    session, clock, cues = make()
    session.start()
    clock.advance(25 * MIN)
    session.tick()
    session.tick()
    fired = kinds(cues[2:])
    assert fired == [
        CueKind.NUDGE,
        CueKind.NUDGE,
        CueKind.WARNING,
        CueKind.TIME_UP,
        CueKind.OVERTIME,
        CueKind.OVERTIME,
        CueKind.OVERTIME,
        CueKind.OVERTIME,
        CueKind.OVERTIME,
    ]
    assert [c.minutes for c in cues if c.kind is CueKind.OVERTIME] == [1, 2, 3, 4, 5]


def test_warning_fires_at_the_threshold_and_says_minutes_left() -> None:
    """The warning comes when two minutes are left, not before."""
    session, clock, cues = make()
    session.start()
    clock.advance(18 * MIN - 0.5)
    session.tick()
    assert CueKind.WARNING not in kinds(cues)
    clock.advance(0.5)
    session.tick()
    warning = next(c for c in cues if c.kind is CueKind.WARNING)
    assert warning.minutes == 2
    assert session.view(clock.now()).status is Status.WARNING


def test_overtime_is_counted_not_clipped() -> None:
    """Past its time a phase keeps running, remaining goes negative and the status says so."""
    session, clock, _ = make()
    session.start()
    clock.advance(20 * MIN + 5)
    assert session.view(clock.now()).status is Status.TIME_UP
    clock.advance(90)
    view = session.view(clock.now())
    assert view.remaining_s == pytest.approx(-95)
    assert view.status is Status.OVERTIME
    session.next()
    assert session.timeline.runs[0].overtime_s == pytest.approx(95)


def test_reflections_give_each_coach_a_turn_with_thanks_to_the_previous() -> None:
    """Each coach gets a turn in order, and each turn names who spoke before."""
    session, clock, cues = make()
    session.start()
    session.next()
    turns = [c for c in cues if c.kind is CueKind.TURN_STARTED]
    assert [(t.speaker, t.previous) for t in turns] == [("Ben", "")]
    session.next()
    session.next()
    turns = [c for c in cues if c.kind is CueKind.TURN_STARTED]
    assert [(t.speaker, t.previous) for t in turns] == [("Ben", ""), ("Cy", "Ben"), ("Dee", "Cy")]
    assert session.view(clock.now()).next_speaker == "Ada"
    session.next()
    assert session.phase.name == "Bringer's response"


def test_split_turns_share_the_phase_total() -> None:
    """A phase given as a total splits it evenly between the present coaches."""
    fmt = clinic_format()
    phase = fmt.phase("Reflections")
    assert phase.turn_seconds(3) == 5 * MIN
    assert phase.planned_seconds(4) == 20 * MIN


def test_a_coach_who_passes_comes_back_before_the_phase_ends() -> None:
    """Skipping a passing coach calls them again after the others."""
    session, _clock, cues = make()
    session.start()
    session.next()
    session.pass_turn()  # Ben passes
    session.next()  # Cy done
    session.next()  # Dee done
    turns = [c.speaker for c in cues if c.kind is CueKind.TURN_STARTED]
    assert turns == ["Ben", "Cy", "Dee", "Ben"]
    assert session.view(_clock.now()).speaker == "Ben"
    session.next()
    assert session.phase.name == "Bringer's response"
    outcomes = [
        (session.roster.name_of(r.coach), r.outcome)
        for r in session.timeline.runs
        if r.phase == "Reflections"
    ]
    assert outcomes[0] == ("Ben", Outcome.PASSED)
    assert outcomes[-1] == ("Ben", Outcome.COMPLETED)


def test_an_absent_coach_gets_no_turn_and_shortens_the_plan() -> None:
    """Marking a coach absent removes their turn and the plan shrinks by one turn."""
    session, clock, cues = make()
    session.set_absent(pid("Cy"))
    assert session.view(clock.now()).planned_total_s == 85 * MIN
    session.start()
    session.next()
    session.next()
    turns = [c.speaker for c in cues if c.kind is CueKind.TURN_STARTED]
    assert turns == ["Ben", "Dee"]


def test_marking_the_speaking_coach_absent_moves_on() -> None:
    """A coach who drops out mid-turn is recorded absent and the next coach starts."""
    session, _clock, _ = make()
    session.start()
    session.next()
    session.set_absent(pid("Ben"))
    assert session.view(_clock.now()).speaker == "Cy"
    assert session.timeline.runs[-2].outcome is Outcome.ABSENT


def test_bring_back_makes_a_coach_next() -> None:
    """The facilitator can call a coach who passed back straight away."""
    session, clock, _ = make()
    session.start()
    session.next()
    session.pass_turn()  # Ben passes, Cy speaks
    session.bring_back(pid("Ben"))
    assert session.view(clock.now()).next_speaker == "Ben"


def test_previous_reopens_the_last_turn_then_the_last_phase() -> None:
    """Back goes to the previous coach's turn, then to the phase before."""
    session, clock, _ = make()
    session.start()
    session.next()
    session.next()  # Cy speaking
    session.previous()
    assert session.view(clock.now()).speaker == "Ben"
    assert session.view(clock.now()).remaining_s == 5 * MIN
    session.previous()
    assert session.phase.name == "Case monologue"
    session.next()
    assert session.view(clock.now()).speaker == "Ben"


def test_previous_into_a_per_coach_phase_resumes_its_last_turn() -> None:
    """Going back from the response lands on the last coach's reflection."""
    session, clock, _ = make()
    session.start()
    for _ in range(4):
        session.next()
    assert session.phase.name == "Bringer's response"
    session.previous()
    assert session.view(clock.now()).speaker == "Dee"
    session.next()
    assert session.phase.name == "Bringer's response"


def test_add_and_remove_minutes_move_the_deadline_and_are_recorded() -> None:
    """+1 and -1 minute change remaining time and leave a trace in the record."""
    session, clock, _ = make()
    session.start()
    session.add_time(60)
    session.add_time(60)
    session.add_time(-60)
    assert session.remaining(clock.now()) == 21 * MIN
    changes = [a.change for a in session.timeline.adjustments]
    assert changes == [Change.ADD_TIME, Change.ADD_TIME, Change.REMOVE_TIME]


def test_adding_time_after_time_up_rearms_the_cue() -> None:
    """Time up fires once per deadline: a minute added after it fires it again a minute later."""
    session, clock, cues = make()
    session.start()
    clock.advance(20 * MIN)
    session.tick()
    session.add_time(60)
    clock.advance(60)
    session.tick()
    assert kinds(cues).count(CueKind.TIME_UP) == 2


def test_adding_time_after_the_warning_warns_again_at_the_new_deadline() -> None:
    """The warning fires once per deadline: time added after it warns again when the new deadline nears."""
    session, clock, cues = make()
    session.start()
    clock.advance(18 * MIN)  # 2 minutes left: the monologue's warning
    session.tick()
    assert kinds(cues).count(CueKind.WARNING) == 1
    session.add_time(5 * MIN)  # 7 minutes left
    clock.advance(5 * MIN - 1)
    session.tick()
    assert kinds(cues).count(CueKind.WARNING) == 1
    clock.advance(1)
    session.tick()
    assert kinds(cues).count(CueKind.WARNING) == 2
    assert cues[-1].minutes == 2


def test_adding_time_in_overtime_counts_the_overtime_minutes_again() -> None:
    """Three minutes over, two more minutes: the count goes on from one minute over, saying 2 and 3 again."""
    session, clock, cues = make()
    session.start()
    clock.advance(23 * MIN)
    session.tick()
    assert [c.minutes for c in cues if c.kind is CueKind.OVERTIME] == [1, 2, 3]
    session.add_time(2 * MIN)  # one minute over now
    clock.advance(2 * MIN)
    session.tick()
    assert [c.minutes for c in cues if c.kind is CueKind.OVERTIME] == [1, 2, 3, 2, 3]
    assert kinds(cues).count(CueKind.TIME_UP) == 1  # still over the deadline: no second "time up"


def test_taking_time_off_never_repeats_a_cue_already_given() -> None:
    """A minute off after the warning: the warning is not given again, and nothing is re-armed."""
    session, clock, cues = make()
    session.start()
    clock.advance(18 * MIN + 30)  # 1:30 left, warned
    session.tick()
    session.add_time(-MIN)  # 0:30 left
    assert kinds(cues).count(CueKind.WARNING) == 1
    clock.advance(30)
    session.tick()
    assert kinds(cues).count(CueKind.TIME_UP) == 1


def test_reorder_and_shuffle_change_who_speaks_next() -> None:
    """A new order sets the turns still to come."""
    session, clock, _ = make()
    session.reorder([pid(n) for n in ["Dee", "Ben", "Cy"]])
    session.start()
    session.next()
    assert session.view(clock.now()).speaker == "Dee"
    session.shuffle(random.Random(4))
    assert sorted(session.order) == sorted(pid(n) for n in ("Ben", "Cy", "Dee"))
    with pytest.raises(SessionError):
        session.reorder([pid(n) for n in ["Dee", "Ben"]])


def test_end_early_finishes_and_records_it() -> None:
    """Ending early closes the current phase as ended early."""
    session, clock, cues = make()
    session.start()
    clock.advance(60)
    session.end()
    assert session.state is State.FINISHED
    assert session.timeline.runs[-1].outcome is Outcome.ENDED_EARLY
    assert kinds(cues)[-1] is CueKind.SESSION_ENDED
    with pytest.raises(SessionError):
        session.next()


def test_a_clinic_ended_before_it_started_lasted_nothing() -> None:
    """Ending from set-up finishes with no time elapsed, however long the computer has been on."""
    session, clock, _ = make()
    clock.advance(1000)
    session.end()
    clock.advance(30)
    assert session.state is State.FINISHED
    assert session.elapsed(clock.now()) == 0.0
    assert session.snapshot()["session_elapsed"] == 0.0


def test_invalid_transitions_are_refused() -> None:
    """Resuming a session that is not paused is an explicit error."""
    session, _, _ = make()
    with pytest.raises(InvalidTransition):
        session.resume()
    session.start()
    with pytest.raises(InvalidTransition):
        session.start()


def test_skipping_outside_a_coach_turn_is_refused() -> None:
    """Only a coach's turn can be passed."""
    session, _, _ = make()
    session.start()
    with pytest.raises(SessionError, match="no coach turns"):
        session.pass_turn()


def test_roster_must_fit_the_format() -> None:
    """A session whose roster the format cannot run with is refused with a reason."""
    with pytest.raises(RosterError, match="at least 1"):
        Session(clinic_format(), roster_of("Ada", ()), FakeClock())


def test_projected_total_includes_overtime() -> None:
    """The projected end grows with overtime, so the facilitator sees the 90 minutes slip."""
    session, clock, _ = make()
    session.start()
    clock.advance(25 * MIN)
    view = session.view(clock.now())
    assert view.projected_total_s == pytest.approx(95 * MIN)


def test_snapshot_and_restore_carry_on_where_it_was() -> None:
    """A restored session is paused at the same turn with the same time left and record."""
    session, clock, _ = make()
    session.start()
    session.next()
    clock.advance(70)
    session.pause()
    clock.advance(30)
    session.resume()
    clock.advance(20)
    data = session.snapshot()
    other_clock = FakeClock(start=5.0)
    restored = Session.restore(clinic_format(), session.roster, other_clock, data)
    assert restored.state is State.PAUSED
    assert restored.view(other_clock.now()).speaker == "Ben"
    assert restored.remaining(other_clock.now()) == pytest.approx(5 * MIN - 90)
    restored.resume()
    other_clock.advance(10)
    restored.next()
    ben = next(r for r in restored.timeline.runs if r.coach == pid("Ben"))
    assert ben.duration_s == pytest.approx(100)
    assert ben.paused_s == pytest.approx(30)


def test_a_whole_clinic_runs_in_well_under_a_second() -> None:
    """Ninety minutes on the fake clock, ticked at 4 Hz, take a fraction of a second."""
    session, clock, cues = make()
    started = time.perf_counter()
    session.start()
    while session.state is not State.FINISHED:
        for _ in range(4 * 60):
            clock.advance(0.25)
            session.tick()
        if session.remaining(clock.now()) <= 0:
            session.next()
    took = time.perf_counter() - started
    assert took < 1.0
    assert kinds(cues).count(CueKind.TIME_UP) == 6
    assert session.elapsed(clock.now()) == pytest.approx(90 * MIN)


def test_a_finished_session_clock_stands_still() -> None:
    """After the end, elapsed and remaining no longer move with the clock."""
    session, clock, _ = make()
    session.start()
    clock.advance(90)
    session.end()
    view = session.view(clock.now())
    clock.advance(3600)
    later = session.view(clock.now())
    assert later.elapsed_s == view.elapsed_s == pytest.approx(90)
    assert later.remaining_s == view.remaining_s
    assert later.phase_count == 4


def test_previous_into_reflections_reopens_whoever_spoke_last() -> None:
    """After a pass and a comeback, back from the response reopens the coach who actually spoke last."""
    session, clock, _ = make()
    session.start()
    session.next()
    session.pass_turn()  # Ben passes
    session.next()  # Cy
    session.next()  # Dee
    session.next()  # Ben comes back and finishes
    assert session.phase.name == "Bringer's response"
    session.previous()
    assert session.view(clock.now()).speaker == "Ben"


def test_shuffle_is_recorded_as_a_shuffle() -> None:
    """The record tells a shuffle from a hand-made order."""
    session, _, _ = make()
    session.start()
    session.shuffle(random.Random(1))
    session.reorder([pid(n) for n in ["Ben", "Cy", "Dee"]])
    assert [a.change for a in session.timeline.adjustments] == [Change.SHUFFLE, Change.REORDER]


def test_a_snapshot_of_another_version_is_refused() -> None:
    """A snapshot written by a different version is not guessed at."""
    session, clock, _ = make()
    session.start()
    data = session.snapshot() | {"version": 99}
    with pytest.raises(SessionError, match="version 99"):
        Session.restore(clinic_format(), session.roster, clock, data)


def test_warning_override_moves_the_warning() -> None:
    """The facilitator's own warning threshold replaces the format's."""
    session, clock, cues = make()
    session.warning_override_s = 5 * MIN
    session.start()
    clock.advance(15 * MIN)
    session.tick()
    assert CueKind.WARNING in kinds(cues)
    assert session.view(clock.now()).status is Status.WARNING


def test_taking_time_off_an_empty_plan_is_refused_not_recorded() -> None:
    """-1 minute with nothing left of the plan says so and leaves no empty entry in the record."""
    session, _clock, _ = make()
    session.start()
    session.add_time(-20 * MIN)
    with pytest.raises(SessionError, match="no planned time left"):
        session.add_time(-60)
    assert [a.delta_s for a in session.timeline.adjustments] == [-20 * MIN]


def test_back_after_a_stray_next_resumes_the_monologue_with_its_time_left() -> None:
    """0:28 into the monologue, Next then Back: 19:32 left, and the record holds one monologue, interrupted."""
    session, clock, _ = make()
    session.start()
    clock.advance(28)
    session.next()
    clock.advance(1)
    session.previous()
    view = session.view(clock.now())
    assert view.phase.name == "Case monologue"
    assert view.remaining_s == pytest.approx(20 * MIN - 28)
    monologues = [r for r in session.timeline.runs if r.phase == "Case monologue"]
    assert len(monologues) == 1
    assert monologues[0].interruptions == 1
    assert [r.outcome for r in session.timeline.runs] == [Outcome.RUNNING, Outcome.INTERRUPTED]
    clock.advance(20 * MIN - 28)
    session.next()
    monologue = session.timeline.runs[0]
    assert monologue.duration_s == pytest.approx(20 * MIN)
    assert monologue.outcome is Outcome.COMPLETED


def test_next_returns_to_the_turn_back_interrupted_with_its_time_left() -> None:
    """Cy 1:00 into her turn, Back to Ben, then Next: Cy carries on with 4:00, in the same slot."""
    session, clock, cues = make()
    session.start()
    session.next()  # Ben
    clock.advance(3 * MIN)
    session.next()  # Cy
    clock.advance(MIN)
    session.previous()
    assert session.view(clock.now()).speaker == "Ben"
    assert session.remaining(clock.now()) == pytest.approx(2 * MIN)
    assert cues[-1].kind is CueKind.SLOT_RESUMED
    clock.advance(30)
    session.next()
    view = session.view(clock.now())
    assert view.speaker == "Cy"
    assert view.remaining_s == pytest.approx(4 * MIN)
    reflections = [
        (session.roster.name_of(r.coach), r.slot) for r in session.timeline.runs if r.phase == "Reflections"
    ]
    assert reflections == [("Ben", 2), ("Cy", 3)]
    ben = session.timeline.runs[1]
    assert ben.duration_s == pytest.approx(3.5 * MIN)


def test_back_across_phases_and_into_a_passed_turn_undoes_the_last_move() -> None:
    """Back from the response reaches Ben's comeback turn; Back from Cy after Ben passed reopens Ben's pass."""
    session, clock, _ = make()
    session.start()
    session.next()
    clock.advance(20)
    session.pass_turn()  # Ben passes, Cy speaks
    clock.advance(5)
    session.previous()
    assert session.view(clock.now()).speaker == "Ben"
    assert session.remaining(clock.now()) == pytest.approx(5 * MIN - 20)
    session.pass_turn()
    session.next()  # Dee
    session.next()  # Ben comes back
    clock.advance(MIN)
    session.next()  # Bringer's response
    clock.advance(10)
    session.previous()
    assert session.view(clock.now()).speaker == "Ben"
    assert session.remaining(clock.now()) == pytest.approx(4 * MIN)


def test_back_does_not_fire_a_slot_s_cues_twice() -> None:
    """The monologue's nudge at 5:00 and its warning fired once stay fired after Back returns to it."""
    session, clock, cues = make()
    session.start()
    clock.advance(19 * MIN)
    session.next()
    session.previous()
    session.tick()
    fired = [c.kind for c in cues if c.slot == 1]
    assert fired.count(CueKind.NUDGE) == 2
    assert fired.count(CueKind.WARNING) == 1


def test_back_at_the_first_slot_says_there_is_nothing_before() -> None:
    """Back in the first phase is refused in words and leaves the clock and the record alone."""
    session, clock, _ = make()
    session.start()
    clock.advance(30)
    with pytest.raises(SessionError, match="nothing before this"):
        session.previous()
    assert session.remaining(clock.now()) == pytest.approx(20 * MIN - 30)
    assert session.timeline.adjustments == []


def test_back_passes_over_a_coach_marked_absent_since() -> None:
    """Ben spoke, then left the call: Back from Cy goes to the monologue, not to Ben."""
    session, clock, _ = make()
    session.start()
    session.next()  # Ben
    session.next()  # Cy
    session.set_absent(pid("Ben"))
    session.previous()
    assert session.phase.name == "Case monologue"
    session.next()
    assert session.view(clock.now()).speaker == "Cy"


def test_a_restored_session_can_still_go_back() -> None:
    """After a crash, Back returns to the slot before, with its time left and its cues still fired."""
    session, clock, _ = make()
    session.start()
    clock.advance(6 * MIN)
    session.next()
    clock.advance(MIN)
    restored = Session.restore(clinic_format(), session.roster, clock, session.snapshot())
    cues: list[Cue] = []
    restored.subscribe(cues.append)
    restored.resume()
    restored.previous()
    assert restored.remaining(clock.now()) == pytest.approx(14 * MIN)
    assert [c.kind for c in cues if c.kind is CueKind.NUDGE] == []


def test_e_in_the_last_phase_before_its_time_is_up_is_an_early_end() -> None:
    """E at 1:12 of the 45-minute dialogue: the slot reads ended early, with an entry saying how much was left."""
    session, clock, _ = make()
    session.start()
    for _ in range(5):
        session.next()
    assert session.phase.name == "Generative dialogue"
    clock.advance(72)
    session.end()
    assert session.timeline.runs[-1].outcome is Outcome.ENDED_EARLY
    last = session.timeline.adjustments[-1]
    assert (last.change, last.phase, last.delta_s) == (
        Change.END_EARLY,
        "Generative dialogue",
        -(45 * MIN - 72),
    )


def test_e_after_the_last_phase_s_time_is_up_completes_it() -> None:
    """E once the dialogue's time is up ends the clinic as completed, with no early-end entry."""
    session, clock, _ = make()
    session.start()
    for _ in range(5):
        session.next()
    clock.advance(45 * MIN + 3)
    session.end()
    assert session.timeline.runs[-1].outcome is Outcome.COMPLETED
    assert Change.END_EARLY not in [a.change for a in session.timeline.adjustments]


def test_two_coaches_sharing_a_first_name_stay_apart() -> None:
    """Two Sams each get a turn; marking one absent leaves the other, and each run names its own Sam."""
    clock = FakeClock()
    sams = (Person("0000000a", "Sam"), Person("0000000b", "Sam"), someone("Cy"))
    session = Session(clinic_format(), Roster(bringer=someone("Ada"), coaches=sams), clock)
    session.start()
    session.set_absent("0000000b")
    clock.advance(20 * MIN)
    session.next()
    view = session.view(clock.now())
    assert (view.speaker, view.speaker_id, view.next_speaker) == ("Sam", "0000000a", "Cy")
    session.next()
    session.set_absent("0000000b", False)  # back: called after Cy
    session.next()
    turns = [r.coach for r in session.timeline.runs if r.coach is not None]
    assert turns == ["0000000a", pid("Cy"), "0000000b"]


def test_a_facilitator_nudge_is_logged_on_the_timeline_and_announced() -> None:
    """Session.nudge: an adjustment with the line, at the session time, and a NUDGE cue marked given."""
    from clinic_timer.core.nudges import FACILITATOR_NUDGES

    session, clock, cues = make()
    session.start()
    clock.advance(3 * MIN)
    line = session.nudge(FACILITATOR_NUDGES[0])
    [logged] = [a for a in session.timeline.adjustments if a.change is Change.NUDGE]
    assert (logged.at_s, logged.detail, logged.phase) == (3 * MIN, line, "Case monologue")
    assert line == FACILITATOR_NUDGES[0].texts[0]
    cue = cues[-1]
    assert (cue.kind, cue.text, cue.given, cue.spoken) == (CueKind.NUDGE, line, True, True)
    assert cue.slot == session.view(clock.now()).slot


def test_a_nudge_rotates_its_wording_from_the_crews_rotation_and_after_a_resume() -> None:
    """Each use of A gives the next line, starting at the rotation; a resumed clinic carries on the count."""
    from clinic_timer.core.nudges import FACILITATOR_NUDGES

    advice = FACILITATOR_NUDGES[0]
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy")), clock, rotation=1)
    session.start()
    given = [session.nudge(advice), session.nudge(advice)]
    assert given == [advice.texts[1], advice.texts[2]]
    resumed = Session.restore(clinic_format(), session.roster, clock, session.snapshot())
    assert resumed.nudge(advice) == advice.texts[0]


def test_a_nudge_before_the_start_is_refused() -> None:
    """Nudges are for a running clinic: before the start the session refuses and logs nothing."""
    from clinic_timer.core.nudges import FACILITATOR_NUDGES

    session, _, cues = make()
    with pytest.raises(SessionError):
        session.nudge(FACILITATOR_NUDGES[0])
    assert session.timeline.adjustments == []
    assert cues == []
