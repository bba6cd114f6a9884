"""What an export says, before any file format: note times read as in the notes panel."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster
from clinic_timer.export import Audience, to_json, to_markdown
from clinic_timer.export.content import build_report
from tests.core.cast import someone
from tests.store.records import controlled_record, full_record

if TYPE_CHECKING:
    from clinic_timer.core.record import SessionRecord


def test_a_note_is_stamped_in_the_export_as_in_the_notes_panel() -> None:
    """65.9 s into the clinic is 1:05 in the panel, so it is 1:05 in the export too."""
    record = full_record()
    note = record.notebook.notes[0]
    note.at_s = 65.9
    entries = [e for part in build_report(record, Audience.FACILITATOR).parts for e in part.entries]
    assert [e.stamp for e in entries if e.text == note.text] == ["1:05"]


def test_the_crew_copy_is_a_record_of_the_clinic_not_of_the_controls() -> None:
    """Pause, -1:00 five times, pass and back are in the facilitator's log, in no crew file."""
    record = controlled_record()
    facilitator = build_report(record, Audience.FACILITATOR)
    crew = build_report(record, Audience.CREW)
    assert sum("remove time" in a for a in facilitator.adjustments) == 6
    assert any(a.split(" ", 1)[1].startswith(w) for a in facilitator.adjustments for w in ("pause", "pass"))
    assert crew.adjustments == []
    markdown = to_markdown(record, Audience.CREW)
    for control in ("Adjustments", "remove time", "pause", "previous", "interrupted", "→"):
        assert control not in markdown
    assert json.loads(to_json(record, Audience.CREW))["session"]["timeline"]["adjustments"] == []
    assert "## Adjustments" in to_markdown(record, Audience.FACILITATOR)


@pytest.mark.parametrize("audience", list(Audience))
def test_every_planned_figure_agrees_with_the_timeline(audience: Audience) -> None:
    """A phase's section says the plan its timeline row says; a coach's, their turn's row; the total, their sum."""
    record = controlled_record()
    report = build_report(record, audience)
    rows = {(r.phase, r.speaker): r.planned for r in report.timeline}  # the last row of each wins
    for part in report.parts:
        if part.parts:
            for coach in part.parts:
                assert coach.timing.startswith(f"planned {rows[part.heading, coach.heading]} ·"), coach
        elif (part.heading, "Ada") in rows or (part.heading, "Everyone") in rows:
            row = rows.get((part.heading, "Ada")) or rows[part.heading, "Everyone"]
            assert part.timing.startswith(f"planned {row} ·"), part
    monologue = next(p for p in report.parts if p.heading == "Case monologue")
    expected = "20:00 → 19:00" if audience is Audience.FACILITATOR else "20:00"
    assert monologue.timing.startswith(f"planned {expected} ·")
    reflections = next(p for p in report.parts if p.heading == "Reflections")
    assert reflections.timing.startswith("planned 15:00 ·")
    assert dict(report.facts)["Time"].endswith("(planned 90 min)")


def test_a_clinic_ended_early_with_e_says_so() -> None:
    """E at 1:12 of 45 minutes: the row reads ended early, the facts say so, the log has the entry."""
    record = controlled_record(end_at_s=72)
    for audience in Audience:
        report = build_report(record, audience)
        assert report.timeline[-1].outcome == "ended early"
        assert dict(report.facts)["Ended"] == "early, 01:12 into Generative dialogue (planned 45:00)"
    log = build_report(record, Audience.FACILITATOR).adjustments
    assert log[-1].endswith(" end early, 43:48 of the plan left — Generative dialogue")


def test_one_slot_interrupted_shows_as_one_row() -> None:
    """A stray Next and Back leave one monologue row, interrupted once (for the facilitator)."""
    record = controlled_record()
    facilitator = build_report(record, Audience.FACILITATOR)
    monologues = [r for r in facilitator.timeline if r.phase == "Case monologue"]
    assert [r.outcome for r in monologues] == ["completed, interrupted once"]
    crew = build_report(record, Audience.CREW)
    assert [r.outcome for r in crew.timeline if r.phase == "Case monologue"] == ["completed"]


def coach_parts(record: SessionRecord) -> dict[str, list[str]]:
    """Each reflection part's heading and its notes' texts, from the facilitator's report."""
    report = build_report(record, Audience.FACILITATOR)
    reflections = next(p for p in report.parts if p.heading == "Reflections")
    return {p.heading: [e.text for e in p.entries] for p in reflections.parts}


def test_a_person_renamed_keeps_their_notes_and_turns() -> None:
    """Ben renamed Benedict: his reflection, his turn in the timeline and the log follow the new name."""
    record = full_record()
    ben = record.roster.named("Ben")
    renamed = record.renamed(ben.id, "Benedict")
    assert coach_parts(renamed) == {
        "Benedict": ["Ben felt the pull of both places."],
        "Cy": ["Cy heard fear of regret."],
    }
    report = build_report(renamed, Audience.FACILITATOR)
    assert [r.speaker for r in report.timeline if r.phase == "Reflections"] == ["Benedict", "Cy"]
    assert any("Reflections, Benedict" in line for line in report.adjustments)
    assert ("Coaches", "Benedict, Cy") in report.facts
    assert [n.coach for n in renamed.notebook.notes] == [n.coach for n in record.notebook.notes]


def test_two_coaches_sharing_a_first_name_keep_their_own_notes() -> None:
    """Two coaches called Sam: each reflection goes under its own Sam, never merged into one part."""
    roster = Roster(bringer=someone("Ada"), coaches=(Person("0000000a", "Sam"), Person("0000000b", "Sam")))
    record = full_record(roster=roster)
    report = build_report(record, Audience.FACILITATOR)
    reflections = next(p for p in report.parts if p.heading == "Reflections")
    assert [(p.heading, [e.text for e in p.entries]) for p in reflections.parts] == [
        ("Sam", ["Ben felt the pull of both places."]),
        ("Sam", ["Cy heard fear of regret."]),
    ]
    assert [r.speaker for r in report.timeline if r.phase == "Reflections"] == ["Sam", "Sam"]


def test_a_hosted_clinic_names_its_host() -> None:
    """A roster with a host (an intro or landing) says Host in the facts and host in the front matter."""
    hosted = full_record()
    hosted.roster = Roster(bringer=None, coaches=hosted.roster.coaches, host=someone("Olu"))
    report = build_report(hosted, Audience.FACILITATOR)
    assert ("Host", "Olu") in report.facts
    assert not any(label == "Case bringer" for label, _ in report.facts)
    assert ("host", "Olu") in report.front_matter
