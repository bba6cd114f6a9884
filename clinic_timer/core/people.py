"""The people an organiser gathers for crews: who they are, where they stand, what they care about.

A :class:`Person` is an identity: a short random id that never changes and a
display name that may (a corrected spelling, two people called Sam). Crews and,
later, rosters and notes refer to the id; the name is for showing. Everything
else on a person is the organiser's own and private: it stays on this computer
and never goes into a calendar, an invitation or a crew's export.
"""

from __future__ import annotations

import enum
import re
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

PERSON_ID_BYTES = 4  # eight hex digits: plenty for one organiser's list, short enough to type
_ID = re.compile(r"[0-9a-f]{8}")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # never part of a name shown on a screen
MAX_NAME = (
    100  # characters: more than any screen shows (long names are elided), far less than a file can hold
)


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a new person's name, or "" (for names typed or given on the command line)."""
    if not _SPACES.sub(" ", _CONTROL.sub(" ", name)).strip():
        return "a person needs a name"
    if len(name) > MAX_NAME:
        return f"a name is at most {MAX_NAME} characters ({len(name):,} given)"
    return ""


class PeopleError(ValueError):
    """A person the list cannot hold as given; the message says what to change."""


class Ease(enum.Enum):
    """Whether someone is at ease talking about how something makes them feel right now."""

    YES = "yes"
    NOT_YET_KNOWN = "not-yet-known"


class Standing(enum.Enum):
    """Where someone stands on the way from a name in a channel to a crew member."""

    FOUND = "found"  # noticed: an intros channel, a conference, a recommendation
    TALKED = "talked-1-1"  # had the 1-1 call
    INTERESTED = "interested"  # said yes to joining a time-bounded crew
    IN_A_CREW = "in-a-crew"
    CREWED_BEFORE = "crewed-before"


def new_person_id() -> str:
    """A fresh random id: eight lowercase hex digits."""
    return secrets.token_hex(PERSON_ID_BYTES)


def tag(text: str) -> str:
    """An interest as it is compared and kept: trimmed, single-spaced, case-folded ("Civics " is "civics")."""
    return _SPACES.sub(" ", text).strip().casefold()


def tags(texts: object) -> tuple[str, ...]:
    """Interests made tags, without blanks or repeats, sorted so equal sets compare equal.

    Raises:
        PeopleError: ``texts`` is not a collection of strings.
    """
    if isinstance(texts, str) or not isinstance(texts, list | tuple | set | frozenset):
        raise PeopleError("interests must be a list of words")
    if not all(isinstance(t, str) for t in texts):
        raise PeopleError("every interest must be text")
    return tuple(sorted({tag(t) for t in texts} - {""}))


@dataclass(frozen=True)
class Person:
    """Someone on the organiser's list.

    Attributes:
        id: stable for life; see :func:`new_person_id`.
        name: how they are shown; trimmed, never blank.
        met: where the organiser found them, in their own words.
        knows_in_person: someone the organiser knows in real life (at most one per crew).
        interests: tags, case-insensitive, sorted.
        at_ease: whether they are known to be at ease talking about feelings.
        standing: where they are on the way into a crew.
        notes: the organiser's private notes.
    """

    id: str
    name: str
    met: str = ""
    knows_in_person: bool = False
    interests: tuple[str, ...] = field(default=())
    at_ease: Ease = Ease.NOT_YET_KNOWN
    standing: Standing = Standing.FOUND
    notes: str = ""

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise PeopleError(f"{self.id!r} is not a person id (eight hex digits)")
        name = _SPACES.sub(" ", _CONTROL.sub(" ", self.name)).strip()  # an escape sequence is no name
        if not name:
            raise PeopleError("a person needs a name")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "interests", tags(self.interests))
        object.__setattr__(self, "met", self.met.strip())

    @classmethod
    def new(cls, name: str, **details: Any) -> Person:
        """A person with a fresh id; ``details`` are any of the other attributes."""
        return cls(id=new_person_id(), name=name, **details)

    def cares_about(self, interest: str) -> bool:
        """Whether ``interest`` (in any case) is one of theirs."""
        return tag(interest) in self.interests

    def with_changes(self, **changes: Any) -> Person:
        """A copy with some attributes changed; the id stays."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {
            "id": self.id,
            "name": self.name,
            "met": self.met,
            "knows_in_person": self.knows_in_person,
            "interests": list(self.interests),
            "at_ease": self.at_ease.value,
            "standing": self.standing.value,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        """The inverse of :meth:`to_dict`.

        Raises:
            PeopleError: a field is missing or of the wrong kind.
        """
        try:
            knows = data.get("knows_in_person", False)
            met, notes = data.get("met", ""), data.get("notes", "")
            texts = (data["id"], data["name"], met, notes)
            if not isinstance(knows, bool) or not all(isinstance(t, str) for t in texts):
                raise PeopleError("a person's details are of the wrong kind")
            return cls(
                id=data["id"],
                name=data["name"],
                met=met,
                knows_in_person=knows,
                interests=tags(data.get("interests", [])),
                at_ease=Ease(data.get("at_ease", Ease.NOT_YET_KNOWN.value)),
                standing=Standing(data.get("standing", Standing.FOUND.value)),
                notes=notes,
            )
        except KeyError as error:
            raise PeopleError(f"a person without {error.args[0]!r}") from None
        except ValueError as error:
            if isinstance(error, PeopleError):
                raise
            raise PeopleError(str(error)) from None


def find_person(people: list[Person] | tuple[Person, ...], key: str) -> Person:
    """The one person whose id is ``key`` or whose name is ``key`` in any case.

    Raises:
        KeyError: nobody, or more than one person by that name; the message says which.
    """
    for person in people:
        if person.id == key.strip().lower():
            return person
    wanted = _SPACES.sub(" ", key).strip().casefold()
    found = [p for p in people if p.name.casefold() == wanted]
    if not found:
        raise KeyError(f"nobody called {key.strip()!r} is on your list (see: clinic-timer people list)")
    if len(found) > 1:
        ids = ", ".join(p.id for p in found)
        raise KeyError(f"{len(found)} people are called {key.strip()!r}; use one of their ids ({ids})")
    return found[0]
