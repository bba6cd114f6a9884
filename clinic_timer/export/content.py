"""What an export says, decided once for every file type.

The Markdown and the PDF render the same :class:`Report`, so the two never
disagree about which notes a reader sees. The audience is applied here, at
the one place notes are chosen: a crew report is built from a record with
the private notes already removed, so no renderer can leak one.

Notes are placed where they were written, by the routine the notes panel
places them with (:mod:`clinic_timer.core.placement`): case notes first,
then each phase in the order the format plans them; in a per-coach phase
(the reflections), one part per coach in the order they spoke, so the
report reads as who reflected what, in order. A note under a phase renamed
since keeps a part of its own after the planned ones, and one written under
no phase goes under "Other notes": none is dropped.

Every planned figure comes from one place, the slots as they ran
(:func:`slot_plan`), so a section and the timeline never disagree: "planned"
is the format's plan for the slot; a phase's plan is the sum of its coaches'
turns; the record's total is the sum of the phases. The facilitator's copy
shows time given or taken with +/- after an arrow ("20:00 → 19:00") and
keeps the log of every control pressed; the crew's copy is a record of the
clinic, not of the controls: no adjustment log, no arrows, no interruptions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from clinic_timer.core import placement, times
from clinic_timer.core.notes import Note, Section
from clinic_timer.core.placement import Group, Seat, speaking_order
from clinic_timer.core.record import RecordStatus, SessionRecord
from clinic_timer.core.timeline import Change, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.timeline import Adjustment, SlotRun


class Audience(enum.Enum):
    """Who an export is for."""

    FACILITATOR = "facilitator"  # the full record, private notes marked
    CREW = "crew"  # shareable: no private note, no recovery data


@dataclass(frozen=True)
class Entry:
    """One note as a reader sees it."""

    stamp: str  # session time, "5:10" or "1:05:10" (as the notes panel shows it)
    text: str
    private: bool


@dataclass
class Part:
    """A heading, how its time went, its notes and, for a per-coach phase, one part per coach."""

    heading: str
    timing: str = ""
    entries: list[Entry] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Whether it holds no note at any depth."""
        return not self.entries and all(p.is_empty() for p in self.parts)


@dataclass(frozen=True)
class TimelineRow:
    """One phase or turn as it really ran."""

    slot: int
    phase: str
    speaker: str
    planned: str
    actual: str
    outcome: str


@dataclass(frozen=True)
class Report:
    """Everything an export shows, in reading order."""

    audience: Audience
    title: str
    help_wanted: str
    facts: list[tuple[str, str]]
    front_matter: list[tuple[str, str | list[str]]]
    parts: list[Part]
    timeline: list[TimelineRow]
    adjustments: list[str]


@dataclass(frozen=True)
class Plan:
    """A slot's (or a phase's) plan: as the format set it, and the +/- minutes given during it."""

    planned_s: float
    adjusted_s: float = 0.0

    def __add__(self, other: Plan) -> Plan:
        return Plan(self.planned_s + other.planned_s, self.adjusted_s + other.adjusted_s)

    def text(self, audience: Audience) -> str:
        """ "20:00", or for the facilitator, with time given or taken, "20:00 → 19:00"."""
        planned = times.length(self.planned_s)
        if audience is Audience.CREW or abs(self.adjusted_s) < 0.5:
            return planned
        return f"{planned} → {times.length(self.planned_s + self.adjusted_s)}"

    def against(self, audience: Audience) -> float:
        """The length a slot is measured against for running over: the plan as the reader sees it."""
        return self.planned_s if audience is Audience.CREW else self.planned_s + self.adjusted_s


def slot_plan(run: SlotRun) -> Plan:
    """One slot's plan: the one source of every planned figure in a report."""
    return Plan(run.planned_s, run.adjusted_s)


def build_report(record: SessionRecord, audience: Audience) -> Report:
    """The report of ``record`` for ``audience``."""
    if audience is Audience.CREW:
        record = record.for_crew()
    notes = record.notebook.visible(for_crew=audience is Audience.CREW)
    title = record.notebook.title or f"{record.format_title} with {record.roster.lead.name}"
    placer = _Placer(record, audience)
    parts = placer.place(notes)
    adjustments = record.timeline.adjustments if audience is Audience.FACILITATOR else []
    return Report(
        audience=audience,
        title=title,
        help_wanted=record.notebook.help_wanted,
        facts=_facts(record, audience, placer.planned_total()),
        front_matter=_front_matter(record, title, audience),
        parts=parts,
        timeline=[_timeline_row(record, run, audience) for run in record.timeline.runs],
        adjustments=[_adjustment_text(a, record.roster.name_of) for a in adjustments],
    )


def _facts(record: SessionRecord, audience: Audience, planned_s: float) -> list[tuple[str, str]]:
    facts = [
        ("Date", times.long_date(datetime.fromisoformat(record.started_at))),
        ("Format", record.format_title),
        (record.roster.lead_role, record.roster.lead.name),
        ("Coaches", ", ".join(c.name for c in record.roster.coaches) or "none"),
        ("Time", f"{times.minutes(record.elapsed_s)} (planned {times.minutes(planned_s)})"),
    ]
    ended = next((r for r in reversed(record.timeline.runs) if r.outcome is Outcome.ENDED_EARLY), None)
    if ended is not None:
        took = times.length(ended.duration_s or 0.0)
        plan = slot_plan(ended).text(audience)
        facts.append(("Ended", f"early, {took} into {ended.phase} (planned {plan})"))
    if record.status is not RecordStatus.FINISHED:
        facts.append(("Status", record.status.value))
    if audience is Audience.CREW:
        facts.append(("Notes", "for the crew; the facilitator's private notes are left out"))
    else:
        facts.append(("Notes", "the facilitator's full record, private notes included"))
    return facts


def _front_matter(record: SessionRecord, title: str, audience: Audience) -> list[tuple[str, str | list[str]]]:
    matter: list[tuple[str, str | list[str]]] = [
        ("title", title),
        ("date", record.started_at),
    ]
    if record.ended_at:
        matter.append(("ended", record.ended_at))
    matter += [
        ("format", record.format_name),
        ("format_title", record.format_title),
        ("host" if record.roster.hosted else "bringer", record.roster.lead.name),
        ("coaches", [c.name for c in record.roster.coaches]),
        ("status", record.status.value),
        ("audience", audience.value),
        ("session_id", record.id),
        ("tags", ["clinic-timer", "case-clinic"]),
    ]
    return matter


def _timeline_row(record: SessionRecord, run: SlotRun, audience: Audience) -> TimelineRow:
    duration = run.duration_s
    outcome = run.outcome.value
    if audience is Audience.FACILITATOR and run.interruptions:
        outcome += f", {_times('interrupted', run.interruptions)}"
    return TimelineRow(
        slot=run.slot,
        phase=run.phase,
        speaker=record.speaker_of(run) or "—",
        planned=slot_plan(run).text(audience),
        actual="running" if duration is None else times.length(duration),
        outcome=outcome,
    )


def _times(word: str, count: int) -> str:
    return f"{word} {'once' if count == 1 else 'twice' if count == 2 else f'{count} times'}"


def _adjustment_text(adjustment: Adjustment, name_of: Callable[[str | None], str]) -> str:
    text = f"{times.moment(adjustment.at_s)} {adjustment.change.value}"
    if adjustment.change is Change.END_EARLY:
        if adjustment.delta_s:
            text += f", {times.length(abs(adjustment.delta_s))} of the plan left"
    elif adjustment.delta_s:
        text += f" {'+' if adjustment.delta_s > 0 else '-'}{times.length(abs(adjustment.delta_s))}"
    where = adjustment.phase + (f", {name_of(adjustment.coach)}" if adjustment.coach else "")
    text += f" — {where}"
    if adjustment.detail:
        text += f" ({adjustment.detail})"
    return text


HEADINGS = {
    Section.CASE: "The case",
    Section.TAKEAWAYS: "Key takeaways",
    Section.NEXT_STEPS: "Next steps",
    Section.PHASE: "Other notes",  # a phase note filed under no phase
}


class _Placer:
    """Puts each note in its part (by :func:`clinic_timer.core.placement.place`); times each part from its slots."""

    def __init__(self, record: SessionRecord, audience: Audience) -> None:
        self.record = record
        self.audience = audience
        self.plans: dict[str, Plan] = {}

    def place(self, notes: list[Note]) -> list[Part]:
        """The report's parts: every phase (its timing is worth reading), and the others that hold notes."""
        seats = [Seat(p.name, p.turn_s is not None) for p in self.record.phases]
        parts: list[Part] = []
        for group in placement.place(notes, seats, speaking_order(self.record.timeline.runs)):
            if group.phase is None:
                part = Part(HEADINGS[group.section], entries=_entries(group))
                if not part.is_empty():
                    parts.append(part)
                continue
            part = Part(group.phase, self._timing(group.phase), _entries(group))
            for turn in group.coaches:
                assert turn.coach is not None
                runs = self._runs(group.phase, turn.coach)
                if turn.is_empty() and all(r.duration_s == 0 for r in runs):
                    continue  # skipped the moment it came, and nothing written: no turn to report
                timing = _timing_text(runs, self.turn_plan(group.phase, turn.coach), self.audience)
                part.parts.append(Part(self.record.roster.name_of(turn.coach), timing, _entries(turn)))
            parts.append(part)
        return parts

    def planned_total(self) -> float:
        """The whole clinic's plan: the sum of the phases' plans, as their sections say."""
        return sum(self.phase_plan(p.name).planned_s for p in self.record.phases)

    def phase_plan(self, phase: str) -> Plan:
        """A phase's plan: its slot's, or the sum of its coaches' turns; the format's if it never ran."""
        if phase not in self.plans:
            runs = [
                r for r in self.record.timeline.runs if r.phase == phase and r.outcome is not Outcome.ABSENT
            ]
            coaches = list(dict.fromkeys(r.coach for r in runs if r.coach is not None))
            if coaches:
                plan = Plan(0.0)
                for coach in coaches:
                    plan += self.turn_plan(phase, coach)
            elif runs:
                plan = Plan(runs[0].planned_s, sum(r.adjusted_s for r in runs))
            else:
                planned = next((p for p in self.record.phases if p.name == phase), None)
                plan = Plan(planned.planned_s if planned else 0.0)
            self.plans[phase] = plan
        return self.plans[phase]

    def turn_plan(self, phase: str, coach: str) -> Plan:
        """A coach's turn's plan: the slot they finished their turn in (a pass before it has its own row)."""
        runs = self._runs(phase, coach)
        if runs:
            return slot_plan(runs[-1])
        turn = next((p.turn_s for p in self.record.phases if p.name == phase), None)
        return Plan(turn or 0.0)

    def _runs(self, phase: str, coach: str | None) -> list[SlotRun]:
        runs = self.record.timeline.runs
        return [r for r in runs if r.phase == phase and (coach is None or r.coach == coach)]

    def _timing(self, phase: str) -> str:
        known = any(p.name == phase for p in self.record.phases)
        runs = self._runs(phase, None)
        plan = self.phase_plan(phase) if known or runs else None
        return _timing_text(runs, plan, self.audience)


def _entries(group: Group) -> list[Entry]:
    return [Entry(times.moment(n.at_s), n.text, n.private) for n in group.notes]


def _timing_text(runs: list[SlotRun], plan: Plan | None, audience: Audience) -> str:
    planned = f"planned {plan.text(audience)}" if plan is not None else ""
    if not runs:
        return planned + (" · did not run" if planned else "")
    durations = [r.duration_s for r in runs]
    took = sum(d for d in durations if d is not None)
    actual = f"took {times.length(took)}" + (" so far" if None in durations else "")
    if plan is not None and took > plan.against(audience) + 0.5:
        actual += f" (+{times.length(took - plan.against(audience))})"
    return " · ".join(t for t in (planned, actual) if t)
