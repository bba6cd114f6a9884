"""The JSON export: everything, read back equal; the crew version without private notes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from clinic_timer.export import Audience, UnreadableExport, parse_json, read_json, to_json, write_json
from tests.store.records import PRIVATE, full_record

if TYPE_CHECKING:
    from pathlib import Path


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
    [("{", "is not JSON"), ('{"kind": "recipe"}', "not a clinic-timer session export")],
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
