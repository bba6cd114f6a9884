"""The cue schedule: when a slot is warned, whatever its length, and which cues are due once."""

from __future__ import annotations

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.formats import Format, parse_format
from clinic_timer.core.schedule import CueSchedule, Mark, Threshold, warning_lead_s
from clinic_timer.core.session import Session, Status
from tests.core.cast import roster_of

MIN = 60.0

# The shipped clinic's lengths, with no warning_minutes anywhere (as the shipped file has none).
PLAIN_TOML = """
[format]
title = "Plain clinic"

[[phase]]
name = "Case monologue"
floor = "bringer"
minutes = 20
instruction = "Tell us."

[[phase]]
name = "Reflections"
floor = "coaches"
turn_minutes = 5
instruction = "Reflect."

[[phase]]
name = "Bringer's response"
floor = "bringer"
minutes = 10
instruction = "Respond."

[[phase]]
name = "Check-in"
floor = "everyone"
minutes = 1
instruction = "One word each."

[[phase]]
name = "Generative dialogue"
floor = "everyone"
minutes = 45
instruction = "Talk."
"""


def plain() -> Format:
    return parse_format(PLAIN_TOML, name="plain", source="plain.toml")


def status_at(session: Session, clock: FakeClock, left_s: float) -> Status:
    """Moves the clock to ``left_s`` before the current slot's end and reads its status."""
    clock.advance(session.remaining(clock.now()) - left_s)
    session.tick()
    return session.view(clock.now()).status


def test_a_coach_turn_and_the_response_are_warned_two_minutes_before_their_end() -> None:
    """A 5-minute coach turn at 1:54 and 0:46 left, and the 10-minute response at 1:23, read as warnings."""
    clock = FakeClock()
    session = Session(plain(), roster_of("Ada", ("Ben",)), clock)
    session.start()
    session.next()  # Ben's 5-minute turn
    assert status_at(session, clock, 2 * MIN + 1) is Status.CALM
    assert status_at(session, clock, 114) is Status.WARNING
    assert status_at(session, clock, 46) is Status.WARNING
    session.next()  # the 10-minute response
    assert status_at(session, clock, 83) is Status.WARNING


def test_a_one_minute_slot_is_warned_half_way_not_from_its_start() -> None:
    """Two minutes before the end of a 1-minute slot would be its start: it is warned at 0:30 left."""
    clock = FakeClock()
    session = Session(plain(), roster_of("Ada", ("Ben",)), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    session.start()
    for _ in range(3):
        session.next()
    assert session.phase.name == "Check-in"
    assert status_at(session, clock, 31) is Status.CALM
    assert CueKind.WARNING not in [c.kind for c in cues if c.phase == "Check-in"]
    assert status_at(session, clock, 30) is Status.WARNING
    assert [c.minutes for c in cues if c.kind is CueKind.WARNING and c.phase == "Check-in"] == [1]


@pytest.mark.parametrize(
    ("own_min", "slot_min", "lead_min"),
    [(None, 45, 2), (None, 5, 2), (None, 3, 1.5), (2, 1, 0.5), (5, 20, 5), (5, 5, 2.5), (0.5, 5, 0.5)],
)
def test_the_lead_is_the_setting_at_most_half_the_slot(
    own_min: float | None, slot_min: float, lead_min: float
) -> None:
    """The facilitator's time (2 minutes if unset) before the end, never more than half the slot."""
    phase = plain().phases[0]
    own_s = None if own_min is None else own_min * MIN
    assert warning_lead_s(phase, slot_min * MIN, own_s) == pytest.approx(lead_min * MIN)


def test_a_format_s_own_lead_is_kept_and_zero_means_none() -> None:
    """A phase that sets warning_minutes uses it unless the facilitator sets theirs; 0 is never warned."""
    text = PLAIN_TOML.replace("minutes = 20\n", "minutes = 20\nwarning_minutes = 3\n", 1)
    text = text.replace("turn_minutes = 5\n", "turn_minutes = 5\nwarning_minutes = 0\n", 1)
    fmt = parse_format(text, name="own", source="own.toml")
    monologue, reflections = fmt.phases[0], fmt.phases[1]
    assert warning_lead_s(monologue, 20 * MIN) == 3 * MIN
    assert warning_lead_s(monologue, 20 * MIN, own_s=MIN) == MIN
    assert warning_lead_s(reflections, 5 * MIN, own_s=MIN) == 0


def test_due_cues_fire_once_per_slot_and_rearm_when_time_is_added() -> None:
    """The warning fires once; +1 minute puts it back in the future and it may fire again."""
    schedule = CueSchedule()
    phase = plain().phases[1]
    due = schedule.due(1, phase, slot_s=5 * MIN, elapsed_s=3.5 * MIN, warning_s=2 * MIN, variant=0)
    assert [c.kind for c in due] == [CueKind.WARNING]
    assert schedule.due(1, phase, slot_s=5 * MIN, elapsed_s=3.6 * MIN, warning_s=2 * MIN, variant=0) == []
    schedule.rearm(1, remaining_s=2.4 * MIN, warning_s=2 * MIN)
    again = CueSchedule.from_dict(schedule.to_dict())
    due = again.due(1, phase, slot_s=5 * MIN, elapsed_s=3.7 * MIN, warning_s=2 * MIN, variant=0)
    assert [c.kind for c in due] == [CueKind.WARNING]


@pytest.mark.parametrize(
    ("key", "mark"),
    [
        ("nudge0", Mark(Threshold.NUDGE, 0)),
        ("nudge12", Mark(Threshold.NUDGE, 12)),
        ("warning", Mark(Threshold.WARNING)),
        ("time_up", Mark(Threshold.TIME_UP)),
        ("over3", Mark(Threshold.OVERTIME, 3)),
    ],
)
def test_a_mark_reads_the_key_a_snapshot_keeps(key: str, mark: Mark) -> None:
    """Snapshots keep text keys ("over3"); they read back as typed marks and write back the same."""
    assert Mark.parse(key) == mark
    assert mark.key == key


@pytest.mark.parametrize(
    "key", ["", "over", "overx", "over-1", "nudge١", "time_up2", "warnings", "over" + "9" * 50]
)
def test_a_key_naming_no_threshold_is_refused(key: str) -> None:
    """A damaged snapshot key is a ValueError (the resume turns it into a SessionError), never a wrong mark."""
    with pytest.raises(ValueError, match="threshold"):
        Mark.parse(key)


def test_the_schedule_round_trips_through_its_text_form() -> None:
    """What a snapshot writes reads back to the same marks, per slot."""
    schedule = CueSchedule(
        {1: {Mark(Threshold.NUDGE, 0), Mark(Threshold.OVERTIME, 2)}, 3: {Mark(Threshold.WARNING)}}
    )
    data = schedule.to_dict()
    assert data == {"1": ["nudge0", "over2"], "3": ["warning"]}
    assert CueSchedule.from_dict(data) == schedule
