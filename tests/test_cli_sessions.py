"""``clinic-timer sessions list|export|import``: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from clinic_timer.cli import main
from clinic_timer.core.record import RecordStatus
from clinic_timer.export import read_json, to_json
from clinic_timer.store import Store, default_path
from tests.core.cast import pid
from tests.store.records import PRIVATE, full_record

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from clinic_timer.core.record import SessionRecord


def kept(*records: SessionRecord) -> None:
    """Saves records in the test's data directory, as the app would have."""
    with Store.open(default_path()) as store:
        for record in records:
            store.save(record)


def test_list_shows_sessions_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    """list prints a header and one line per session with its short id and bringer."""
    first, second = full_record(bringer="Ada"), full_record(bringer="Zoe")
    kept(first, second)
    assert main(["sessions", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "STARTED", "STATUS", "FORMAT", "BRINGER", "TITLE"]
    assert len(lines) == 3
    assert any(line.startswith(first.id[:8]) and "Ada" in line for line in lines)


def test_list_searches_the_notes(capsys: pytest.CaptureFixture[str]) -> None:
    """Words after list keep only matching sessions."""
    record = full_record()
    record.notebook.notes[0].text = "sabbatical in Lisbon"
    kept(record, full_record(bringer="Zoe"))
    assert main(["sessions", "list", "lisbon"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_list_with_no_database_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """With nothing kept yet, list succeeds and says there are no sessions."""
    assert main(["sessions", "list"]) == 0
    assert "no sessions kept" in capsys.readouterr().err


def test_export_last_for_the_crew_writes_markdown_without_private_notes(tmp_path: Path) -> None:
    """export --last --for-crew -o writes the Markdown, private note left out."""
    record = full_record()
    kept(record)
    out = tmp_path / "crew.md"
    assert main(["sessions", "export", "--last", "--format", "md", "--for-crew", "-o", str(out)]) == 0
    text = out.read_text()
    assert "Cy heard fear of regret." in text
    assert PRIVATE not in text


def test_export_by_short_id_to_json_then_import_elsewhere_is_equal(tmp_path: Path) -> None:
    """A JSON export by id prefix, imported into another data dir, equals the original."""
    record = full_record()
    kept(record)
    out = tmp_path / "backup.json"
    assert main(["sessions", "export", record.id[:8], "--format", "json", "-o", str(out)]) == 0
    other = tmp_path / "elsewhere"
    assert main(["--data-dir", str(other), "sessions", "import", str(out)]) == 0
    with Store.open(other / "notes.sqlite3") as store:
        assert store.load(record.id) == record


def test_export_pdf_writes_a_pdf(tmp_path: Path, qapp: QApplication) -> None:
    """--format pdf writes a PDF file (qapp: a QApplication exists first, as in the app)."""
    kept(full_record())
    out = tmp_path / "clinic.pdf"
    assert main(["sessions", "export", "--last", "--format", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_export_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """-o - prints the JSON to stdout."""
    record = full_record()
    kept(record)
    assert main(["sessions", "export", "--last", "--format", "json", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == record.id


def test_export_default_name_is_dated_and_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without -o the file lands in the current folder, named as the app names it: date, bringer, title, audience."""
    kept(full_record())
    monkeypatch.chdir(tmp_path)
    assert main(["sessions", "export", "--last", "--for-crew"]) == 0
    assert (tmp_path / "2026-03-03 Ada - City or country (crew).md").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sessions", "export", "--last"], "no session is kept yet"),
        (["sessions", "export", "ffff0000"], "no session id starts with 'ffff0000'"),
        (["sessions", "import", "missing.json"], "missing.json: cannot be read"),
    ],
)
def test_bad_requests_fail_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing to export, an unknown id or a missing file: exit 2 and one line on stderr."""
    if argv[2] != "--last":
        kept(full_record())
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_an_unwritable_output_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output under a file (not a folder) gives exit 2 and the path with the reason."""
    kept(full_record())
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "out.md"
    assert main(["sessions", "export", "--last", "-o", str(target)]) == 2
    assert f"cannot write {target}: Not a directory" in capsys.readouterr().err


def test_import_refuses_a_different_session_with_the_same_id(tmp_path: Path) -> None:
    """A clash needs --replace; the same record again is a quiet no-op."""
    record = full_record()
    kept(record)
    out = tmp_path / "backup.json"
    assert main(["sessions", "export", "--last", "--format", "json", "-o", str(out)]) == 0
    assert main(["sessions", "import", str(out)]) == 0
    record.notebook.set_case("Changed since", "")
    kept(record)
    assert main(["sessions", "import", str(out)]) == 2
    assert main(["sessions", "import", "--replace", str(out)]) == 0
    with Store.open(default_path()) as store:
        assert store.load(record.id).notebook.title == "City or country"


def test_an_imported_running_session_is_not_offered_for_resume(tmp_path: Path) -> None:
    """A backup of a running session comes back closed, so no start-up offers to resume it."""
    record = full_record(finished=False)
    kept(record)
    out = tmp_path / "running.json"
    assert main(["sessions", "export", "--last", "--format", "json", "-o", str(out)]) == 0
    assert read_json(out).status is RecordStatus.RUNNING
    other = tmp_path / "elsewhere"
    assert main(["--data-dir", str(other), "sessions", "import", str(out)]) == 0
    with Store.open(other / "notes.sqlite3") as store:
        assert store.interrupted() == []
        assert store.load(record.id).status is RecordStatus.CLOSED_INTERRUPTED


def test_a_damaged_database_still_lists_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer-version database: a warning, then the sessions salvaged from a copy."""
    record = full_record()
    kept(record)
    raw = sqlite3.connect(default_path())
    raw.execute("PRAGMA user_version = 42")
    raw.close()
    assert main(["sessions", "list"]) == 0
    captured = capsys.readouterr()
    assert "newer clinic-timer" in captured.err
    assert record.id[:8] in captured.out
    assert main(["sessions", "list", "regret fear"]) == 0  # one quoted argument: searched word by word
    assert record.id[:8] in capsys.readouterr().out
    out = tmp_path / "rescued.md"
    assert main(["sessions", "export", record.id[:8], "-o", str(out)]) == 0
    assert "Cy heard fear of regret." in out.read_text()


# -- hostile imports and odd titles (issue 13, points 9 to 12) --------------------------------


def _export_text() -> str:
    return to_json(full_record())


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('"slot": 1', '"slot": 1' + "0" * 309, "numbers over 15 digits are not read"),
        ('"started_at": "2026-03-03T19:00:00+01:00"', '"started_at": "0001-01-01T00:00:00+05:00"', "1900"),
        ('"started_at": "2026-03-03T19:00:00+01:00"', '"started_at": "9999-12-31T23:59:59-14:00"', "9998"),
        ('"snapshot": null', '"snapshot": ' + "[" * 1000 + "]" * 1000, "nested more than 32 deep"),
        ('"name": "Ada"', '"name": "A\\ud800"', "lone surrogate"),
        ('"planned_s": 1200.0', '"planned_s": 1e308', "planned_s must be a number of seconds within a year"),
        ('"export_version": 2', '"export_version": "2"', "no usable export version ('2'"),
    ],
)
def test_a_hostile_import_fails_with_one_line_and_keeps_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, problem: str
) -> None:
    """Each reproduction of issue 13 exits 2 with one line naming the file; nothing is kept."""
    text = _export_text()
    assert old in text
    path = tmp_path / "hostile.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["sessions", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"clinic-timer: {path}: ")
    assert problem in err
    assert not default_path().exists() or Store.open_readonly(default_path()).count() == 0


def test_list_shows_control_characters_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """A title of "\\x1b[31mred" or one with a newline is one row, its control characters escaped."""
    red, split = full_record(title="\x1b[31mred"), full_record(title="first\nsecond", bringer="Zoe")
    kept(red, split)
    assert main(["sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\\x1b[31mred" in out
    assert "first\\nsecond" in out
    assert len(out.splitlines()) == 3


@pytest.mark.parametrize("damaged", [False, True])
def test_an_exact_id_wins_over_a_prefix_match(tmp_path: Path, damaged: bool) -> None:
    """When one kept id is the start of another (an older version's import), the exact one is exported.

    Both from the store and from what is salvaged of a database the store refuses.
    """
    short, long = full_record(bringer="Ada"), full_record(bringer="Zoe")
    short.id, long.id = "8cc45f66", "8cc45f66" + "0" * 24
    kept(short, long)
    if damaged:
        raw = sqlite3.connect(default_path())
        raw.execute("PRAGMA user_version = 42")  # newer: refused, so read by salvage
        raw.close()
    for record in (short, long):
        out = tmp_path / f"{record.roster.lead.name}.json"
        assert main(["sessions", "export", record.id, "--format", "json", "-o", str(out)]) == 0
        assert (
            json.loads(out.read_text(encoding="utf-8"))["session"]["roster"]["bringer"]["name"]
            == record.roster.lead.name
        )
    assert main(["sessions", "export", "8cc4", "-o", str(tmp_path / "x.md")]) == 2


def test_one_wrong_byte_in_the_schema_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The flipped schema byte of issue 13: list and export read what they can, import refuses in one line."""
    record = full_record()
    kept(record)
    db = default_path()
    data = bytearray(db.read_bytes())
    data[data.index(b"sqlite_autoindex_session_1")] = 0x8C
    db.write_bytes(bytes(data))
    assert main(["sessions", "list"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {db}: is damaged" in captured.err
    assert record.id[:8] in captured.out
    out = tmp_path / "rescued.md"
    assert main(["sessions", "export", "--last", "-o", str(out)]) == 0
    assert "Cy heard fear of regret." in out.read_text()
    exported = tmp_path / "session.json"
    assert main(["sessions", "export", "--last", "--format", "json", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["sessions", "import", str(exported)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"clinic-timer: {db}: is damaged")
    assert db.read_bytes() == bytes(data)


def test_an_old_export_imports_as_the_people_already_kept(tmp_path: Path) -> None:
    """Importing an export that names people: Ada and Ben are the Ada and Ben of the kept clinics."""
    kept(full_record(bringer="Ada"))  # Ada brings to Ben and Cy
    fixture = Path(__file__).parent / "store" / "fixtures" / "session-v1.json"
    assert main(["sessions", "import", str(fixture)]) == 0
    with Store.open_readonly(default_path()) as store:
        assert len(store.list(bringer=pid("Ada"))) == 2
        imported = store.load(store.resolve("4d79ad71"))
    assert [p.id for p in imported.roster.people] == [pid("Ada"), pid("Ben"), pid("Cy")]
