"""``clinic-timer sessions``: list, export and import kept sessions without opening a window.

Listing and exporting only read, so they work while the app is running (the
database is opened read-only, without the instance lock) and even when the
store refuses the database (damaged, or from a newer version): then what can
be read is salvaged from a copy, and a warning says so. Importing writes, so
it needs the app closed.

Every handler returns an exit code: 0 when done, 2 with one line on stderr
when not. No traceback reaches the user.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer.cli import EXIT_INVALID, EXIT_OK, printable
from clinic_timer.core.record import RecordStatus, SessionRecord
from clinic_timer.core.record_v1 import by_name
from clinic_timer.export import (
    Audience,
    ExportError,
    ExportFormat,
    UnreadableExport,
    export,
    file_name,
    read_json,
)
from clinic_timer.export.jsonfile import to_json
from clinic_timer.export.markdown import to_markdown
from clinic_timer.store import CorruptStore, NewerStore, Store, StoreError, default_path, salvage

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from clinic_timer.core.record_v1 import People

SHORT_ID = 8  # how many characters of an id the list shows and export accepts


def add_sessions_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``sessions list|export|import`` to the app's subcommands.

    Each leaf parser sets ``handler``: call ``args.handler(args)`` for the exit code.
    """
    sessions = subparsers.add_parser("sessions", help="list, export and import kept sessions")
    actions = sessions.add_subparsers(dest="sessions_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="kept sessions, newest first")
    listing.add_argument(
        "words", nargs="*", metavar="WORD", help="only sessions whose notes or names hold these"
    )
    listing.set_defaults(handler=run_list)

    exporting = actions.add_parser("export", help="write one session as Markdown, PDF or JSON")
    which = exporting.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", metavar="ID", help="the session (its id, or the start of it)")
    which.add_argument("--last", action="store_true", help="the most recent session")
    exporting.add_argument(
        "--format", dest="export_format", choices=[f.value for f in ExportFormat], default="md"
    )
    exporting.add_argument("--for-crew", action="store_true", help="leave out private notes, to share")
    exporting.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="the file to write ('-': stdout)"
    )
    exporting.set_defaults(handler=run_export)

    importing = actions.add_parser("import", help="keep a session from a JSON export")
    importing.add_argument("file", type=Path, metavar="FILE.json")
    importing.add_argument(
        "--replace", action="store_true", help="replace a different session with the same id"
    )
    importing.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> int:
    """Prints one line per session: id, start, status, format, bringer, case title."""
    try:
        records = _readable_records()
        if isinstance(records, Store):
            with records:
                summaries = [
                    (s.id, s.started_at, s.status, s.format_name, s.bringer, s.title)
                    for s in records.list(" ".join(args.words))
                ]
        else:
            summaries = [
                (r.id, r.started_at, r.status, r.format_name, r.roster.lead.name, r.notebook.title)
                for r in records
                if _matches(r, args.words)
            ]
    except StoreError as error:
        return _fail(str(error))
    rows = [
        (i[:SHORT_ID], start[:16].replace("T", " "), st.value, fmt, b, t)
        for i, start, st, fmt, b, t in summaries
    ]
    _table(["ID", "STARTED", "STATUS", "FORMAT", "BRINGER", "TITLE"], rows)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Writes one session to a file (or stdout) in the asked format and for the asked audience."""
    kind = ExportFormat(args.export_format)
    audience = Audience.CREW if args.for_crew else Audience.FACILITATOR
    try:
        record = _find(args.id, last=args.last)
    except (StoreError, KeyError) as error:
        return _fail(_message(error))
    if args.output is not None and str(args.output) == "-":
        if kind is ExportFormat.PDF:
            return _fail("a PDF cannot be written to the terminal; give a file with -o")
        sys.stdout.write(
            to_markdown(record, audience) if kind is ExportFormat.MARKDOWN else to_json(record, audience)
        )
        return EXIT_OK
    path = args.output or Path(file_name(record, kind, audience))
    try:
        export(record, path, kind, audience)
    except ExportError as error:
        return _fail(str(error))
    sys.stderr.write(f"wrote {path}\n")
    return EXIT_OK


def _known_people() -> People:
    """The people of the kept clinics by name (none when nothing is kept or the store is refused)."""
    if not default_path().exists():
        return {}
    try:
        with Store.open_readonly(default_path()) as store:
            return by_name(store.people())
    except StoreError:
        return {}


def run_import(args: argparse.Namespace) -> int:
    """Keeps the session of a JSON export; a session that was running is kept as closed.

    An export from before people had ids names them; a name one person in the
    kept clinics has is that person, so the history finds them together.
    """
    try:
        record = read_json(args.file, _known_people())
    except UnreadableExport as error:
        return _fail(str(error))
    if record.status is RecordStatus.RUNNING:
        record.status = (
            RecordStatus.CLOSED_INTERRUPTED
        )  # nothing is running it here: never offer to resume it
    try:
        with Store.open(default_path()) as store:
            try:
                existing = store.load(record.id)
            except KeyError:
                existing = None
            if existing == record:
                sys.stderr.write(f"session {record.id[:SHORT_ID]} is already kept, unchanged\n")
                return EXIT_OK
            if existing is not None and not args.replace:
                return _fail(
                    f"a different session with id {record.id[:SHORT_ID]} is already kept; "
                    "use --replace to overwrite it"
                )
            store.save(record)
    except StoreError as error:
        return _fail(str(error))
    sys.stderr.write(
        printable(f"imported {record.id[:SHORT_ID]} ({record.started_at[:10]}, {record.roster.lead.name})")
        + "\n"
    )
    return EXIT_OK


# -- reading, even from a database the store refuses ------------------------------


def _readable_records() -> Store | list[SessionRecord]:
    """The store opened read-only, or, when it is refused, what can be salvaged from a copy."""
    path = default_path()
    if not path.exists():
        return []
    try:
        return Store.open_readonly(path)
    except (CorruptStore, NewerStore) as error:
        rescued = salvage(path)
        sys.stderr.write(f"warning: {error}; showing what could be read\n")
        for problem in rescued.problems:
            sys.stderr.write(f"warning: {problem}\n")
        return rescued.records


def _find(prefix: str | None, *, last: bool) -> SessionRecord:
    records = _readable_records()
    if isinstance(records, Store):
        with records:
            if last:
                found = records.last()
                if found is None:
                    raise KeyError("no session is kept yet")
                return found
            assert prefix is not None
            return records.load(records.resolve(prefix))
    if not records:
        raise KeyError(f"no session is kept yet (notes database: {default_path()})")
    if last:
        return records[0]
    clean = (prefix or "").strip().lower()
    exact = [r for r in records if r.id == clean]
    matches = exact or [r for r in records if clean and r.id.startswith(clean)]
    if len(matches) != 1:
        raise KeyError(f"{'no' if not matches else 'more than one'} session id starts with {prefix!r}")
    return matches[0]


def _matches(record: SessionRecord, words: Sequence[str]) -> bool:
    """The store's search, for records salvaged from a damaged file: every word, wherever it is."""
    haystack = record.search_text()
    return all(word in haystack for word in " ".join(words).casefold().split())


def _table(header: list[str], rows: Sequence[tuple[str, ...]]) -> None:
    """Prints aligned rows, every cell escaped: a title may hold ESC or a newline."""
    if not rows:
        sys.stderr.write("no sessions kept\n")
        return
    shown = [tuple(header), *(tuple(printable(str(c)) for c in row) for row in rows)]
    widths = [max(len(r[i]) for r in shown) for i in range(len(header))]
    for row in shown:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _message(error: BaseException) -> str:
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    return str(error)


def _fail(message: str) -> int:
    sys.stderr.write(f"clinic-timer: {printable(message)}\n")
    return EXIT_INVALID
