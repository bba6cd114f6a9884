"""Any sequence of facilitator commands and clock jumps keeps the session's promises."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.record import Outcome
from clinic_timer.core.roster import Roster
from clinic_timer.core.session import Session, SessionError, State
from tests.core.formats_fixture import clinic_format

COMMANDS = [
    "toggle_pause",
    "next",
    "previous",
    "plus",
    "minus",
    "pass_turn",
    "absent_ben",
    "present_ben",
    "bring_back_cy",
    "shuffle",
    "end",
]
steps = st.lists(
    st.tuples(st.sampled_from(COMMANDS), st.floats(min_value=0, max_value=1500, allow_nan=False)),
    max_size=40,
)
ONCE_PER_ENTRY = {CueKind.PHASE_STARTED, CueKind.TURN_STARTED}
ONCE_PER_DEADLINE = {CueKind.WARNING, CueKind.TIME_UP}


def run(session: Session, command: str) -> None:
    actions = {
        "toggle_pause": session.toggle_pause,
        "next": session.next,
        "previous": session.previous,
        "plus": lambda: session.add_time(60),
        "minus": lambda: session.add_time(-60),
        "pass_turn": session.pass_turn,
        "absent_ben": lambda: session.set_absent("Ben", True),
        "present_ben": lambda: session.set_absent("Ben", False),
        "bring_back_cy": lambda: session.bring_back("Cy"),
        "shuffle": session.shuffle,
        "end": session.end,
    }
    actions[command]()


@settings(max_examples=300, deadline=None)
@given(steps)
def test_commands_and_jumps_never_break_the_session(script: list[tuple[str, float]]) -> None:
    """Only SessionError is ever raised; cues are never duplicated or fired while paused; the record is sane."""
    clock = FakeClock()
    session = Session(clinic_format(), Roster("Ada", ("Ben", "Cy", "Dee")), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    deadlines: Counter[int] = Counter()  # per slot: how many deadlines it had
    for command, jump in script:
        paused_before = session.state is State.PAUSED
        seen = len(cues)
        clock.advance(jump)
        session.tick()
        if paused_before:
            assert len(cues) == seen, "a cue fired while paused"
        slot = session.current.slot if session.current else 0
        try:
            run(session, command)
        except SessionError:
            pass
        else:
            if command in ("plus", "minus"):
                deadlines[slot] += 1
        view = session.view(clock.now())
        assert view.elapsed_s >= 0
        assert view.slot_s >= 0
    assert_each_slot_starts_once_per_entry(cues)
    per_deadline = Counter((c.kind, c.slot) for c in cues if c.kind in ONCE_PER_DEADLINE)
    for (kind, slot), n in per_deadline.items():
        assert n <= 1 + deadlines[slot], (kind, slot, n)
    for run_ in session.timeline.runs:
        duration = run_.duration_s
        assert duration is None or duration >= -1e-9
        assert run_.paused_s >= -1e-9
        assert run_.away_s >= -1e-9
    running = [r for r in session.timeline.runs if r.outcome is Outcome.RUNNING]
    assert running in ([], [session.current]), running
    overtime = [c.minutes for c in cues if c.kind is CueKind.OVERTIME]
    assert all(m >= 1 for m in overtime)


def assert_each_slot_starts_once_per_entry(cues: list[Cue]) -> None:
    """A slot's start cues fire once each time Next enters it; Back returns to a slot without them."""
    current: int | None = None
    started: set[CueKind] = set()
    for cue in cues:
        if cue.kind in ONCE_PER_ENTRY:
            if cue.slot != current:
                current, started = cue.slot, set()
            assert cue.kind not in started, ("started twice", cue)
            started.add(cue.kind)
        elif cue.kind is CueKind.SLOT_RESUMED:
            assert cue.slot != current, ("resumed the slot already current", cue)
            current, started = cue.slot, set(ONCE_PER_ENTRY)
