"""``clinic-timer people``: the organiser's list of people, from the command line.

People live in the notes database, on this computer only. Listing reads the
database read-only (it works while the app is open); adding and changing
need the app closed, as importing a session does. Every handler returns an
exit code: 0 when done, 2 with one line on stderr when not.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, NoReturn

from clinic_timer.cli import EXIT_INVALID, EXIT_OK
from clinic_timer.core.crews import CrewError
from clinic_timer.core.invitations import one_to_one
from clinic_timer.core.people import (
    Ease,
    PeopleError,
    Person,
    Standing,
    find_person,
    name_problem,
    new_person_id,
    tag,
)
from clinic_timer.core.plan import PlanError
from clinic_timer.core.roster import person_called
from clinic_timer.export import ExportError
from clinic_timer.store import Store, StoreError, default_path
from clinic_timer.store.crews import CrewBook, InUse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    Handler = Callable[[argparse.Namespace], int]

STANDINGS = [s.value for s in Standing]


class OneLineParser(argparse.ArgumentParser):
    """An action's parser whose complaint (a missing option, a week that is not a number) is one line."""

    def error(self, message: str) -> NoReturn:
        """Says what is wrong in one line, with where to look, and exits with code 2."""
        self.exit(EXIT_INVALID, f"{self.prog}: {message} (see: {self.prog} --help)\n")


class CommandError(Exception):
    """Bad input to a command: the message is the one line the user sees."""


# -- shared by the people and crews commands ------------------------------------------


@contextlib.contextmanager
def book(*, write: bool) -> Iterator[CrewBook]:
    """The people and crews, read-only (alongside a running app) or to write (the app closed)."""
    path = default_path()
    if write:
        store = Store.open(path)
    elif not path.exists():
        raise CommandError("nothing is kept yet: add people first (clinic-timer people add NAME)")
    else:
        store = Store.open_readonly(path)
    with store:
        yield CrewBook(store)


def guarded(handler: Handler) -> Handler:
    """``handler`` with every expected failure turned into one line on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (CommandError, StoreError, ExportError, CrewError, PlanError, PeopleError, InUse) as error:
            return fail(str(error))
        except KeyError as error:
            return fail(str(error.args[0]) if error.args else str(error))

    run.__doc__ = handler.__doc__
    return run


def fail(message: str) -> int:
    """Says what is wrong, in one line, and gives the exit code for bad input."""
    sys.stderr.write(f"clinic-timer: {message}\n")
    return EXIT_INVALID


def table(header: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    """Prints rows in aligned columns, or ``empty`` on stderr when there are none."""
    if not rows:
        sys.stderr.write(f"{empty}\n")
        return
    everything = [tuple(header), *(tuple(r) for r in rows)]
    widths = [max(len(r[i]) for r in everything) for i in range(len(header))]
    for row in everything:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def names_of(people: Sequence[Person]) -> dict[str, str]:
    """Person id to display name."""
    return {p.id: p.name for p in people}


# -- the commands -----------------------------------------------------------------------


def add_people_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``people add|list|show|set|remove|invite``; each leaf parser sets ``handler``."""
    people = subparsers.add_parser(
        "people", help="the people you might crew with (private, on this computer)"
    )
    actions = people.add_subparsers(
        dest="people_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )

    adding = actions.add_parser("add", help="add someone to your list")
    adding.add_argument("name", metavar="NAME")
    _details(adding)
    adding.set_defaults(handler=guarded(run_add))

    listing = actions.add_parser("list", help="everyone on your list")
    listing.add_argument("--interest", metavar="TAG", help="only people with this interest")
    listing.add_argument("--standing", choices=STANDINGS, help="only people who stand here")
    listing.set_defaults(handler=guarded(run_list))

    showing = actions.add_parser("show", help="everything you noted about someone, private notes included")
    showing.add_argument("name", metavar="NAME", help="their name or id")
    showing.set_defaults(handler=guarded(run_show))

    changing = actions.add_parser("set", help="change what you know about someone")
    changing.add_argument("name", metavar="NAME", help="their name or id")
    changing.add_argument("--rename", metavar="NEW", help="a new display name (crews keep them)")
    changing.add_argument("--drop-interest", action="append", default=[], metavar="TAG")
    changing.add_argument("--not-in-person", action="store_true", help="you do not know them in real life")
    changing.add_argument("--ease-not-known", action="store_true", help="not yet known to be at ease")
    _details(changing)
    changing.set_defaults(handler=guarded(run_set))

    removing = actions.add_parser("remove", help="take someone off your list (never a crew member)")
    removing.add_argument("name", metavar="NAME")
    removing.add_argument("--yes", action="store_true", help="also when they took part in kept clinics")
    removing.set_defaults(handler=guarded(run_remove))

    inviting = actions.add_parser("invite", help="print a 1-1 invitation to copy")
    inviting.add_argument("name", metavar="NAME")
    inviting.add_argument("--about", default="", metavar="TOPIC", help="what you would love to chat about")
    inviting.add_argument("--signed", default="", metavar="NAME", help="your name, to sign with")
    inviting.set_defaults(handler=guarded(run_invite))


def _details(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--interest", action="append", default=[], metavar="TAG", help="an interest (repeat)")
    parser.add_argument("--met", metavar="TEXT", help="where you found them")
    parser.add_argument("--knows-in-person", action="store_true", help="you know them in real life")
    parser.add_argument("--at-ease", action="store_true", help="at ease talking about feelings")
    parser.add_argument("--standing", choices=STANDINGS, help="where they stand (default: found)")
    parser.add_argument("--note", metavar="TEXT", help="your private note about them")


def run_add(args: argparse.Namespace) -> int:
    """Adds someone; a name already on the list is refused, so names stay unambiguous.

    Someone of that name who took part in kept clinics (one person, not on the
    list yet) is the one added: they keep their id, so their clinics count.
    """
    if problem := name_problem(args.name):
        raise CommandError(problem)
    person = Person.new(
        args.name,
        met=args.met or "",
        knows_in_person=args.knows_in_person,
        interests=tuple(args.interest),
        at_ease=Ease.YES if args.at_ease else Ease.NOT_YET_KNOWN,
        standing=Standing(args.standing or Standing.FOUND.value),
        notes=args.note or "",
    )
    with book(write=True) as kept:
        everyone = kept.people()
        same = [p for p in everyone if p.name.casefold() == person.name.casefold()]
        if same:
            raise CommandError(f"{same[0].name} is already on your list (id {same[0].id}); give another name")
        listed = {p.id for p in everyone}
        seen = person_called(person.name, [p for p in kept.store.people() if p.id not in listed])
        person = person.with_changes(id=seen.id)
        while person.id in listed:  # a rare clash would overwrite someone
            person = person.with_changes(id=new_person_id())
        kept.save_person(person)
    sys.stderr.write(f"added {person.name} (id {person.id})\n")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """One line per person: id, name, standing, interests, where met, known in person, at ease."""
    if not default_path().exists():
        sys.stderr.write("nobody on your list yet\n")
        return EXIT_OK
    with book(write=False) as kept:
        people = kept.people()
    if args.interest:
        people = [p for p in people if p.cares_about(args.interest)]
    if args.standing:
        people = [p for p in people if p.standing is Standing(args.standing)]
    rows = [
        (
            p.id,
            p.name,
            p.standing.value,
            ", ".join(p.interests),
            p.met,
            "yes" if p.knows_in_person else "",
            "yes" if p.at_ease is Ease.YES else "",
        )
        for p in people
    ]
    table(
        ["ID", "NAME", "STANDING", "INTERESTS", "MET", "IN PERSON", "AT EASE"],
        rows,
        "nobody on your list yet",
    )
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Prints one person's every detail, on this computer's terminal only."""
    with book(write=False) as kept:
        person = find_person(kept.people(), args.name)
        crews = kept.crews_of(person.id)
        clinics = kept.clinics_of(person.id)
    lines = [
        f"{person.name} (id {person.id})",
        f"Standing: {person.standing.value}",
        f"Interests: {', '.join(person.interests) or '-'}",
        f"Met: {person.met or '-'}",
        f"Known in real life: {'yes' if person.knows_in_person else 'no'}",
        f"At ease with feelings: {person.at_ease.value}",
        f"Crews: {', '.join(crews) or '-'}",
        f"Kept clinics: {clinics}",
        f"Notes: {person.notes or '-'}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    """Changes only what is given; the id stays, so every crew keeps them."""
    with book(write=True) as kept:
        people = kept.people()
        person = find_person(people, args.name)
        changes: dict[str, object] = {}
        if args.rename:
            if problem := name_problem(args.rename):
                raise CommandError(problem)
            clash = [
                p for p in people if p.id != person.id and p.name.casefold() == args.rename.strip().casefold()
            ]
            if clash:
                raise CommandError(f"{clash[0].name} is already on your list (id {clash[0].id})")
            changes["name"] = args.rename
        dropped = {tag(t) for t in args.drop_interest}
        interests = (set(person.interests) | {tag(t) for t in args.interest}) - dropped
        changes["interests"] = tuple(interests)
        if args.met is not None:
            changes["met"] = args.met
        if args.knows_in_person or args.not_in_person:
            changes["knows_in_person"] = bool(args.knows_in_person)
        if args.at_ease or args.ease_not_known:
            changes["at_ease"] = Ease.YES if args.at_ease else Ease.NOT_YET_KNOWN
        if args.standing:
            changes["standing"] = Standing(args.standing)
        if args.note is not None:
            changes["notes"] = args.note
        kept.save_person(person.with_changes(**changes))
    sys.stderr.write(f"changed {args.rename or person.name} (id {person.id})\n")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Removes someone who is in no crew; someone who took part in kept clinics only with --yes."""
    with book(write=True) as kept:
        person = find_person(kept.people(), args.name)
        crews = kept.crews_of(person.id)
        if crews:
            raise CommandError(
                f"{person.name} is in the {', '.join(crews)} crew; a crew member is never removed"
            )
        clinics = kept.clinics_of(person.id)
        if clinics and not args.yes:
            raise CommandError(
                f"{person.name} took part in {clinics} kept clinic{'s' if clinics > 1 else ''} "
                "(those records keep their name); add --yes to take them off your list"
            )
        kept.delete_person(person.id)
    sys.stderr.write(f"removed {person.name} from your list\n")
    return EXIT_OK


def run_invite(args: argparse.Namespace) -> int:
    """Prints the 1-1 invitation, about one of their interests unless --about says otherwise."""
    with book(write=False) as kept:
        person = find_person(kept.people(), args.name)
    topic = args.about or (person.interests[0] if person.interests else "")
    sys.stdout.write(one_to_one(person.name, topic, args.signed))
    return EXIT_OK
