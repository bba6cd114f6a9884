"""The facilitator's notes on one clinic, as plain data.

Notes are private and sensitive. This model holds them; the store writes
them (owner-only, on this computer); exports decide, per audience, which
ones leave it: a note marked private never appears in a crew export.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from clinic_timer.core import checked


class Section(enum.Enum):
    """Where in the clinic a note belongs."""

    CASE = "case"  # about the case, before or during the monologue
    PHASE = "phase"  # under a phase
    REFLECTION = "reflection"  # under one coach's reflection
    TAKEAWAYS = "takeaways"
    NEXT_STEPS = "next steps"


@dataclass
class Note:
    """One note, stamped with the session time it was written at.

    Attributes:
        at_s: seconds since the session started.
        phase: the phase it was written under, if any.
        coach: for a reflection, whose: the coach's person id (the roster has their name).
        private: the facilitator's alone; never in a crew export.
    """

    text: str
    section: Section
    at_s: float
    phase: str | None = None
    coach: str | None = None
    private: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        data = asdict(self)
        data["section"] = self.section.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a field is missing or of the wrong type.
        """
        return cls(
            text=checked.text(data, "text"),
            section=Section(checked.text(data, "section")),
            at_s=checked.number(data, "at_s"),
            phase=checked.optional_text(data, "phase"),
            coach=checked.optional_text(data, "coach"),
            private=checked.flag(data, "private", False),
            id=checked.text(data, "id"),
        )


@dataclass
class Notebook:
    """The case and every note of one session, with a revision to tell what changed.

    Attributes:
        title: the case's title ("Torn between city and country").
        help_wanted: what the bringer wants help with.
        draft: a note typed but not yet added; kept (and saved) so a crash
            or a quit never loses it. Never exported.
        revision: bumped on every change; the store saves when it moves.
    """

    title: str = ""
    help_wanted: str = ""
    notes: list[Note] = field(default_factory=list)
    draft: str = ""
    revision: int = 0

    def set_case(self, title: str, help_wanted: str) -> None:
        """Sets the case's title and what the bringer wants help with."""
        if (title, help_wanted) != (self.title, self.help_wanted):
            self.title, self.help_wanted = title, help_wanted
            self.revision += 1

    def set_draft(self, text: str) -> None:
        """Keeps what is being typed in the note entry."""
        if text != self.draft:
            self.draft = text
            self.revision += 1

    def add(self, note: Note) -> Note:
        """Adds a note and returns it."""
        self.notes.append(note)
        self.revision += 1
        return note

    def edit(self, note_id: str, *, text: str | None = None, private: bool | None = None) -> Note:
        """Changes a note's text or privacy.

        Raises:
            KeyError: no note has that id.
        """
        note = self.find(note_id)
        changed = False
        if text is not None and text != note.text:
            note.text = text
            changed = True
        if private is not None and private != note.private:
            note.private = private
            changed = True
        if changed:
            self.revision += 1
        return note

    def remove(self, note_id: str) -> None:
        """Deletes a note."""
        self.notes.remove(self.find(note_id))
        self.revision += 1

    def find(self, note_id: str) -> Note:
        """The note with that id."""
        for note in self.notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def visible(self, *, for_crew: bool) -> list[Note]:
        """The notes an audience may read, in session-time order."""
        chosen = [n for n in self.notes if not (for_crew and n.private)]
        return sorted(chosen, key=lambda n: n.at_s)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {
            "title": self.title,
            "help_wanted": self.help_wanted,
            "notes": [n.to_dict() for n in self.notes],
            "draft": self.draft,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notebook:
        """The inverse of :meth:`to_dict`."""
        notes = data.get("notes", [])
        if not isinstance(notes, list) or not all(isinstance(n, dict) for n in notes):
            raise ValueError("notes must be a list of objects")
        return cls(
            title=checked.text(data, "title", ""),
            help_wanted=checked.text(data, "help_wanted", ""),
            notes=[Note.from_dict(n) for n in notes],
            draft=checked.text(data, "draft", ""),
        )
