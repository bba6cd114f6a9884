"""Rosters for tests, whose people have ids made from their names, so a test can say "Ben" by id.

:func:`pid` gives the same eight hex digits for the same name every time, as
the set-up panel would give a name it knows; two different names get two ids.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster

if TYPE_CHECKING:
    from collections.abc import Sequence


def pid(name: str) -> str:
    """The test id of whoever is called ``name``."""
    return hashlib.sha256(name.encode()).hexdigest()[:8]


def someone(name: str) -> Person:
    """The test person called ``name``."""
    return Person(pid(name), name)


def roster_of(lead: str, coaches: Sequence[str], *, hosted: bool = False) -> Roster:
    """A roster of test people: ``lead`` brings the case (or hosts), ``coaches`` in order."""
    people = tuple(someone(c) for c in coaches)
    if hosted:
        return Roster(bringer=None, coaches=people, host=someone(lead))
    return Roster(bringer=someone(lead), coaches=people)
