"""Crews the organiser might form, from the people who said they are interested, with the reasons why.

For each shared interest the people who care about it are split into as many
crews as will hold, each within the sizes asked (3 to 5 by default, the
organiser included), so that two rules from the post always hold:

1. no crew holds more than one person the organiser knows in real life;
2. no crew is an "EQ vacuum": at least one member is at ease talking about
   feelings (two where there are enough to go round).

Where no crew fits, the answer says what is missing instead. The same people
always give the same suggestions, whatever order they come in: the app
proposes, and only the organiser forms a crew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_timer.core.people import Ease, Person, Standing, tag

if TYPE_CHECKING:
    from collections.abc import Iterable

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@dataclass(frozen=True)
class Sizes:
    """How big a suggested crew may be.

    Attributes:
        smallest: fewest members, the organiser included if ``with_organiser``.
        largest: most members, likewise.
        with_organiser: the organiser takes one seat in every crew.
    """

    smallest: int = 3
    largest: int = 5
    with_organiser: bool = True

    def __post_init__(self) -> None:
        seat = int(self.with_organiser)
        if self.smallest - seat < 1 or self.largest < self.smallest:
            raise ValueError(f"crew sizes {self.smallest} to {self.largest} cannot be filled")

    @property
    def guests(self) -> tuple[int, int]:
        """The fewest and most people besides the organiser."""
        seat = int(self.with_organiser)
        return self.smallest - seat, self.largest - seat


@dataclass(frozen=True)
class Suggestion:
    """A crew the organiser might form: its interest, its people (the organiser aside) and why."""

    interest: str
    people: tuple[Person, ...]
    reason: str


@dataclass(frozen=True)
class Suggestions:
    """Every suggested crew, and for each interest where none fits, what is missing."""

    crews: tuple[Suggestion, ...]
    missing: tuple[str, ...]


def suggest(
    people: Iterable[Person],
    *,
    organiser: Person | None = None,
    interest: str | None = None,
    sizes: Sizes | None = None,
) -> Suggestions:
    """Suggested crews from the people marked interested.

    Args:
        people: the organiser's list (anyone not marked interested is left out).
        organiser: the organiser, if on the list; their ease with feelings counts
            when they take a seat, and they are never suggested as a guest.
        interest: only crews around this interest.
        sizes: how big a crew may be.
    """
    sizes = sizes or Sizes()
    keen = sorted(
        (
            p
            for p in people
            if p.standing is Standing.INTERESTED and (organiser is None or p.id != organiser.id)
        ),
        key=lambda p: (p.name.casefold(), p.id),
    )
    at_ease_host = sizes.with_organiser and organiser is not None and organiser.at_ease is Ease.YES
    if interest is not None:
        wanted = [tag(interest)]
    else:
        counts: dict[str, int] = {}
        for person in keen:
            for each in person.interests:
                counts[each] = counts.get(each, 0) + 1
        wanted = sorted(counts, key=lambda t: (-counts[t], t))
        if not wanted:
            return Suggestions((), ("nobody on your list is marked interested in a crew yet",))
    crews: list[Suggestion] = []
    missing: list[str] = []
    for each in wanted:
        pool = [p for p in keen if each in p.interests]
        groups = _split(pool, sizes, at_ease_host=at_ease_host)
        if groups:
            crews += [
                Suggestion(each, group, _reason(each, group, at_ease_host=at_ease_host)) for group in groups
            ]
        else:
            missing.append(_missing(each, pool, sizes, at_ease_host=at_ease_host))
    return Suggestions(tuple(crews), tuple(missing))


def _split(pool: list[Person], sizes: Sizes, *, at_ease_host: bool) -> list[tuple[Person, ...]]:
    """As many crews as hold from ``pool``, every one keeping both rules; none if none holds.

    Crews of the middle size are tried first (four with the organiser, by
    default, as the post's were), and the smallest only when those do not hold.
    """
    fewest, most = sizes.guests
    at_ease = [p for p in pool if p.at_ease is Ease.YES]
    for smallest in dict.fromkeys(((fewest + most) // 2, fewest)):
        limit = len(pool) // smallest if at_ease_host else min(len(pool) // smallest, len(at_ease))
        for count in range(limit, 0, -1):
            groups = _fill(pool, at_ease, count, most, at_ease_host=at_ease_host)
            if all(len(group) >= smallest for group in groups):
                return [tuple(sorted(g, key=lambda p: (p.name.casefold(), p.id))) for g in groups]
    return []


def _fill(
    pool: list[Person], at_ease: list[Person], count: int, most: int, *, at_ease_host: bool
) -> list[list[Person]]:
    """Deals ``pool`` into ``count`` crews: one at ease each first, then a second, then the rest evenly."""
    groups: list[list[Person]] = [[] for _ in range(count)]
    ease_first = sorted(at_ease, key=lambda p: p.knows_in_person)  # stable: names stay in order
    placed: set[str] = set()
    if not at_ease_host:
        for group, person in zip(groups, ease_first, strict=False):
            group.append(person)
            placed.add(person.id)
    seconds = [p for p in ease_first if p.id not in placed]
    rest = sorted(
        (p for p in pool if p.id not in placed and p.at_ease is not Ease.YES), key=lambda p: p.knows_in_person
    )
    for person in [*seconds[:count], *rest, *seconds[count:]]:
        room = [
            g
            for g in groups
            if len(g) < most and not (person.knows_in_person and any(m.knows_in_person for m in g))
        ]
        if room:
            min(room, key=len).append(person)
    return groups


def _reason(interest: str, group: tuple[Person, ...], *, at_ease_host: bool) -> str:
    together = "both care" if len(group) == 2 else f"all {_number(len(group))} care"
    parts = [f"{_names(group)}: {together} about {interest}"]
    easy = [p for p in group if p.at_ease is Ease.YES]
    if len(easy) >= 2:
        parts.append(f"{_names(easy)} are at ease with feelings")
    elif easy:
        parts.append(f"{easy[0].name} is at ease with feelings (a second would help)")
    elif at_ease_host:
        parts.append("you are at ease with feelings; none of them is known to be yet")
    known = [p for p in group if p.knows_in_person]
    if known:
        parts.append(f"{known[0].name} is the one you know in real life")
    return "; ".join(parts)


def _missing(interest: str, pool: list[Person], sizes: Sizes, *, at_ease_host: bool) -> str:
    fewest, _ = sizes.guests
    besides = " besides you" if sizes.with_organiser else ""
    if not pool:
        return f"nobody marked interested cares about '{interest}'"
    if len(pool) < fewest:
        who = "person shares" if len(pool) == 1 else "people share"
        return (
            f"only {_number(len(pool))} {who} '{interest}'{besides}; a crew needs {_number(fewest)}{besides}"
        )
    if not at_ease_host and not any(p.at_ease is Ease.YES for p in pool):
        return (
            f"nobody who shares '{interest}' is known to be at ease talking about feelings yet; "
            "a crew of them would be an EQ vacuum"
        )
    known = sum(p.knows_in_person for p in pool)
    return (
        f"of the {_number(len(pool))} who share '{interest}', {_number(known)} are people you know "
        "in real life, and a crew holds at most one of them"
    )


def _names(people: Iterable[Person]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _number(count: int) -> str:
    return _NUMBERS[count] if count < len(_NUMBERS) else str(count)
