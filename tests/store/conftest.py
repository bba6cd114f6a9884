"""Fixtures for the store tests: a database path in the test's own private data directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clinic_timer import paths

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def db_path() -> Path:
    """Where this test's notes database goes (under the temporary data directory)."""
    return paths.data_dir() / "notes.sqlite3"
