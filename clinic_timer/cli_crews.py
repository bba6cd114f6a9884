"""``clinic-timer crews``: suggest, form and plan crews, and export their calendar and summary.

Members are people from ``clinic-timer people`` by name (or id). Showing,
listing and exporting read the database read-only; forming and changing a
crew need the app closed. Every handler returns 0 when done, or 2 with one
line on stderr: an unknown person or crew, too few people, a bad time zone,
date or time, an unwritable ``-o`` path. The commands that change a plan
week by week live in :mod:`~clinic_timer.cli_crew_plan`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer.cli import EXIT_OK
from clinic_timer.cli_crew_plan import (
    formats,
    print_plan,
    run_end,
    run_format,
    run_give,
    run_held,
    run_move,
    run_skip,
    run_swap,
    today_for,
)
from clinic_timer.cli_people import CommandError, OneLineParser, book, guarded, names_of, table
from clinic_timer.core import plan as planning
from clinic_timer.core import times
from clinic_timer.core.crews import Crew, Schedule, Weekday, new_crew_id, parse_date, parse_time
from clinic_timer.core.invitations import crew_invitation, reminder, thank_you
from clinic_timer.core.people import Standing, find_person
from clinic_timer.core.suggest import Sizes, suggest
from clinic_timer.store import default_path

if TYPE_CHECKING:
    import argparse

    from clinic_timer.cli_people import Handler

MESSAGES = ("invitation", "reminder", "thanks")


def add_crews_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``crews ...``; each leaf parser sets ``handler``."""
    crews = subparsers.add_parser("crews", help="suggest, form and plan crews; their calendar and summary")
    actions = crews.add_subparsers(
        dest="crews_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )

    def action(name: str, text: str, handler: Handler, *, crew: bool = True) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=text)
        if crew:
            parser.add_argument("crew", metavar="NAME", help="the crew's name")
        parser.set_defaults(handler=guarded(handler))
        return parser

    suggesting = action(
        "suggest", "crews you might form from the people marked interested", run_suggest, crew=False
    )
    suggesting.add_argument("--interest", metavar="TAG", help="only crews around this interest")
    suggesting.add_argument("--organiser", metavar="NAME", help="you, if you are on your own list")
    suggesting.add_argument(
        "--smallest", type=int, default=3, help="fewest members, you included (default 3)"
    )
    suggesting.add_argument("--largest", type=int, default=5, help="most members, you included (default 5)")

    forming = action("new", "form a crew and plan its weeks", run_new)
    forming.add_argument("--interest", required=True, metavar="TAG")
    forming.add_argument(
        "--member",
        action="extend",
        nargs="+",
        required=True,
        metavar="NAME",
        help="members (one or more; repeat)",
    )
    forming.add_argument("--organiser", metavar="NAME", help="one of the members (default: the first)")
    forming.add_argument("--weekday", required=True, metavar="DAY", help="mon, tue, ...")
    forming.add_argument("--time", required=True, metavar="HH:MM")
    forming.add_argument("--tz", required=True, metavar="ZONE", help="an IANA time zone, e.g. Europe/London")
    forming.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="the first meeting")
    forming.add_argument("--weeks", type=int, default=6, help="3 to 12 (default 6)")
    forming.add_argument("--link", default="", metavar="URL", help="the video call")
    forming.add_argument("--chat", default="", metavar="URL", help="the group chat")

    setting = action("set", "rename a crew or change its time, zone or links (calendars update)", run_set)
    setting.add_argument("--rename", metavar="NEW")
    setting.add_argument("--time", metavar="HH:MM")
    setting.add_argument("--tz", metavar="ZONE")
    setting.add_argument("--link", metavar="URL")
    setting.add_argument("--chat", metavar="URL")

    action("list", "every crew", run_list, crew=False)
    action("show", "a crew's plan week by week", run_show)
    ics = action("ics", "write the plan as an iCalendar file", run_ics)
    ics.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="the .ics file ('-': stdout)"
    )
    exporting = action("export", "write a summary for the crew", run_export)
    exporting.add_argument("--format", dest="export_format", choices=["md", "pdf"], default="md")
    exporting.add_argument("-o", "--output", type=Path, metavar="FILE")

    swapping = action("swap", "two weeks' bringers trade places", run_swap)
    swapping.add_argument("weeks", nargs=2, type=int, metavar="WEEK")
    giving = action("give", "give a week's case to a volunteer", run_give)
    giving.add_argument("week", type=int, metavar="WEEK")
    giving.add_argument("person", metavar="PERSON")
    skipping = action("skip", "a week off: this week and the rest move on by one", run_skip)
    skipping.add_argument("week", type=int, metavar="WEEK")
    moving = action("move", "move one meeting to another date", run_move)
    moving.add_argument("week", type=int, metavar="WEEK")
    moving.add_argument("date", metavar="YYYY-MM-DD")
    formatting = action("format", "run a week with another format", run_format)
    formatting.add_argument("week", type=int, metavar="WEEK")
    formatting.add_argument("format_name", metavar="FORMAT")
    holding = action("held", "record that a week was held, and who was away", run_held)
    holding.add_argument("week", type=int, metavar="WEEK")
    holding.add_argument(
        "--session", metavar="ID", help="the kept clinic it was (absences read from its roster)"
    )
    holding.add_argument("--absent", action="append", default=[], metavar="NAME")
    ending = action("end", "record how the crew ended at its landing", run_end)
    how = ending.add_mutually_exclusive_group(required=True)
    how.add_argument("--time-bounded", action="store_true", help="it ends as planned")
    how.add_argument("--carry-on", type=int, metavar="WEEKS", help="it carries on, the facilitator rotating")
    message = action("message", "print a message to the crew, to edit and copy", run_message)
    message.add_argument("kind", choices=MESSAGES)
    message.add_argument("--week", type=int, help="the meeting a reminder is for (default: the next)")


def run_suggest(args: argparse.Namespace) -> int:
    """Prints each suggestion with its reason, then what is missing where none fits."""
    try:
        sizes = Sizes(args.smallest, args.largest)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if not default_path_exists():
        raise CommandError("nobody on your list yet (clinic-timer people add NAME)")
    with book(write=False) as kept:
        people = kept.people()
    organiser = find_person(people, args.organiser) if args.organiser else None
    result = suggest(people, organiser=organiser, interest=args.interest, sizes=sizes)
    for each in result.crews:
        sys.stdout.write(f"{each.interest}: {', '.join(p.name for p in each.people)}\n    {each.reason}\n")
    for missing in result.missing:
        sys.stdout.write(f"no crew fits: {missing}\n")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    """Forms the crew, plans its weeks and marks its members as in a crew."""
    schedule = Schedule(
        Weekday.parse(args.weekday), parse_time(args.time), args.tz.strip(), parse_date(args.start)
    )
    with book(write=True) as kept:
        people = kept.people()
        taken = {k.crew.id for k in kept.crews()}
        crew_id = new_crew_id()
        while crew_id in taken:  # four random bytes: a clash is rare, and would overwrite a crew
            crew_id = new_crew_id()
        members = [find_person(people, name) for name in args.member]
        organiser = find_person(people, args.organiser) if args.organiser else members[0]
        if organiser not in members:
            raise CommandError(f"{organiser.name} is not among the members; the organiser is one of them")
        crew = Crew(
            id=crew_id,
            name=args.crew,
            interest=args.interest,
            organiser=organiser.id,
            members=tuple(dict.fromkeys(m.id for m in members)),
            schedule=schedule,
            weeks=args.weeks,
            call_link=args.link,
            chat_link=args.chat,
        )
        if len(crew.members) != len(members):
            raise CommandError("someone is named twice among the members")
        kept.save_crew(crew, planning.plan_for(crew))
        for member in members:
            if member.standing is not Standing.IN_A_CREW:
                kept.save_person(member.with_changes(standing=Standing.IN_A_CREW))
        shown = kept.crew(crew.id)
        print_plan(shown, names_of(people))
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    """Changes the crew itself; every meeting not yet held gets a new calendar revision."""
    with book(write=True) as kept:
        each = kept.crew(args.crew)
        crew = each.crew
        schedule = crew.schedule
        if args.time or args.tz:
            at = parse_time(args.time) if args.time else schedule.at
            schedule = Schedule(
                schedule.weekday, at, args.tz.strip() if args.tz else schedule.zone, schedule.first
            )
        changed = crew.with_changes(
            name=args.rename or crew.name,
            schedule=schedule,
            call_link=crew.call_link if args.link is None else args.link,
            chat_link=crew.chat_link if args.chat is None else args.chat,
        )
        if changed == crew:
            raise CommandError("nothing to change: give --rename, --time, --tz, --link or --chat")
        kept.save_crew(changed, planning.revise_all(each.plan))
        print_plan(kept.crew(crew.id), names_of(kept.people()))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """One line per crew: name, interest, when it meets, its first date, weeks, next meeting."""
    if not default_path_exists():
        sys.stderr.write("no crews yet\n")
        return EXIT_OK
    with book(write=False) as kept:
        crews = kept.crews()
    rows = []
    for each in crews:
        crew, plan = each.crew, each.plan
        coming = planning.next_meeting(plan, today_for(crew))
        rows.append(
            (
                crew.name,
                crew.interest,
                f"{crew.schedule.weekday.name.lower()} {times.time_of_day(crew.schedule.at)} {crew.schedule.zone}",
                plan.meetings[0].day.isoformat(),
                str(len(plan.meetings)),
                f"week {coming.number}, {coming.day.isoformat()}" if coming else "-",
            )
        )
    table(["NAME", "INTEREST", "MEETS", "FROM", "WEEKS", "NEXT"], rows, "no crews yet")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Prints the plan week by week, with bringers, attendance, who waits for a turn and early signs."""
    with book(write=False) as kept:
        print_plan(kept.crew(args.crew), names_of(kept.people()))
    return EXIT_OK


def run_ics(args: argparse.Namespace) -> int:
    """Writes the calendar (or prints it with ``-o -``)."""
    from clinic_timer.export.calendar import to_ics, write_ics

    with book(write=False) as kept:
        each, names = kept.crew(args.crew), names_of(kept.people())
    if str(args.output) == "-":
        sys.stdout.write(to_ics(each.crew, each.plan, names, formats()).decode("utf-8"))
        return EXIT_OK
    write_ics(each.crew, each.plan, names, formats(), args.output)
    sys.stderr.write(f"wrote {args.output}\n")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Writes the crew's summary: schedule, cases by title, attendance."""
    from clinic_timer.export.crew_summary import summary_file_name, write_summary

    with book(write=False) as kept:
        each, names = kept.crew(args.crew), names_of(kept.people())
        titles = {}
        for meeting in each.plan.meetings:
            if meeting.record_id:
                try:
                    titles[meeting.record_id] = kept.store.load(meeting.record_id).notebook.title
                except KeyError:
                    continue  # the clinic was deleted since; the week still shows who was there
    path = args.output or Path(summary_file_name(each.crew, args.export_format))
    write_summary(each.crew, each.plan, names, titles, path, pdf=args.export_format == "pdf")
    sys.stderr.write(f"wrote {path}\n")
    return EXIT_OK


def run_message(args: argparse.Namespace) -> int:
    """Prints the invitation, a reminder or the thank-you, to edit and copy."""
    with book(write=False) as kept:
        each, names = kept.crew(args.crew), names_of(kept.people())
    crew, plan = each.crew, each.plan
    if args.kind == "invitation":
        fmt = formats().get(planning.CLINIC_FORMAT)
        minutes = round(fmt.planned_seconds(len(crew.members) - 1) / 60) if fmt else None
        sys.stdout.write(crew_invitation(crew, plan, names, minutes))
    elif args.kind == "reminder":
        meeting = plan.meeting(args.week) if args.week else planning.next_meeting(plan, today_for(crew))
        if meeting is None:
            raise CommandError(f"the {crew.title} has no meeting ahead; give --week N")
        sys.stdout.write(reminder(crew, meeting, names))
    else:
        sys.stdout.write(thank_you(crew, plan, names))
    return EXIT_OK


# -- helpers ------------------------------------------------------------------------------


def default_path_exists() -> bool:
    """Whether a notes database exists yet."""
    return default_path().exists()
