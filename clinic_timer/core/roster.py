"""Who is in the clinic: the case bringer (or, in a format with no case, the host) and the coaches.

The roster holds people, not names: each is a
:class:`~clinic_timer.core.people.Person` (a stable id and a display name),
so notes and runs can refer to someone by id and show the name they go by
now, and two people called Sam stay two people. Only the identity is kept
here: a roster goes into records and exports, the organiser's private
details about a person never do.

A case clinic has a *bringer*; an intro or landing session has no case to
bring, and its lead is the *host* (usually the organiser). The format says
which (:attr:`~clinic_timer.core.format_model.Format.hosted`); the command
line and the set-up panel take names and make people with :meth:`Roster.made`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clinic_timer.core.format_model import MAX_COACHES
from clinic_timer.core.people import PeopleError, Person, new_person_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from clinic_timer.core.format_model import Format

_SPACES = re.compile(r"\s+")


class RosterError(ValueError):
    """A roster the clinic cannot run with; the message says what to change."""


def identity(person: Person) -> Person:
    """Just who someone is (id and name), without the organiser's private details."""
    return Person(person.id, person.name)


def person_called(name: str, known: Iterable[Person] = ()) -> Person:
    """The person a typed name means: the one known person of that name (in any case), else someone new.

    Args:
        name: as typed on the command line or in the set-up panel.
        known: people met before (the organiser's list, earlier clinics); a
            name two of them share is ambiguous, so it makes a new person.

    Raises:
        RosterError: the name is blank.
    """
    shown = _SPACES.sub(" ", name).strip()
    if not shown:
        raise RosterError("every person needs a name")
    wanted = shown.casefold()
    matches = {p.id: p for p in known if p.name.casefold() == wanted}
    if len(matches) == 1:
        (found,) = matches.values()
        return Person(found.id, shown)
    return Person(new_person_id(), shown)


@dataclass(frozen=True)
class Roster:
    """The people of one clinic, coaches in their speaking order.

    Attributes:
        bringer: the case bringer; None in a hosted format.
        coaches: 0 to 8 distinct people.
        host: who hosts a format with no case bringer (intro, landing); else None.
    """

    bringer: Person | None
    coaches: tuple[Person, ...]
    host: Person | None = None

    def __post_init__(self) -> None:
        if (self.bringer is None) == (self.host is None):
            raise RosterError("a clinic has a case bringer or a host (one of the two)")
        if len(self.coaches) > MAX_COACHES:
            raise RosterError(f"at most {MAX_COACHES} coaches can take part ({len(self.coaches)} given)")
        everyone = [self.lead, *self.coaches]
        ids = [p.id for p in everyone]
        for person in everyone:
            if ids.count(person.id) > 1:
                raise RosterError(f"{person.name!r} is on the roster twice")
        object.__setattr__(self, "coaches", tuple(identity(c) for c in self.coaches))
        if self.bringer is not None:
            object.__setattr__(self, "bringer", identity(self.bringer))
        if self.host is not None:
            object.__setattr__(self, "host", identity(self.host))

    @classmethod
    def made(
        cls, lead: str, coaches: Sequence[str], *, hosted: bool = False, known: Iterable[Person] = ()
    ) -> Roster:
        """A roster from typed names: the bringer (or host, when ``hosted``) and the coaches.

        Typed names cannot tell two people of the same name apart, so a name
        given twice (in any case) is refused. A name one known person has
        is that person (:func:`person_called`).

        Raises:
            RosterError: a blank name, a name given twice, or too many coaches.
        """
        people = list(known)
        if not lead.strip():
            raise RosterError(("the host" if hosted else "the case bringer") + " needs a name")
        if any(not c.strip() for c in coaches):
            raise RosterError("every coach needs a name")
        lowered = [_SPACES.sub(" ", n).strip().casefold() for n in (lead, *coaches)]
        for name in lowered:
            if lowered.count(name) > 1:
                raise RosterError(f"{name!r} is on the roster twice; names must differ")
        first = person_called(lead, people)
        cast = tuple(person_called(c, people) for c in coaches)
        return cls(bringer=None, coaches=cast, host=first) if hosted else cls(bringer=first, coaches=cast)

    @property
    def lead(self) -> Person:
        """The person at the front: the case bringer, or the host."""
        lead = self.bringer if self.bringer is not None else self.host
        assert lead is not None  # __post_init__ holds one of the two
        return lead

    @property
    def hosted(self) -> bool:
        """Whether the lead is a host (a format with no case) rather than a case bringer."""
        return self.host is not None

    @property
    def lead_role(self) -> str:
        """The lead's role in words, for labels: "Case bringer" or "Host"."""
        return "Host" if self.hosted else "Case bringer"

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone: the lead first, then the coaches in order."""
        return (self.lead, *self.coaches)

    def person(self, person_id: str) -> Person:
        """The person with that id.

        Raises:
            KeyError: nobody on the roster has it.
        """
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def name_of(self, person_id: str | None) -> str:
        """The name someone goes by now; an id the roster does not hold is shown as it is."""
        if person_id is None:
            return ""
        try:
            return self.person(person_id).name
        except KeyError:
            return person_id

    def named(self, name: str) -> Person:
        """The one person on the roster called ``name`` (in any case).

        Raises:
            KeyError: nobody, or more than one person, is called that.
        """
        wanted = _SPACES.sub(" ", name).strip().casefold()
        found = [p for p in self.people if p.name.casefold() == wanted]
        if len(found) != 1:
            raise KeyError(f"{len(found)} people on the roster are called {name!r}")
        return found[0]

    def renamed(self, person_id: str, name: str) -> Roster:
        """The same roster with someone's display name changed; their id, and so their notes and runs, stay.

        Raises:
            KeyError: nobody on the roster has that id.
            RosterError: the new name is blank.
        """
        self.person(person_id)
        try:
            new = Person(person_id, name)
        except PeopleError as error:
            raise RosterError(str(error)) from None
        coaches = tuple(new if c.id == person_id else c for c in self.coaches)
        bringer = new if self.bringer is not None and self.bringer.id == person_id else self.bringer
        host = new if self.host is not None and self.host.id == person_id else self.host
        return Roster(bringer=bringer, coaches=coaches, host=host)

    def in_roles_of(self, fmt: Format) -> Roster:
        """The same people with the lead in the format's role: host for a hosted format, else bringer.

        A record kept before formats named a host holds the organiser of a
        landing as its bringer; this lets it resume under today's format.
        """
        if fmt.hosted == self.hosted:
            return self
        if fmt.hosted:
            return Roster(bringer=None, coaches=self.coaches, host=self.lead)
        return Roster(bringer=self.lead, coaches=self.coaches)

    def check_fits(self, fmt: Format) -> None:
        """Raises :class:`RosterError` when ``fmt`` cannot run with this many coaches."""
        count = len(self.coaches)
        if count < fmt.min_coaches:
            raise RosterError(f"{fmt.title} needs at least {fmt.min_coaches} coaches ({count} given)")
        if count > fmt.max_coaches:
            raise RosterError(f"{fmt.title} takes at most {fmt.max_coaches} coaches ({count} given)")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form: each person as ``{"id", "name"}``."""
        data: dict[str, Any] = {
            "bringer": _shown(self.bringer),
            "coaches": [_shown(c) for c in self.coaches],
        }
        if self.host is not None:
            data["host"] = _shown(self.host)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Roster:
        """The inverse of :meth:`to_dict`.

        Raises:
            RosterError: a person is missing a field or of the wrong kind.
        """
        if not isinstance(data, dict):
            raise RosterError("a roster must be an object")
        coaches = data.get("coaches", [])
        if not isinstance(coaches, list):
            raise RosterError("coaches must be a list of people")
        return cls(
            bringer=_read(data.get("bringer"), "the bringer"),
            coaches=tuple(_required(c, "a coach") for c in coaches),
            host=_read(data.get("host"), "the host"),
        )


def _shown(person: Person | None) -> dict[str, str] | None:
    return None if person is None else {"id": person.id, "name": person.name}


def _read(value: object, what: str) -> Person | None:
    return None if value is None else _required(value, what)


def _required(value: object, what: str) -> Person:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("id"), str)
        or not isinstance(value.get("name"), str)
    ):
        raise RosterError(f"{what} must be a person (an id and a name)")
    try:
        return Person(value["id"], value["name"])
    except PeopleError as error:
        raise RosterError(f"{what}: {error}") from None
