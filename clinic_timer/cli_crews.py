"""``clinic-timer crews``: suggest, form and plan crews, and export their calendar and summary.

Members are people from ``clinic-timer people`` by name (or id). Showing,
listing and exporting read the database read-only; forming and changing a
crew need the app closed. Every handler returns 0 when done, or 2 with one
line on stderr: an unknown person or crew, too few people, a bad time zone,
date or time, an unwritable ``-o`` path.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer import paths
from clinic_timer.cli import EXIT_OK
from clinic_timer.cli_people import CommandError, book, guarded, names_of, table
from clinic_timer.core import plan as planning
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.crews import Crew, Schedule, Weekday, new_crew_id, parse_date, parse_time, time_zone
from clinic_timer.core.health import SignKind, signs
from clinic_timer.core.invitations import crew_invitation, reminder, thank_you
from clinic_timer.core.people import Standing, find_person
from clinic_timer.core.suggest import Sizes, suggest
from clinic_timer.store import default_path

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from clinic_timer.cli_people import Handler
    from clinic_timer.core.formats import Format
    from clinic_timer.store.crews import CrewBook, KeptCrew

MESSAGES = ("invitation", "reminder", "thanks")


def add_crews_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``crews ...``; each leaf parser sets ``handler``."""
    crews = subparsers.add_parser("crews", help="suggest, form and plan crews; their calendar and summary")
    actions = crews.add_subparsers(dest="crews_command", metavar="ACTION", required=True)

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


def formats() -> dict[str, Format]:
    """The built-in and user formats by name."""
    return load_catalogue(paths.shipped("sessions"), paths.user_formats_dir()).formats


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
    zone = args.tz.strip()
    time_zone(zone)
    schedule = Schedule(Weekday.parse(args.weekday), parse_time(args.time), zone, parse_date(args.start))
    with book(write=True) as kept:
        people = kept.people()
        members = [find_person(people, name) for name in args.member]
        organiser = find_person(people, args.organiser) if args.organiser else members[0]
        if organiser not in members:
            raise CommandError(f"{organiser.name} is not among the members; the organiser is one of them")
        crew = Crew(
            id=new_crew_id(),
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
        _print_plan(shown, names_of(people))
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
        coming = planning.next_meeting(plan, _today(crew))
        rows.append(
            (
                crew.name,
                crew.interest,
                f"{crew.schedule.weekday.name.lower()} {crew.schedule.at:%H:%M} {crew.schedule.zone}",
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
        _print_plan(kept.crew(args.crew), names_of(kept.people()))
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


def run_swap(args: argparse.Namespace) -> int:
    """Two weeks' bringers trade places."""
    return _change(args, lambda kept, each: planning.swap(each.plan, *args.weeks))


def run_give(args: argparse.Namespace) -> int:
    """A volunteer takes a week's case."""

    def give(kept: CrewBook, each: KeptCrew) -> planning.Plan:
        person = find_person(kept.people(), args.person)
        return planning.volunteer(each.crew, each.plan, args.week, person.id)

    return _change(args, give)


def run_skip(args: argparse.Namespace) -> int:
    """A holiday: the week and the rest move on by a week."""
    return _change(args, lambda kept, each: planning.skip(each.plan, args.week))


def run_move(args: argparse.Namespace) -> int:
    """One meeting to another date."""
    day = parse_date(args.date)
    return _change(args, lambda kept, each: planning.move(each.plan, args.week, day))


def run_format(args: argparse.Namespace) -> int:
    """A week runs with another format from the catalogue."""
    known = formats()
    if args.format_name not in known:
        raise CommandError(
            f"no clinic format called {args.format_name!r} (known: {', '.join(sorted(known))})"
        )
    return _change(args, lambda kept, each: planning.change_format(each.plan, args.week, args.format_name))


def run_held(args: argparse.Namespace) -> int:
    """Links a week to its kept clinic; those not on the clinic's roster (or named --absent) were away."""

    def held(kept: CrewBook, each: KeptCrew) -> planning.Plan:
        people = kept.people()
        away = {find_person(people, name).id for name in args.absent}
        record_id = None
        if args.session:
            record = kept.store.load(kept.store.resolve(args.session))
            record_id = record.id
            there = {n.casefold() for n in (record.roster.bringer, *record.roster.coaches)}
            names = names_of(people)
            away |= {m for m in each.crew.members if names.get(m, "").casefold() not in there}
        return planning.hold(each.crew, each.plan, args.week, record_id=record_id, absent=tuple(away))

    return _change(args, held)


def run_end(args: argparse.Namespace) -> int:
    """Records a time-bounded ending (members in no other running crew have now crewed before), or carrying on."""
    if args.time_bounded:
        code = _change(
            args, lambda kept, each: planning.end(each.crew, each.plan, planning.Ending.TIME_BOUNDED)
        )
        with book(write=True) as kept:
            crews = kept.crews()
            running = {
                m for k in crews if k.plan.ending is not planning.Ending.TIME_BOUNDED for m in k.crew.members
            }
            ended = kept.crew(args.crew).crew.members
            for person in kept.people():
                if person.id in ended and person.id not in running and person.standing is Standing.IN_A_CREW:
                    kept.save_person(person.with_changes(standing=Standing.CREWED_BEFORE))
        return code
    return _change(
        args,
        lambda kept, each: planning.end(each.crew, each.plan, planning.Ending.CARRYING_ON, args.carry_on),
    )


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
        meeting = plan.meeting(args.week) if args.week else planning.next_meeting(plan, _today(crew))
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


def _change(args: argparse.Namespace, change: Callable[[CrewBook, KeptCrew], planning.Plan]) -> int:
    """Applies ``change(book, kept_crew) -> Plan`` to the named crew, saves it and shows the plan."""
    with book(write=True) as kept:
        each = kept.crew(args.crew)
        plan = change(kept, each)
        kept.save_crew(each.crew, plan)
        _print_plan(kept.crew(each.crew.id), names_of(kept.people()))
    return EXIT_OK


def _today(crew: Crew) -> date:
    return datetime.now(UTC).astimezone(time_zone(crew.schedule.zone)).date()


def _print_plan(each: KeptCrew, names: dict[str, str]) -> None:
    crew, plan = each.crew, each.plan
    out = sys.stdout.write
    who = ", ".join(names.get(m, m) + (" (organiser)" if m == crew.organiser else "") for m in crew.members)
    out(f"{crew.title}: {crew.interest}, {crew.schedule.weekday.long}s at {crew.schedule.at:%H:%M} ")
    out(f"({crew.schedule.zone})\nMembers: {who}\n")
    if crew.call_link:
        out(f"Call: {crew.call_link}\n")
    rows = []
    for m in plan.meetings:
        there = f"{len(crew.members) - len(m.absent)}/{len(crew.members)}" if m.held else ""
        if m.absent:
            there += f" (away: {', '.join(names.get(a, a) for a in m.absent)})"
        bringer = names.get(m.bringer, m.bringer) if m.bringer else "-"
        if m.facilitator:
            bringer += f" (facilitator: {names.get(m.facilitator, m.facilitator)})"
        rows.append(
            (str(m.number), f"{m.day:%a} {m.day.isoformat()}", m.format_name, bringer, m.status.value, there)
        )
    out("\n")
    table(["WEEK", "DATE", "FORMAT", "BRINGER", "STATUS", "THERE"], rows, "no meetings")
    if plan.holidays:
        out(f"Weeks off: {', '.join(d.isoformat() for d in plan.holidays)}\n")
    waiting = planning.waiting(crew, plan)
    if waiting:
        out(f"Still to have a turn this round: {', '.join(names.get(w, w) for w in waiting)}\n")
    for sign in signs(crew, plan):
        if sign.kind is SignKind.AWAY_TWICE and sign.person:
            out(f"Early sign (week {sign.week}): {names.get(sign.person, sign.person)} away twice in a row\n")
        else:
            out(f"Early sign (week {sign.week}): two or more away\n")
    if plan.ending:
        out(f"Ending: {plan.ending.value}\n")
