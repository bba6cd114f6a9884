"""Setting a refused database aside, and exporting what can be read of it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from clinic_timer.store import Store
from clinic_timer.store.rescue import export_salvaged, set_aside
from tests.store.records import full_record

if TYPE_CHECKING:
    from pathlib import Path


def test_setting_aside_moves_the_database_with_its_wal_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The -wal goes with the database, or neither moves: a database without its WAL loses its last writes."""
    db = tmp_path / "notes.sqlite3"
    wal = tmp_path / "notes.sqlite3-wal"
    db.write_bytes(b"db")
    wal.write_bytes(b"wal")
    plain_rename = os.rename
    refused: set[Path] = set()

    def refuse(source: Path, target: Path) -> None:
        if source in refused:
            raise PermissionError(13, "Permission denied", str(source))
        plain_rename(source, target)

    monkeypatch.setattr(os, "rename", refuse)
    for cannot_move in (wal, db):
        refused.clear()
        refused.add(cannot_move)
        with pytest.raises(PermissionError):
            set_aside(db)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3", "notes.sqlite3-wal"]
    monkeypatch.undo()
    moved = set_aside(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == [moved.name, f"{moved.name}-wal"]
    assert moved.read_bytes() == b"db"


def test_what_can_be_read_is_exported_as_markdown_and_json(tmp_path: Path) -> None:
    """Every readable session comes out twice (Markdown and JSON), its notes in it; nothing is left unsaid."""
    db = tmp_path / "notes.sqlite3"
    store = Store.open(db)
    record = full_record()
    store.save(record)
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    written, problems = export_salvaged(db, out)
    assert sorted(p.suffix for p in written) == [".json", ".md"]
    assert all(record.id[:8] in p.name for p in written)
    assert "Cy heard fear of regret." in next(p for p in written if p.suffix == ".md").read_text()
    assert problems == []
