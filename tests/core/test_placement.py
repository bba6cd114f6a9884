"""Where notes sit: the one routine the notes panel and every export use."""

from __future__ import annotations

from clinic_timer.core.notes import Note, Section
from clinic_timer.core.placement import Group, Seat, place, speaking_order
from clinic_timer.core.timeline import Outcome, SlotRun

PHASES = [Seat("Case monologue"), Seat("Reflections", per_coach=True), Seat("Takeaways round")]


def shape(groups: list[Group]) -> list[tuple[str, str | None, str | None, list[str]]]:
    """Every non-empty group, coaches after their phase: (section, phase, coach, note texts)."""
    flat = [g for group in groups for g in (group, *group.coaches)]
    return [(g.section.value, g.phase, g.coach, [n.text for n in g.notes]) for g in flat if g.notes]


def test_notes_sit_in_the_clinics_order_each_group_in_session_time() -> None:
    """Case, the phases as planned (coaches in speaking order), takeaways, next steps, then other."""
    notes = [
        Note("next", Section.NEXT_STEPS, 5000),
        Note("cy said", Section.REFLECTION, 1700, phase="Reflections", coach="Cy"),
        Note("late case", Section.CASE, 900),
        Note("ben said", Section.REFLECTION, 1500, phase="Reflections", coach="Ben"),
        Note("monologue", Section.PHASE, 300, phase="Case monologue"),
        Note("reflections overall", Section.PHASE, 1800, phase="Reflections"),
        Note("early case", Section.CASE, 10),
        Note("take", Section.TAKEAWAYS, 4000),
        Note("nowhere", Section.PHASE, 100),
    ]
    placed = place(notes, PHASES, {"Reflections": ["Ben", "Cy"]})
    assert shape(placed) == [
        ("case", None, None, ["early case", "late case"]),
        ("phase", "Case monologue", None, ["monologue"]),
        ("phase", "Reflections", None, ["reflections overall"]),
        ("reflection", "Reflections", "Ben", ["ben said"]),
        ("reflection", "Reflections", "Cy", ["cy said"]),
        ("takeaways", None, None, ["take"]),
        ("next steps", None, None, ["next"]),
        ("phase", None, None, ["nowhere"]),
    ]
    assert placed[-1].is_other


def test_coaches_follow_the_speaking_order_not_the_first_note() -> None:
    """Cy spoke first: her reflection comes first though Ben's note is earlier (written during a pass)."""
    notes = [
        Note("ben", Section.REFLECTION, 1000, phase="Reflections", coach="Ben"),
        Note("cy", Section.REFLECTION, 1200, phase="Reflections", coach="Cy"),
        Note("dee", Section.REFLECTION, 1100, phase="Reflections", coach="Dee"),
    ]
    assert [g[2] for g in shape(place(notes, PHASES, {"Reflections": ["Cy", "Ben"]}))] == ["Cy", "Ben", "Dee"]


def test_every_group_is_returned_so_each_reader_drops_what_it_wants() -> None:
    """Empty phases and coaches who spoke are there, with nothing in them."""
    placed = place([], PHASES, {"Reflections": ["Ben"]})
    assert [(g.section, g.phase) for g in placed] == [
        (Section.CASE, None),
        (Section.PHASE, "Case monologue"),
        (Section.PHASE, "Reflections"),
        (Section.PHASE, "Takeaways round"),
        (Section.TAKEAWAYS, None),
        (Section.NEXT_STEPS, None),
        (Section.PHASE, None),
    ]
    assert [c.coach for c in placed[2].coaches] == ["Ben"]
    assert all(g.is_empty() for g in placed)


def test_a_reflection_without_a_phase_or_a_coach_still_has_a_place() -> None:
    """No phase: the first per-coach phase; no coach: its phase; a phase renamed since: a group after the plan's."""
    notes = [
        Note("no phase", Section.REFLECTION, 10, coach="Ben"),
        Note("no coach", Section.REFLECTION, 20, phase="Reflections"),
        Note("renamed", Section.PHASE, 30, phase="Old name"),
    ]
    assert shape(place(notes, PHASES)) == [
        ("phase", "Reflections", None, ["no coach"]),
        ("reflection", "Reflections", "Ben", ["no phase"]),
        ("phase", "Old name", None, ["renamed"]),
    ]


def test_the_speaking_order_is_the_order_turns_came_each_coach_once() -> None:
    """From the runs: each coach once, in the order their turns first came, per phase; whole phases have none."""
    runs = [
        SlotRun(1, "Case monologue", "Ada", None, 1200, 0, 1200, outcome=Outcome.COMPLETED),
        SlotRun(2, "Reflections", "Ben", "Ben", 300, 1200, 1260, outcome=Outcome.PASSED),
        SlotRun(3, "Reflections", "Cy", "Cy", 300, 1260, 1260, outcome=Outcome.COMPLETED),  # no time at all
        SlotRun(4, "Reflections", "Ben", "Ben", 300, 1260),
    ]
    assert speaking_order(runs) == {"Reflections": ["Ben", "Cy"]}
