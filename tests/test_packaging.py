"""Shipped formats and assets are found both from the source tree and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from clinic_timer import paths

ROOT = Path(__file__).resolve().parent.parent


def test_the_source_tree_finds_sessions_and_assets() -> None:
    """An editable install resolves the top-level folders."""
    assert (paths.shipped("sessions") / "crew-case-clinic.toml").is_file()
    assert paths.shipped("assets").is_dir()


@pytest.mark.slow
def test_the_wheel_carries_and_finds_its_data(tmp_path: Path) -> None:
    """The built wheel holds sessions/ and assets/ under the package, and paths finds them there."""
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("clinic_timer-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "clinic_timer/_data/sessions/crew-case-clinic.toml" in names
    assert "clinic_timer/_data/assets/README.md" in names
    assert "clinic_timer/_data/assets/icons/clinic-timer-512.png" in names  # for --install-desktop-entry
    assert f"clinic_timer/_data/assets/desktop/{paths.APP_ID}.desktop" in names
    code = "from clinic_timer import paths; print(paths.shipped('sessions'))"
    found = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(found.stdout.strip()) == tmp_path / "site" / "clinic_timer" / "_data" / "sessions"


def test_a_frozen_bundle_finds_its_data_under_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a PyInstaller bundle (sys.frozen, sys._MEIPASS) sessions, assets and icons come from the bundle."""
    bundle = tmp_path / "_internal"
    for kind in ("sessions", "assets"):
        (bundle / paths.BUNDLE_DATA / kind).mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.shipped("sessions") == bundle / "clinic_timer" / "_data" / "sessions"
    assert (
        paths.icon_png(16) == bundle / "clinic_timer" / "_data" / "assets" / "icons" / "clinic-timer-16.png"
    )
    assert paths.desktop_file(".desktop").parent == bundle / "clinic_timer" / "_data" / "assets" / "desktop"


def test_the_spec_bundles_the_data_where_paths_looks() -> None:
    """The PyInstaller spec puts sessions/ and assets/ at paths.BUNDLE_DATA."""
    spec = (ROOT / "packaging" / "clinic-timer.spec").read_text()
    assert f'DATA = "{paths.BUNDLE_DATA}"' in spec


def test_freeze_support_runs_before_the_command_line_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker in the bundle is taken over by freeze_support and never reaches argparse."""
    import multiprocessing

    from clinic_timer import __main__ as entry

    class WorkerRan(SystemExit):
        """What PyInstaller's freeze_support does for a worker: run it, then exit."""

    def take_over() -> None:
        raise WorkerRan(0)

    monkeypatch.setattr(multiprocessing, "freeze_support", take_over)
    monkeypatch.setattr(
        sys, "argv", ["clinic-timer", "--multiprocessing-fork", "tracker_fd=15", "pipe_handle=17"]
    )
    with pytest.raises(WorkerRan):
        entry.main()
