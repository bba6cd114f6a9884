"""The crew's summary: schedule, who brought which case by title, attendance; nothing private."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest
from markdown_it import MarkdownIt

from clinic_timer.core.plan import Ending, end, hold, plan_for, skip
from clinic_timer.export import ExportError
from clinic_timer.export.crew_summary import crew_report, summary_file_name, write_summary
from clinic_timer.export.markdown import render_markdown
from tests.core.crew_fixture import BEN, KIM, NAMES, PEOPLE, SAM, civics_crew

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Plan

RECORD = "ab" * 16
TITLES = {RECORD: "City *or* country"}


def held_plan() -> tuple[Crew, Plan]:
    """The civics crew with weeks 1 and 2 held (Sam away in week 2), week 4 skipped, ended time-bounded."""
    crew = civics_crew(call_link="https://meet.example/civics")
    plan = hold(crew, plan_for(crew), 1, record_id=None, absent=())
    plan = hold(crew, plan, 2, record_id=RECORD, absent=(SAM.id,))
    return crew, end(crew, skip(plan, 4), Ending.TIME_BOUNDED)


def test_the_markdown_summary_has_schedule_cases_and_attendance() -> None:
    """Each week by date and kind, Ben's case by its title (escaped), who was there and away, the week off."""
    crew, plan = held_plan()
    text = render_markdown(crew_report(crew, plan, NAMES, TITLES))
    assert "# Civics crew" in text
    assert "Tuesdays at 19:00 (Europe/London)" in text
    assert "## Week 2, Tuesday 20 October 2026: case clinic (Ben brings a case)" in text
    assert r"- **Case** Ben: City \*or\* country" in text
    assert "- **There** Olu, Ben, Kim" in text
    assert "- **Away** Sam" in text
    assert "- **Skipped** Tuesday 3 November 2026" in text
    assert "time bounded" in text
    rendered = MarkdownIt().render(text)
    assert "City *or* country" in rendered
    for person in PEOPLE:
        assert not person.notes or person.notes not in text
        assert not person.met or person.met not in text
    assert "ease" not in text


def test_the_pdf_summary_is_written_with_the_same_words(tmp_path: Path, qtbot: QtBot) -> None:
    """The PDF has the crew's title and the case title as text (read back with pdftotext)."""
    crew, plan = held_plan()
    path = tmp_path / summary_file_name(crew, "pdf")
    write_summary(crew, plan, NAMES, TITLES, path, pdf=True)
    assert path.name == "Civics crew summary.pdf"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Civics crew" in text
    assert "City *or* country" in text
    assert KIM.name in text
    assert BEN.name in text


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    """Writing into a folder that is not there is an ExportError and no file appears."""
    crew, plan = held_plan()
    with pytest.raises(ExportError, match="nowhere"):
        write_summary(crew, plan, NAMES, TITLES, tmp_path / "nowhere" / "x.md", pdf=False)
    assert not (tmp_path / "nowhere").exists()
