"""What a crew member brought: their case, recalled from the clinic it was held as.

The landing looks back on every case of the crew. What it shows of one is
what the crew itself may read of that clinic: the case's title, what the
bringer wanted help with, and the takeaways that were not marked private.
A :class:`CaseRecall` has no field for anything else, so a private note
cannot reach the console's recall, let alone the share view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_timer.core.notes import Section

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Plan
    from clinic_timer.core.record import SessionRecord


@dataclass(frozen=True)
class CaseRecall:
    """One person's case, as the crew may read it.

    Attributes:
        person: the bringer's person id.
        week: the week it was brought.
        title: the case's title ("" if none was written).
        help_wanted: what they wanted help with.
        takeaways: the non-private takeaway notes, in the order written.
    """

    person: str
    week: int
    title: str
    help_wanted: str
    takeaways: tuple[str, ...]


def recall(person: str, week: int, record: SessionRecord) -> CaseRecall:
    """The crew's view of the case ``person`` brought in ``record``."""
    notebook = record.notebook
    takeaways = tuple(
        n.text for n in notebook.visible(for_crew=True) if n.section is Section.TAKEAWAYS and not n.private
    )
    return CaseRecall(person, week, notebook.title.strip(), notebook.help_wanted.strip(), takeaways)


def recalls(
    crew: Crew, plan: Plan, load: Callable[[str], SessionRecord | None]
) -> dict[str, list[CaseRecall]]:
    """Every held case of the crew by bringer, in week order.

    Args:
        crew: whose cases.
        plan: its meetings; only held case weeks with a kept record count.
        load: a record by id, or None when it cannot be read (deleted, damaged).
    """
    found: dict[str, list[CaseRecall]] = {m: [] for m in crew.members}
    for meeting in plan.meetings:
        if not meeting.held or meeting.bringer is None or meeting.record_id is None:
            continue
        record = load(meeting.record_id)
        if record is not None:
            found.setdefault(meeting.bringer, []).append(recall(meeting.bringer, meeting.number, record))
    return found


def recall_text(name: str, cases: list[CaseRecall]) -> str:
    """The console's few lines about what ``name`` brought, for their turn in the landing."""
    if not cases:
        return f"{name} did not bring a case in this crew (or its clinic was not kept)."
    lines = []
    for case in cases:
        lines.append(f"Week {case.week}: {case.title or '(no title written)'}")
        if case.help_wanted:
            lines.append(f"Wanted help with: {case.help_wanted}")
        lines.extend(f"Takeaway: {t}" for t in case.takeaways)
    return f"What {name} brought\n" + "\n".join(lines)
