"""The JSON export: everything, read back equal; the crew version without private notes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clinic_timer.export import Audience, UnreadableExport, parse_json, read_json, to_json, write_json
from clinic_timer.export.jsonfile import EXPORT_VERSION, MAX_IMPORT_BYTES
from tests.store.records import PRIVATE, full_record

FIXTURE_EXPORT = Path(__file__).parents[1] / "store" / "fixtures" / "session-v1.json"


def test_a_json_export_imports_back_equal(tmp_path: Path) -> None:
    """write_json then read_json gives a record equal to the original, running snapshot and all."""
    for record in (full_record(), full_record(finished=False)):
        path = tmp_path / f"{record.id}.json"
        write_json(record, path)
        assert read_json(path) == record


def test_a_crew_json_has_no_private_note() -> None:
    """The crew JSON leaves the private note out entirely."""
    record = full_record()
    crew = to_json(record, Audience.CREW)
    assert PRIVATE not in crew
    assert '"private": true' not in crew
    assert len(parse_json(crew, "crew.json").notebook.notes) == len(record.notebook.notes) - 1


def test_a_newer_export_is_refused_with_the_reason() -> None:
    """An export_version above ours is refused, saying to update."""
    document = json.loads(to_json(full_record()))
    document["export_version"] = 7
    with pytest.raises(UnreadableExport, match="newer clinic-timer"):
        parse_json(json.dumps(document), "future.json")


@pytest.mark.parametrize(
    ("text", "problem"),
    [("{", "is not valid JSON"), ('{"kind": "recipe"}', "not a clinic-timer session export")],
)
def test_other_files_are_refused(text: str, problem: str) -> None:
    """Non-JSON and foreign JSON are UnreadableExport naming the file."""
    with pytest.raises(UnreadableExport, match=problem) as caught:
        parse_json(text, "other.json")
    assert "other.json" in str(caught.value)


def test_a_damaged_session_in_an_export_is_refused() -> None:
    """A session with a missing field is refused, not half-imported."""
    document = json.loads(to_json(full_record()))
    del document["session"]["roster"]
    with pytest.raises(UnreadableExport, match="cannot be read"):
        parse_json(json.dumps(document), "broken.json")


# -- hostile imports (issue 13, points 9 to 11 and 15): one clear refusal each -----------------


def exported() -> dict[str, Any]:
    """A facilitator export of a finished clinic, as a document to alter."""
    return dict(json.loads(to_json(full_record())))


def refusal(text: str) -> str:
    """The one-line message parse_json refuses ``text`` with."""
    with pytest.raises(UnreadableExport) as caught:
        parse_json(text, "hostile.json")
    message = str(caught.value)
    assert message.startswith("hostile.json: ")
    assert "\n" not in message
    assert len(message) < 400
    return message


@pytest.mark.parametrize(
    "path",
    [
        ("session", "phases", 0, "planned_s"),
        ("session", "timeline", "runs", 0, "started_s"),
        ("session", "timeline", "runs", 0, "slot"),
        ("session", "notebook", "notes", 0, "at_s"),
        ("session", "schema"),
        ("export_version",),
    ],
)
def test_a_310_digit_integer_in_any_number_field_is_refused(path: tuple[str | int, ...]) -> None:
    """A 310-digit integer is refused before it is converted, not an OverflowError."""
    document = exported()
    set_at(document, path, 777_777)
    text = json.dumps(document).replace(": 777777", ": 1" + "0" * 309)
    assert "0" * 309 in text
    assert "numbers over 15 digits are not read" in refusal(text)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("session", "phases", 0, "planned_s"), 1e308),
        (("session", "phases", 0, "turn_s"), -1e308),
        (("session", "timeline", "runs", 0, "planned_s"), 1e12),
        (("session", "timeline", "adjustments", 0, "delta_s"), 1e300),
        (("session", "notebook", "notes", 0, "at_s"), 4e7),
        (("session", "timeline", "runs", 0, "slot"), 10**12),
    ],
)
def test_every_number_is_in_a_sane_range(path: tuple[str | int, ...], value: float) -> None:
    """planned_s of 1e308 (which overflowed an export later) and other far-off numbers are refused."""
    document = exported()
    set_at(document, path, value)
    assert f"{path[-1]} must be a" in refusal(json.dumps(document))


def test_infinity_and_nan_are_refused() -> None:
    """JSON's non-standard NaN and Infinity are refused where Python would read them."""
    text = json.dumps(exported())
    assert "NaN" in refusal(text.replace('"planned_s": 1200.0', '"planned_s": NaN', 1))
    assert "too big" in refusal(text.replace('"planned_s": 1200.0', '"planned_s": 1e999', 1))


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-14:00"])
@pytest.mark.parametrize("key", ["started_at", "ended_at"])
def test_a_time_out_of_range_in_any_zone_is_refused(moment: str, key: str) -> None:
    """Times that overflow when turned into UTC are refused, not an OverflowError in the store."""
    document = exported()
    document["session"][key] = moment
    assert "is not a time with a UTC offset from 1900 to 9998" in refusal(json.dumps(document))


def test_a_snapshot_nested_1000_deep_is_refused() -> None:
    """A 1,000-deep snapshot is refused by its depth before parsing, not a RecursionError."""
    text = json.dumps(exported()).replace('"snapshot": null', '"snapshot": ' + "[" * 1000 + "]" * 1000)
    assert "nested more than 32 deep" in refusal(text)


def test_a_lone_surrogate_is_refused_naming_the_field() -> None:
    """ "name": "A\\ud800" is refused where it is, not a UnicodeEncodeError in the store."""
    text = json.dumps(exported()).replace('"name": "Ada"', '"name": "A\\ud800"', 1)
    assert "not valid Unicode (a lone surrogate, '\\ud800') at session.roster.bringer.name" in refusal(text)


@pytest.mark.parametrize("record_id", ["1", "0" * 31, "8cc45f66", "A" * 32, "0" * 33, 7])
def test_an_id_the_app_would_not_make_is_refused(record_id: object) -> None:
    """Ids such as "1" or "8cc45f66" could be the start of another session's id: refused."""
    document = exported()
    document["session"]["id"] = record_id
    assert "which clinic-timer did not make" in refusal(json.dumps(document))


def test_an_id_of_the_right_shape_is_kept() -> None:
    """Thirty-two zeros is the shape the app makes and is imported as it is."""
    document = exported()
    document["session"]["id"] = "0" * 32
    assert parse_json(json.dumps(document), "zeros.json").id == "0" * 32


@pytest.mark.parametrize(("version", "shown"), [("1", "'1'"), (True, "True"), (0, "0"), (None, "None")])
def test_an_export_version_that_is_not_a_number_says_so(version: object, shown: str) -> None:
    """export_version "1" is not 'exported by a newer clinic-timer': the message says what is wrong."""
    document = exported()
    document["export_version"] = version
    message = refusal(json.dumps(document))
    assert f"has no usable export version ({shown}; expected a whole number, {EXPORT_VERSION}" in message
    assert "newer" not in message


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "huge"])
def test_only_a_regular_file_of_bounded_size_is_read(tmp_path: Path, kind: str) -> None:
    """A FIFO, a link to /dev/zero, a folder or an oversized file is refused at once, naming it."""
    path = tmp_path / "session.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as handle:
            handle.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(UnreadableExport) as caught:
        read_json(path)
    assert str(caught.value).startswith(f"{path}: is ")
    assert ("bytes are not read" if kind == "huge" else "is not a regular file") in str(caught.value)


def set_at(document: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    """Sets the value at a path of keys and indexes."""
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    assert path[-1] in target if isinstance(target, dict) else True
    target[path[-1]] = value


def test_an_export_of_version_1_imports_with_people(tmp_path: Path) -> None:
    """The fixture export written before people had ids reads: names are people, notes under their ids."""
    record = read_json(FIXTURE_EXPORT)
    assert [p.name for p in record.roster.people] == ["Ada", "Ben", "Cy"]
    coaches = {c.id for c in record.roster.coaches}
    assert {n.coach for n in record.notebook.notes if n.coach} == coaches
    again = tmp_path / "again.json"
    write_json(record, again)
    assert json.loads(again.read_text(encoding="utf-8"))["export_version"] == EXPORT_VERSION == 2
    assert read_json(again) == record


def test_the_release_before_refuses_todays_export_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """An app that reads export version 1 refuses version 2, saying it is newer and to update."""
    text = to_json(full_record())
    monkeypatch.setattr("clinic_timer.export.jsonfile.EXPORT_VERSION", 1)
    with pytest.raises(
        UnreadableExport,
        match=r"^new\.json: was exported by a newer clinic-timer \(export version 2\); update to import it$",
    ):
        parse_json(text, "new.json")
