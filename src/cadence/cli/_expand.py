"""``cadence expand FILE --from ISO --to ISO``: every occurrence of many schedules.

FILE (``-``: standard input) holds one schedule a line, as CSV or as JSON Lines (a
first character ``{`` says JSON Lines):

- CSV: ``id,source[,format[,zone]]``, with an optional header line naming the columns
  (``id,source,format,zone`` in any order); quote a source holding commas;
- JSON Lines: ``{"id": ..., "source": ..., "format": ..., "zone": ...}``, where the
  source may also be a JSON payload (an object) and ``format`` and ``zone`` may be
  left out.

An empty format is recognized from the source, an empty zone is the source's own (else
UTC); a zone beside a source naming another one is refused, as ``--tz`` is. Every line
is read before any work: all bad lines are reported, ``FILE:LINE: what is wrong``, and
the command exits 2 having written nothing.

The occurrences go to standard output or ``--output FILE`` (written whole, or not at
all: a temporary file is renamed at the end), as CSV (``schedule_id,occurrence,
window_end``), JSON Lines, or Parquet (a file only; needs pyarrow). Rows follow the
file's order, each schedule's occurrences ascending (:func:`cadence.expand`).
``--workers N`` and ``--dask ADDRESS`` spread the work, and the workers write the CSV
or JSON text themselves; the schedules travel as their lines' text and are read again
there (12 us a cron line, where pickling the schedule read here costs 40 us).
``--json`` prints a summary (``docs/cli-json.md``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import IO, Any

from .. import formats
from .._api import parse
from .._calendar import is_digits
from .._json_input import load_json
from .._zones import instant_of, resolve_zone, zone_key, zone_name
from ..errors import ScheduleError, described
from ..expand import Item, Render, Row, checked_window, distributed_client, expand_items
from ..limits import MAX_EXPANDED_ROWS
from ._progress import counted

__all__ = ["add_expand_arguments", "csv_text", "jsonl_text", "parquet_columns", "run_expand"]

#: The output formats, and the file endings that choose them.
OUTPUTS = ("csv", "jsonl", "parquet")
_ENDINGS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
#: The most processes --workers may ask for.
MAX_WORKERS = 256
#: Seconds --dask tries to reach the scheduler.
DASK_TIMEOUT = 10
#: Bad lines shown at most (the rest are counted).
_SHOWN_PROBLEMS = 50
_COLUMNS = ("id", "source", "format", "zone")
HEADER = "schedule_id,occurrence,window_end\n"


def _workers(text: str) -> int:
    if not is_digits(text.strip()) or not 1 <= int(text) <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"{described(text)} is not a number of processes "
                                         f"from 1 to {MAX_WORKERS}")
    return int(text)


def add_expand_arguments(parser: argparse.ArgumentParser,
                         moment: Callable[[str], object]) -> None:
    """``expand``'s options; ``moment`` checks an ISO 8601 moment (the parser's)."""
    parser.add_argument("file", metavar="FILE",
                        help="the schedules, one a line: CSV (id,source[,format[,zone]]) or "
                             "JSON Lines ({\"id\": ..., \"source\": ...}); - for standard "
                             "input")
    for option, dest, what in (("--from", "start", "the window's start (included)"),
                               ("--to", "end", "the window's end (excluded)")):
        parser.add_argument(option, dest=dest, required=True, type=moment, metavar="ISO",
                            help=f"{what}; ISO 8601, without an offset it is wall time in "
                                 "each schedule's zone")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_workers, default=None, metavar="N",
                       help="expand in N processes on this machine (default: this one)")
    where.add_argument("--dask", default=None, metavar="ADDRESS",
                       help="expand on the Dask cluster whose scheduler is at ADDRESS "
                            "(e.g. tcp://10.0.0.5:8786; needs cadence[dask])")
    parser.add_argument("--output", default=None, metavar="FILE",
                        help="write the occurrences to FILE (default: standard output)")
    parser.add_argument("--output-format", choices=OUTPUTS, default=None, metavar="FORMAT",
                        help="csv, jsonl or parquet (a file only, needs cadence[parquet]); "
                             "default: from --output's ending, else csv")
    parser.add_argument("--json", action="store_true",
                        help="print a summary as JSON (the occurrences go to --output)")


# -- rendering, in whichever process expands (module functions: they pickle) ---------------

def csv_text(rows: list[Row]) -> str:
    """Rows as CSV lines (``schedule_id,occurrence,window_end``; no end: empty)."""
    import csv
    import io

    out = io.StringIO()
    write = csv.writer(out, lineterminator="\n").writerow
    for key, moment, end in rows:
        write((key, moment.isoformat(), "" if end is None else end.isoformat()))
    return out.getvalue()


def jsonl_text(rows: list[Row]) -> str:
    """Rows as JSON Lines (``window_end`` null for an instant)."""
    import json

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return "".join(
        dumps({"schedule_id": key, "occurrence": moment.isoformat(),
               "window_end": None if end is None else end.isoformat()}) + "\n"
        for key, moment, end in rows)


def parquet_columns(rows: list[Row]) -> tuple[list[Any], list[int], list[int | None]]:
    """Rows as three columns: ids, and occurrences and window ends in microseconds
    since the epoch (Parquet keeps one zone per column: UTC)."""
    def micros(moment: datetime) -> int:
        seconds, micro = instant_of(moment, timezone.utc)  # (exact before 1970 too)
        return seconds * 1_000_000 + micro

    return ([key for key, _, _ in rows], [micros(moment) for _, moment, _ in rows],
            [None if end is None else micros(end) for _, _, end in rows])


_RENDERS: dict[str, Render] = {"csv": csv_text, "jsonl": jsonl_text,
                               "parquet": parquet_columns}


# -- reading the schedules ------------------------------------------------------------------

class _Problems:
    """Bad lines, kept as ``FILE:LINE: message``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self.found.append((line, " ".join(message.split())))

    @property
    def lines(self) -> list[str]:
        """``FILE:LINE: message``, in the order of the lines."""
        return [f"{self.name}:{line}: {message}" for line, message in sorted(self.found)]


def _read_text(path: str) -> tuple[str, str]:
    """The file's text and how messages name it."""
    name = "-" if path == "-" else path
    try:
        if path == "-":
            raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else (
                sys.stdin.read().encode("utf-8", "surrogatepass"))
        else:
            with open(path, "rb") as handle:
                raw = handle.read()
    except OSError as exc:
        raise ScheduleError(f"cannot read {path}: {exc.strerror or 'unreadable'}") from None
    try:
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError as exc:
        raise ScheduleError(f"cannot read {path}: byte {exc.start + 1} is not UTF-8 text "
                            "(save the file as UTF-8)") from None


def _lines(text: str, problems: _Problems) -> Iterator[tuple[int, dict[str, object]]]:
    """(line number, the line's fields) for each schedule line of CSV or JSON Lines."""
    if text.lstrip()[:1] == "{":
        yield from _json_lines(text, problems)
    else:
        yield from _csv_lines(text, problems)


def _json_lines(text: str, problems: _Problems) -> Iterator[tuple[int, dict[str, object]]]:
    import json

    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.add(number, f"not JSON ({exc.msg}, column {exc.colno}); JSON Lines "
                                 "hold one object a line")
            continue
        except (ValueError, RecursionError):  # past a limit: load_json says which
            try:
                load_json(line, where="the line")
            except ScheduleError as error:
                problems.add(number, error.one_line)
            continue
        if not isinstance(value, dict):
            problems.add(number, "not a JSON object; a line is {\"id\": ..., \"source\": ...}")
            continue
        unknown = sorted(set(value) - set(_COLUMNS))
        if unknown:
            problems.add(number, f"unknown key {described(unknown[0])}; a line has id, "
                                 "source, format and zone")
            continue
        yield number, value


class _Feed:
    """Lines for a CSV reader, saying whether it asked for one past the last: a reader
    does so only in a quoted field (it keeps an unclosed one open to the end)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = iter(lines)
        self.ended = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        try:
            return next(self._lines)
        except StopIteration:
            self.ended = True
            raise


def _csv_lines(text: str, problems: _Problems) -> Iterator[tuple[int, dict[str, object]]]:
    import csv

    feed = _Feed(text.splitlines(keepends=True))
    reader = csv.reader(feed)
    columns: tuple[str, ...] = _COLUMNS
    first = True
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(line, f"not CSV: {exc}")
            return
        number, line = line, reader.line_num + 1
        if feed.ended:  # a row that needed more lines than there are: a quote left open
            # (its last field, the open one, holds the lines from the quote on)
            opened = reader.line_num + 1 - max(1, len(row[-1].splitlines()))
            problems.add(opened, f"the quote opened on line {opened} is never closed, so "
                                 "the rest of the file would be one source: close it (and "
                                 "write a quote inside a quoted source twice, \"\")")
            return
        if not any(cell.strip() for cell in row):
            continue
        if first:
            first = False
            named = tuple(cell.strip().lower() for cell in row)
            if named[:1] == ("id",) or "source" in named:
                unknown = [cell for cell in named if cell not in _COLUMNS]
                if unknown or "id" not in named or "source" not in named:
                    problems.add(number, "the header names the columns id, source, format "
                                         "and zone (id and source needed), not "
                                         f"{', '.join(named)}")
                    return
                columns = named
                continue
        if not 2 <= len(row) <= len(columns):
            problems.add(number, f"{len(row)} column(s); a line is {','.join(columns)} "
                                 "(format and zone may be left out; quote a source that "
                                 "holds commas, e.g. \"0 9 * * 1,3,5\")")
            continue
        yield number, dict(zip(columns, (cell.strip() for cell in row), strict=False))


def _text_field(fields: dict[str, object], key: str) -> str | None:
    value = fields.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ScheduleError(f"{key} must be a string, not {described(value)}")
    return value.strip() or None


def _schedule_id(value: object) -> str:
    """A line's id: a string, or a whole number (JSON Lines) written as one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        raise ScheduleError("the id is missing; every line starts with the schedule's id")
    if not isinstance(value, str):
        what = f"{str(value).lower()} (a boolean)" if isinstance(value, bool) else (
            described(value))
        raise ScheduleError(f"the id must be a string or a whole number, not {what}; "
                            "write it as text (e.g. \"nightly\") or as a number without a "
                            "fraction")
    return value.strip()


def _schedules(text: str, name: str, keep_source: bool,
               report: Callable[[float], None] | None) -> list[Item]:
    """Every line read and checked: the items to expand (with the parsed schedule,
    unless ``keep_source`` asks for the source, format and zone to travel instead)."""
    problems = _Problems(name)
    items: list[Item] = []
    seen: dict[str, int] = {}
    zones: dict[str, Any] = {}
    known = formats.names(readable=True)
    lines = list(_lines(text, problems))
    for number, fields in counted(lines, len(lines), report):
        try:
            key = _schedule_id(fields.get("id"))
            if key in seen:
                raise ScheduleError(f"id {described(key)} is already used on line "
                                    f"{seen[key]}; give each schedule its own id")
            seen[key] = number
            source = fields.get("source")
            if isinstance(source, str):
                source = source.strip()
            if not source or not isinstance(source, (str, dict)):
                raise ScheduleError("the source is missing; give the schedule's text (or, "
                                    "in JSON Lines, its payload)")
            format, zone = _text_field(fields, "format"), _text_field(fields, "zone")
            if format is not None and format not in known:
                raise ScheduleError(f"format {described(format)} is not one cadence reads: "
                                    f"{', '.join(known)} (or leave it empty; quote a source that "
                                    "holds commas)")
            if zone is not None and zone not in zones:
                zones[zone] = resolve_zone(zone, where="zone")
            schedule = parse(source, format, tz=zone)
            if zone is not None and zone_key(schedule.tz) != zone_key(zones[zone]):
                own = zone_name(schedule.tz)
                raise ScheduleError(f"the source names its own zone, {own}, which wins over "
                                    f"the zone column {zone}: leave the zone empty, or "
                                    "change it in the source")
        except ScheduleError as exc:
            problems.add(number, exc.one_line)
            continue
        # (a zone travels by its name: "local" is this machine's, not each worker's)
        items.append((key, source, format, zone and zone_name(zones[zone])) if keep_source
                     else (key, schedule, None, None))
    if problems.found:
        every = problems.lines
        shown = every[:_SHOWN_PROBLEMS]
        more = len(every) - len(shown)
        raise ScheduleError("\n".join([
            f"{name} has {len(every)} bad line(s); nothing was expanded:", *shown,
            *([f"... and {more} more"] if more else [])]))
    return items


# -- the command ----------------------------------------------------------------------------

def _output_format(args: argparse.Namespace) -> str:
    if args.output_format is not None:
        chosen: str = args.output_format
    else:
        ending = os.path.splitext(args.output or "")[1].lower()
        chosen = _ENDINGS.get(ending, "csv")
    if chosen == "parquet":
        if args.output is None or args.output == "-":
            raise ScheduleError("Parquet is written to a file only: give --output "
                                "FILE.parquet")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ScheduleError('--output-format parquet needs pyarrow: pip install '
                                '"cadence[parquet]"') from None
    return chosen


def _client(address: str | None) -> Any:
    if address is None:
        return None
    connect = distributed_client("--dask")  # (Dask's functions are not typed)
    try:
        return connect(address, timeout=DASK_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScheduleError(f"cannot reach the Dask scheduler at {address}: "
                            f"{' '.join(str(exc).split()) or type(exc).__name__}; start "
                            "one (dask scheduler) or check the address") from None


def run_expand(args: argparse.Namespace) -> int:
    """``cadence expand``; returns the exit status."""
    from ._output import print_json
    from ._progress import progress

    start, end = checked_window(args.start, args.end, ("--from", "--to"))
    output = None if args.output in (None, "-") else args.output
    if args.json and output is None:
        raise ScheduleError("--json prints a summary on standard output, where the "
                            "occurrences would go too: give --output FILE (or leave out "
                            "--json; --output-format jsonl writes the rows as JSON)")
    chosen = _output_format(args)
    text, name = _read_text(args.file)
    spread = args.workers is not None or args.dask is not None
    with progress("reading schedules") as report:
        items = _schedules(text, name, spread, report)
    client = _client(args.dask)
    try:
        with progress("expanding") as report, _Sink(output, chosen) as sink:
            for chunk, count in expand_items(items, start, end, workers=args.workers, client=client,
                               progress=report, max_rows=MAX_EXPANDED_ROWS,
                               render=_RENDERS[chosen]):
                sink.write(chunk, count)
    finally:
        if client is not None:
            client.close()
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(),
                    "schedules": len(items), "occurrences": sink.count,
                    "output": output, "outputFormat": chosen})
    return 0


class _Sink:
    """Where the rendered chunks go: standard output, or a temporary file renamed to
    ``--output`` once everything is written (removed if the work fails)."""

    def __init__(self, output: str | None, chosen: str) -> None:
        self.output = output
        self.chosen = chosen
        self.count = 0
        self._temporary: str | None = None
        self._stream: IO[str] | None = None
        self._parquet: Any = None

    def __enter__(self) -> _Sink:
        if self.output is not None:
            folder = os.path.dirname(os.path.abspath(self.output))
            import tempfile

            try:
                handle, self._temporary = tempfile.mkstemp(
                    prefix=".cadence-expand-", dir=folder)
            except OSError as exc:
                raise ScheduleError(f"cannot write {self.output}: "
                                    f"{exc.strerror or 'the folder cannot be written'}"
                                    ) from None
            os.close(handle)
        if self.chosen == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.schema([("schedule_id", pa.string()),
                                ("occurrence", pa.timestamp("us", tz="UTC")),
                                ("window_end", pa.timestamp("us", tz="UTC"))])
            self._parquet = (pa, schema, pq.ParquetWriter(self._temporary, schema))
        else:
            self._stream = (sys.stdout if self._temporary is None
                            else open(self._temporary, "w", encoding="utf-8", newline=""))
            if self.chosen == "csv":
                self._stream.write(HEADER)
        return self

    def write(self, chunk: Any, count: int) -> None:
        self.count += count
        if self._parquet is not None:
            pa, schema, writer = self._parquet
            ids, starts, ends = chunk
            if ids:
                writer.write_table(pa.table([pa.array(ids, pa.string()),
                                             pa.array(starts, pa.int64()).cast(schema[1].type),
                                             pa.array(ends, pa.int64()).cast(schema[2].type)],
                                            schema=schema))
            return
        assert self._stream is not None
        self._stream.write(chunk)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._parquet is not None:
            self._parquet[2].close()
        elif self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()
        if self._temporary is None:
            return
        if kind is None:
            assert self.output is not None
            os.replace(self._temporary, self.output)
        else:
            os.unlink(self._temporary)

