"""Every test runs headless and against temporary data and config directories.

No test may ever read or write the real user's notes or settings.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _closing_never_waits_on_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a console mid-clinic asks first; in tests the answer is yes unless a test says otherwise.

    Without this, pytest-qt closing a running console at teardown would wait
    on a modal question nobody can answer.
    """
    from clinic_timer.ui.help_dialog import CloseConfirmation, EndConfirmation

    def unexpected(cls: type, parent: object = None) -> bool:
        raise AssertionError("the clinic asked to end it, and this test did not expect the question")

    monkeypatch.setattr(CloseConfirmation, "ask", classmethod(lambda cls, parent=None: True))
    monkeypatch.setattr(EndConfirmation, "ask", classmethod(unexpected))  # a test that expects it patches it


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Points the app's data and config directories at fresh temporary ones."""
    from clinic_timer import paths

    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    paths.reset()
    yield
    paths.reset()
