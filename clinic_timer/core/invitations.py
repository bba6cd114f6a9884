"""The words an organiser sends: a 1-1 invitation, the crew invitation, the weekly reminder, the thank-you.

Each is plain text filled in from the crew and its plan, for the organiser
to edit and copy into a chat. They are written in our own words, warm and
short, and they never say anything private: no notes, no "at ease" flag, no
where-found. Names come in through a mapping from person id to display name,
so a renamed person is greeted by their current name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core import times
from clinic_timer.core.plan import CLINIC_FORMAT, INTRO_FORMAT, LANDING_FORMAT

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Meeting, Plan

_KINDS = {INTRO_FORMAT: "intro session", CLINIC_FORMAT: "case clinic", LANDING_FORMAT: "landing"}

CASE_CLINIC_PARTS = (
    "The one who brings a case talks it through for 15 to 20 minutes; the rest of us listen "
    "and ask only to understand.",
    "Each coach in turn reflects back what they heard and how it made them feel, without advice.",
    "The one who brought the case says what it was like to share and to hear the reflections.",
    "Then an open conversation, where ideas and advice are welcome.",
)


def kind_of(format_name: str, title: str | None = None) -> str:
    """What a meeting is, in a few words: "case clinic", "intro session", "landing", or the format's title."""
    return _KINDS.get(format_name) or (title or format_name.replace("-", " ")).strip()


def describe(meeting: Meeting, names: Mapping[str, str], title: str | None = None) -> str:
    """A meeting in a phrase: "case clinic (Ben brings a case)"."""
    words = kind_of(meeting.format_name, title)
    if meeting.bringer is not None:
        words += f" ({names.get(meeting.bringer, 'someone')} brings a case)"
    if meeting.facilitator is not None:
        words += f", facilitated by {names.get(meeting.facilitator, 'someone')}"
    return words


def one_to_one(name: str, topic: str, organiser: str) -> str:
    """The first message to someone found in an intros channel or at a conference.

    Args:
        name: who it is for.
        topic: what the organiser would love to talk about with them.
        organiser: who signs it.
    """
    about = f" about {topic.strip()}" if topic.strip() else ""
    return (
        f"Hi {name},\n\n"
        f"If you'd like to jump on a call sometime to connect, I'd love to chat{about}. "
        "No agenda: I enjoy getting to know people who care about the same things. "
        "Tell me a time that suits you and I'll call.\n\n"
        f"{organiser}\n"
    )


def crew_invitation(crew: Crew, plan: Plan, names: Mapping[str, str], minutes: int | None = None) -> str:
    """The invitation to the crew's group chat: who, when, for how long, and what a case clinic is.

    Args:
        crew: the crew.
        plan: its plan, for the schedule.
        names: person id to display name.
        minutes: how long a meeting lasts, if known (from its format).
    """
    guests = [names.get(m, "someone") for m in crew.members if m != crew.organiser]
    length = f" for about {minutes} minutes" if minutes else ""
    lines = [
        f"Hi {_joined(guests)},",
        "",
        f"Thank you for saying yes. Here is our {crew.title}: the few of us who care about "
        f"{crew.interest}, meeting every {crew.schedule.weekday.long} at {times.time_of_day(crew.schedule.at)} "
        f"({crew.schedule.zone}){length}, for {len(plan.meetings)} weeks. It has an end, and that is "
        "part of the point.",
        "",
    ]
    lines += [f"- {times.day_text(m.day)}: {describe(m, names)}" for m in plan.meetings]
    lines += [
        "",
        "The first week we just get to know one another. In the case clinics each of us brings "
        "something we are working on or living with, once, and gets the others' full attention. "
        "A case clinic goes in four parts:",
        "",
    ]
    lines += [f"{i}. {part}" for i, part in enumerate(CASE_CLINIC_PARTS, start=1)]
    lines += ["", "The last week we land: look back together and decide what comes next.", ""]
    if crew.call_link:
        lines += [f"The call: {crew.call_link}", ""]
    lines += ["See you there,", names.get(crew.organiser, ""), ""]
    return "\n".join(lines)


def reminder(crew: Crew, meeting: Meeting, names: Mapping[str, str]) -> str:
    """The message a day or two before a meeting, naming who brings a case."""
    when = f"{times.day_text(meeting.day)} at {times.time_of_day(crew.schedule.at)} ({crew.schedule.zone})"
    lines = [f"Hi all, a reminder: our {crew.title} meets on {when}: {describe(meeting, names)}."]
    if meeting.bringer is not None:
        lines.append(
            f"{names.get(meeting.bringer, 'Someone')} brings a case this time; the rest of us listen, "
            "ask to understand, and reflect what we heard and felt before any advice."
        )
    if crew.call_link:
        lines.append(f"The call: {crew.call_link}")
    return "\n".join(lines) + "\n"


def thank_you(crew: Crew, plan: Plan, names: Mapping[str, str]) -> str:
    """The landing's thank-you: what the crew did together, and that the door stays open."""
    guests = [names.get(m, "someone") for m in crew.members if m != crew.organiser]
    cases = sum(1 for m in plan.meetings if m.bringer is not None and m.held)
    held = sum(1 for m in plan.meetings if m.held)
    done = f"{held} meetings and {cases} cases" if held else "these weeks"
    return (
        f"Dear {_joined(guests)},\n\n"
        f"Thank you for our {crew.title}: {done}, and all the attention you gave one another. "
        "It meant a lot to me to see each of you bring something real and to hear how the others "
        "were moved by it.\n\n"
        "The chat stays open. If you would like to crew again, or know someone who would, tell me.\n\n"
        f"With thanks,\n{names.get(crew.organiser, '')}\n"
    )


def _joined(names: list[str]) -> str:
    if not names:
        return "all"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
