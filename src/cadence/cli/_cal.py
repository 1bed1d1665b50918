"""``cadence cal SOURCE [--month YYYY-MM | --year YYYY] [--svg FILE] [--json]``: a
calendar of the days a schedule fires, like ``cal``.

Default: the month of ``today`` (the caller gives it, in the schedule's zone). Text on
standard output (:mod:`cadence._month_text`: firing days with their counts in brackets,
reverse video too with ``colour``; hour strips and working time for a schedule with
windows); ``--year`` prints twelve months three across and a table of their totals;
``--sunday`` starts weeks on Sunday (default Monday, ISO 8601). ``--svg FILE`` writes
the same picture as SVG (:mod:`cadence._month_svg`) and prints nothing else (``-``:
the SVG on standard output); ``--json`` prints the model (shape: :mod:`cadence._month`).
A malformed ``--month`` or ``--year`` is a usage error, exit 2, before any work.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .._calendar import is_digits
from ..errors import ScheduleError, described
from ..schedule import Schedule

__all__ = ["add_cal_arguments", "run_cal"]


def _month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month)."""
    year, dash, month = text.strip().partition("-")
    if not (dash and len(year) == 4 and len(month) == 2 and is_digits(year)
            and is_digits(month)):
        raise argparse.ArgumentTypeError(f"{described(text)} is not a month: write YYYY-MM, "
                                         "e.g. 2026-12")
    if not 1 <= int(month) <= 12 or int(year) < 1:
        raise argparse.ArgumentTypeError(f"{described(text)} is not a month: the year runs "
                                         "0001-9999 and the month 01-12, e.g. 2026-12")
    return int(year), int(month)


def _year(text: str) -> int:
    if not (len(text.strip()) == 4 and is_digits(text.strip())) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{described(text)} is not a year: write four "
                                         "digits, 0001-9999, e.g. 2026")
    return int(text)


def add_cal_arguments(parser: argparse.ArgumentParser) -> None:
    """``cal``'s own options (SOURCE, --format, --tz and --dst are the caller's)."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--month", type=_month, default=None, metavar="YYYY-MM",
                       help="the month to show (default: this month in the schedule's zone)")
    which.add_argument("--year", type=_year, default=None, metavar="YYYY",
                       help="show the twelve months of this year, three across")
    parser.add_argument("--sunday", action="store_true",
                        help="start weeks on Sunday (default: Monday, ISO 8601)")
    parser.add_argument("--svg", default=None, metavar="FILE",
                        help="write the calendar as an SVG picture to FILE (- for stdout) "
                             "instead of printing it")
    parser.add_argument("--json", action="store_true",
                        help="print the days as JSON (occurrences, first and last, covered "
                             "hours and working time)")


def run_cal(args: argparse.Namespace, schedule: Schedule, *, colour: bool,
            today: date) -> int:
    """Print (or write) the calendar that ``args`` asks for; returns the exit code."""
    from .._month import month_of, year_of

    if args.svg == "-" and args.json:
        raise ScheduleError("--svg - and --json both print to standard output: give --svg "
                            "a file name, or leave out --json")
    if args.year is not None:
        months = year_of(schedule, args.year)
    else:
        year, number = args.month if args.month is not None else (today.year, today.month)
        months = (month_of(schedule, year, number),)
    whole_year = args.year is not None
    if args.svg is not None:
        from .._month_svg import month_svg, year_svg

        picture = (year_svg(months, sunday=args.sunday) if whole_year
                   else month_svg(months[0], sunday=args.sunday))
        _write(args.svg, picture)
    if args.json:
        import json

        print(json.dumps({"zone": months[0].zone,
                          "weekStart": "sunday" if args.sunday else "monday",
                          "windows": months[0].windows,
                          "months": [month.to_json() for month in months]}, indent=2))
    elif args.svg is None:
        from .._month_text import month_text, year_text

        text = (year_text(months, colour=colour, sunday=args.sunday) if whole_year
                else month_text(months[0], colour=colour, sunday=args.sunday))
        sys.stdout.write(text)
    return 0


def _write(path: str, picture: str) -> None:
    if path == "-":
        sys.stdout.write(picture)
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(picture)
    except OSError as exc:
        raise ScheduleError(f"cannot write the SVG to {path}: "
                            f"{exc.strerror or 'the file cannot be opened'}; give --svg a "
                            "path in a folder you can write to") from None
