"""The notes model: what each audience may read, and the revision."""

from __future__ import annotations

import itertools

import pytest

from clinic_timer.core.notes import Note, Notebook, Section


def notebook() -> Notebook:
    """Two shared notes and a private one, added out of session-time order."""
    book = Notebook(title="City or country", help_wanted="Whether to move")
    book.add(Note("Ben felt the pull of both places.", Section.REFLECTION, 1320, coach="Ben"))
    book.add(Note("Ada seemed tired tonight", Section.PHASE, 400, phase="Case monologue", private=True))
    book.add(Note("Partner loves the city.", Section.CASE, 30))
    return book


def test_the_crew_never_reads_a_private_note() -> None:
    """visible(for_crew=True) leaves the private note out; the facilitator reads it."""
    book = notebook()
    assert [n.text for n in book.visible(for_crew=True)] == [
        "Partner loves the city.",
        "Ben felt the pull of both places.",
    ]
    assert "Ada seemed tired tonight" in [n.text for n in book.visible(for_crew=False)]


def test_visible_notes_come_in_session_time_order() -> None:
    """Whatever order they were added in, notes read in the order they were made."""
    assert [n.at_s for n in notebook().visible(for_crew=False)] == [30, 400, 1320]


def test_a_note_made_private_later_leaves_the_crew_view() -> None:
    """Ticking Private on an existing note hides it from the crew from then on."""
    book = notebook()
    shared = book.visible(for_crew=True)[0]
    book.edit(shared.id, private=True)
    assert shared.id not in [n.id for n in book.visible(for_crew=True)]


def test_every_change_moves_the_revision_and_a_non_change_does_not() -> None:
    """The store saves when the revision moves, so a change must move it and a repeat must not."""
    book = notebook()
    note = book.notes[0]
    revisions = [book.revision]
    for change in (
        lambda: book.set_case("City or country", "Whether to move"),  # the same: no change
        lambda: book.set_case("Town or country", "Whether to move"),
        lambda: book.set_draft("She said home"),
        lambda: book.set_draft("She said home"),  # the same
        lambda: book.edit(note.id, text="Ben felt both pulls."),
        lambda: book.edit(note.id, text="Ben felt both pulls."),  # the same
        lambda: book.remove(note.id),
    ):
        change()
        revisions.append(book.revision)
    steps = [b - a for a, b in itertools.pairwise(revisions)]
    assert steps == [0, 1, 1, 0, 1, 0, 1]


def test_a_missing_note_is_a_key_error() -> None:
    """Editing or removing a note that is not there says which id, and changes nothing."""
    book = notebook()
    before = book.revision
    with pytest.raises(KeyError, match="nope"):
        book.edit("nope", text="x")
    with pytest.raises(KeyError, match="nope"):
        book.remove("nope")
    assert book.revision == before


def test_a_notebook_reads_back_equal_to_itself() -> None:
    """to_dict then from_dict keeps the case, every note (privacy included) and the draft."""
    book = notebook()
    book.set_draft("half a thought")
    again = Notebook.from_dict(book.to_dict())
    assert (again.title, again.help_wanted, again.draft) == (book.title, book.help_wanted, book.draft)
    assert again.notes == book.notes


def test_notes_that_are_not_a_list_of_objects_are_refused() -> None:
    """A notebook whose notes are not objects is a ValueError, not a crash later."""
    with pytest.raises(ValueError, match="list of objects"):
        Notebook.from_dict({"notes": ["just text"]})
