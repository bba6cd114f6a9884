"""What an export says, decided once for every file type.

The Markdown and the PDF render the same :class:`Report`, so the two never
disagree about which notes a reader sees. The audience is applied here, at
the one place notes are chosen: a crew report is built from a record with
the private notes already removed, so no renderer can leak one.

Notes are placed where they were written: case notes first, then each phase
in the order the format plans them; in a per-coach phase (the reflections),
one part per coach in the order they spoke, so the report reads as who
reflected what, in order. A note that fits nowhere (its phase was renamed
since) goes under "Other notes" rather than being dropped.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from clinic_timer.core.archive import RecordStatus, SessionRecord
from clinic_timer.core.notes import Note, Section, stamp

if TYPE_CHECKING:
    from clinic_timer.core.record import SlotRun


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


def clock_text(seconds: float) -> str:
    """A length of time as ``mm:ss``, or ``h:mm:ss`` from an hour on, to the nearest second."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    sign = "-" if seconds < 0 and total else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def minutes_text(seconds: float) -> str:
    """Seconds as whole minutes, for summaries ("92 min")."""
    return f"{round(seconds / 60)} min"


def human_date(iso_text: str) -> str:
    """An ISO time as a reader writes it: "Tuesday 3 March 2026, 19:05"."""
    moment = datetime.fromisoformat(iso_text)
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"


def build_report(record: SessionRecord, audience: Audience) -> Report:
    """The report of ``record`` for ``audience``."""
    if audience is Audience.CREW:
        record = record.for_crew()
    notes = record.notebook.visible(for_crew=audience is Audience.CREW)
    title = record.notebook.title or f"{record.format_title} with {record.roster.bringer}"
    return Report(
        audience=audience,
        title=title,
        help_wanted=record.notebook.help_wanted,
        facts=_facts(record, audience),
        front_matter=_front_matter(record, title, audience),
        parts=_Placer(record).place(notes),
        timeline=[_timeline_row(run) for run in record.timeline.runs],
        adjustments=[_adjustment_text(record, i) for i in range(len(record.timeline.adjustments))],
    )


def _facts(record: SessionRecord, audience: Audience) -> list[tuple[str, str]]:
    facts = [
        ("Date", human_date(record.started_at)),
        ("Format", record.format_title),
        ("Case bringer", record.roster.bringer),
        ("Coaches", ", ".join(record.roster.coaches) or "none"),
        ("Time", f"{minutes_text(record.elapsed_s)} (planned {minutes_text(record.planned_s)})"),
    ]
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
        ("bringer", record.roster.bringer),
        ("coaches", list(record.roster.coaches)),
        ("status", record.status.value),
        ("audience", audience.value),
        ("session_id", record.id),
        ("tags", ["clinic-timer", "case-clinic"]),
    ]
    return matter


def _timeline_row(run: SlotRun) -> TimelineRow:
    duration = run.duration_s
    return TimelineRow(
        slot=run.slot,
        phase=run.phase,
        speaker=run.speaker or "—",
        planned=clock_text(run.planned_s + run.adjusted_s),
        actual="running" if duration is None else clock_text(duration),
        outcome=run.outcome.value,
    )


def _adjustment_text(record: SessionRecord, index: int) -> str:
    adjustment = record.timeline.adjustments[index]
    text = f"{stamp(adjustment.at_s)} {adjustment.change.value}"
    if adjustment.delta_s:
        text += f" {'+' if adjustment.delta_s > 0 else '-'}{clock_text(abs(adjustment.delta_s))}"
    where = adjustment.phase + (f", {adjustment.coach}" if adjustment.coach else "")
    text += f" — {where}"
    if adjustment.detail:
        text += f" ({adjustment.detail})"
    return text


class _Placer:
    """Puts each note in its part, and every note somewhere."""

    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self.case = Part("The case")
        self.phases: dict[str, Part] = {}
        self.coach_parts: dict[tuple[str, str], Part] = {}
        self.takeaways = Part("Key takeaways")
        self.next_steps = Part("Next steps")
        self.other = Part("Other notes")
        self.first_per_coach: str | None = None
        for planned in record.phases:
            self.phases[planned.name] = Part(planned.name, self._timing(planned.name, planned.planned_s))
            if planned.turn_s is not None:
                self.first_per_coach = self.first_per_coach or planned.name
                for coach in self._speaking_order(planned.name):
                    self._coach_part(planned.name, coach)

    def place(self, notes: list[Note]) -> list[Part]:
        for note in notes:
            self._part_for(note).entries.append(Entry(stamp(note.at_s), note.text, note.private))
        parts = [self.case, *self.phases.values(), self.takeaways, self.next_steps, self.other]
        keep_empty = {id(p) for p in self.phases.values()}  # a phase's timing is worth reading
        return [p for p in parts if id(p) in keep_empty or not p.is_empty()]

    def _part_for(self, note: Note) -> Part:
        if note.section is Section.CASE:
            return self.case
        if note.section is Section.TAKEAWAYS:
            return self.takeaways
        if note.section is Section.NEXT_STEPS:
            return self.next_steps
        phase = note.phase
        if note.section is Section.REFLECTION:
            phase = phase or self.first_per_coach
            if phase is not None and note.coach:
                return self._coach_part(phase, note.coach)
        if phase is None:
            return self.other
        if phase not in self.phases:
            self.phases[phase] = Part(phase, self._timing(phase, None))
        return self.phases[phase]

    def _coach_part(self, phase: str, coach: str) -> Part:
        key = (phase, coach)
        if key not in self.coach_parts:
            if phase not in self.phases:
                self.phases[phase] = Part(phase, self._timing(phase, None))
            turn = self._turn_timing(phase, coach)
            self.coach_parts[key] = part = Part(coach, turn)
            self.phases[phase].parts.append(part)
        return self.coach_parts[key]

    def _speaking_order(self, phase: str) -> list[str]:
        order: list[str] = []
        for run in self.record.timeline.runs:
            if run.phase == phase and run.coach and run.coach not in order and run.duration_s != 0:
                order.append(run.coach)
        return order

    def _timing(self, phase: str, planned_s: float | None) -> str:
        runs = [r for r in self.record.timeline.runs if r.phase == phase]
        return _timing_text(runs, planned_s)

    def _turn_timing(self, phase: str, coach: str) -> str:
        runs = [r for r in self.record.timeline.runs if r.phase == phase and r.coach == coach]
        turn = next((p.turn_s for p in self.record.phases if p.name == phase), None)
        return _timing_text(runs, turn)


def _timing_text(runs: list[SlotRun], planned_s: float | None) -> str:
    planned = f"planned {clock_text(planned_s)}" if planned_s is not None else ""
    if not runs:
        return planned + (" · did not run" if planned else "")
    durations = [r.duration_s for r in runs]
    took = sum(d for d in durations if d is not None)
    actual = f"took {clock_text(took)}" + (" so far" if None in durations else "")
    if planned_s is not None and took > planned_s + 0.5:
        actual += f" (+{clock_text(took - planned_s)})"
    return " · ".join(t for t in (planned, actual) if t)
