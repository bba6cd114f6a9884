"""Reading records of schema 1, written before people had ids: their names become people.

A schema-1 record names people by their spelling everywhere: the roster,
each run's and adjustment's coach, each reflection note's coach, and the
crash-recovery snapshot's speaking order, absences and turns. Schema 2
refers to people by id (:mod:`clinic_timer.core.roster`). :func:`upgrade`
rewrites a schema-1 record's data into schema 2, giving each name a person:
the one in ``people`` for that name (in any case) if there is one, else a
new one, added to ``people`` so that the same name in the next record
(migrating a whole database) is the same person.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from clinic_timer.core.people import Person, new_person_id

if TYPE_CHECKING:
    from collections.abc import Iterable

People = dict[str, Person]
"""Known people by their casefolded name, as :func:`upgrade` fills it."""


def by_name(people: Iterable[Person]) -> People:
    """``people`` by casefolded name, leaving out names two of them share (a name cannot say which)."""
    found: People = {}
    shared: set[str] = set()
    for person in people:
        key = person.name.casefold()
        if key in found and found[key].id != person.id:
            shared.add(key)
        found.setdefault(key, person)
    return {k: v for k, v in found.items() if k not in shared}


def person_for(name: str, people: People) -> Person:
    """The person ``name`` means in ``people``, made (and remembered) if nobody is called that yet."""
    key = " ".join(name.split()).casefold()
    if key not in people:
        people[key] = Person(new_person_id(), name)
    found = people[key]
    return Person(found.id, " ".join(name.split()))


def upgrade(data: dict[str, Any], people: People | None = None) -> dict[str, Any]:
    """A schema-2 copy of the schema-1 record ``data``; ``data`` itself is left as it was.

    Args:
        data: a record as schema 1 wrote it (its shape is checked later, by
            :meth:`~clinic_timer.core.record.SessionRecord.from_dict`).
        people: names already given a person; filled with the ones made here.

    A value of the wrong kind is left as it is, for the record's own checks
    to refuse with their usual message.
    """
    people = {} if people is None else people
    record = copy.deepcopy(data)
    record["schema"] = 2
    roster = record.get("roster")
    ids: dict[str, str] = {}
    if isinstance(roster, dict):
        if isinstance(roster.get("bringer"), str) and roster["bringer"].strip():
            person = person_for(roster["bringer"], people)
            ids[person.name] = person.id
            roster["bringer"] = {"id": person.id, "name": person.name}
        coaches = roster.get("coaches")
        if isinstance(coaches, list):
            for index, name in enumerate(coaches):
                if isinstance(name, str) and name.strip():
                    person = person_for(name, people)
                    ids[person.name] = person.id
                    coaches[index] = {"id": person.id, "name": person.name}

    def who(name: object) -> object:
        return ids.get(" ".join(name.split()), name) if isinstance(name, str) else name

    _timeline(record.get("timeline"), who)
    notebook = record.get("notebook")
    if isinstance(notebook, dict) and isinstance(notebook.get("notes"), list):
        for note in notebook["notes"]:
            if isinstance(note, dict) and "coach" in note:
                note["coach"] = who(note["coach"])
    snapshot = record.get("snapshot")
    if isinstance(snapshot, dict):
        for key in ("order", "absent"):
            if isinstance(snapshot.get(key), list):
                snapshot[key] = [who(n) for n in snapshot[key]]
        _queue(snapshot.get("queue"), who)
        if isinstance(snapshot.get("trail"), list):
            for visit in snapshot["trail"]:
                if isinstance(visit, dict):
                    _queue(visit.get("queue"), who)
        _timeline(snapshot.get("timeline"), who)
    return record


def _timeline(timeline: object, who: Any) -> None:
    if not isinstance(timeline, dict):
        return
    for key in ("runs", "adjustments"):
        if isinstance(timeline.get(key), list):
            for item in timeline[key]:
                if isinstance(item, dict) and "coach" in item:
                    item["coach"] = who(item["coach"])


def _queue(queue: object, who: Any) -> None:
    if not isinstance(queue, dict):
        return
    for key in ("upcoming", "passed", "done"):
        if isinstance(queue.get(key), list):
            queue[key] = [who(n) for n in queue[key]]
    if "current" in queue:
        queue["current"] = who(queue["current"])
