"""``clinic-timer people``: adding, listing, changing and removing people; bad input is one line and 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.cli import main
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.store import Store, default_path
from clinic_timer.store.crews import CrewBook
from tests.store.records import full_record

if TYPE_CHECKING:
    import pytest


def people() -> dict[str, Person]:
    """Everyone kept, by name."""
    with Store.open_readonly(default_path()) as store:
        return {p.name: p for p in CrewBook(store).people()}


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The single line on stderr (and nothing else there)."""
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_people_add_keeps_every_detail(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's form: interests (repeat), where met, known in person, at ease."""
    code = main(["people", "add", "Ben", "--interest", "Civics", "--interest", "AI", "--met", "a conference"])
    assert code == 0
    assert main(["people", "add", "Sam", "--knows-in-person", "--at-ease", "--standing", "interested"]) == 0
    kept = people()
    ben, sam = kept["Ben"], kept["Sam"]
    assert ben.interests == ("ai", "civics")
    assert ben.met == "a conference"
    assert ben.standing is Standing.FOUND
    assert sam.knows_in_person
    assert sam.at_ease is Ease.YES
    assert sam.standing is Standing.INTERESTED
    assert "added Sam" in capsys.readouterr().err


def test_people_list_shows_a_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    """list prints a header and one line per person, filtered by interest when asked."""
    main(["people", "add", "Ben", "--interest", "civics"])
    main(["people", "add", "Kim", "--interest", "wellbeing"])
    capsys.readouterr()
    assert main(["people", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["ID", "NAME", "STANDING"]
    assert [line.split()[1] for line in lines[1:]] == ["Ben", "Kim"]
    assert main(["people", "list", "--interest", "WELLBEING"]) == 0
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()[1:]] == ["Kim"]


def test_people_list_with_nothing_kept_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """Before anyone is added, list succeeds and says the list is empty."""
    assert main(["people", "list"]) == 0
    assert "nobody on your list yet" in capsys.readouterr().err


def test_a_repeated_name_or_unknown_person_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Adding 'ben' beside Ben, or changing Zed who is not there, is refused in one line."""
    main(["people", "add", "Ben"])
    capsys.readouterr()
    assert main(["people", "add", "ben"]) == 2
    assert "Ben is already on your list" in one_line(capsys)
    assert main(["people", "set", "Zed", "--at-ease"]) == 2
    assert "nobody called 'Zed'" in one_line(capsys)


def test_people_set_changes_only_what_is_given() -> None:
    """set adds and drops interests, renames and marks interested, keeping the id."""
    main(["people", "add", "Ben", "--interest", "civics", "--met", "intros channel"])
    before = people()["Ben"]
    assert (
        main(
            [
                "people",
                "set",
                "ben",
                "--interest",
                "ai",
                "--drop-interest",
                "Civics",
                "--standing",
                "interested",
            ]
        )
        == 0
    )
    assert main(["people", "set", "Ben", "--rename", "Benjamin"]) == 0
    after = people()["Benjamin"]
    assert after.id == before.id
    assert after.interests == ("ai",)
    assert after.met == "intros channel"
    assert after.standing is Standing.INTERESTED


def test_removing_someone_from_a_kept_clinic_asks_first(capsys: pytest.CaptureFixture[str]) -> None:
    """Ben coached a kept clinic: remove refuses without --yes; with it he goes and the record keeps his name."""
    with Store.open(default_path()) as store:
        store.save(full_record(bringer="Ada"))  # Ben and Cy coach it
    main(["people", "add", "Ben"])
    capsys.readouterr()
    assert main(["people", "remove", "Ben"]) == 2
    assert "took part in 1 kept clinic" in one_line(capsys)
    assert "Ben" in people()
    assert main(["people", "remove", "Ben", "--yes"]) == 0
    assert "Ben" not in people()
    with Store.open_readonly(default_path()) as store:
        assert store.list()[0].coaches == ("Ben", "Cy")


def test_show_has_the_private_notes(capsys: pytest.CaptureFixture[str]) -> None:
    """show prints every detail, the organiser's note included."""
    main(["people", "add", "Ben", "--note", "loves long walks", "--knows-in-person"])
    capsys.readouterr()
    assert main(["people", "show", "ben"]) == 0
    out = capsys.readouterr().out
    assert "Notes: loves long walks" in out
    assert "Known in real life: yes" in out
    assert "Crews: -" in out


def test_the_one_to_one_invitation_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """invite prints the message about their first interest, signed."""
    main(["people", "add", "Ben", "--interest", "civics"])
    capsys.readouterr()
    assert main(["people", "invite", "Ben", "--signed", "Olu"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Hi Ben,")
    assert "chat about civics" in text


def test_a_name_of_megabytes_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """people add with a 5 MB name is refused in one short line; nothing is kept."""
    assert main(["people", "add", "x" * 5_000_000]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert len(err) < 200
    assert "at most 100 characters" in err
