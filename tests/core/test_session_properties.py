"""Any sequence of facilitator commands and clock jumps keeps the session's promises."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from hypothesis import example, given, settings
from hypothesis import strategies as st

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.session import Session, SessionError, State
from clinic_timer.core.timeline import Outcome
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from collections.abc import Callable

MINUTE = 60.0

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


class Rearms:
    """Where, in the list of cues, each threshold of each slot was last armed, to check that a crossed one fired.

    A slot's thresholds are armed when it starts; +/- time arms again every
    threshold the new deadline puts back in the future (the warning, time up,
    each overtime minute). So once the clock has crossed a threshold, a cue for
    it must have fired since it was last armed: the lower bound to the upper
    bound of "once per deadline".
    """

    def __init__(self) -> None:
        self.marks: dict[
            int | None, list[tuple[int, float, float]]
        ] = {}  # slot: (cue index, remaining, warning)

    def adjusted(self, session: Session, cues: list[Cue]) -> None:
        """Notes the remaining time after a +/- that the session took."""
        view = session.view(session.clock.now())
        self.marks.setdefault(view.slot, []).append((len(cues), view.remaining_s, warning_s(session)))

    def since(self, slot: int | None, armed: Callable[[float, float], bool]) -> int:
        """The cue index after which a threshold, armed when ``armed(remaining, warning)``, was last armed."""
        return max(
            (i for i, remaining, warn in self.marks.get(slot, []) if armed(remaining, warn)), default=0
        )

    def check(self, session: Session, cues: list[Cue]) -> None:
        """After a tick of a running session: every crossed threshold has its cue since it was armed."""
        view = session.view(session.clock.now())
        slot, remaining, warn = view.slot, view.remaining_s, warning_s(session)

        def fired(kind: CueKind, after: int, minutes: int | None = None) -> bool:
            return any(
                c.kind is kind and c.slot == slot and (minutes is None or c.minutes == minutes)
                for c in cues[after:]
            )

        if warn > 0 and remaining <= warn:
            assert fired(CueKind.WARNING, self.since(slot, lambda r, w: r > w)), ("warning", slot)
        if remaining <= 0:
            assert fired(CueKind.TIME_UP, self.since(slot, lambda r, w: r > 0)), ("time up", slot)
        for minute in range(1, int(-remaining // MINUTE) + 1 if remaining < 0 else 1):
            after = self.since(slot, lambda r, w, m=minute: r > -m * MINUTE)  # type: ignore[misc]
            assert fired(CueKind.OVERTIME, after, minute), ("overtime", slot, minute)


def warning_s(session: Session) -> float:
    """The current slot's warning threshold, as the format sets it."""
    view = session.view(session.clock.now())
    return session.warning_s(view.slot_s)


@settings(max_examples=300, deadline=None)
@given(steps)
@example([("toggle_pause", 0), ("plus", 18.5 * MINUTE), ("plus", 0), ("shuffle", 2 * MINUTE)])  # warned twice
@example([("toggle_pause", 0), ("plus", 20 * MINUTE + 10), ("shuffle", MINUTE)])  # time up twice
@example([("toggle_pause", 0), ("plus", 23 * MINUTE), ("shuffle", 2 * MINUTE)])  # over 2 and 3 again
def test_commands_and_jumps_never_break_the_session(script: list[tuple[str, float]]) -> None:
    """Only SessionError is raised; cues fire once per deadline, never while paused, never missed; the record is sane."""
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    deadlines: Counter[int | None] = Counter()  # per slot: how many deadlines it had
    rearms = Rearms()
    for command, jump in script:
        paused_before = session.state is State.PAUSED
        seen = len(cues)
        clock.advance(jump)
        session.tick()
        if paused_before:
            assert len(cues) == seen, "a cue fired while paused"
        if session.state is State.RUNNING:
            rearms.check(session, cues)
        slot = session.current.slot if session.current else None
        try:
            run(session, command)
        except SessionError:
            pass
        else:
            if command in ("plus", "minus"):
                deadlines[slot] += 1
                rearms.adjusted(session, cues)
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
