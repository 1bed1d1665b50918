"""RFC 5545 recurrence sets: BYSETPOS lists, several RRULE lines with their own ends,
RDATE (DATE, DATE-TIME, PERIOD), EXDATE instants, EXRULE, and COUNT counted lazily.

Rows marked "RFC 5545" carry the RFC's own expected dates (3.8.5.3 and 3.8.5.2); the
others were checked against python-dateutil (``rrulestr(..., forceset=True)``) and, for
DST, against RFC 5545's rules, which dateutil does not apply (see test_rrule.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice

import pytest

import cadence
from cadence import _sets
from cadence.formats.rrule import emit_rrule
from cadence.ir import Rule
from cadence.schedule import Schedule

NY = "DTSTART;TZID=America/New_York:"

SETS = [
    pytest.param(
        NY + "19970904T090000\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
        "1997-01-01T00:00Z", 4,
        ["1997-09-04T09:00:00-04:00", "1997-10-07T09:00:00-04:00",
         "1997-11-06T09:00:00-05:00"],
        id="rfc-third-of-tue-wed-thu-for-3-months"),
    pytest.param(
        NY + "19970929T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
        "1997-01-01T00:00Z", 7,
        ["1997-09-29T09:00:00-04:00", "1997-10-30T09:00:00-05:00",
         "1997-11-27T09:00:00-05:00", "1997-12-30T09:00:00-05:00",
         "1998-01-29T09:00:00-05:00", "1998-02-26T09:00:00-05:00",
         "1998-03-30T09:00:00-05:00"],
        id="rfc-second-to-last-weekday-of-the-month"),
    pytest.param(
        "DTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY;BYDAY=MO;BYSETPOS=1,-1,10",
        "2026-01-01T00:00Z", 4,
        ["2026-01-05T00:00:00+00:00", "2026-03-09T00:00:00+00:00",
         "2026-12-28T00:00:00+00:00", "2027-01-04T00:00:00+00:00"],
        id="yearly-first-tenth-and-last-monday"),
    pytest.param(
        "DTSTART:20260105T090000Z\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYMINUTE=0;BYSECOND=0;"
        "BYSETPOS=2,-1", "2026-01-05T00:00Z", 4,
        ["2026-01-05T17:00:00+00:00", "2026-01-09T17:00:00+00:00",
         "2026-01-12T17:00:00+00:00", "2026-01-16T17:00:00+00:00"],
        id="weekly-second-and-last-time-of-the-week"),
    # dateutil answers 2000-01-04 here: it starts the first week at DTSTART (Tuesday),
    # where RFC 5545 picks among the whole week's times (Monday the 3rd is the first,
    # and it comes before DTSTART).
    pytest.param(
        "DTSTART:20000104T000000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1",
        "2000-01-01T00:00Z", 2, ["2000-01-10T00:00:00+00:00", "2000-01-17T00:00:00+00:00"],
        id="weekly-positions-count-in-the-whole-first-week"),
    pytest.param(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=HOURLY;BYMINUTE=0,15,30,45;BYSETPOS=-1;COUNT=3",
        "2026-01-05T00:00Z", 4,
        ["2026-01-05T09:45:00+00:00", "2026-01-05T10:45:00+00:00",
         "2026-01-05T11:45:00+00:00"],
        id="hourly-last-quarter-three-times"),
    # Lines with their own ends: the daily line until the 4th, the weekly one 3 times.
    pytest.param(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;UNTIL=20260107T090000Z\n"
        "RRULE:FREQ=WEEKLY;COUNT=3", "2026-01-01T00:00Z", 6,
        ["2026-01-05T09:00:00+00:00", "2026-01-06T09:00:00+00:00",
         "2026-01-07T09:00:00+00:00", "2026-01-12T09:00:00+00:00",
         "2026-01-19T09:00:00+00:00"],
        id="two-rrule-lines-ending-differently"),
    # RFC 5545 3.8.5.2's RDATE values, beside a yearly rule.
    pytest.param(
        "DTSTART:19970101T000000Z\nRRULE:FREQ=YEARLY;COUNT=2\n"
        "RDATE;VALUE=DATE:19970120,19970217,19970704\nRDATE:19970714T123000Z",
        "1996-12-31T00:00Z", 7,
        ["1997-01-01T00:00:00+00:00", "1997-01-20T00:00:00+00:00",
         "1997-02-17T00:00:00+00:00", "1997-07-04T00:00:00+00:00",
         "1997-07-14T12:30:00+00:00", "1998-01-01T00:00:00+00:00"],
        id="rfc-rdate-dates-and-a-date-time"),
    pytest.param(
        NY + "19970902T090000\nRRULE:FREQ=DAILY;COUNT=5\n"
        "RDATE;TZID=America/New_York:19970714T083000,19971224T100000",
        "1997-01-01T00:00Z", 8,
        ["1997-09-02T09:00:00-04:00", "1997-09-03T09:00:00-04:00",
         "1997-09-04T09:00:00-04:00", "1997-09-05T09:00:00-04:00",
         "1997-09-06T09:00:00-04:00", "1997-12-24T10:00:00-05:00"],
        id="rdate-with-tzid-and-one-before-dtstart-which-bounds-the-set"),
    # COUNT counts before EXDATE removes: 5 counted, 2 removed, 3 left.
    pytest.param(
        NY + "19970902T090000\nRRULE:FREQ=DAILY;COUNT=5\n"
        "EXDATE;TZID=America/New_York:19970903T090000,19970905T090000",
        "1997-01-01T00:00Z", 6,
        ["1997-09-02T09:00:00-04:00", "1997-09-04T09:00:00-04:00",
         "1997-09-06T09:00:00-04:00"],
        id="count-counts-before-exdate"),
    pytest.param(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,15\nEXDATE:20260106T090000Z",
        "2026-01-05T00:00Z", 4,
        ["2026-01-05T09:00:00+00:00", "2026-01-05T15:00:00+00:00",
         "2026-01-06T15:00:00+00:00", "2026-01-07T09:00:00+00:00"],
        id="exdate-removes-one-time-of-a-day"),
    pytest.param(
        "DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,15\n"
        "EXDATE;VALUE=DATE:20260106", "2026-01-05T00:00Z", 4,
        ["2026-01-05T09:00:00+00:00", "2026-01-05T15:00:00+00:00",
         "2026-01-07T09:00:00+00:00", "2026-01-07T15:00:00+00:00"],
        id="exdate-of-a-date-removes-the-whole-day"),
    # RFC 2445's EXRULE example, beside a daily rule.
    pytest.param(
        NY + "19970902T090000\nRRULE:FREQ=DAILY;COUNT=10\n"
        "EXRULE:FREQ=WEEKLY;COUNT=4;INTERVAL=2;BYDAY=TU,TH", "1997-01-01T00:00Z", 10,
        ["1997-09-03T09:00:00-04:00", "1997-09-05T09:00:00-04:00",
         "1997-09-06T09:00:00-04:00", "1997-09-07T09:00:00-04:00",
         "1997-09-08T09:00:00-04:00", "1997-09-09T09:00:00-04:00",
         "1997-09-10T09:00:00-04:00", "1997-09-11T09:00:00-04:00"],
        id="exrule-every-other-week-tuesday-and-thursday-4-times"),
    pytest.param(
        "DTSTART:20260105T090000Z\nRDATE:20260110T090000Z,20260105T090000Z",
        "2026-01-01T00:00Z", 3,
        ["2026-01-05T09:00:00+00:00", "2026-01-10T09:00:00+00:00"],
        id="only-rdates"),
]


@pytest.mark.parametrize(("text", "after", "count", "expected"), SETS)
def test_recurrence_sets_fire_at_the_listed_times(text: str, after: str, count: int,
                                                  expected: list[str]) -> None:
    schedule = cadence.parse(text)
    assert [t.isoformat() for t in islice(schedule.iter_after(after), count)] == expected


@pytest.mark.parametrize(("text", "after", "count", "expected"), SETS)
def test_recurrence_sets_agree_backwards(text: str, after: str, count: int,
                                         expected: list[str]) -> None:
    schedule = cadence.parse(text)
    moment = datetime.fromisoformat(expected[-1]) + timedelta(seconds=1)
    found = [t.isoformat() for t in islice(schedule.iter_before(moment), len(expected))]
    assert found == expected[::-1]


@pytest.mark.parametrize(("text", "after", "count", "expected"), SETS)
def test_recurrence_sets_are_written_and_read_back_equal(text: str, after: str, count: int,
                                                         expected: list[str]) -> None:
    schedule = cadence.parse(text)
    assert emit_rrule(schedule) == text  # its own text, kept
    generic = Schedule(schedule.recurrence.with_rules(schedule.rules, format="ir", source=""))
    written = emit_rrule(generic)
    assert cadence.parse(written) == schedule, written
    assert [t.isoformat() for t in islice(cadence.parse(written).iter_after(after),
                                          count)] == expected


def test_parsing_and_validating_never_count() -> None:
    """COUNT=1000000 reads as fast as COUNT=10: nothing is counted until occurrences
    are asked for (the counting is made to fail here to prove it)."""
    text = "DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY;COUNT=1000000"

    def refuse(self: object, limit: int) -> int:
        raise AssertionError("counted while reading")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_sets.LimitedEvaluator, "_counted_before", refuse)
        schedule = cadence.parse(text)
        assert cadence.validate(text, "rrule") == []
        assert cadence.describe(schedule).startswith("At every second, 1000000 times")
        assert cadence.emit(schedule, "rrule") == text
    first = schedule.next("2025-12-31T23:59:59Z")
    assert first is not None
    assert first.isoformat() == "2026-01-01T00:00:00+00:00"


def test_a_counted_rule_answers_prev_and_next_around_its_end() -> None:
    schedule = cadence.parse("DTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY;COUNT=5000")
    last = schedule.prev("2030-01-01T00:00Z")
    assert last is not None
    assert last.isoformat() == "2026-01-04T11:19:00+00:00"  # 4999 minutes on
    assert schedule.next(last) is None
    middle = schedule.next("2026-01-02T00:00:30Z")
    assert middle is not None
    assert middle.isoformat() == "2026-01-02T00:01:00+00:00"
    assert schedule.matches("2026-01-04T11:19:00Z")
    assert not schedule.matches("2026-01-04T11:20:00Z")


def test_rdate_periods_are_windows() -> None:
    schedule = cadence.parse(
        "DTSTART:19960403T020000Z\n"
        "RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z,19960404T010000Z/PT3H")
    window = schedule.window_at("1996-04-04T03:30Z")
    assert window is not None
    assert [t.isoformat() for t in window] == ["1996-04-04T01:00:00+00:00",
                                                "1996-04-04T04:00:00+00:00"]
    assert schedule.is_active("1996-04-03T03:59:59Z")
    assert not schedule.is_active("1996-04-03T04:00Z")
    found = schedule.next_window("1996-04-03T02:00Z")
    assert found is not None
    assert found[0].isoformat() == "1996-04-04T01:00:00+00:00"
    assert schedule.working_time_between("1996-04-01T00:00Z", "1996-04-05T00:00Z") == (
        timedelta(hours=5))


@pytest.mark.parametrize(("text", "feature"), [
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nRDATE:20260110T100000Z",
     "explicit dates (RDATE)"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,15\nEXDATE:20260106T090000Z",
     "excluded instants (EXDATE)"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY;BYDAY=SU",
     "exclusion rules (EXRULE)"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=3",
     "set positions (BYSETPOS)"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nRRULE:FREQ=WEEKLY;COUNT=5",
     "rules with bounds of their own"),
])
@pytest.mark.parametrize("target", ["cron", "quartz", "systemd", "campaign"])
def test_other_formats_refuse_what_they_cannot_say_by_name(text: str, feature: str,
                                                           target: str) -> None:
    with pytest.raises(cadence.UnsupportedError, match=feature.replace("(", r"\(")
                       .replace(")", r"\)")):
        cadence.emit(cadence.parse(text), target)


def test_a_single_count_converts_as_the_end_it_implies() -> None:
    """A target without COUNT gets the end bound just after the last counted occurrence
    (counted when writing, never when reading)."""
    schedule = cadence.parse("DTSTART;TZID=Europe/Berlin:20261123T090000\n"
                             "RRULE:FREQ=DAILY;COUNT=3")
    written = cadence.emit(schedule, "cron", lossy=True)
    assert written == ("CRON_TZ=Europe/Berlin 0 9 * * *", [
        "the start bound (2026-11-23T09:00:00+01:00)",
        "the end bound (2026-11-25T09:00:01+01:00)"])


@pytest.mark.parametrize(("text", "words"), [
    (NY + "19970904T090000\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
     "(only the 3rd of these in each month), 3 times"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nRDATE:20260110T100000Z",
     "; at 2026-01-10T10:00:00+00:00"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,15\nEXDATE:20260106T090000Z",
     ", except at 2026-01-06T09:00:00+00:00"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nEXDATE:20260106T090000Z",
     "At 09:00 except on 2026-01-06, from"),
    ("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY;BYDAY=SU",
     ", except at 09:00 on Sunday"),
])
def test_describe_says_the_set_parts(text: str, words: str) -> None:
    assert words in cadence.describe(cadence.parse(text))


def test_exdates_on_a_dense_rule_cost_what_the_exdates_cost(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14: each EXDATE day of an every-second rule laid out the day's 86,400 times
    to see whether the EXDATEs named them all (3,500 EXDATEs took minutes, in parse and
    validate alike). A day's firings are now counted by arithmetic: the times laid out
    are at most the EXDATE values, whatever the rule's density."""
    laid = 0
    seconds_of_day = Rule.seconds_of_day

    def counted(rule: Rule) -> tuple[int, ...]:
        nonlocal laid
        times = seconds_of_day.fget(rule)  # type: ignore[attr-defined]
        laid += len(times)
        return times  # type: ignore[no-any-return]

    monkeypatch.setattr(Rule, "seconds_of_day", property(counted))
    exdates = ",".join(f"202601{1 + i % 28:02d}T{i // 60 % 24:02d}{i % 60:02d}{i % 7:02d}Z"
                       for i in range(3500))
    text = f"DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY\nEXDATE:{exdates}"
    schedule = cadence.parse(text, "rrule")
    assert cadence.validate(text, "rrule") == []
    assert laid <= 3500
    assert schedule.next("2026-01-01T00:27:59Z") == datetime.fromisoformat(
        "2026-01-01T00:28:01+00:00")  # 00:28:00 is one of the EXDATEs (i = 28)


def test_exdates_naming_every_firing_of_a_day_still_exclude_the_day() -> None:
    text = ("DTSTART:20260105T000000Z\nRRULE:FREQ=DAILY;BYHOUR=9,15;BYMINUTE=0,30\n"
            "EXDATE:20260106T090000Z,20260106T093000Z,20260106T150000Z,20260106T153000Z,"
            "20260107T090000Z")
    (rule,) = cadence.parse(text, "rrule").recurrence.rules
    assert [day.isoformat() for day in rule.excluded_dates] == ["2026-01-06"]
