"""Writing an export: atomic, and a failure is a clear ExportError that changes nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from clinic_timer.export import (
    Audience,
    ExportError,
    ExportFormat,
    export,
    file_name,
    file_stem,
    write_export,
)
from tests.store.records import full_record


def test_a_full_disk_leaves_the_old_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while writing: ExportError names the file and the reason; the old export is intact."""
    target = tmp_path / "clinic.md"
    target.write_text("the old export")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError) as caught:
        export(full_record(), target, ExportFormat.MARKDOWN, Audience.CREW)
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert target.read_text() == "the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.md"]


def test_a_folder_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    """Writing under a missing folder names the folder that is missing, not only "No such file"."""
    target = tmp_path / "missing" / "clinic.json"
    with pytest.raises(ExportError, match=f"there is no folder {tmp_path / 'missing'}$") as caught:
        write_export(target, b"{}")
    assert caught.value.path == target


def test_a_file_in_the_way_of_the_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A path whose 'folder' is a file cannot be written, whoever runs the test (even root)."""
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(ExportError, match="Not a directory"):
        write_export(tmp_path / "notes" / "clinic.md", b"x")


def test_a_folder_that_cannot_be_entered_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the system will not even say whether the target is a folder, the error still names the file."""

    def refused(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_dir", refused)  # as for a folder in another user's home, even as root
    with pytest.raises(ExportError, match=r"cannot write .*clinic\.md: Permission denied"):
        write_export(tmp_path / "locked" / "clinic.md", b"x")


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    """Exporting onto a folder asks for a file name instead of replacing anything."""
    with pytest.raises(ExportError, match="is a folder"):
        write_export(tmp_path, b"x")


def test_a_good_write_replaces_the_file_whole(tmp_path: Path) -> None:
    """A successful write leaves exactly the new bytes and no temporary file."""
    target = tmp_path / "clinic.md"
    target.write_text("old")
    write_export(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["clinic.md"]


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("City or country", "2026-03-03 Ada - City or country"),
        ("Move: city/country?", "2026-03-03 Ada - Move city country"),
        ("Leaving my job  N B S E", "2026-03-03 Ada - Leaving my job N B S E"),
        ("Leaving\tmy job\n", "2026-03-03 Ada - Leaving my job"),
        ("...", "2026-03-03 Ada"),
    ],
)
def test_a_file_stem_is_one_safe_line_with_single_spaces(title: str, stem: str) -> None:
    """Characters a file system refuses go, runs of spaces become one, and no name ends in a dot."""
    record = full_record()
    record.notebook.title = title
    assert file_stem(record, Audience.FACILITATOR) == stem


def test_the_file_name_says_the_audience_and_the_format() -> None:
    """A crew PDF ends "(crew).pdf"; the name is the same one the app and the command line suggest."""
    assert (
        file_name(full_record(), ExportFormat.PDF, Audience.CREW)
        == "2026-03-03 Ada - City or country (crew).pdf"
    )
