"""Bad input raises the right cadence error, never a lark, zoneinfo or builtin exception.

``ScheduleError`` (a ``ValueError``) is the base; ``ParseError`` carries ``source``,
``column`` (1-based) and ``field`` and ends its message with the source and a caret
line; ``NeverFiresError`` is for well-formed expressions with no occurrence at all;
``ZoneError`` for bad ``tz=`` arguments.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import inspect
import pickle
import pkgutil
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timezone
from typing import Any

import pytest

import cadence
from cadence._problems import Problem

# source, field, acceptable columns (the whole token or the offending character)
FIELD_ERRORS = [
    pytest.param("61 * * * *", "minute", (1,), id="minute-61"),
    pytest.param("60 * * * *", "minute", (1,), id="minute-60"),
    pytest.param("* 24 * * *", "hour", (3,), id="hour-24"),
    pytest.param("* * 0 * *", "day-of-month", (5,), id="day-of-month-0"),
    pytest.param("* * 32 * *", "day-of-month", (5,), id="day-of-month-32"),
    pytest.param("* * * 0 *", "month", (7,), id="month-0"),
    pytest.param("* * * 13 *", "month", (7,), id="month-13"),
    pytest.param("* * * * 8", "day-of-week", (9,), id="day-of-week-8"),
    pytest.param("0 0 * * 1-8", "day-of-week", (9, 11), id="day-of-week-range-to-8"),
    pytest.param("5-70 * * * *", "minute", (1, 3), id="minute-range-to-70"),
    pytest.param("*/0 * * * *", "minute", (1, 3), id="a-zero-step"),
    pytest.param("0 */0 * * *", "hour", (3, 5), id="a-zero-step-of-hours"),
    pytest.param("1- * * * *", "minute", (1, 2, 3), id="a-range-without-end"),
    pytest.param(", * * * *", "minute", (1,), id="a-lone-comma"),
    pytest.param("1,,2 * * * *", "minute", (2, 3), id="a-double-comma"),
    pytest.param("1, * * * *", "minute", (2, 3), id="a-trailing-comma"),
    pytest.param("0 0 * * MOX", "day-of-week", (9,), id="an-unknown-day-name"),
    pytest.param("0 0 * FOO *", "month", (7,), id="an-unknown-month-name"),
    pytest.param("0 0 * MON *", "month", (7,), id="a-day-name-in-the-month-field"),
    pytest.param("0 0 * * JAN", "day-of-week", (9,), id="a-month-name-in-the-day-field"),
    pytest.param("0 0 * * 1#6", "day-of-week", (9, 11), id="hash-6"),
    pytest.param("0 0 * * 1#0", "day-of-week", (9, 11), id="hash-0"),
    pytest.param("0 0 32W * *", "day-of-month", (5,), id="32W"),
    pytest.param("a * * * *", "minute", (1,), id="a-letter-for-a-minute"),
    pytest.param("0 0 * * 1\u20135", "day-of-week", (9, 10), id="an-en-dash"),
    pytest.param("\uff10 0 * * *", "minute", (1,), id="a-fullwidth-digit"),
    pytest.param("0 0 * * \u0661", "day-of-week", (9,), id="an-arabic-indic-digit"),
    pytest.param("\u00b2 * * * *", "minute", (1,), id="a-superscript-digit"),
    pytest.param("CRON_TZ=Mars/Base 0 9 * * *", "time zone", (9,), id="an-unknown-cron-tz"),
    pytest.param("CRON_TZ=Europe/Riga 61 9 * * *", "minute", (21,), id="minute-after-cron-tz"),
    pytest.param("0 0 0 ? * 0", "day-of-week", (11,), id="quartz-day-of-week-0"),
]


@pytest.mark.parametrize(("source", "field", "columns"), FIELD_ERRORS)
def test_a_bad_field_raises_parse_error_at_its_column(
    source: str, field: str, columns: tuple[int, ...]
) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(source)
    error = caught.value
    assert error.field == field
    assert error.column in columns
    assert error.source == source


CARETS = [
    pytest.param("61 * * * *", "minute", 1, id="minute-61"),
    pytest.param("* 24 * * *", "hour", 3, id="hour-24"),
    pytest.param("* * 32 * *", "day-of-month", 5, id="day-of-month-32"),
    pytest.param("* * * 13 *", "month", 7, id="month-13"),
    pytest.param("0 0 * * MOX", "day-of-week", 9, id="unknown-day-name"),
    pytest.param("CRON_TZ=Mars/Base 0 9 * * *", "time zone", 9, id="unknown-cron-tz"),
    pytest.param("0 0 0 1 1 ? 1969", "year", 13, id="quartz-year-1969"),
    pytest.param("60 0 0 * * ?", "second", 1, id="quartz-second-60"),
]


@pytest.mark.parametrize(("source", "field", "column"), CARETS)
def test_the_message_names_the_field_and_puts_a_caret_under_the_column(
    source: str, field: str, column: int
) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(source)
    lines = str(caught.value).splitlines()
    assert field in lines[0]
    source_line = lines.index("  " + source)
    caret_line = lines[source_line + 1]
    assert caret_line.index("^") == 2 + column - 1
    assert set(caret_line.strip()) == {"^"}


SHAPE_ERRORS = [
    pytest.param("", id="empty"),
    pytest.param("   ", id="only-spaces"),
    pytest.param("\t", id="a-tab"),
    pytest.param("*", id="one-field"),
    pytest.param("* * * *", id="four-fields"),
    pytest.param("* * * * * * * *", id="eight-fields"),
    pytest.param("0 0 * * *\n0 1 * * *", id="two-lines"),
    pytest.param("@reboot", id="an-unknown-macro"),
    pytest.param("@hourly 5", id="a-macro-with-a-field"),
    pytest.param("CRON_TZ=", id="cron-tz-alone"),
    pytest.param("CRON_TZ= 0 9 * * *", id="cron-tz-without-a-zone"),
    pytest.param("CRON_TZ=Europe/Riga", id="cron-tz-without-fields"),
    pytest.param("9" * 5000 + " * * * *", id="a-5-kb-string"),
    pytest.param("0 0 * * * " * 500, id="a-5-kb-string-of-fields"),
]


@pytest.mark.parametrize("source", SHAPE_ERRORS)
def test_a_malformed_expression_raises_parse_error(source: str) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(source)
    # a source longer than cadence reads (1024 characters) is kept as a short preview
    assert source.startswith(caught.value.source.removesuffix("..."))
    assert len(str(caught.value)) < 2000  # a huge source is not echoed in full


@pytest.mark.parametrize(
    ("source", "options"),
    [
        pytest.param("0 0 30 2 *", {}, id="30-february"),
        pytest.param("0 0 31 4,6,9,11 *", {}, id="31st-of-30-day-months"),
        pytest.param("0 0 31 2 *", {}, id="31-february"),
        pytest.param("0 0 30 2 1", {"day_match": "and"}, id="30-february-and-monday"),
        pytest.param("0 0 0 ? 2 MON#5 2027", {}, id="quartz-fifth-monday-of-february-2027"),
        pytest.param("0 0 0 30 2 ?", {}, id="quartz-30-february"),
    ],
)
def test_an_expression_that_never_fires_raises_never_fires_error(
    source: str, options: dict[str, str]
) -> None:
    with pytest.raises(cadence.NeverFiresError):
        cadence.parse(source, **options)  # type: ignore[arg-type]


def test_or_rule_rescues_an_impossible_day_of_month() -> None:
    schedule = cadence.parse("0 0 30 2 1")  # in February: the 30th OR Mondays
    found = schedule.next("2026-01-01T00:00Z")
    assert found is not None
    assert found.isoformat() == "2026-02-02T00:00:00+00:00"


@pytest.mark.parametrize(
    "zone",
    [
        pytest.param("Not/AZone", id="unknown-name"),
        pytest.param("", id="empty-name"),
        pytest.param("../../etc/passwd", id="a-path"),
        pytest.param("Europe/Riga\x00", id="a-nul-byte"),
        pytest.param(123, id="an-int"),
        pytest.param(12.5, id="a-float"),
        pytest.param(b"UTC", id="bytes"),
    ],
)
def test_a_bad_tz_argument_raises_zone_error(zone: Any) -> None:
    with pytest.raises(cadence.ZoneError):
        cadence.parse("0 0 * * *", tz=zone)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(None, id="none"),
        pytest.param(5, id="an-int"),
        pytest.param(b"0 0 * * *", id="bytes"),
        pytest.param(["0", "0", "*", "*", "*"], id="a-list"),
    ],
)
def test_a_non_string_source_raises_schedule_error(source: Any) -> None:
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(source)


@pytest.mark.parametrize(
    ("source", "options"),
    [
        pytest.param("0 0 * * *", {"format": "unix"}, id="an-unknown-format"),
        pytest.param("0 0 * * *", {"format": ""}, id="an-empty-format"),
        pytest.param("0 0 * * *", {"day_match": "xor"}, id="an-unknown-day-match"),
        pytest.param("0 0 * * *", {"day_match": ""}, id="an-empty-day-match"),
        pytest.param("0 0 * * *", {"format": "quartz"}, id="five-fields-as-quartz"),
        pytest.param("0 0 12 * * ?", {"format": "cron"}, id="six-fields-as-cron"),
    ],
)
def test_bad_options_raise_schedule_error(source: str, options: dict[str, Any]) -> None:
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(source, **options)


@pytest.mark.parametrize(
    "argument",
    [
        pytest.param("garbage", id="garbage"),
        pytest.param("", id="an-empty-string"),
        pytest.param("2026-02-30T00:00Z", id="30-february"),
        pytest.param("2026-01-01T25:00Z", id="hour-25"),
        pytest.param(True, id="a-boolean"),
        pytest.param(float("nan"), id="nan"),
        pytest.param(float("-inf"), id="minus-infinity"),
        pytest.param(10**20, id="past-year-9999-in-seconds"),
        pytest.param(b"2026-01-01", id="bytes"),
        pytest.param(date(2026, 1, 1), id="a-date"),
        pytest.param([2026, 1, 1], id="a-list"),
    ],
)
@pytest.mark.parametrize("method", ["next", "prev", "matches", "iter_after", "iter_before"])
def test_a_bad_argument_raises_schedule_error(argument: Any, method: str) -> None:
    schedule = cadence.parse("0 0 * * *")
    with pytest.raises(cadence.ScheduleError):
        getattr(schedule, method)(argument)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("garbage", "2026-01-02T00:00Z", id="bad-start"),
        pytest.param("2026-01-01T00:00Z", float("inf"), id="bad-end"),
        pytest.param(None, "2026-01-02T00:00Z", id="no-start"),
    ],
)
def test_a_bad_between_argument_raises_schedule_error(start: Any, end: Any) -> None:
    with pytest.raises(cadence.ScheduleError):
        cadence.parse("0 0 * * *").between(start, end)


def test_every_cadence_error_is_a_value_error() -> None:
    for error in (cadence.ParseError, cadence.NeverFiresError, cadence.ZoneError):
        assert issubclass(error, cadence.ScheduleError)
    assert issubclass(cadence.ScheduleError, ValueError)


# --- fuzz-ish: whatever the text, only ScheduleError subclasses escape -------------------

WEIRD = [
    "", " ", "\t", "\n", "\r\n", "*", "* *", "* * *", "* * * *", "* * * * * * * *",
    "@", "@foo", "@YEARLY", "@reboot", "@hourly extra", "@ hourly",
    "CRON_TZ=", "CRON_TZ=UTC", "CRON_TZ=UTC @hourly", "TZ=UTC 0 0 * * *",
    "CRON_TZ=Europe/Riga CRON_TZ=UTC 0 0 * * *", "CRON_TZ=../../x 0 0 * * *",
    "-1 * * * *", "1-2-3 * * * *", "1/2/3 * * * *", "*/ * * * *", "/5 * * * *",
    "*/-1 * * * *", "9" * 40 + " * * * *", "1e3 * * * *", "0x10 * * * *", "+1 * * * *",
    "1.5 * * * *", "L * * * *", "W * * * *", "? * * * *", "0 0 ? * *", "0 0 LL * *",
    "0 0 L-L * *", "0 0 LW5 * *", "0 0 W * *", "0 0 L-99 * *", "0 0 * * L", "0 0 * * #",
    "0 0 * * 1#", "0 0 * * #1", "0 0 * * 1#1#1", "0 0 * * 1L2", "0 0 * * MONDAY",
    "0 0 * JANUARY *", "0 0 * * SUN-", "0 0 * * -SUN", "0 0 1-31/ * *", "0 0 */32 * *",
    "0 0 1-L * *", "\x00 * * * *", "0 0 * * *\x00", "0 0 * * * # comment",
    "\uff10 \uff10 * * *", "0 0 * * 1\u20135", "\U0001f550 * * * *", "\u00df * * * *",
    "\u0130 * * * *", "0\u00a00 * * * *", "0 0 * * \u0661", "\u00b2 * * * *",
    "0 0 * * * ?", "0 0 0 ? * ? ?", "0 0 0 ? * MON 99999", "0 0 0 ? * MON 2027-",
    "0 0 0 L-0 * ?", "0 0 0 0W * ?", "0 0 0 ? * 0#1", "0 0 0 ? * 7#5", "${HOME} * * * *",
    "'0 0 * * *'", '"0 0 * * *"', "1-2,3-4/5,*/6 * * * *", "59-0 * * * *", "*-5 * * * *",
    "5-* * * * *", "**/2 * * * *", "0 0 30 2 *", "0 0 29 2 1#5", "0 0 * * 7-0",
    "0 0 0 ? * L-2", "0 0 0 LW-1 * ?", "0 0 0 ? * 6L-1", "0 0 1W,15W * *",
    "0 0 * * 0-7/7", "0 0 * * 1,2,3,4,5,6,7,0,SUN", "0 0 0 1 1 ? 1970-2099/50",
]


@pytest.mark.parametrize("source", WEIRD)
def test_only_schedule_errors_escape_for_weird_text(source: str) -> None:
    try:
        schedule = cadence.parse(source)
    except cadence.ScheduleError:
        return
    schedule.next("2026-01-01T00:00Z")
    schedule.prev("2026-01-01T00:00Z")


WEIRD_ARGUMENTS = [
    pytest.param(datetime.min, id="naive-datetime-min"),
    pytest.param(datetime.max, id="naive-datetime-max"),
    pytest.param(datetime.min.replace(tzinfo=timezone.utc), id="aware-datetime-min"),
    pytest.param(datetime.max.replace(tzinfo=timezone.utc), id="aware-datetime-max"),
    pytest.param("0001-01-01T00:00:00+14:00", id="before-year-one-in-utc"),
    pytest.param("9999-12-31T23:59:59-14:00", id="after-year-9999-in-utc"),
    pytest.param("9999-12-31T23:59:59.999999", id="naive-last-microsecond"),
    pytest.param("2026-01-01T00:00:00+25:00", id="an-offset-beyond-a-day"),
]


@pytest.mark.parametrize("argument", WEIRD_ARGUMENTS)
@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Pacific/Kiritimati"])
def test_extreme_arguments_give_a_result_or_a_schedule_error(argument: Any, zone: str) -> None:
    schedule = cadence.parse("0 0 * * *", tz=zone)
    for method in (schedule.next, schedule.prev, schedule.matches):
        with contextlib.suppress(cadence.ScheduleError):
            method(argument)


# -- every error pickles (process pools and task queues send them back by pickle) -----

#: A representative value for each parameter a cadence error's constructor takes: a new
#: error class with a parameter not listed here fails the test below until it is added.
_SAMPLES: dict[str, object] = {
    "reason": "minute 61 is out of range 0-59",
    "source": "61 * * * *",
    "column": 1,
    "field": "minute",
    "length": 2,
    "target": "cron",
    "feature": "a 2-hour window",
    "detail": ", only its start",
    "message": None,  # the message made of target, feature and detail
    "format": "edfs",
    "candidates": ("edfs", "campaign"),
    "problems": [Problem("/cronStr", "INVALID_CRON", "minute 61 is out of range 0-59"),
                 Problem("/name", "EMPTY", "give the timer a name", "warning")],
    "problem": Problem("", "PAYLOAD_TOO_DEEP", "nested too deeply"),
}


def _every_error_class() -> list[type[cadence.ScheduleError]]:
    """Every subclass of ScheduleError, once every cadence module is imported."""
    for module in pkgutil.walk_packages(cadence.__path__, "cadence."):
        if module.name == "cadence.__main__":
            continue
        try:
            importlib.import_module(module.name)
        except ModuleNotFoundError as missing:  # an integration whose scheduler is absent
            if not module.name.startswith("cadence.integrations.") or (
                    missing.name or "cadence").startswith("cadence"):
                raise
    found: list[type[cadence.ScheduleError]] = []
    waiting = [cadence.ScheduleError]
    while waiting:
        kind = waiting.pop()
        if kind not in found:
            found.append(kind)
            waiting.extend(kind.__subclasses__())
    return sorted(found, key=lambda kind: f"{kind.__module__}.{kind.__qualname__}")


def _sample(kind: type[cadence.ScheduleError]) -> cadence.ScheduleError:
    init = next(klass.__dict__["__init__"] for klass in kind.__mro__
                if "__init__" in klass.__dict__)
    if not inspect.isfunction(init):  # Exception's own: a message
        return kind("what went wrong, where, and how to fix it")
    parameters = list(inspect.signature(init).parameters.values())[1:]  # after self
    missing = [parameter.name for parameter in parameters if parameter.name not in _SAMPLES]
    assert not missing, f"add a sample value for {missing} to _SAMPLES"
    return kind(**{parameter.name: _SAMPLES[parameter.name] for parameter in parameters})


@pytest.mark.parametrize("kind", _every_error_class(),
                         ids=lambda kind: f"{kind.__module__}.{kind.__qualname__}")
def test_every_error_survives_pickle_with_its_fields(kind: type[cadence.ScheduleError]
                                                     ) -> None:
    error = _sample(kind)
    vars(error)["__notes__"] = ["a note added on the way up"]  # as add_note keeps it
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        copied = pickle.loads(pickle.dumps(error, protocol))
        assert type(copied) is kind
        assert str(copied) == str(error)
        assert copied.args == error.args
        assert vars(copied) == vars(error)  # every field, and the notes
    assert vars(copy.deepcopy(error)) == vars(error)


def test_the_error_classes_found_include_those_of_every_module() -> None:
    names = {kind.__name__ for kind in _every_error_class()}
    assert {"ParseError", "UnsupportedError", "InvalidPayloadError", "LimitError",
            "InvalidRateError", "DeletedRuleError"} <= names


def test_an_error_raised_in_a_worker_process_comes_back_whole() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(cadence.parse, "61 * * * *")
        with pytest.raises(cadence.ParseError) as raised:
            future.result(timeout=120)
    assert (raised.value.column, raised.value.field, raised.value.source) == (
        1, "minute", "61 * * * *")
    assert str(raised.value) == str(_raised(lambda: cadence.parse("61 * * * *")))


def _raised(call: Any) -> BaseException:
    try:
        call()
    except cadence.ScheduleError as error:
        return error
    raise AssertionError("no error")
