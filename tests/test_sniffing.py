"""Every source says its format (issue 15, one vocabulary): ``format=`` is needed only
when the content does not tell.

Text is recognized by the text formats' sniffers (cron when none claims it), JSON text
and payloads by the keys each JSON format declares next to its ``FORMAT``
(:attr:`Format.recognizes`); a byte order mark is ignored before any of them. The
tables run over :func:`cadence.formats.registry`, so a format added without a way to
recognize it, or without a sample here, fails them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import cadence
from cadence import formats
from cadence.errors import AmbiguousFormatError

AFTER = "2026-12-01T00:00Z"
WEEK = {f"{day}DayTypeId": "work" for day in
        ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")}
CALENDAR = {"dayTypes": [{"id": "work", "type": "Normal",
                          "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
            "week": WEEK}
TIME_FRAME: dict[str, Any] = {
    "name": "mornings", "schedule": {
        "startTime": "09:00", "endTime": "10:00", "startDate": "01112026",
        "endsOn": {"endDate": "01112027"}, "recurrence": {"frequency": "daily"},
        "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
CAMPAIGN = {"type": "WEEKLY", "hours": {"type": "LIST", "values": ["9"]},
            "days": {"type": "LIST", "values": ["2"]}}

#: One source of every format cadence reads: (the source, its first occurrence after
#: AFTER, or None for a format that holds no schedule). A JSON format's source is its
#: payload, also tried as JSON text.
SAMPLES: dict[str, tuple[object, str | None]] = {
    "cron": ("0 9 * * 1-5", "2026-12-01T09:00:00+00:00"),
    "quartz": ("0 30 9 ? * MON-FRI", "2026-12-01T09:30:00+00:00"),
    "rrule": ("DTSTART;TZID=Europe/Berlin:20261123T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO",
              "2026-12-07T09:00:00+01:00"),
    "ical": ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261123T090000Z\r\n"
             "DURATION:PT1H\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
             "2026-12-01T09:00:00+00:00"),
    "systemd": ("Mon..Fri 9:00", "2026-12-01T09:00:00+00:00"),
    "campaign": (CAMPAIGN, "2026-12-07T09:00:00+00:00"),
    "edfs": ({"name": "nightly", "cronStr": "0 22 * * *", "enabled": True},
             "2026-12-01T22:00:00+00:00"),
    "helix": (TIME_FRAME, "2026-12-01T09:00:00+05:30"),
    "bentley": ({"calendar": CALENDAR}, "2026-12-01T09:00:00+00:00"),
    "timebundle-status": ({"_for": "verification", "status": "PENDING_VERIFICATION"}, None),
}
READABLE = formats.names(readable=True)
JSON_FORMATS = formats.names(readable=True, kind="json")


def as_text(source: object) -> str:
    return source if isinstance(source, str) else json.dumps(source)


def first(schedule: cadence.Schedule) -> str:
    moment = schedule.next(AFTER)
    assert moment is not None
    return moment.isoformat()


def test_every_format_cadence_reads_has_a_sample_here() -> None:
    assert sorted(SAMPLES) == sorted(READABLE)


@pytest.mark.parametrize("name", READABLE)
def test_every_format_says_how_its_sources_are_recognized(name: str) -> None:
    fmt = formats.registry()[name]
    if fmt.kind == "json":
        assert fmt.recognizes is not None
    else:
        assert fmt.sniff is not None or fmt.fallback


@pytest.mark.parametrize("name", READABLE)
@pytest.mark.parametrize("spelled", ["as it is", "after a byte order mark",
                                     "after blank lines", "as JSON text"])
def test_every_format_is_recognized_from_its_content(name: str, spelled: str) -> None:
    source = SAMPLES[name][0]
    if spelled != "as it is" or formats.registry()[name].kind == "text":
        source = as_text(source)
    if spelled == "after a byte order mark":
        source = "\ufeff" + str(source)
    elif spelled == "after blank lines":
        source = "\n  \n" + str(source) if isinstance(source, str) else source
    assert formats.recognize(source).name == name


@pytest.mark.parametrize("name", [name for name in READABLE if SAMPLES[name][1]])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_every_schedule_format_parses_without_format(name: str, bom: str) -> None:
    source, expected = SAMPLES[name]
    assert first(cadence.parse(bom + as_text(source))) == expected
    assert first(cadence.parse(bom + as_text(source), format=name)) == expected
    if not isinstance(source, str):
        assert first(cadence.parse(source)) == expected
        assert cadence.parse(source).format == name


@pytest.mark.parametrize("name", READABLE)
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_every_format_validates_without_format_as_with_it(name: str, bom: str) -> None:
    source = SAMPLES[name][0]
    for given in (source, bom + as_text(source)):
        assert cadence.validate(given) == cadence.validate(given, name)
    assert [p for p in cadence.validate(bom + as_text(source)) if p.is_error] == []


def test_a_payload_without_format_that_holds_no_schedule_is_sent_to_validate() -> None:
    status = SAMPLES["timebundle-status"][0]
    with pytest.raises(cadence.ScheduleError,
                       match="timebundle-status is a status change, not a schedule"):
        cadence.parse(status)
    problems = cadence.validate({"_for": "verification", "status": "CREATED"})
    assert [(p.path, p.code) for p in problems] == [("/status", "error.invalidEnumValue")]


def test_a_helix_answer_listing_several_time_frames_is_recognized_and_refused() -> None:
    answer = {"message": "found", "object": [TIME_FRAME, {**TIME_FRAME, "name": "again"}]}
    assert formats.recognize(answer).name == "helix"
    with pytest.raises(cadence.ScheduleError, match="holds 2 time frames"):
        cadence.parse(json.dumps(answer))
    assert cadence.validate(answer) == cadence.validate(answer, "helix")


@pytest.mark.parametrize(("payload", "expected"), [
    (TIME_FRAME["schedule"], "helix"),  # a time frame's schedule alone
    ({"message": "found", "object": TIME_FRAME}, "helix"),  # GET /timeframes/<id>
    ({"message": "no such frame", "errorCode": "INVALID_TIMEFRAME_ID"}, "helix"),
    (CALENDAR, "bentley"),  # a calendar without its wrapper
    ({"rule": {"id": "r1", "rate": 14.5, "unit": "Metre"}}, "bentley"),
    ({"cronStr": "0 9 * * *"}, "edfs"),
    ({"packageUniqueName": "SAP_WORK_ORDERS"}, "edfs"),  # no cronStr: edfs says so
    ({"type": "WEEKLY", "hours": {}}, "campaign"),
    ({"timeZoneId": "CST"}, "campaign"),
    ({"_for": "revision"}, "timebundle-status"),
])
def test_each_vendor_payload_is_recognized_by_its_distinctive_keys(payload: object,
                                                                   expected: str) -> None:
    assert formats.recognize(payload).name == expected
    assert formats.recognize(json.dumps(payload)).name == expected


def test_a_payload_is_checked_by_the_format_that_recognized_it() -> None:
    problems = cadence.validate({"message": "no such frame", "errorCode": "X"})
    assert [(p.path, p.code) for p in problems] == [("", "INVALID_TIMEFRAME")]
    assert "Helix's error response" in problems[0].message
    with pytest.raises(cadence.InvalidPayloadError, match="cronStr"):
        cadence.parse({"packageUniqueName": "SAP_WORK_ORDERS"})


TIMER_WITH_HOURS = {"cronStr": "0 9 * * *", "hours": {"type": "LIST", "values": ["9"]}}
#: Payloads no format, or several, claim: (payload, the candidates named).
AMBIGUOUS: list[tuple[object, tuple[str, ...]]] = [
    ({}, JSON_FORMATS),
    ([], JSON_FORMATS),
    ([SAMPLES["edfs"][0]], JSON_FORMATS),  # a list of timers is no one payload
    ({"name": "nightly", "enabled": True}, JSON_FORMATS),  # words any payload has
    ({"type": "WEEKLY", "expiration": "2027-01-01T00:00:00Z"}, JSON_FORMATS),
    # The vendors' error bodies are answers, not payloads: no format claims them.
    ({"error": {"code": "InvalidTimerRequest", "message": "bad", "details": []}},
     JSON_FORMATS),
    ({"detailCode": "400.1 Bad Request Content", "trackingId": "0" * 32, "messages": []},
     JSON_FORMATS),
    ({"hostId": "h", "status": "ERROR", "content": None, "messages": [], "count": 0},
     JSON_FORMATS),
    (42, JSON_FORMATS),
    (None, JSON_FORMATS),
    (TIMER_WITH_HOURS, ("campaign", "edfs")),
    ({"startTime": "09:00", "days": {"type": "LIST", "values": ["2"]}},
     ("campaign", "helix")),
    ({"calendar": CALENDAR, "schedule": TIME_FRAME["schedule"]}, ("helix", "bentley")),
    ({"_for": "revision", "status": "CREATED", "cronStr": "0 9 * * *"},
     ("edfs", "timebundle-status")),
]


@pytest.mark.parametrize(("payload", "candidates"), AMBIGUOUS)
def test_a_payload_whose_shape_does_not_tell_its_format_names_the_candidates(
        payload: object, candidates: tuple[str, ...]) -> None:
    # (JSON text of a number or null is not JSON text to cadence: it reads as text.)
    texts = [json.dumps(payload)] if isinstance(payload, dict | list) else []
    for source in (payload, *texts):
        with pytest.raises(AmbiguousFormatError) as raised:
            formats.recognize(source)
        assert raised.value.candidates == candidates
        message = str(raised.value)
        assert "give --format (format= in Python)" in message
        assert all(name in message for name in candidates)
    with pytest.raises(AmbiguousFormatError):
        cadence.validate(payload)
    if isinstance(payload, dict | list):
        with pytest.raises(AmbiguousFormatError):
            cadence.parse(payload)


def test_the_messages_say_what_was_found_and_how_to_go_on() -> None:
    with pytest.raises(AmbiguousFormatError) as none:
        formats.recognize({"name": "nightly", "enabled": True})
    assert str(none.value) == (
        "no format recognizes this JSON object (its keys: 'name', 'enabled'); give "
        "--format (format= in Python), one of " + ", ".join(JSON_FORMATS))
    with pytest.raises(AmbiguousFormatError) as several:
        formats.recognize(TIMER_WITH_HOURS)
    assert str(several.value) == (
        "this JSON object has keys of campaign and edfs; give --format (format= in "
        "Python): campaign or edfs")
    with pytest.raises(AmbiguousFormatError, match=r"\(its keys: 'k0', 'k1', 'k2', 'k3', "
                                                    r"'k4' and 7 more\)"):
        formats.recognize({f"k{index}": index for index in range(12)})
    with pytest.raises(AmbiguousFormatError, match=r"JSON object \(it has no keys\)"):
        formats.recognize("{}")


@pytest.mark.parametrize("payload", [
    {1: "a", None: "b"}, {"cronStr": object()}, {"x" * 10_000: 1}, [[[[]]]], "", 1.5,
    True, {"schedule": None, "object": None}, [{"cronStr": "0 9 * * *"}],
])
@pytest.mark.parametrize("name", JSON_FORMATS)
def test_a_recognizer_looks_at_keys_only_and_never_raises(payload: object, name: str
                                                          ) -> None:
    recognizes = formats.registry()[name].recognizes
    assert recognizes is not None
    assert recognizes(payload) in (True, False)


@pytest.mark.parametrize("text", ['{"cronStr": "0 9 * * *"', "[1, 2,]", "{bad}"])
def test_json_text_that_does_not_decode_is_an_error_with_its_place(text: str) -> None:
    with pytest.raises(cadence.ScheduleError, match=r"text starting with '[{\[]' is not "
                                                    r"JSON: .* at line 1, column \d+") as raised:
        cadence.parse(text)
    assert not isinstance(raised.value, AmbiguousFormatError)
    assert [p.code for p in cadence.validate(text)] == ["INVALID_JSON"]


def test_json_text_beyond_the_limits_is_refused_before_it_is_recognized() -> None:
    deep = "[" * 1000 + "]" * 1000
    with pytest.raises(cadence.limits.LimitError):
        formats.recognize(deep)
    assert [p.code for p in cadence.validate(deep)] == ["PAYLOAD_TOO_DEEP"]


def test_bytes_are_refused_with_what_to_do() -> None:
    with pytest.raises(cadence.ScheduleError, match="not bytes: decode it first"):
        formats.recognize(b'{"cronStr": "0 9 * * *"}')


@pytest.mark.parametrize(("text", "name"), [
    ("\ufeff0 9 * * *", "cron"), ("\ufeff0 30 9 ? * MON-FRI", "quartz"),
    ("\ufeffFREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", "rrule"),
    ("\ufeffMon..Fri 9:00", "systemd"),
    ('\ufeff{"cronStr": "0 9 * * *"}', "edfs"),
])
def test_a_byte_order_mark_is_fine_with_the_format_named_too(text: str, name: str) -> None:
    assert cadence.parse(text, format=name).format == name
    assert [p for p in cadence.validate(text, name) if p.is_error] == []


def test_a_byte_order_mark_is_not_kept_in_the_source() -> None:
    assert cadence.parse("\ufeff0 9 * * *").source == "0 9 * * *"
    assert cadence.parse("\ufeff0 9 * * *") == cadence.parse("0 9 * * *")


def test_sniff_still_answers_for_text_as_before() -> None:
    assert formats.sniff("0 9 * * *").name == "cron"
    assert formats.sniff("0 0 9 * * ?").name == "quartz"
    assert formats.sniff("FREQ=DAILY").name == "rrule"


#: (source, format or None to recognize it, the zone it names). Read with tz=, each of
#: these keeps its own zone (the named ones) or takes tz= (None).
NAMED_ZONES: list[tuple[object, str | None, str | None]] = [
    ("CRON_TZ=Europe/Berlin 0 9 * * *", None, "Europe/Berlin"),
    ("TZ=Asia/Tokyo 0 9 * * *", "cron", "Asia/Tokyo"),
    ("CRON_TZ=UTC 0 9 * * *", None, "UTC"),
    ("0 9 * * *", None, None),
    ("\ufeff0 9 * * *", "cron", None),
    ("CRON_TZ=America/Chicago 0 30 9 ? * MON-FRI", None, "America/Chicago"),
    ("0 30 9 ? * MON-FRI", "quartz", None),
    (SAMPLES["rrule"][0], None, "Europe/Berlin"),
    ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY", None, "UTC"),  # a Z names UTC
    ("DTSTART:20261123T090000\nRRULE:FREQ=DAILY", None, None),  # floating
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", "rrule", None),
    (SAMPLES["ical"][0], None, "UTC"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=W. Europe Standard Time:20261123T090000"
     "\nRRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR", None, "Europe/Berlin"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123T090000\nRRULE:FREQ=DAILY\n"
     "END:VEVENT\nEND:VCALENDAR", None, None),
    ("Mon..Fri 9:00 Europe/Paris", None, "Europe/Paris"),
    ("Mon..Fri 9:00 UTC", "systemd", "UTC"),
    ("Mon..Fri 9:00", None, None),
    ({**CAMPAIGN, "timeZoneId": "CST"}, None, "America/Chicago"),
    (json.dumps({**CAMPAIGN, "timeZoneId": "Europe/Oslo"}), "campaign", "Europe/Oslo"),
    (CAMPAIGN, None, None),
    (TIME_FRAME, None, "Asia/Kolkata"),
    ({"name": "x", "schedule": {key: value for key, value in TIME_FRAME["schedule"].items()
                                if key != "timeZone"}}, None, None),
    (SAMPLES["edfs"][0], None, None),  # EDFS names no zone
    (SAMPLES["bentley"][0], None, None),  # nor does a Bentley calendar
    (SAMPLES["timebundle-status"][0], None, None),  # nor what holds no schedule
]


@pytest.mark.parametrize(("source", "name", "zone"), NAMED_ZONES)
def test_named_zone_says_which_zone_wins_over_tz(source: object, name: str | None,
                                                 zone: str | None) -> None:
    assert formats.named_zone(source, name) == zone
    if name is not None:
        assert formats.named_zone(source, formats.get(name)) == zone
    if SAMPLES.get(formats.recognize(source).name, (None, "x"))[1] is None:
        return
    # What it says is what parsing does: the named zone wins, else tz= is used.
    read = cadence.parse(source, format=name, tz="Pacific/Auckland")
    assert str(read.tz) == (zone or "Pacific/Auckland")


def test_every_format_that_holds_a_schedule_has_a_named_zone_case() -> None:
    covered = {formats.recognize(source).name if name is None else name
               for source, name, _ in NAMED_ZONES}
    assert covered == set(READABLE)


def test_named_zone_of_a_source_that_does_not_read_raises_what_parse_raises() -> None:
    with pytest.raises(cadence.ParseError, match="CRON_TZ: unknown time zone"):
        formats.named_zone("CRON_TZ=Mars/Olympus 0 9 * * *")
    with pytest.raises(cadence.InvalidPayloadError):
        formats.named_zone({"cronStr": "61 * * * *"})


def test_a_calendar_that_reads_only_in_its_own_zone_names_that_zone() -> None:
    # Floating events beside one with a TZID are read in its zone, and refused with
    # tz=: the TZID is what decides, so it is the zone the calendar names.
    calendar = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Europe/Berlin:20261123T090000\n"
                "RRULE:FREQ=DAILY\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20261123T100000\n"
                "RRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR")
    assert formats.named_zone(calendar) == "Europe/Berlin"
    with pytest.raises(cadence.ParseError, match="repeats in Pacific/Auckland"):
        cadence.parse(calendar, tz="Pacific/Auckland")
