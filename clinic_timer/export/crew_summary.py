"""A crew's summary to share with the crew: the schedule, who brought which case, who was there.

It is built as the same :class:`~clinic_timer.export.content.Report` a
clinic's export is, and rendered by the same Markdown and PDF code, so the
files look alike and escape user text alike. It is for the crew: a case
appears by its title only, and nothing of the organiser's own list (notes,
where-found, ease with feelings) or of any clinic's notes is read into it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clinic_timer.core import times
from clinic_timer.core.invitations import describe
from clinic_timer.export.content import Audience, Entry, Part, Report
from clinic_timer.export.files import ExportError, write_export
from clinic_timer.export.markdown import render_markdown

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date
    from pathlib import Path

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Plan

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def crew_report(crew: Crew, plan: Plan, names: Mapping[str, str], titles: Mapping[str, str]) -> Report:
    """The summary of ``crew`` for its members.

    Args:
        crew: who and when.
        plan: the meetings, held and planned.
        names: person id to display name.
        titles: a held meeting's record id to its case's title (nothing else of the record is used).
    """
    members = [
        names.get(m, "someone") + (" (organiser)" if m == crew.organiser else "") for m in crew.members
    ]
    schedule = crew.schedule
    facts = [
        ("Shared interest", crew.interest),
        ("Meets", f"{schedule.weekday.long}s at {times.time_of_day(schedule.at)} ({schedule.zone})"),
        ("From", _long_date(plan.meetings[0].day)),
        ("Weeks", str(len(plan.meetings))),
        ("Members", ", ".join(members)),
    ]
    if plan.ending is not None:
        facts.append(("Ending", plan.ending.value.replace("-", " ")))
    if crew.call_link:
        facts.append(("Call", crew.call_link))
    parts = []
    for meeting in plan.meetings:
        part = Part(
            heading=f"Week {meeting.number}, {_long_date(meeting.day)}: {describe(meeting, names)}",
            timing="held" if meeting.held else "planned",
        )
        if meeting.held:
            title = titles.get(meeting.record_id or "", "")
            if meeting.bringer is not None and title:
                part.entries.append(Entry("Case", f"{names.get(meeting.bringer, 'someone')}: {title}", False))
            there = [names.get(m, "someone") for m in crew.members if m not in meeting.absent]
            part.entries.append(Entry("There", ", ".join(there) or "nobody", False))
            if meeting.absent:
                part.entries.append(
                    Entry("Away", ", ".join(names.get(m, "someone") for m in meeting.absent), False)
                )
        parts.append(part)
    if plan.holidays:
        parts.append(
            Part("Weeks off", entries=[Entry("Skipped", _long_date(d), False) for d in plan.holidays])
        )
    front: list[tuple[str, str | list[str]]] = [
        ("crew", crew.name),
        ("interest", crew.interest),
        ("members", [names.get(m, "someone") for m in crew.members]),
        ("first_meeting", plan.meetings[0].day.isoformat()),
    ]
    return Report(Audience.CREW, crew.title, "", facts, front, parts, [], [])


def summary_file_name(crew: Crew, extension: str) -> str:
    """The name suggested for a summary: "Civics crew summary.md"."""
    stem = _UNSAFE.sub(" ", f"{crew.title} summary").strip(" .") or "crew summary"
    return f"{stem}.{extension}"


def write_summary(
    crew: Crew, plan: Plan, names: Mapping[str, str], titles: Mapping[str, str], path: Path, *, pdf: bool
) -> None:
    """Writes the summary as Markdown or PDF, atomically.

    Raises:
        ExportError: it cannot be written; nothing was changed.
    """
    report = crew_report(crew, plan, names, titles)
    if pdf:
        from clinic_timer.export.pdf import report_pdf  # the one place Qt is needed

        try:
            data = report_pdf(report)
        except ExportError as error:
            raise ExportError(path, error.problem) from None
    else:
        data = render_markdown(report).encode("utf-8")
    write_export(path, data)


def _long_date(day: date) -> str:
    return f"{times.day_text(day)} {day.year}"
