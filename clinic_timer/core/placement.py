"""Where each note sits: the one routine the notes panel and every export place notes with.

Notes are placed where they were written, in the clinic's order: the case
first, then each phase in the order the format plans them (a phase the
format no longer has, renamed since say, after those), then the key
takeaways, the next steps, and last the notes that fit nowhere ("other":
written under no phase). In a per-coach phase each coach's reflection is a
group of its own, in the order they spoke; a reflection filed under no
phase belongs to the format's first per-coach phase, and one filed under
no coach to its phase. Within a group, notes run in session time.

The panel and the exports used to place notes each their own way, and
disagreed (a reflection with no phase, a coach's group among a phase's);
a test now places the same notes both ways and compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clinic_timer.core.notes import Note, Section

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from clinic_timer.core.timeline import SlotRun


@dataclass(frozen=True)
class Seat:
    """A planned phase, as placing needs it: its name, and whether each coach has a turn in it."""

    name: str
    per_coach: bool = False


@dataclass
class Group:
    """Notes that sit together, under one heading.

    Attributes:
        section: the case, a phase, a reflection, the takeaways or the next steps.
        phase: for a phase or a reflection, which phase; None for the others (and "other").
        coach: for one coach's reflection, whose.
        notes: in session time.
        coaches: for a per-coach phase, one group per coach, in speaking order.
    """

    section: Section
    phase: str | None = None
    coach: str | None = None
    notes: list[Note] = field(default_factory=list)
    coaches: list[Group] = field(default_factory=list)

    @property
    def is_other(self) -> bool:
        """Whether this is the group of notes that fit nowhere (written under no phase)."""
        return self.section is Section.PHASE and self.phase is None

    def is_empty(self) -> bool:
        """Whether it holds no note, its coaches' included."""
        return not self.notes and all(c.is_empty() for c in self.coaches)


def speaking_order(runs: Iterable[SlotRun]) -> dict[str, list[str]]:
    """Each per-coach phase's coaches in the order their turns first came, from the slots as they ran.

    A turn that lasted no time at all (skipped the moment it came) still
    holds its place: a note written in it belongs there.
    """
    order: dict[str, list[str]] = {}
    for run in runs:
        if run.coach:
            coaches = order.setdefault(run.phase, [])
            if run.coach not in coaches:
                coaches.append(run.coach)
    return order


def place(
    notes: Iterable[Note], phases: Sequence[Seat], spoke: Mapping[str, Sequence[str]] | None = None
) -> list[Group]:
    """Every note in its group, and every group in the clinic's order.

    Every group is returned, empty or not (the case, each planned phase and
    each coach who spoke in it, the takeaways, the next steps and "other"),
    so each reader drops what it has no use for: the panel every empty
    group, an export all but the phases, whose timing is worth reading.

    Args:
        notes: the notes to place, in any order.
        phases: the format's phases, in order.
        spoke: each per-coach phase's coaches in speaking order (see :func:`speaking_order`).
    """
    case = Group(Section.CASE)
    takeaways = Group(Section.TAKEAWAYS)
    next_steps = Group(Section.NEXT_STEPS)
    other = Group(Section.PHASE)
    by_phase: dict[str, Group] = {p.name: Group(Section.PHASE, p.name) for p in phases}
    coach_groups: dict[tuple[str, str], Group] = {}
    first_per_coach = next((p.name for p in phases if p.per_coach), None)

    def phase_group(name: str) -> Group:
        if name not in by_phase:
            by_phase[name] = Group(Section.PHASE, name)
        return by_phase[name]

    def coach_group(phase: str, coach: str) -> Group:
        if (phase, coach) not in coach_groups:
            coach_groups[phase, coach] = group = Group(Section.REFLECTION, phase, coach)
            phase_group(phase).coaches.append(group)
        return coach_groups[phase, coach]

    for seat in phases:
        for coach in (spoke or {}).get(seat.name, ()):
            coach_group(seat.name, coach)
    fixed = {Section.CASE: case, Section.TAKEAWAYS: takeaways, Section.NEXT_STEPS: next_steps}
    for note in sorted(notes, key=lambda n: n.at_s):
        phase = note.phase
        if note.section in fixed:
            group = fixed[note.section]
        elif note.section is Section.REFLECTION and (phase := phase or first_per_coach) and note.coach:
            group = coach_group(phase, note.coach)
        else:
            group = phase_group(phase) if phase else other
        group.notes.append(note)
    return [case, *by_phase.values(), takeaways, next_steps, other]
