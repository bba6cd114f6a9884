"""Every test runs headless and against temporary data and config directories.

No test may ever read or write the real user's notes or settings.
"""

from __future__ import annotations

import gc
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


COLLECT_EVERY = 25  # tests between two collections of cyclic garbage, on the main thread


@pytest.fixture(scope="session", autouse=True)
def _garbage_dies_on_the_main_thread() -> Iterator[list[int]]:
    """Python's cycle collector runs only here, on the main thread, never by itself.

    The collector runs in whichever thread happens to be allocating. The
    autosave workers earlier tests leave waiting wake now and then; a Qt
    object the collector freed in one of them was deleted from the wrong
    thread, its timer stayed registered, and fired later on freed memory (a
    segfault in ``QTimerInfoList::activateTimers``, caught under gdb). So the
    automatic collector is off for the session and :func:`_collect_now_and_then`
    collects on the main thread every :data:`COLLECT_EVERY` tests (each
    test collecting would cost the suite a third of its time).
    """
    was = gc.isenabled()
    gc.disable()
    yield [0]
    gc.collect()
    if was:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_now_and_then(_garbage_dies_on_the_main_thread: list[int]) -> Iterator[None]:
    """Counts tests and collects the cyclic garbage every :data:`COLLECT_EVERY` of them."""
    yield
    _garbage_dies_on_the_main_thread[0] += 1
    if _garbage_dies_on_the_main_thread[0] % COLLECT_EVERY == 0:
        gc.collect()
