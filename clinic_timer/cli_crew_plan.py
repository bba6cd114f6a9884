"""``clinic-timer crews swap|give|skip|move|format|held|end``: the organiser's changes to a crew's plan.

Each handler opens the database to write (the app closed), applies one
change from :mod:`~clinic_timer.core.plan` to the named crew, saves the plan
in one transaction and prints it. Bad input is one line on stderr and exit
code 2, as everywhere on the command line (see :func:`~clinic_timer.cli_people.guarded`).
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from clinic_timer import paths
from clinic_timer.cli import EXIT_OK
from clinic_timer.cli_people import CommandError, book, names_of, table
from clinic_timer.core import plan as planning
from clinic_timer.core import times
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.crews import parse_date, time_zone
from clinic_timer.core.health import SignKind, signs
from clinic_timer.core.people import Standing, find_person

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.formats import Format
    from clinic_timer.store.crews import CrewBook, KeptCrew


def formats() -> dict[str, Format]:
    """The built-in and user formats by name."""
    return load_catalogue(paths.shipped("sessions"), paths.user_formats_dir()).formats


def run_swap(args: argparse.Namespace) -> int:
    """Two weeks' bringers trade places."""
    return change_plan(args, lambda kept, each: planning.swap(each.plan, *args.weeks))


def run_give(args: argparse.Namespace) -> int:
    """A volunteer takes a week's case."""

    def give(kept: CrewBook, each: KeptCrew) -> planning.Plan:
        person = find_person(kept.people(), args.person)
        return planning.volunteer(each.crew, each.plan, args.week, person.id)

    return change_plan(args, give)


def run_skip(args: argparse.Namespace) -> int:
    """A holiday: the week and the rest move on by a week."""
    return change_plan(args, lambda kept, each: planning.skip(each.plan, args.week))


def run_move(args: argparse.Namespace) -> int:
    """One meeting to another date."""
    day = parse_date(args.date)
    return change_plan(args, lambda kept, each: planning.move(each.plan, args.week, day))


def run_format(args: argparse.Namespace) -> int:
    """A week runs with another format from the catalogue."""
    known = formats()
    if args.format_name not in known:
        raise CommandError(
            f"no clinic format called {args.format_name!r} (known: {', '.join(sorted(known))})"
        )
    return change_plan(
        args, lambda kept, each: planning.change_format(each.plan, args.week, args.format_name)
    )


def run_held(args: argparse.Namespace) -> int:
    """Links a week to its kept clinic; those not on the clinic's roster (or named --absent) were away."""

    def held(kept: CrewBook, each: KeptCrew) -> planning.Plan:
        people = kept.people()
        away = {find_person(people, name).id for name in args.absent}
        record_id = None
        if args.session:
            record = kept.store.load(kept.store.resolve(args.session))
            record_id = record.id
            there = {p.id for p in record.roster.people}
            away |= {m for m in each.crew.members if m not in there}
        return planning.hold(each.crew, each.plan, args.week, record_id=record_id, absent=tuple(away))

    return change_plan(args, held)


def run_end(args: argparse.Namespace) -> int:
    """Records a time-bounded ending (members in no other running crew have now crewed before), or carrying on."""
    if args.time_bounded:
        code = change_plan(
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
    return change_plan(
        args,
        lambda kept, each: planning.end(each.crew, each.plan, planning.Ending.CARRYING_ON, args.carry_on),
    )


def change_plan(args: argparse.Namespace, change: Callable[[CrewBook, KeptCrew], planning.Plan]) -> int:
    """Applies ``change(book, kept_crew) -> Plan`` to the named crew, saves it and shows the plan."""
    with book(write=True) as kept:
        each = kept.crew(args.crew)
        plan = change(kept, each)
        kept.save_crew(each.crew, plan)
        print_plan(kept.crew(each.crew.id), names_of(kept.people()))
    return EXIT_OK


def today_for(crew: Crew) -> date:
    """Today's date where the crew meets."""
    return datetime.now(UTC).astimezone(time_zone(crew.schedule.zone)).date()


def print_plan(each: KeptCrew, names: dict[str, str]) -> None:
    """Prints the crew, its plan week by week, who still waits for a turn, the early signs, the ending."""
    crew, plan = each.crew, each.plan
    out = sys.stdout.write
    who = ", ".join(names.get(m, m) + (" (organiser)" if m == crew.organiser else "") for m in crew.members)
    out(
        f"{crew.title}: {crew.interest}, {crew.schedule.weekday.long}s at {times.time_of_day(crew.schedule.at)} "
    )
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
            (str(m.number), times.dated_weekday(m.day), m.format_name, bringer, m.status.value, there)
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
