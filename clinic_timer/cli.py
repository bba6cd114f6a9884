"""The command line: start the app, or look after formats and sessions without a window.

Every failure ends in one clear line on stderr and a non-zero exit code,
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer import __version__, paths
from clinic_timer.core import times
from clinic_timer.core.catalogue import DEFAULT_FORMAT, load_catalogue
from clinic_timer.core.formats import FormatError, load_format

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_OK = 0
EXIT_INVALID = 2


def build_parser(*, with_sessions: bool = True, with_crews: bool = True) -> argparse.ArgumentParser:
    """The whole command line, subcommands included.

    Args:
        with_sessions: build the ``sessions`` subcommands in full (which imports
            the notes store); the app's start-up leaves them out to open faster.
        with_crews: likewise for ``people`` and ``crews``.
    """
    parser = argparse.ArgumentParser(
        prog="clinic-timer",
        description="Runs a peer-coaching case clinic on a clock: phases, turns, spoken prompts, notes.",
    )
    parser.add_argument("--version", action="version", version=f"clinic-timer {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep notes here instead of the user data directory")
    parser.add_argument("--config-dir", type=Path, help="keep settings and formats here")
    parser.add_argument("--format", dest="format_name", metavar="NAME", help="the clinic format to open")
    parser.add_argument("--bringer", metavar="NAME", help="the case bringer")
    parser.add_argument("--coach", action="append", default=[], metavar="NAME", help="a coach (repeat)")
    parser.add_argument(
        "--start", action="store_true", help=f"start the clinic at once (in --format, else {DEFAULT_FORMAT})"
    )
    parser.add_argument(
        "--crew", metavar="NAME", help="open the crew's next planned meeting, its format and roster filled in"
    )
    parser.add_argument("--demo", action="store_true", help="a rehearsal with sample names")
    parser.add_argument(
        "--speed", type=float, default=60.0, help="how fast --demo runs (default 60x: a clinic in about 90 s)"
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="put clinic-timer in your desktop's launcher (for uv tool or pipx installs), then exit",
    )
    desktop.add_argument(
        "--remove-desktop-entry", action="store_true", help="take it out of the launcher again, then exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    formats = commands.add_parser("formats", help="list or check clinic formats")
    formats_commands = formats.add_subparsers(dest="formats_command", metavar="ACTION", required=True)
    formats_commands.add_parser("list", help="every format with its length and origin")
    validate = formats_commands.add_parser("validate", help="check format files")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")

    if with_sessions:
        from clinic_timer.cli_sessions import add_sessions_commands

        add_sessions_commands(commands)
    else:  # listed for --help; the store is only imported when the command is used
        commands.add_parser("sessions", help="list, export and import kept sessions")
    if with_crews:
        from clinic_timer.cli_crews import add_crews_commands
        from clinic_timer.cli_people import add_people_commands

        add_people_commands(commands)
        add_crews_commands(commands)
    else:
        commands.add_parser("people", help="the people you might crew with (private, on this computer)")
        commands.add_parser("crews", help="suggest, form and plan crews; their calendar and summary")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line and returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(
        with_sessions="sessions" in arguments, with_crews="people" in arguments or "crews" in arguments
    )
    args = parser.parse_args(arguments)
    if args.data_dir:
        paths.set_data_dir(args.data_dir.expanduser().resolve())
    if args.config_dir:
        paths.set_config_dir(args.config_dir.expanduser().resolve())
    if args.install_desktop_entry or args.remove_desktop_entry:
        return desktop_entry(install=args.install_desktop_entry)
    if args.command == "formats":
        if args.formats_command == "list":
            return list_formats()
        return validate_formats(args.files)
    if args.command is not None:
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.error(f"unknown command {args.command}")
        return int(handler(args))
    if args.speed <= 0:
        parser.error("--speed must be more than zero")
    from clinic_timer.app import run_app

    return run_app(args)


def desktop_entry(*, install: bool) -> int:
    """Installs or removes the launcher entry and icons in the user's XDG data folder."""
    from clinic_timer import desktop

    try:
        changed = desktop.install() if install else desktop.remove()
    except desktop.DesktopEntryError as error:
        print(f"clinic-timer: {error}", file=sys.stderr)
        return EXIT_INVALID
    entry = desktop.Placement(desktop.user_data_home()).entry
    if install:
        print(f"installed {entry} and {len(changed) - 1} icons")
    else:
        print(f"removed {entry} and its icons" if changed else f"nothing to remove: no {entry}")
    return EXIT_OK


def list_formats() -> int:
    """Prints each format's name, title, length and origin; broken user files are listed too."""
    catalogue = load_catalogue(paths.shipped("sessions"), paths.user_formats_dir())
    rows = []
    for name in catalogue.names():
        fmt = catalogue.get(name)
        planned = times.planned_minutes(fmt.planned_seconds(fmt.typical_coaches()))
        cells = (name, fmt.title, planned, f"{fmt.origin} ({fmt.source})")
        rows.append(tuple(printable(cell) for cell in cells))
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else [0, 0, 0]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, [*widths, 0], strict=True)).rstrip())
    sys.stdout.flush()  # the list first, then what was left out of it
    for problem in catalogue.problems:
        print(f"skipped: {printable(str(problem))}", file=sys.stderr)
    return EXIT_OK


def validate_formats(files: list[Path]) -> int:
    """Checks each file; 0 when all are valid, 2 otherwise, one line per problem."""
    status = EXIT_OK
    for path in files:
        try:
            fmt = load_format(path)
        except FormatError as error:
            print(f"invalid: {printable(str(error))}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(printable(f"ok: {path}: {fmt.title}, {len(fmt.phases)} phases"))
    return status


def printable(text: str) -> str:
    """Text safe to write to a terminal: control and format characters shown escaped.

    A session title of ``"\\x1b[31mred"`` would otherwise reach the terminal as an
    escape sequence, and a newline would split a row; a file name can hold either.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(c) for c in text)


def _escaped(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    if char in "\n\t\r":
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char]
    if unicodedata.category(char) == "Zs":  # a no-break or other space: shown as it is
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
