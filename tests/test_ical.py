"""iCalendar events (``format="ical"``): exports read as the clients show them, every
error with its .ics line, and round trips both ways.

The fixtures under ``tests/fixtures/ical/`` are written for these tests in the shape
Outlook 16 and Google Calendar export (CRLF, folded lines, VTIMEZONE blocks, X- fields).
Calendar facts used below: 2026-11-03 and 1997-09-02 are Tuesdays; Europe/Berlin is on
+01:00 from 2026-10-25 to 2027-03-28, America/New_York on -05:00 from 2026-11-01 to
2027-03-14 (and on -04:00 in September 1997).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import cadence
from cadence.errors import NeverFiresError, ParseError, UnsupportedError
from cadence.formats.ical import looks_like_ical, parse_ical
from cadence.ir import Instance
from cadence.schedule import Schedule

FIXTURES = Path(__file__).parent / "fixtures" / "ical"
OUTLOOK_UID = ("040000008200E00074C5B7101A82E00800000000B0C4A1F7E3C1DC01000000000000000010"
               "000000A4B5C6D7E8F90A1B2C3D4E5F6A7B8C9D")


def fixture(name: str) -> Schedule:
    return cadence.parse((FIXTURES / name).read_text(encoding="utf-8"))


def calendar(*lines: str) -> str:
    """``lines`` inside one VCALENDAR, with CRLF line ends."""
    return "\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR", ""])


def event(*lines: str) -> list[str]:
    return ["BEGIN:VEVENT", *lines, "END:VEVENT"]


def iso(moments: list[datetime]) -> list[str]:
    return [moment.isoformat() for moment in moments]


def window(found: tuple[datetime, datetime] | None) -> tuple[str, str] | None:
    return None if found is None else (found[0].isoformat(), found[1].isoformat())


def next_after(schedule: Schedule, moment: str) -> str | None:
    found = schedule.next(moment)
    return None if found is None else found.isoformat()


def ical(schedule: Schedule) -> str:
    written = cadence.emit(schedule, "ical")
    assert isinstance(written, str)
    return written


def events_of(schedule: Schedule) -> list[dict[str, str]]:
    found = schedule.metadata["events"]
    assert isinstance(found, tuple)
    return list(found)


# -- an Outlook export -------------------------------------------------------------------
# A weekly Tuesday meeting 10:00-10:30 in "W. Europe Standard Time" until 2027-01-26:
# 2026-11-17 moved to Wednesday 14:00-15:00, 2026-12-01 cancelled, 2026-12-29 an EXDATE.

OUTLOOK = fixture("outlook.ics")


def test_the_outlook_meeting_occurs_as_outlook_shows_it() -> None:
    assert OUTLOOK.format == "ical"
    assert str(OUTLOOK.tz) == "Europe/Berlin"
    assert iso(OUTLOOK.between("2026-10-01T00:00Z", "2027-04-01T00:00Z")) == [
        "2026-11-03T10:00:00+01:00", "2026-11-10T10:00:00+01:00",
        "2026-11-18T14:00:00+01:00",  # moved from Tuesday the 17th
        "2026-11-24T10:00:00+01:00",  # 2026-12-01 is cancelled
        "2026-12-08T10:00:00+01:00", "2026-12-15T10:00:00+01:00",
        "2026-12-22T10:00:00+01:00",  # 2026-12-29 is an EXDATE
        "2027-01-05T10:00:00+01:00", "2027-01-12T10:00:00+01:00",
        "2027-01-19T10:00:00+01:00", "2027-01-26T10:00:00+01:00",  # UNTIL is inclusive
    ]
    assert OUTLOOK.next("2027-01-26T10:00+01:00") is None


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-11-10T10:29:59+01:00", ("2026-11-10T10:00:00+01:00", "2026-11-10T10:30:00+01:00")),
    ("2026-11-10T10:30:00+01:00", None),
    ("2026-11-18T14:45:00+01:00", ("2026-11-18T14:00:00+01:00", "2026-11-18T15:00:00+01:00")),
    ("2026-11-17T10:10:00+01:00", None),  # moved away
    ("2026-12-01T10:10:00+01:00", None),  # cancelled
    ("2026-12-29T10:10:00+01:00", None),  # excluded
])
def test_the_outlook_meeting_has_its_windows(moment: str,
                                              expected: tuple[str, str] | None) -> None:
    assert window(OUTLOOK.window_at(moment)) == expected
    assert OUTLOOK.is_active(moment) is (expected is not None)


@pytest.mark.parametrize(("after", "expected"), [
    ("2026-11-10T11:00+01:00", ("2026-11-18T14:00:00+01:00", "2026-11-18T15:00:00+01:00")),
    ("2026-12-22T10:00+01:00", ("2027-01-05T10:00:00+01:00", "2027-01-05T10:30:00+01:00")),
    ("2027-01-26T10:00+01:00", None),
])
def test_the_next_outlook_window(after: str, expected: tuple[str, str] | None) -> None:
    assert window(OUTLOOK.next_window(after)) == expected


def test_working_time_counts_the_moved_meeting_with_its_own_length() -> None:
    assert OUTLOOK.add_working_time("2026-11-10T10:15+01:00",
                                    timedelta(hours=1)).isoformat() == (
        "2026-11-18T14:45:00+01:00")
    # 3, 10 and 24 November last 30 minutes, the moved one 60.
    assert OUTLOOK.working_time_between("2026-11-01T00:00Z", "2026-12-01T00:00Z") == (
        timedelta(minutes=150))


def test_the_outlook_uid_is_unfolded_and_the_summary_unescaped() -> None:
    assert OUTLOOK.metadata["events"] == ({
        "uid": OUTLOOK_UID, "summary": "Platform sync, weekly (team A; team B)",
        "start": "2026-11-03T10:00:00+01:00"},)


def test_a_byte_order_mark_and_vtimezone_blocks_are_no_events() -> None:
    text = (FIXTURES / "outlook.ics").read_text(encoding="utf-8")
    assert text.startswith("\ufeffBEGIN:VCALENDAR")
    assert OUTLOOK.start == datetime.fromisoformat("2026-11-03T10:00:00+01:00")
    assert len(OUTLOOK.rules) == 1


# -- a Google Calendar export ------------------------------------------------------------
# Standup Mon/Wed/Fri 09:30-09:45 COUNT=10, a monthly review (first Wednesday 15:00-16:00,
# UNTIL 2027-03-03), Thanksgiving all day and a yearly two-day winter break (DATE values).

GOOGLE = fixture("google.ics")


def test_the_google_calendar_is_a_union_of_its_events() -> None:
    assert str(GOOGLE.tz) == "America/New_York"
    assert GOOGLE.start is None  # several events: each rule starts at its own DTSTART
    assert iso(GOOGLE.between("2026-10-01T00:00Z", "2027-04-01T00:00Z")) == [
        "2026-11-02T09:30:00-05:00", "2026-11-04T09:30:00-05:00",
        "2026-11-04T15:00:00-05:00", "2026-11-06T09:30:00-05:00",
        "2026-11-09T09:30:00-05:00", "2026-11-11T09:30:00-05:00",
        "2026-11-13T09:30:00-05:00", "2026-11-16T09:30:00-05:00",
        "2026-11-18T09:30:00-05:00", "2026-11-20T09:30:00-05:00",
        "2026-11-23T09:30:00-05:00",  # the tenth standup
        "2026-11-26T00:00:00-05:00",  # Thanksgiving, read in the calendar's zone
        "2026-12-02T15:00:00-05:00", "2026-12-24T00:00:00-05:00",
        "2027-01-06T15:00:00-05:00", "2027-02-03T15:00:00-05:00",
        "2027-03-03T15:00:00-05:00",  # UNTIL 20:59:59Z is 15:59:59 EST
    ]
    assert next_after(GOOGLE, "2027-03-03T15:00-05:00") == "2027-12-24T00:00:00-05:00"


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-11-04T09:40-05:00", ("2026-11-04T09:30:00-05:00", "2026-11-04T09:45:00-05:00")),
    ("2026-11-25T09:35-05:00", None),  # COUNT=10 ended on the 23rd
    ("2026-11-26T13:00-05:00", ("2026-11-26T00:00:00-05:00", "2026-11-27T00:00:00-05:00")),
    ("2026-12-25T23:00-05:00", ("2026-12-24T00:00:00-05:00", "2026-12-26T00:00:00-05:00")),
    ("2027-12-25T12:00-05:00", ("2027-12-24T00:00:00-05:00", "2027-12-26T00:00:00-05:00")),
])
def test_the_google_events_have_their_windows(moment: str,
                                               expected: tuple[str, str] | None) -> None:
    assert window(GOOGLE.window_at(moment)) == expected
    assert GOOGLE.is_active(moment) is (expected is not None)


def test_the_next_google_window_and_working_time() -> None:
    assert window(GOOGLE.next_window("2026-11-23T10:00-05:00")) == (
        "2026-11-26T00:00:00-05:00", "2026-11-27T00:00:00-05:00")
    assert GOOGLE.add_working_time("2026-11-02T09:30-05:00",
                                   timedelta(minutes=45)).isoformat() == (
        "2026-11-04T15:15:00-05:00")
    assert GOOGLE.working_time_between("2026-11-20T00:00-05:00", "2026-11-27T00:00-05:00") == (
        timedelta(days=1, minutes=30))


def test_the_google_events_keep_their_uid_and_summary_in_dtstart_order() -> None:
    assert [(found["uid"], found["summary"]) for found in events_of(GOOGLE)] == [
        ("5k1s2l7d0m4q8h3j6p9r0t2v4x@google.com", "Standup"),
        ("0a9b8c7d6e5f4g3h2i1j0k9l8m@google.com", "Monthly review"),
        ("20261126_holiday@google.com", "Thanksgiving"),
        ("7q6w5e4r3t2y1u0i9o8p7a6s5d@google.com", "Winter break"),
    ]


# -- DTSTART is always the first instance ------------------------------------------------


def rfc_example(rule: str) -> str:
    return calendar(*event("UID:rfc", "DTSTART;TZID=America/New_York:19970902T090000",
                           f"RRULE:{rule}"))


def test_a_dtstart_the_rule_does_not_match_is_the_first_of_its_count() -> None:
    # RFC 5545 3.3.10: "The 'DTSTART' property value always counts as the first
    # occurrence"; 3.8.5.1: "The 'DTSTART' property defines the first instance in the
    # recurrence set". Tuesday 1997-09-02 with a Wednesday rule: Tuesday and 2 Wednesdays.
    read = cadence.parse(rfc_example("FREQ=WEEKLY;BYDAY=WE;COUNT=3"))
    assert iso(read.between("1997-01-01T00:00Z", "1998-01-01T00:00Z")) == [
        "1997-09-02T09:00:00-04:00", "1997-09-03T09:00:00-04:00",
        "1997-09-10T09:00:00-04:00"]


def test_as_rrule_text_the_same_lines_follow_dateutil() -> None:
    text = "DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3"
    assert iso(cadence.parse(text).between("1997-01-01T00:00Z", "1998-01-01T00:00Z")) == [
        "1997-09-03T09:00:00-04:00", "1997-09-10T09:00:00-04:00",
        "1997-09-17T09:00:00-04:00"]


@pytest.mark.parametrize(("rule", "expected"), [
    ("FREQ=WEEKLY;BYDAY=WE;COUNT=1", ["1997-09-02T09:00:00-04:00"]),
    ("FREQ=WEEKLY;BYDAY=TU;COUNT=2", ["1997-09-02T09:00:00-04:00",
                                      "1997-09-09T09:00:00-04:00"]),  # matched: unchanged
    ("FREQ=WEEKLY;BYDAY=WE;UNTIL=19970910T130000Z", [
        "1997-09-02T09:00:00-04:00", "1997-09-03T09:00:00-04:00",
        "1997-09-10T09:00:00-04:00"]),
])
def test_the_dtstart_instance_with_counts_and_ends(rule: str, expected: list[str]) -> None:
    read = cadence.parse(rfc_example(rule))
    assert iso(read.between("1997-01-01T00:00Z", "1998-01-01T00:00Z")) == expected


def test_an_event_without_rrule_is_its_dtstart_with_its_window() -> None:
    read = cadence.parse(calendar(*event("DTSTART:20261123T090000Z",
                                         "DTEND:20261123T103000Z")))
    assert read.recurrence.dates == (Instance(datetime(2026, 11, 23, 9, tzinfo=timezone.utc),
                                              datetime(2026, 11, 23, 10, 30,
                                                       tzinfo=timezone.utc)),)
    assert window(read.window_at("2026-11-23T10:00Z")) == (
        "2026-11-23T09:00:00+00:00", "2026-11-23T10:30:00+00:00")


def test_rdates_take_the_events_window_and_periods_keep_their_own() -> None:
    read = cadence.parse(calendar(*event(
        "DTSTART;TZID=Europe/Berlin:20261123T090000", "DURATION:PT1H",
        "RDATE;TZID=Europe/Berlin:20261125T120000",
        "RDATE;VALUE=PERIOD:20261127T080000Z/PT15M")))
    assert [window((found[0], found[1])) for found in read.windows_between(
        "2026-11-01T00:00Z", "2026-12-01T00:00Z")] == [
        ("2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        ("2026-11-25T12:00:00+01:00", "2026-11-25T13:00:00+01:00"),
        ("2026-11-27T09:00:00+01:00", "2026-11-27T09:15:00+01:00")]


@pytest.mark.parametrize(("lines", "expected"), [
    (("DTSTART;VALUE=DATE:20261123",), timedelta(days=1)),
    (("DTSTART;VALUE=DATE:20261123", "DTEND;VALUE=DATE:20261126"), timedelta(days=3)),
    (("DTSTART:20261123T090000Z", "DURATION:P1DT2H"), timedelta(days=1, hours=2)),
    (("DTSTART;TZID=Europe/Berlin:20261024T120000",  # across the change to winter time
      "DTEND;TZID=Europe/Berlin:20261025T120000"), timedelta(days=1)),
    (("DTSTART:20261123T090000Z",), None),
])
def test_the_window_of_an_event(lines: tuple[str, ...], expected: timedelta | None) -> None:
    read = cadence.parse(calendar(*event(*lines, "RRULE:FREQ=DAILY;COUNT=2")))
    assert {rule.duration for rule in read.rules} == {expected}


# -- overrides and cancellations ---------------------------------------------------------


def series(*overrides: list[str], status: str = "CONFIRMED") -> str:
    master = event("UID:s", f"STATUS:{status}", "DTSTART:20261123T090000Z",
                   "DTEND:20261123T100000Z", "RRULE:FREQ=DAILY;COUNT=4")
    return calendar(*master, *(line for override in overrides for line in override))


def occurrences_of(text: str) -> list[str]:
    return iso(cadence.parse(text).between("2026-11-01T00:00Z", "2026-12-01T00:00Z"))


def test_an_override_that_changes_only_the_location_changes_nothing() -> None:
    again = series(event("UID:s", "RECURRENCE-ID:20261124T090000Z", "LOCATION:Room 2",
                         "DTSTART:20261124T090000Z", "DTEND:20261124T100000Z"))
    assert cadence.parse(again) == cadence.parse(series())


def test_an_override_that_keeps_its_start_adds_its_window() -> None:
    longer = cadence.parse(series(event("UID:s", "RECURRENCE-ID:20261124T090000Z",
                                        "DTSTART:20261124T090000Z",
                                        "DTEND:20261124T120000Z")))
    assert window(longer.window_at("2026-11-24T11:00Z")) == (
        "2026-11-24T09:00:00+00:00", "2026-11-24T12:00:00+00:00")
    assert len(longer.between("2026-11-24T00:00Z", "2026-11-25T00:00Z")) == 1


def test_a_cancelled_series_takes_its_overrides_with_it() -> None:
    moved = event("UID:s", "RECURRENCE-ID:20261124T090000Z", "DTSTART:20261124T150000Z")
    alone = event("UID:other", "DTSTART:20261130T080000Z")
    assert occurrences_of(series(moved, alone, status="CANCELLED")) == [
        "2026-11-30T08:00:00+00:00"]


def test_an_override_without_its_series_is_one_instance() -> None:
    text = calendar(*event("UID:lost", "RECURRENCE-ID:20261124T090000Z",
                           "DTSTART:20261124T150000Z"))
    assert occurrences_of(text) == ["2026-11-24T15:00:00+00:00"]


def test_a_cancelled_override_removes_its_instance() -> None:
    cancelled = event("UID:s", "RECURRENCE-ID:20261125T090000Z", "STATUS:CANCELLED",
                      "DTSTART:20261125T090000Z")
    assert occurrences_of(series(cancelled)) == [
        "2026-11-23T09:00:00+00:00", "2026-11-24T09:00:00+00:00",
        "2026-11-26T09:00:00+00:00"]


# -- zones -------------------------------------------------------------------------------


@pytest.mark.parametrize("tzid", [
    "Europe/Berlin", "W. Europe Standard Time", '"W. Europe Standard Time"',
    "/mozilla.org/20050126_1/Europe/Berlin", "/citadel.org/20190914_1/Europe/Berlin"])
def test_a_tzid_is_iana_windows_or_a_vendor_prefix(tzid: str) -> None:
    read = cadence.parse(calendar(*event(f"DTSTART;TZID={tzid}:20261123T090000",
                                         "RRULE:FREQ=DAILY")))
    assert str(read.tz) == "Europe/Berlin"
    assert next_after(read, "2026-11-23T00:00Z") == "2026-11-23T09:00:00+01:00"


def test_floating_times_are_read_in_tz_else_utc() -> None:
    text = calendar(*event("DTSTART:20261123T090000", "RRULE:FREQ=DAILY"))
    assert next_after(cadence.parse(text), "2026-11-23T00:00Z") == (
        "2026-11-23T09:00:00+00:00")
    assert next_after(cadence.parse(text, tz="Asia/Tokyo"), "2026-11-22T00:00Z") == (
        "2026-11-23T09:00:00+09:00")


def test_events_that_do_not_repeat_join_any_zone() -> None:
    text = calendar(*event("DTSTART;TZID=Europe/Berlin:20261123T090000", "RRULE:FREQ=DAILY"),
                    *event("DTSTART;TZID=Asia/Tokyo:20261124T090000"))
    read = cadence.parse(text)
    assert str(read.tz) == "Europe/Berlin"
    assert iso(read.between("2026-11-24T00:00Z", "2026-11-25T00:00Z")) == [
        "2026-11-24T01:00:00+01:00", "2026-11-24T09:00:00+01:00"]


# -- errors, each on its line ------------------------------------------------------------

ERRORS = [
    pytest.param(calendar(*event("UID:a", "DTSTART;TZID=Mars/Olympus:20261123T090000")),
                 "line 4: DTSTART: unknown TZID 'Mars/Olympus'; use an IANA zone name",
                 "DTSTART;TZID=Mars/Olympus:20261123T090000", id="unknown-tzid"),
    pytest.param(calendar(*event("UID:a", "SUMMARY:Lunch")),
                 "line 2: the VEVENT has no DTSTART; every event needs one",
                 "BEGIN:VEVENT", id="missing-dtstart"),
    pytest.param(calendar(*event("DTSTART;TZID=Europe/Berlin:20261123T090000",
                                 "RRULE:FREQ=DAILY"),
                          *event("DTSTART;TZID=America/New_York:20261123T090000",
                                 "RRULE:FREQ=WEEKLY")),
                 "line 7: DTSTART: this event repeats in America/New_York, but the event on "
                 "line 3 repeats in Europe/Berlin; a schedule has one time zone",
                 "DTSTART;TZID=America/New_York:20261123T090000", id="mixed-zones"),
    pytest.param(calendar(*event("UID:a", "DTSTART:20261123T090000Z", "RRULE:FREQ=DAILY"),
                          *event("UID:a", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261125T090000Z",
                                 "DTSTART:20261125T100000Z")),
                 "line 9: RECURRENCE-ID: RANGE=THISANDFUTURE changes this and every later "
                 "instance, which cadence does not read",
                 "RECURRENCE-ID;RANGE=THISANDFUTURE:20261125T090000Z", id="thisandfuture"),
    pytest.param(calendar("VERSION:2.0", "BEGIN:VTODO", "DTSTART:20261123T090000Z",
                          "END:VTODO"),
                 "line 1: the calendar has no VEVENT", "BEGIN:VCALENDAR", id="no-events"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "STATUS:CANCELLED")),
                 "line 2: every VEVENT of the calendar is cancelled", "BEGIN:VEVENT",
                 id="all-cancelled"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "DURATION:PT1X")),
                 "line 4: DURATION: 'PT1X' is not an RFC 5545 duration; write one such as "
                 "PT1H30M", "DURATION:PT1X", id="bad-duration"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "DURATION:-PT1H")),
                 "line 4: DURATION: -PT1H is negative", "DURATION:-PT1H",
                 id="negative-duration"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "DTEND:20261123T100000Z",
                                 "DURATION:PT1H")),
                 "line 5: DURATION: the VEVENT has DTEND (line 4) and DURATION",
                 "DURATION:PT1H", id="dtend-and-duration"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "DTEND:20261123T080000Z")),
                 "line 4: DTEND: the event ends (20261123T080000Z) before it starts",
                 "DTEND:20261123T080000Z", id="dtend-before-dtstart"),
    pytest.param(calendar(*event("DTSTART:20261323T090000Z")),
                 "line 3: DTSTART: 20261323T090000Z is not a real date and time",
                 "DTSTART:20261323T090000Z", id="no-such-month"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "RRULE:FREQ=FORTNIGHTLY")),
                 "line 4: RRULE: FREQ=FORTNIGHTLY is not one of YEARLY", "RRULE:FREQ=FORTNIGHTLY",
                 id="rrule-error-on-its-line"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "RRULE:FREQ=WEEKLY;BY",
                                 " DAY=MO;BYHOUR=25")),
                 "line 5: RRULE: BYHOUR value 25 is out of range 0..23",
                 "RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=25", id="rrule-error-after-a-fold"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "RRULE:FREQ=DAILY",
                                 "EXDATE;TZID=Nowhere:20261124T090000")),
                 "line 5: EXDATE: unknown TZID 'Nowhere'",
                 "EXDATE;TZID=Nowhere:20261124T090000", id="exdate-tzid"),
    pytest.param(calendar(*event("DTSTART:20261123T090000Z", "RRULE:FREQ=DAILY",
                                 "EXRULE:FREQ=WEEKLY;BYDAY=SA"),
                          *event("DTSTART:20261123T120000Z", "RRULE:FREQ=DAILY")),
                 "line 5: EXRULE: this calendar has several recurring events",
                 "EXRULE:FREQ=WEEKLY;BYDAY=SA", id="exrule-in-several-events"),
    pytest.param(calendar(*event("UID:a", "DTSTART:20261123T090000Z", "RRULE:FREQ=DAILY"),
                          *event("UID:a", "RECURRENCE-ID:20261125T090000Z",
                                 "DTSTART:20261125T100000Z", "RRULE:FREQ=DAILY")),
                 "line 11: RRULE: an override (RECURRENCE-ID, line 9) replaces one instance",
                 "RRULE:FREQ=DAILY", id="override-that-repeats"),
]


@pytest.mark.parametrize(("text", "message", "line"), ERRORS)
def test_every_error_says_its_line_and_shows_it(text: str, message: str, line: str) -> None:
    with pytest.raises(ParseError) as caught:
        cadence.parse(text)
    assert str(caught.value).startswith(message)
    assert caught.value.source == line
    assert "Traceback" not in str(caught.value)


def test_a_rule_that_never_fires_after_dtstart_is_named_with_its_line() -> None:
    text = calendar(*event("DTSTART:20261124T090000Z",
                           "RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20261124T230000Z"))
    with pytest.raises(NeverFiresError, match=r"^line 4: 'RRULE:FREQ=WEEKLY;BYDAY=WE;"):
        cadence.parse(text)


def test_a_period_past_the_calendar_is_an_error_not_an_overflow() -> None:
    text = calendar(*event("DTSTART:20261123T090000Z",
                           "RDATE;VALUE=PERIOD:20260101T000000Z/P99999999999999D"))
    with pytest.raises(ParseError, match=r"^line 4: RDATE: P99999999999999D is not a duration"):
        cadence.parse(text)


def test_format_ical_takes_text_only() -> None:
    with pytest.raises(ParseError, match="iCalendar text must be a string"):
        cadence.formats.get("ical").read({"events": []}, cadence.formats.Context())  # type: ignore[misc]
    with pytest.raises(cadence.ScheduleError, match="day_match applies to cron strings"):
        cadence.parse(calendar(*event("DTSTART:20261123T090000Z")), format="ical",
                      day_match="or")


# -- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    calendar(*event("DTSTART:20261123T090000Z")),
    "\ufeff  \r\n" + calendar(*event("DTSTART:20261123T090000Z")),
    calendar(*event("DTSTART:20261123T090000Z")).lower().replace("20261123t090000z",
                                                                 "20261123T090000Z"),
    # six lines: six whitespace-free fields, which Quartz would count as its own
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123T090000Z\nRRULE:FREQ=DAILY\n"
    "END:VEVENT\nEND:VCALENDAR",
])
def test_text_starting_with_begin_vcalendar_is_sniffed_as_ical(text: str) -> None:
    assert looks_like_ical(text)
    assert cadence.parse(text).format == "ical"
    assert next_after(cadence.parse(text), "2026-11-01T00:00Z") == (
        "2026-11-23T09:00:00+00:00")


@pytest.mark.parametrize("text", ["0 9 * * *", "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY",
                                  "X-BEGIN:VCALENDAR", ""])
def test_other_text_is_not_ical(text: str) -> None:
    assert not looks_like_ical(text)


# -- writing -----------------------------------------------------------------------------


def test_a_written_calendar_has_crlf_lines_of_at_most_75_octets() -> None:
    written = ical(OUTLOOK)
    assert written.endswith("END:VCALENDAR\r\n")
    assert "\n" not in written.replace("\r\n", "")
    assert max(len(line.encode()) for line in written.split("\r\n")) <= 75
    assert written.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                              "PRODID:-//cadence//cadence//EN\r\nBEGIN:VEVENT\r\n")
    assert "SUMMARY:Platform sync\\, weekly (team A\\; team B)\r\n" in written


def test_a_schedule_from_rrule_text_is_written_as_one_event() -> None:
    source = cadence.parse("DTSTART;TZID=Europe/Berlin:20261123T090000\n"
                           "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\n"
                           "EXDATE;TZID=Europe/Berlin:20261125T090000")
    written = ical(source.with_duration(timedelta(minutes=90)))
    lines = written.split("\r\n")
    assert lines[3:6] == ["BEGIN:VEVENT", lines[4], "DTSTAMP:20261123T080000Z"]
    assert lines[4].startswith("UID:")
    assert lines[4].endswith("@cadence")
    assert lines[6:11] == [
        "DTSTART;TZID=Europe/Berlin:20261123T090000", "DURATION:PT1H30M",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=4",
        "EXDATE;TZID=Europe/Berlin:20261125T090000", "END:VEVENT"]
    assert ical(source.with_duration(timedelta(minutes=90))) == written


def test_dtstart_is_the_first_occurrence_at_or_after_the_start() -> None:
    office = cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin").bounded(
        start="2026-11-21T00:00")  # a Saturday
    written = ical(office)
    assert "DTSTART;TZID=Europe/Berlin:20261123T090000\r\n" in written
    again = cadence.parse(written)
    assert again.between("2026-11-01T00:00Z", "2026-12-01T00:00Z") == office.between(
        "2026-11-01T00:00Z", "2026-12-01T00:00Z")


def test_a_schedule_without_a_start_is_refused_unless_it_is_only_instances() -> None:
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(cadence.parse("0 9 * * *"), "ical")
    assert str(caught.value) == (
        "ical: a schedule without a start cannot be expressed; an iCalendar event needs "
        "DTSTART: give the schedule a start (Schedule.bounded(start=...), or convert --at on the "
        "command line)")
    instants = Schedule(cadence.ir.Recurrence(
        (), "UTC", dates=[Instance(datetime(2026, 11, 23, 9, tzinfo=timezone.utc))]))
    assert "DTSTART:20261123T090000Z\r\n" in ical(instants)


def test_rules_with_other_windows_are_other_events() -> None:
    office = cadence.parse("0 9 * * MON-FRI").with_duration(timedelta(hours=8))
    saturday = cadence.parse("0 10 * * SAT").with_duration(timedelta(hours=4))
    both = Schedule([*office.rules, *saturday.rules], office.tz).bounded(
        start="2026-11-23T00:00Z")
    written = ical(both)
    assert written.count("BEGIN:VEVENT") == 2
    assert "DURATION:PT8H" in written
    assert "DURATION:PT4H" in written
    again = cadence.parse(written)
    assert again.windows_between("2026-11-23T00:00Z", "2026-12-07T00:00Z") == (
        both.windows_between("2026-11-23T00:00Z", "2026-12-07T00:00Z"))


def test_what_rrule_cannot_say_is_refused_for_ical() -> None:
    nearest = cadence.parse("0 9 15W * *").bounded(start="2026-11-01T00:00Z")
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(nearest, "ical")
    assert caught.value.target == "ical"
    assert str(caught.value).startswith("ical: the weekday nearest day 15 (15W)")


def test_the_summary_is_escaped_and_long_lines_folded() -> None:
    text = calendar(*event("UID:x", "SUMMARY:Café\\, naïve \\; long " + "é" * 60,
                           "DTSTART:20261123T090000Z"))
    written = ical(cadence.parse(text))
    assert max(len(line.encode()) for line in written.split("\r\n")) <= 75
    assert events_of(cadence.parse(written))[0]["summary"] == (
        "Café, naïve ; long " + "é" * 60)


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["outlook.ics", "google.ics"])
def test_an_export_written_again_reads_as_an_equal_recurrence(name: str) -> None:
    read = fixture(name)
    again = cadence.parse(ical(read))
    assert again == read
    assert again.metadata["events"] == read.metadata["events"]
    assert again.windows_between("2026-01-01T00:00Z", "2028-01-01T00:00Z") == (
        read.windows_between("2026-01-01T00:00Z", "2028-01-01T00:00Z"))


@pytest.mark.parametrize("text", [
    "DTSTART;TZID=Europe/Berlin:20261123T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
    "DTSTART;TZID=America/New_York:20260301T023000\nRRULE:FREQ=DAILY;COUNT=20",
    "DTSTART:20261123T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6",
    "DTSTART;TZID=Europe/Berlin:20261123T090000\nRRULE:FREQ=DAILY;UNTIL=20261205T080000Z\n"
    "RDATE;TZID=Europe/Berlin:20261224T180000\nEXDATE;TZID=Europe/Berlin:20261125T090000",
    "DTSTART;TZID=Asia/Tokyo:20261123T090000\nRRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO\n"
    "EXRULE:FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=17",
    "DTSTART:20261124T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3",  # DTSTART not matched
])
def test_rrule_text_written_as_ical_reads_back_the_same(text: str) -> None:
    source = cadence.parse(text)
    again = cadence.parse(ical(source))
    assert again.between("2026-01-01T00:00Z", "2031-01-01T00:00Z") == source.between(
        "2026-01-01T00:00Z", "2031-01-01T00:00Z")
    assert cadence.equivalent(again, source, after="2026-01-01T00:00Z")


def test_several_single_events_stay_several_events() -> None:
    text = calendar(*event("UID:x", "SUMMARY:One", "DTSTART:20261124T120000Z",
                           "DURATION:PT30M"),
                    *event("UID:y", "SUMMARY:Two", "DTSTART:20261126T120000Z",
                           "DURATION:PT30M"))
    read = cadence.parse(text)
    written = ical(read)
    assert written.count("BEGIN:VEVENT") == 2
    assert cadence.parse(written) == read
    assert [found["summary"] for found in events_of(cadence.parse(written))] == [
        "One", "Two"]


def test_parse_ical_is_the_reader_of_the_format() -> None:
    text = (FIXTURES / "google.ics").read_text(encoding="utf-8")
    assert parse_ical(text) == GOOGLE.recurrence
    assert parse_ical(text, tz="America/New_York") == GOOGLE.recurrence
    # tz= puts the floating winter break in Paris, away from the other recurring events.
    with pytest.raises(ParseError, match="this event repeats in Europe/Paris, but the event "
                                         "on line 27 repeats in America/New_York"):
        parse_ical(text, tz="Europe/Paris")


@pytest.mark.parametrize("source", [
    "DTSTART;TZID=America/New_York:20260308T030000\n"
    "RRULE:FREQ=DAILY;BYHOUR=3,9;BYMINUTE=0;BYSECOND=0",
    "FREQ=HOURLY;BYMINUTE=0;BYSECOND=0",
])
def test_an_event_starting_just_after_a_spring_forward_gap_keeps_its_start(
        source: str) -> None:
    # (its first occurrence was looked for from a wall-clock second before 03:00, a time
    # that does not exist that day and read an hour later: the 03:00 run was dropped)
    schedule = cadence.parse(source, tz="America/New_York")
    if "DTSTART" not in source:
        schedule = schedule.bounded(start="2026-03-08T03:00")
    written = cadence.convert(schedule, to="ical")
    assert "DTSTART;TZID=America/New_York:20260308T030000" in written.splitlines()
    assert cadence.parse(written) == schedule
