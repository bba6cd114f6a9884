"""Builds the one-folder bundle (``dist/clinic-timer/``) and, on Debian, its ``.deb``.

``uv run python tools/build_bundle.py`` runs PyInstaller on
``packaging/clinic-timer.spec`` (offline: everything comes from the venv),
then wraps the bundle into ``dist/clinic-timer_<version>_<arch>.deb`` with
``dpkg-deb``: the bundle under ``/opt/clinic-timer``, ``clinic-timer`` on the
PATH, the desktop entry, the hicolor icons and the AppStream metainfo. The
package depends on the Debian packages whose libraries the spec left out of
the bundle (it writes their names), plus what the app loads or runs by name:
espeak-ng's library (pyttsx3 finds it at run time) and ``aplay``.

``--bundle-only`` stops after PyInstaller (the only step off Debian).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinic_timer import __version__, paths  # noqa: E402 - after the path, to build this checkout
from clinic_timer.desktop import Placement  # noqa: E402

SPEC = ROOT / "packaging" / "clinic-timer.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "clinic-timer"
INSTALL_DIR = Path("/opt/clinic-timer")
#: Loaded or run by name, so no library scan finds them; and the README's list, as a floor.
RUNTIME_PACKAGES = (
    "libespeak-ng1",
    "alsa-utils",
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libglib2.0-0",
    "libdbus-1-3",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libpulse0",
)
DESCRIPTION = """\
timer, voice and notebook for peer-coaching case clinics
 Clinic Timer keeps a peer-coaching case clinic on time: it runs the phases
 on a clock, calls each coach's turn, speaks the prompts aloud and shows
 gentle nudges. One clean window is made for sharing into a video call; the
 facilitator's console, with the controls and private notes, stays private.
 Notes are kept only on this computer.
"""
COPYRIGHT = """\
clinic-timer
Copyright (c) 2026 clinic-timer developers
License: MIT

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

The bundle under /opt/clinic-timer also carries, each under its own licence:
Python 3.11 (PSF License), Qt 6 and PySide6 (LGPL-3, see
/usr/share/common-licenses/LGPL-3), ICU (Unicode License), pyttsx3 (MPL-2.0,
see /usr/share/common-licenses/MPL-2.0) and platformdirs (MIT).
"""
#: Tags that describe what this package is on purpose: a PyInstaller bundle in /opt,
#: carrying its own Python and Qt, built outside Debian's archive.
LINTIAN_OVERRIDES = (
    "dir-or-file-in-opt",  # the bundle lives in /opt, as the issue asks
    "embedded-library",  # the bundle carries its own Python and Qt, by design
    "custom-library-search-path",  # PyInstaller's own RUNPATHs inside the bundle
    "library-not-linked-against-libc",  # tiny Python extensions that call no libc
    "hardening-no-pie",  # PyInstaller's bootloader
)


def build_bundle() -> Path:
    """Runs PyInstaller on the spec; returns the bundle folder."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)],
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    for link in BUNDLE.rglob("*"):  # links to libraries the spec left out
        if link.is_symlink() and not link.exists():
            link.unlink()
    return BUNDLE


def folder_bytes(folder: Path) -> int:
    """The size of the files under ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def system_packages() -> list[str]:
    """The packages the spec left the bundle's system libraries to, and the ones named above."""
    found = next(WORK.rglob("system-packages.txt"), None)
    listed = found.read_text(encoding="utf-8").split() if found else []
    return sorted(set(listed) | set(RUNTIME_PACKAGES) | {"libc6"})


def architecture() -> str:
    """Debian's name for this machine's architecture (``amd64``...)."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def stage(root: Path, bundle: Path) -> None:
    """Lays out the package's files under ``root`` as they will be installed."""
    opt = root / INSTALL_DIR.relative_to("/")
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "clinic-timer").symlink_to(INSTALL_DIR / "clinic-timer")
    share = Placement(root / "usr" / "share")
    for source, target in [*share.icons(), (paths.desktop_file(".metainfo.xml"), share.metainfo)]:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    share.entry.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.desktop_file(".desktop"), share.entry)  # Exec=clinic-timer, on the PATH
    doc = root / "usr" / "share" / "doc" / "clinic-timer"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
    changelog = (
        f"clinic-timer ({__version__}) unstable; urgency=medium\n\n"
        "  * Built from the source tree by tools/build_bundle.py.\n\n"
        f" -- clinic-timer developers <clinic-timer@users.noreply.github.com>  {stamp}\n"
    )
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))
    overrides = root / "usr" / "share" / "lintian" / "overrides" / "clinic-timer"
    overrides.parent.mkdir(parents=True)
    overrides.write_text("".join(f"clinic-timer: {tag}\n" for tag in LINTIAN_OVERRIDES), encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        library = ".so" in path.name  # shared objects are read, not run (lintian: not 0755)
        executable = path.is_dir() or (os.access(path, os.X_OK) and not library)
        path.chmod(0o755 if executable else 0o644)


def control(root: Path, arch: str) -> str:
    """The package's ``DEBIAN/control``."""
    installed_kib = (folder_bytes(root) + 1023) // 1024
    return (
        "Package: clinic-timer\n"
        f"Version: {__version__}\n"
        f"Architecture: {arch}\n"
        "Maintainer: clinic-timer developers <clinic-timer@users.noreply.github.com>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(system_packages())}\n"
        "Recommends: espeak-ng\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}"
    )


def build_deb(bundle: Path) -> Path:
    """Builds ``dist/clinic-timer_<version>_<arch>.deb`` from the bundle with ``dpkg-deb``."""
    arch = architecture()
    root = ROOT / "build" / "deb"
    shutil.rmtree(root, ignore_errors=True)
    stage(root, bundle)
    text = control(root, arch)
    (root / "DEBIAN").mkdir(mode=0o755)
    (root / "DEBIAN" / "control").write_text(text, encoding="utf-8")
    target = DIST / f"clinic-timer_{__version__}_{arch}.deb"
    # gzip -6: seconds, where xz took a minute here for a 25% smaller file (44 MB against 34).
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def main() -> int:
    """Builds the bundle, then the .deb unless asked not to or there is no dpkg-deb."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle-only", action="store_true", help="stop after the PyInstaller bundle")
    args = parser.parse_args()
    started = time.monotonic()
    bundle = build_bundle()
    print(f"bundle: {bundle} ({folder_bytes(bundle) / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s")
    if args.bundle_only:
        return 0
    if shutil.which("dpkg-deb") is None:
        print("no dpkg-deb here: the .deb is built on Debian and Ubuntu only")
        return 0
    deb = build_deb(bundle)
    print(f"package: {deb} ({deb.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
