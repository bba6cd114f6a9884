"""What an export says, before any file format: note times read as in the notes panel."""

from __future__ import annotations

from clinic_timer.export import Audience
from clinic_timer.export.content import build_report
from tests.store.records import full_record


def test_a_note_is_stamped_in_the_export_as_in_the_notes_panel() -> None:
    """65.9 s into the clinic is 1:05 in the panel, so it is 1:05 in the export too."""
    record = full_record()
    note = record.notebook.notes[0]
    note.at_s = 65.9
    entries = [e for part in build_report(record, Audience.FACILITATOR).parts for e in part.entries]
    assert [e.stamp for e in entries if e.text == note.text] == ["1:05"]
