"""A schedule that provably never fires is refused alike in every format: one decision
on the IR (formats/_firing.py), cron's words."""

from __future__ import annotations

import pytest

import cadence

D = "DTSTART:20260101T090000Z\n"
AT_NINE = "BYHOUR=9;BYMINUTE=0;BYSECOND=0"
ICS = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//cadence//tests//EN\nBEGIN:VEVENT\nUID:1\n"
       "DTSTAMP:20260101T000000Z\nDTSTART:20260101T090000Z\n{}\nEND:VEVENT\nEND:VCALENDAR\n")


@pytest.mark.parametrize(
    ("source", "format", "message"),
    [
        ("0 0 30 2 *", "cron",
         "'0 0 30 2 *' never fires: day-of-month '30' never falls in February"),
        ("0 0 0 30 2 ?", "quartz",
         "'0 0 0 30 2 ?' never fires: day-of-month '30' never falls in February"),
        (f"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;{AT_NINE}", "rrule",
         f"'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;{AT_NINE}' never fires: day-of-month 30 "
         "never falls in February"),
        (D + "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "rrule",
         "'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never fires: day-of-month 30 never "
         "falls in February"),
        (f"FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31,-31;{AT_NINE}", "rrule",
         f"'FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31,-31;{AT_NINE}' never fires: day-of-month "
         "31 or 30 days before the last day never falls in April or June"),
        (f"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,31;BYDAY=MO;{AT_NINE}", "rrule",
         f"'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,31;BYDAY=MO;{AT_NINE}' never fires: no day "
         "in February matches both day-of-month 30 or 31 and day-of-week Monday"),
        # A rule line that adds nothing is refused even where the set still fires (its
        # RDATE here): the message names the line.
        (D + "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nRDATE:20260301T090000Z", "rrule",
         "'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never fires: day-of-month 30 never "
         "falls in February"),
        # A set that ends, and whose exclusions remove all it has.
        (D + "RRULE:FREQ=DAILY;COUNT=2\nEXDATE:20260101T090000Z,20260102T090000Z", "rrule",
         "the schedule never fires: its exclusions (EXDATE, EXRULE) remove every occurrence "
         "it has; drop the exclusions that cancel them all"),
        (D + "RDATE:20260301T090000Z\nEXDATE:20260301T090000Z", "rrule",
         "the schedule never fires: its exclusions (EXDATE, EXRULE) remove every occurrence "
         "it has; drop the exclusions that cancel them all"),
        (D + "RRULE:FREQ=DAILY;UNTIL=20250101T000000Z", "rrule",
         "'RRULE:FREQ=DAILY;UNTIL=20250101T000000Z' never fires after DTSTART "
         "2026-01-01T09:00:00+00:00"),
        ("*-02-30 09:00", "systemd",
         "'*-02-30 09:00' never fires: day-of-month 30 never falls in February"),
        ("Mon *-02-30 09:00", "systemd",
         "'Mon *-02-30 09:00' never fires: no day in February matches both day-of-month 30 "
         "and day-of-week Monday"),
        ("2027-02-29 09:00", "systemd",
         "'2027-02-29 09:00' never fires: day-of-month 29 never falls in February of 2027"),
        (ICS.format("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "ical",
         "line 8: 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never fires: day-of-month 30 "
         "never falls in February; the event still takes place at DTSTART, but its rule "
         "adds nothing: fix or remove the rule"),
        (ICS.format("EXDATE:20260101T090000Z"), "ical",
         "line 7: this event never takes place: its exclusions (EXDATE, EXRULE) remove "
         "every occurrence it has; drop the exclusions that cancel them all"),
    ],
)
def test_a_schedule_that_never_fires_is_refused_in_cron_s_words(
    source: str, format: str, message: str
) -> None:
    with pytest.raises(cadence.NeverFiresError) as caught:
        cadence.parse(source, format)
    assert str(caught.value) == message
    problems = cadence.validate(source, format)
    assert [(p.path, p.code, p.message) for p in problems] == [("", "NEVER_FIRES", message)]


@pytest.mark.parametrize(
    ("source", "format", "first"),
    [
        # Five Mondays in February: in a leap year whose February starts on a Monday.
        (f"FREQ=MONTHLY;BYMONTH=2;BYDAY=5MO;{AT_NINE}", "rrule", "2044-02-29T09:00:00+00:00"),
        (D + "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260101T090000Z,20260102T090000Z", "rrule",
         "2026-01-03T09:00:00+00:00"),
        # A set that does not end has occurrences past any EXDATE.
        (D + "RRULE:FREQ=DAILY\nEXDATE:20260101T090000Z,20260102T090000Z", "rrule",
         "2026-01-03T09:00:00+00:00"),
        ("*-02-29 09:00", "systemd", "2028-02-29T09:00:00+00:00"),
        (ICS.format("RRULE:FREQ=DAILY;COUNT=2\nEXDATE:20260101T090000Z"), "ical",
         "2026-01-02T09:00:00+00:00"),
    ],
)
def test_a_schedule_that_fires_somewhere_is_kept(source: str, format: str, first: str) -> None:
    schedule = cadence.parse(source, format)
    found = schedule.next("2026-01-01T00:00Z")
    assert found is not None
    assert found.isoformat() == first


def test_every_text_format_s_read_ends_in_the_one_decision() -> None:
    # A reader that checks nothing itself still cannot hand out such a schedule.
    from cadence.formats._contract import Context, text_format
    from cadence.ir import MonthDays, Recurrence, Rule

    february_30 = Rule((0,), (0,), (9,), months=(2,), month_days=MonthDays(days=(30,)))
    careless = text_format("careless", "a reader that checks nothing",
                           read=lambda source, context: Recurrence(february_30))
    assert careless.read is not None
    with pytest.raises(cadence.NeverFiresError) as caught:
        careless.read("feb 30", Context())
    assert str(caught.value) == "'feb 30' never fires: day-of-month 30 never falls in February"
