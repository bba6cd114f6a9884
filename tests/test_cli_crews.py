"""``clinic-timer crews``: the issue's exact forms, their files, and one line with exit 2 on bad input."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from icalendar import Calendar

from clinic_timer.cli import main
from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster
from clinic_timer.store import Store, default_path
from clinic_timer.store.crews import CrewBook
from tests.core.cast import someone
from tests.store.records import full_record

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

NEW = [
    "crews", "new", "Civics", "--interest", "civics", "--member", "Olu", "--member", "Ben", "--member", "Kim",
    "--member", "Sam", "--weekday", "tue", "--time", "19:00", "--tz", "Europe/London", "--start", "2026-10-13",
    "--link", "https://meet.example/civics",
]  # fmt: skip


@pytest.fixture
def people(capsys: pytest.CaptureFixture[str]) -> None:
    """Olu (at ease), and Ben, Kim, Sam marked interested in civics; Sam known in person."""
    main(["people", "add", "Olu", "--at-ease"])
    main(["people", "add", "Ben", "--interest", "civics", "--standing", "interested"])
    main(["people", "add", "Kim", "--interest", "civics", "--at-ease", "--standing", "interested"])
    main(["people", "add", "Sam", "--interest", "civics", "--knows-in-person", "--standing", "interested"])
    capsys.readouterr()


@pytest.fixture
def crew(people: None, capsys: pytest.CaptureFixture[str]) -> None:
    """The civics crew, formed with the issue's command."""
    assert main(NEW) == 0
    capsys.readouterr()


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The single line on stderr."""
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_suggest_proposes_the_three_with_the_reason(people: None, capsys: pytest.CaptureFixture[str]) -> None:
    """suggest --interest civics names Ben, Kim and Sam and why."""
    assert main(["crews", "suggest", "--interest", "civics", "--organiser", "Olu"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "civics: Ben, Kim, Sam"
    assert "all three care about civics" in out
    assert main(["crews", "suggest", "--interest", "wellbeing"]) == 0
    assert "no crew fits: nobody marked interested cares about 'wellbeing'" in capsys.readouterr().out


def test_new_plans_six_weeks_and_marks_the_members(crew: None, capsys: pytest.CaptureFixture[str]) -> None:
    """The crew is kept with Olu as organiser (the first member), six weeks, and members are in a crew."""
    with Store.open_readonly(default_path()) as store:
        book = CrewBook(store)
        kept = book.crew("civics")
        names = {p.id: p for p in book.people()}
    assert names[kept.crew.organiser].name == "Olu"
    assert len(kept.plan.meetings) == 6
    assert {names[m].standing.value for m in kept.crew.members} == {"in-a-crew"}
    assert main(["crews", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:2] == ["Civics", "civics"]


def test_show_prints_the_plan_with_bringers_and_attendance(
    crew: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """After week 2 is held from a kept clinic, show has its attendance and the away member.

    Attendance is read by id: Ben went by "Benny" in that clinic and is still there.
    """
    with Store.open(default_path()) as store:
        listed = {p.name: p for p in CrewBook(store).people()}
        ben = Person(listed["Ben"].id, "Benny")
        record = full_record(roster=Roster(bringer=listed["Kim"], coaches=(ben, someone("Cy"))))
        store.save(record)
    assert main(["crews", "held", "Civics", "2", "--session", record.id[:8]]) == 0
    capsys.readouterr()
    assert main(["crews", "show", "civics"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("2 "))
    assert "Ben" in row
    assert "held" in row
    assert "2/4 (away: Olu, Sam)" in row
    assert "Early sign (week 2): two or more away" in out


def test_changes_to_the_plan_from_the_command_line(crew: None, capsys: pytest.CaptureFixture[str]) -> None:
    """swap, give, skip, move, format and end each change the kept plan."""
    for command in (
        ["swap", "Civics", "2", "3"],
        ["give", "Civics", "4", "Olu"],
        ["skip", "Civics", "5"],
        ["move", "Civics", "1", "2026-10-12"],
        ["format", "Civics", "3", "troika-consulting"],
        ["end", "Civics", "--carry-on", "2"],
    ):
        assert main(["crews", *command]) == 0, command
    with Store.open_readonly(default_path()) as store:
        book = CrewBook(store)
        plan = book.crew("civics").plan
        names = {p.id: p.name for p in book.people()}
    assert [names.get(m.bringer or "", "-") for m in plan.meetings[:6]] == [
        "-",
        "Kim",
        "Ben",
        "Olu",
        "Sam",
        "-",
    ]
    assert plan.meeting(1).day.isoformat() == "2026-10-12"
    assert plan.meeting(3).format_name == "troika-consulting"
    assert [d.isoformat() for d in plan.holidays] == ["2026-11-10"]
    assert len(plan.meetings) == 8


def test_set_changes_the_crew_and_revises_every_planned_meeting(
    crew: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """set --time 18:30 --link: the calendar's events move to 18:30 with the next SEQUENCE and the new link."""
    assert main(["crews", "held", "Civics", "1"]) == 0
    assert main(["crews", "set", "Civics", "--time", "18:30", "--link", "https://meet.example/new"]) == 0
    assert main(["crews", "ics", "Civics", "-o", str(tmp_path / "c.ics")]) == 0
    events = list(Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["18:30"] * 6
    assert [e.decoded("sequence") for e in events] == [1] * 6
    assert {str(e["location"]) for e in events} == {"https://meet.example/new"}
    capsys.readouterr()
    assert main(["crews", "set", "Civics"]) == 2
    assert "nothing to change" in one_line(capsys)


def test_ics_writes_a_calendar_and_export_writes_a_summary(
    crew: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ics -o writes six events; export --format md writes the summary with the schedule."""
    assert main(["crews", "ics", "Civics", "-o", str(tmp_path / "civics.ics")]) == 0
    calendar = Calendar.from_ical((tmp_path / "civics.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 6
    assert main(["crews", "export", "Civics", "--format", "md", "-o", str(tmp_path / "c.md")]) == 0
    text = (tmp_path / "c.md").read_text()
    assert "## Week 2, Tuesday 20 October 2026: case clinic (Ben brings a case)" in text


def test_messages_are_printed(crew: None, capsys: pytest.CaptureFixture[str]) -> None:
    """message invitation|reminder|thanks print filled-in texts."""
    assert main(["crews", "message", "Civics", "invitation"]) == 0
    assert "every Tuesday at 19:00 (Europe/London)" in capsys.readouterr().out
    assert main(["crews", "message", "Civics", "reminder", "--week", "4"]) == 0
    assert "Sam brings a case this time" in capsys.readouterr().out
    assert main(["crews", "message", "Civics", "thanks"]) == 0
    assert capsys.readouterr().out.startswith("Dear Ben, Kim and Sam,")


def test_a_time_bounded_ending_means_the_members_have_crewed_before(crew: None) -> None:
    """end --time-bounded records the ending and moves the members from 'in a crew' to 'crewed before'."""
    assert main(["crews", "end", "Civics", "--time-bounded"]) == 0
    with Store.open_readonly(default_path()) as store:
        book = CrewBook(store)
        assert book.crew("civics").plan.ending is not None
        assert {p.standing.value for p in book.people()} == {"crewed-before"}


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"--member": "Zed"}, "nobody called 'Zed'"),
        ({"--tz": "Europe/Londn"}, "'Europe/Londn' is not a time zone name"),
        ({"--start": "2026-10-32"}, "'2026-10-32' is not a date"),
        ({"--start": "2026-10-14"}, "is not a Tuesday"),
        ({"--time": "7pm"}, "'7pm' is not a time of day"),
        ({"--weekday": "someday"}, "not a weekday"),
        ({"--weeks": "2"}, "3 to 12 weeks"),
    ],
)
def test_bad_input_to_new_is_one_line_and_exit_2(
    people: None, change: dict[str, str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown person, a bad zone, date, time, weekday or length: one line, exit 2, nothing kept."""
    argv = list(NEW)
    for flag, value in change.items():
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    assert main(argv) == 2
    assert said in one_line(capsys)
    with Store.open_readonly(default_path()) as store:
        assert CrewBook(store).crews() == []


def test_too_few_people_or_an_unknown_crew_or_path_is_one_line(
    crew: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: QApplication
) -> None:
    """Two members, a crew that is not there, an -o in a missing folder, a taken name: one line each."""
    # qapp: a QApplication exists before the PDF is printed, as in the app
    two = ["crews", "new", "Duo", "--interest", "x", "--member", "Olu", "--member", "Ben"]
    when = ["--weekday", "tue", "--time", "19:00", "--tz", "Europe/London", "--start", "2026-10-13"]
    assert main(two + when) == 2
    assert "3 to 6 members" in one_line(capsys)
    assert main(["crews", "show", "Poetry"]) == 2
    assert "no crew called 'Poetry' (crews: Civics)" in one_line(capsys)
    assert main(["crews", "ics", "Civics", "-o", str(tmp_path / "missing" / "c.ics")]) == 2
    assert "cannot write" in one_line(capsys)
    assert (
        main(["crews", "export", "Civics", "--format", "pdf", "-o", str(tmp_path / "missing" / "c.pdf")]) == 2
    )
    assert "cannot write" in one_line(capsys)
    assert main([*NEW[:2], "civics", *NEW[3:]]) == 2
    assert "already a crew called 'civics'" in one_line(capsys)
    assert main([*NEW[:2], "Other", *NEW[3:], "--organiser", "Zed"]) == 2
    assert "nobody called 'Zed'" in one_line(capsys)
    main(["people", "add", "Zed"])
    capsys.readouterr()
    assert main([*NEW[:2], "Other", *NEW[3:], "--organiser", "Zed"]) == 2
    assert "Zed is not among the members" in one_line(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["crews", "swap", "Civics", "two", "3"],
        ["crews", "new", "X", "--member", "Olu"],
        ["crews", "export", "Civics", "--format", "docx"],
        ["people", "add"],
    ],
)
def test_a_malformed_command_is_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A week that is not a number, missing options or a bad choice: one line naming the command, exit 2."""
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    line = one_line(capsys)
    assert line.startswith(f"clinic-timer {argv[0]} {argv[1]}: ")
    assert "--help" in line


def test_members_can_follow_one_member_flag(people: None) -> None:
    """--member Kim Ben Sam --organiser Ben: three members after one flag, Ben the organiser."""
    argv = [
        "crews",
        "new",
        "Trio",
        "--interest",
        "civics",
        "--member",
        "Kim",
        "Ben",
        "Sam",
        "--organiser",
        "Ben",
    ]
    argv += ["--weekday", "wed", "--time", "18:30", "--tz", "America/New_York", "--start", "2026-10-14"]
    assert main(argv) == 0
    with Store.open_readonly(default_path()) as store:
        book = CrewBook(store)
        kept = book.crew("trio")
        names = {p.id: p.name for p in book.people()}
    assert [names[m] for m in kept.crew.members] == ["Kim", "Ben", "Sam"]
    assert names[kept.crew.organiser] == "Ben"
