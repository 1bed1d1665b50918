"""The API without sharp edges (issue 15): every function that takes a schedule takes
what ``parse`` reads, moments default to now and may be POSIX seconds, durations may be
ISO 8601 text, ``is_valid``, ``Schedule.describe``, ``convert`` in ``parse``'s words,
and ``emit``'s return type follows the format's name."""

from __future__ import annotations

import os
import typing
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import cadence
from cadence import formats
from cadence._api import as_schedule
from cadence.convert import JsonTarget, TextTarget

UTC = timezone.utc
OFFICE = "0 9 * * MON-FRI"
FRAME = {"startTime": "09:00", "endTime": "10:00", "startDate": "01012026",
         "endsOn": {"endDate": "31012026"}, "recurrence": {"frequency": "daily"}}


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# -- one reader of sources: as_schedule -------------------------------------------------------


def test_a_schedule_comes_back_unchanged_and_anything_else_is_parsed() -> None:
    schedule = cadence.parse(OFFICE, tz="Europe/Berlin")
    assert as_schedule(schedule) is schedule
    assert as_schedule(schedule, "cron", tz="Europe/Berlin") is schedule
    assert as_schedule(OFFICE, tz="Europe/Berlin") == schedule
    assert as_schedule({"cronStr": OFFICE}, "edfs").rules == cadence.parse(OFFICE).rules


@pytest.mark.parametrize(("keywords", "message"), [
    ({"tz": "Asia/Tokyo"}, "schedule: tz='Asia/Tokyo' does not apply to a parsed schedule "
                           "(tz Europe/Berlin); pass the text or payload to have it read "
                           "that way, or leave tz out"),
    ({"format": "quartz"}, "schedule: format='quartz' does not apply to a parsed schedule "
                           "(format cron)"),
    ({"dst": "skip"}, "schedule: dst='skip' does not apply to a parsed schedule (dst cron)"),
])
def test_keywords_that_contradict_a_parsed_schedule_are_refused(
        keywords: dict[str, Any], message: str) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        as_schedule(cadence.parse(OFFICE, tz="Europe/Berlin"), **keywords)
    assert str(caught.value).startswith(message)


#: Each public function that takes a schedule, called with text; the answer as with a
#: parsed schedule.
TAKES_TEXT: list[tuple[str, Callable[[Any], object]]] = [
    ("lint", lambda s: [p.code for p in cadence.lint(s)]),
    ("describe", lambda s: cadence.describe(s)),
    ("equivalent", lambda s: cadence.equivalent(s, "0 9 * * 1,2,3,4,5")),
    ("first_difference", lambda s: iso(cadence.first_difference(
        s, "0 9 * * *", after="2026-12-01T00:00Z"))),
    ("compare", lambda s: cadence.compare(s, "0 9 * * 1-5", after="2026-12-01T00:00Z")),
    ("emit", lambda s: cadence.emit(s, "quartz")),
    ("convert", lambda s: cadence.convert(s, "rrule")),
]


@pytest.mark.parametrize(("name", "call"), TAKES_TEXT, ids=[name for name, _ in TAKES_TEXT])
def test_every_function_taking_a_schedule_takes_its_text(
        name: str, call: Callable[[Any], object]) -> None:
    assert call(OFFICE) == call(cadence.parse(OFFICE))


def test_lint_takes_text_that_used_to_raise_attribute_error() -> None:
    assert [p.code for p in cadence.lint("* 3 * * *")] == ["MINUTE_WILDCARD"]
    assert [p.code for p in cadence.lint({"cronStr": "* 3 * * *"}, "edfs")] == [
        "MINUTE_WILDCARD"]


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: cadence.describe("0 9 * * *", tz="Europe/Berlin"),
     "At 09:00 (Europe/Berlin time)."),
    (lambda: cadence.describe({"cronStr": "0 9 * * *"}, "edfs"), "At 09:00."),
    (lambda: cadence.describe(cadence.parse("0 9 * * *").rule), "At 09:00."),
    (lambda: cadence.emit("0 9 * * *", "systemd", tz="Europe/Berlin", dst="cron"),
     "*-*-* 09:00:00 Europe/Berlin"),
    (lambda: cadence.equivalent("0 9 * * *", "0 9 * * *", tz="Asia/Tokyo"), True),
    (lambda: iso(cadence.first_difference("0 9 * * *", "0 9 * * *", format="cron",
                                          tz="Europe/Berlin")), None),
])
def test_functions_take_parse_keywords(call: Callable[[], object], expected: object) -> None:
    assert call() == expected


def test_helix_status_takes_a_payload_and_defaults_to_now() -> None:
    before = datetime.now(UTC)
    found = cadence.helix.status(FRAME)
    after = datetime.now(UTC)
    # The frame ended in January 2026: at any moment from then on it has expired.
    assert found == cadence.helix.status(FRAME, before) == cadence.helix.status(FRAME, after)
    assert found["status"] == "EXPIRED"
    assert cadence.helix.status(FRAME, 1767259800)["inWindow"] is True  # 2026-01-01T09:30Z


# -- moments: now by default, POSIX seconds ---------------------------------------------------


@pytest.mark.parametrize("method", ["next", "prev", "iter_after", "iter_before",
                                    "next_window", "iter_windows"])
def test_a_moment_left_out_is_now(method: str) -> None:
    schedule = cadence.parse("* * * * *").with_duration("PT30S")

    def first(*moment: object) -> object:
        found = getattr(schedule, method)(*moment)
        return next(found) if method.startswith("iter") else found

    before = datetime.now(UTC)
    found = first()
    after = datetime.now(UTC)
    assert first(before) <= found <= first(after)  # type: ignore[operator]


@pytest.mark.parametrize(("moment", "expected"), [
    (1_800_000_000, "2027-01-15T09:00:00+00:00"),
    (1_800_000_000.5, "2027-01-15T09:00:00+00:00"),
    (-86400, "1969-12-31T09:00:00+00:00"),
    (0, "1970-01-01T09:00:00+00:00"),
    (datetime.fromtimestamp(1_800_000_000, UTC), "2027-01-15T09:00:00+00:00"),
    ("2027-01-15T08:00:00Z", "2027-01-15T09:00:00+00:00"),
])
def test_a_moment_may_be_posix_seconds(moment: Any, expected: str) -> None:
    assert iso(cadence.parse("0 9 * * *").next(moment)) == expected


@pytest.mark.parametrize(("call", "expected"), [
    (lambda s: iso(s.prev(1_800_000_000.5)), "2027-01-14T09:00:00+00:00"),
    (lambda s: [iso(t) for t in s.between(1_800_000_000, 1_800_000_000 + 2 * 86400)],
     ["2027-01-15T09:00:00+00:00", "2027-01-16T09:00:00+00:00"]),
    (lambda s: s.matches(1_800_003_600), True),  # 2027-01-15T09:00Z
    (lambda s: iso(s.bounded(start=1_800_000_000).prev(1_800_000_000 + 86400)),
     "2027-01-15T09:00:00+00:00"),
    (lambda s: iso(cadence.Schedule(s.rules, end=0).prev(1_800_000_000)),
     "1969-12-31T09:00:00+00:00"),
])
def test_posix_seconds_work_wherever_a_moment_is_taken(
        call: Callable[[cadence.Schedule], object], expected: object) -> None:
    assert call(cadence.parse("0 9 * * *")) == expected


@pytest.mark.parametrize(("moment", "message"), [
    (True, "after must be a datetime, ISO 8601 text or POSIX seconds (an int or float), not "
           "a boolean"),
    (float("nan"), "after: nan is not a moment; POSIX seconds are a finite number, such as "
                   "time.time()"),
    (float("inf"), "after: inf is not a moment"),
    (10**20, "after: POSIX seconds 100000000000000000000 fall outside the years 1-9999"),
    (b"0", "after must be a datetime, ISO 8601 text or POSIX seconds (an int or float), not "
           "bytes"),
])
def test_a_moment_that_is_no_moment_is_refused(moment: object, message: str) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        cadence.parse("0 9 * * *").next(moment)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("call", [
    lambda s: s.matches(None), lambda s: s.window_at(None),
    lambda s: s.between(None, "2027-01-01T00:00Z"),
    lambda s: s.add_working_time(None, "PT1H"),
])
def test_none_is_now_only_where_the_signature_says_so(
        call: Callable[[cadence.Schedule], object]) -> None:
    with pytest.raises(cadence.ScheduleError, match="not NoneType"):
        call(cadence.parse("0 9 * * *").with_duration("PT1H"))


# -- is_valid -------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "keywords", "valid"), [
    ("0 9 * * MON-FRI", {}, True),
    ("0 0 12 ? * MON#2", {}, True),
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", {}, True),
    ({"cronStr": "0 9 * * *"}, {"format": "edfs"}, True),
    ('{"cronStr": "0 9 * * *"}', {"format": "edfs"}, True),
    ("0 9 * * *", {"tz": "Europe/Berlin", "dst": "cron", "day_match": "or"}, True),
    (cadence.parse("0 9 * * *"), {}, True),
    ("61 * * * *", {}, False),
    ("0 0 30 2 *", {}, False),  # never fires
    ("", {}, False),
    ("0 9 * * *", {"tz": "Mars/Olympus"}, False),
    ("0 9 * * *", {"format": "no-such-format"}, False),
    ("0 9 * * *", {"dst": "no-such-policy"}, False),
    ("0 9 * * *", {"day_match": "xor"}, False),
    ({"cronStr": 5}, {"format": "edfs"}, False),
    ({"cronStr": "0 9 * * *"}, {}, True),  # recognized as EDFS by its keys
    ({"cronStr": "0 9 * * *", "hours": {}}, {}, False),  # ambiguous: campaign or EDFS
    (cadence.parse("0 9 * * *"), {"tz": "Asia/Tokyo"}, False),
    (None, {}, False), (42, {}, False), (b"* * * * *", {}, False), ([1, 2], {}, False),
    (float("nan"), {}, False), (object(), {}, False), ("x" * 100_000, {}, False),
    ("0 9 * * *", {"tz": 5}, False), ("0 9 * * *", {"format": ["cron"]}, False),
])
def test_is_valid_says_whether_parse_reads_it_and_never_raises(
        source: object, keywords: dict[str, Any], valid: bool) -> None:
    assert cadence.is_valid(source, **keywords) is valid


# -- Schedule.describe ------------------------------------------------------------------------


def test_a_schedule_describes_itself_and_explains_itself_as_cronsim_says() -> None:
    schedule = cadence.parse("0 30 9 ? * 6L", tz="Europe/Berlin")
    expected = "At 09:30 on the last Friday of the month (Europe/Berlin time)."
    assert schedule.describe() == schedule.explain() == cadence.describe(schedule) == expected


# -- ISO 8601 durations -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "length"), [
    ("PT8H", timedelta(hours=8)),
    ("P1DT2H30M", timedelta(days=1, hours=2, minutes=30)),
    ("PT0.5S", timedelta(seconds=0.5)),
    ("P2W", timedelta(weeks=2)),
    ("pt90m", timedelta(minutes=90)),
    ("PT1,5S", timedelta(seconds=1.5)),
    ("P1W2D", timedelta(days=9)),
    ("PT36H", timedelta(hours=36)),
    ("P0D", timedelta(0)),
])
def test_an_iso_duration_is_taken_wherever_a_duration_is(text: str, length: timedelta
                                                         ) -> None:
    schedule = cadence.parse(OFFICE)
    assert schedule.with_duration(text) == schedule.with_duration(length)
    if length:
        windowed = schedule.with_duration("PT8H")
        assert (windowed.add_working_time("2026-11-23T09:00Z", text)
                == windowed.add_working_time("2026-11-23T09:00Z", length))


def test_a_horizon_may_be_an_iso_duration() -> None:
    a, b = "0 9 * * *", "0 9 1-27 * *"
    found = cadence.compare(a, b, after="2026-12-01T00:00Z", horizon="P14D")
    assert (found.verdict, iso(found.until)) == ("undecided", "2026-12-15T00:00:00+00:00")
    assert found == cadence.compare(a, b, after="2026-12-01T00:00Z", horizon=timedelta(days=14))
    assert iso(cadence.first_difference(a, b, after="2026-12-01T00:00Z", horizon="P30D")) == (
        "2026-12-28T09:00:00+00:00")


@pytest.mark.parametrize(("text", "message", "column"), [
    ("PT8X", "duration: 'X' is not a unit here; write H, M or S", 4),
    ("8H", "duration: an ISO 8601 duration starts with P, such as PT8H (8 hours) or "
           "P1DT2H30M", 1),
    ("P1Y", "duration: years and months have no fixed length; write days (P30D) or weeks "
            "(P4W)", 3),
    ("P1M", "duration: years and months have no fixed length; write days (P30D) or weeks "
            "(P4W); minutes come after a T (PT30M)", 3),
    ("PT", "duration: a T is followed by hours, minutes or seconds (PT8H)", 2),
    ("P", "duration: a duration names at least one unit, such as PT8H or P1D", 1),
    ("PT30M1H", "duration: H comes after M: write the units largest first", 7),
    ("PT1H1H", "duration: H is written twice", 6),
    ("PT1.5H30M", "duration: only the last number may have a fraction", 3),
    ("PT1..5S", "duration: 1..5 is not a number such as 1 or 0.5", 3),
    ("PTH", "duration: 'H' is not a number; write a number before each unit letter (PT8H)",
     3),
    ("PT8", "duration: the number 8 needs a unit letter after it", 3),
    ("P1TT1H", "duration: 'T' is not a unit here; write W or D, or T and then H, M or S", 3),
])
def test_a_malformed_duration_names_its_position(text: str, message: str, column: int
                                                 ) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(OFFICE).with_duration(text)
    assert (caught.value.reason, caught.value.column) == (message, column)


@pytest.mark.parametrize(("text", "message"), [
    ("P9999999999D", "duration: P9999999999D lasts longer than the 999,999,999 days a "
                     "duration can"),
    ("P" + "1" * 70 + "D", "duration: a duration is at most 60 characters, such as PT8H or "
                           "P1DT2H30M"),
])
def test_a_duration_too_long_is_refused(text: str, message: str) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(OFFICE).with_duration(text)
    assert caught.value.reason == message


@pytest.mark.parametrize(("value", "shown"), [
    (8, "not the number 8; say its unit: PT8H is 8 hours, PT30S 30 seconds"),
    (-1.5, "not the number -1.5; say its unit: PT8H is 8 hours, PT30S 30 seconds"),
    (10**5000, "not an integer of more than 36 digits; say its unit: PT8H is 8 hours, "
               "PT30S 30 seconds"),
    (True, "not a boolean"),
    ([1], "not an array"),
], ids=["int", "float", "huge-int", "bool", "list"])
def test_a_duration_of_another_type_is_refused(value: object, shown: str) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        cadence.compare(OFFICE, OFFICE, horizon=value)  # type: ignore[arg-type]
    assert str(caught.value) == ("horizon must be a timedelta or ISO 8601 text such as "
                                 f"'PT8H' or 'P1DT2H30M', {shown}")


def test_the_rrule_reader_reads_durations_with_the_same_reader() -> None:
    # RFC 5545's profile of it: whole numbers, and weeks alone.
    from cadence.formats.rrule import parse_duration

    assert [parse_duration(text) for text in ("PT1H30M", "P2W", "-P1D", "PT0.5S", "P1W2D",
                                              "P1Y", "1H")] == [
        timedelta(minutes=90), timedelta(weeks=2), timedelta(days=-1), None, None, None, None]


# -- convert in parse's words ---------------------------------------------------------------


def test_convert_names_the_source_format_as_parse_does() -> None:
    assert cadence.convert("*-*~01 12:00", to="cron", format="systemd") == "0 12 L * *"
    assert cadence.convert("0 0 12 * * ?", "cron", "quartz") == "0 12 * * *"


def test_convert_from_is_deprecated_but_still_works() -> None:
    with pytest.warns(DeprecationWarning, match=r"convert\(from_=\.\.\.\) is deprecated"):
        assert cadence.convert("*-*~01 12:00", to="cron", from_="systemd") == "0 12 L * *"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(cadence.ScheduleError, match=(
                "convert\\(\\) got format='cron' and from_='quartz'; give format= alone")):
            cadence.convert("0 0 12 * * ?", "cron", "cron", from_="quartz")


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: cadence.convert("0 0 1 * * ? 2027", "cron", "quartz", lossy=True),
     ("0 1 * * *", ["years (2027)"])),
    (lambda: cadence.convert("0 9 * * *", "rrule", start="2026-12-01T00:00Z"),
     "DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
    (lambda: cadence.convert("0 9 * * *", "cron", start=1_796_083_200, lossy=True),
     ("0 9 * * *", ["the start bound (2026-12-01T00:00:00+00:00)"])),
    (lambda: cadence.convert("0 9 * * *", "systemd", tz="Europe/Berlin", dst="cron"),
     "*-*-* 09:00:00 Europe/Berlin"),
])
def test_convert_takes_lossy_and_start_as_the_command_line_does(
        call: Callable[[], object], expected: object) -> None:
    assert call() == expected


# -- typed emit -----------------------------------------------------------------------------


def test_the_typed_format_names_are_the_registrys() -> None:
    assert typing.get_args(TextTarget) == formats.names(kind="text", writable=True)
    assert typing.get_args(JsonTarget) == formats.names(kind="json", writable=True)


@pytest.mark.parametrize("target", formats.names(writable=True))
def test_each_target_gives_the_type_its_name_promises(target: str) -> None:
    office = cadence.parse(OFFICE).with_duration("PT8H").bounded(start="2026-12-01T00:00Z")
    written, _ = cadence.emit(office, target, lossy=True)
    assert isinstance(written, str if target in typing.get_args(TextTarget) else dict)


TYPING_CHECK = Path(__file__).parent / "typing" / "check_emit.py"
SOURCE = Path(cadence.__file__).resolve().parents[1]


def mypy_errors(path: Path, tmp_path: Path) -> list[str]:
    """mypy's errors for ``path``, checked against the cadence under test."""
    api = pytest.importorskip("mypy.api")
    # A cadence installed in site-packages is found there (py.typed); mypy refuses
    # site-packages on MYPYPATH, so only a source tree goes on it.
    installed = "site-packages" in Path(SOURCE).parts
    if not installed:
        os.environ["MYPYPATH"] = str(SOURCE)
    try:
        out, err, status = api.run([str(path), "--config-file",
                                    str(Path(__file__).parents[1] / "pyproject.toml"),
                                    "--cache-dir", str(tmp_path / "cache")])
    finally:
        os.environ.pop("MYPYPATH", None)
    assert status in (0, 1), out + err  # 2: mypy could not check at all
    return [line for line in out.splitlines() if ": error:" in line]


def test_mypy_infers_emits_and_converts_types_from_the_format_name(tmp_path: Path) -> None:
    assert mypy_errors(TYPING_CHECK, tmp_path) == []
    # ... and the check can fail: a wrong claim is an error.
    wrong = tmp_path / "wrong.py"
    wrong.write_text("from typing import Any\n"
                     "from typing_extensions import assert_type\n"
                     "import cadence\n"
                     "assert_type(cadence.emit('0 9 * * *', 'cron'), dict[str, Any])\n"
                     "assert_type(cadence.emit('0 9 * * *', 'edfs'), str)\n")
    assert len(mypy_errors(wrong, tmp_path)) == 2


# -- exports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["is_valid", "describe"])
def test_the_new_names_are_exported_lazily(name: str) -> None:
    assert name in cadence.__all__
    assert getattr(cadence, name) is getattr(cadence._api, name)
