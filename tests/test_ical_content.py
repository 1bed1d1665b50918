"""iCalendar text read into components: unfolding, content lines, nesting, TEXT escapes,
the limits, and every error pointing at its line."""

from __future__ import annotations

import re

import pytest

from cadence import limits
from cadence.errors import ParseError
from cadence.formats._ical_content import (
    Component,
    Property,
    read_components,
    split_text_list,
    unescape_text,
)


def calendar(*lines: str, newline: str = "\r\n") -> str:
    """``lines`` inside one VCALENDAR."""
    return newline.join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR", ""])


def only(text: str) -> Component:
    [found] = read_components(text)
    return found


def prop(text: str) -> Property:
    """The one property of a VCALENDAR holding ``text``."""
    [found] = only(calendar(text)).properties
    return found


# -- unfolding ---------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_fold_and_its_one_space_or_tab_are_removed(newline: str) -> None:
    text = calendar("DESCRIPTION:This is a lo", " ng description", "\tthat goes on",
                    "SUMMARY:x", newline=newline)
    description, summary = only(text).properties
    assert description.value == "This is a long descriptionthat goes on"
    assert (description.line, summary.line) == (2, 5)


def test_only_the_first_space_of_a_continuation_is_removed() -> None:
    assert prop("SUMMARY:two\r\n  words").value == "two words"


def test_a_fold_inside_a_name_or_a_parameter_is_undone() -> None:
    found = prop('DTST\r\n ART;TZ\r\n ID="W. Europe \r\n Standard Time":20261123T\r\n 090000')
    assert found.name == "DTSTART"
    assert found.params == {"TZID": ("W. Europe Standard Time",)}
    assert found.value == "20261123T090000"
    assert found.line == 2


def test_a_byte_order_mark_and_empty_lines_are_tolerated() -> None:
    text = "\ufeff" + calendar("", "VERSION:2.0", "") + "\r\n\r\n"
    [version] = only(text).properties
    assert (version.value, version.line) == ("2.0", 3)


# -- content lines -----------------------------------------------------------------------


def test_names_and_parameter_names_are_upper_cased_and_values_kept() -> None:
    found = prop("dtStart;tzid=Europe/Berlin;value=DATE-TIME:20261123t090000")
    assert found.name == "DTSTART"
    assert found.params == {"TZID": ("Europe/Berlin",), "VALUE": ("DATE-TIME",)}
    assert found.value == "20261123t090000"
    assert found.param("TzId") == "Europe/Berlin"
    assert found.param("LANGUAGE") is None


def test_quoted_parameter_values_may_hold_semicolons_colons_and_commas() -> None:
    found = prop('ORGANIZER;CN="Muster, Erika; Dr.";DIR="ldap://example.com:6666/o=x":'
                 "mailto:erika@example.com")
    assert found.params == {"CN": ("Muster, Erika; Dr.",), "DIR": ("ldap://example.com:6666/o=x",)}
    assert found.value == "mailto:erika@example.com"


def test_a_parameter_may_list_values_quoted_or_not() -> None:
    found = prop('ATTENDEE;MEMBER="mailto:a@example.com",mailto-b;ROLE=:mailto:c@example.com')
    assert found.params == {"MEMBER": ("mailto:a@example.com", "mailto-b"), "ROLE": ("",)}


def test_the_value_is_everything_after_the_first_colon_outside_quotes() -> None:
    found = prop("X-URL;X-A=1:https://example.com/a;b,c:d")
    assert found.value == "https://example.com/a;b,c:d"
    assert found.source[found.column - 1:] == found.value
    assert prop("X-EMPTY:").value == ""


def test_a_property_error_points_into_its_value() -> None:
    found = prop("DTSTART;TZID=Europe/Berlin:2026-11-23")
    error = found.error("DTSTART: expected a date such as 20261123", offset=4, length=6)
    assert error.field == "DTSTART"
    assert error.column == found.column + 4
    assert str(error).startswith("line 2: DTSTART: expected a date")
    assert error.snippet.splitlines()[1] == " " * (2 + found.column + 3) + "^^^^^^"


def test_an_error_in_a_continuation_names_the_physical_line_it_is_on() -> None:
    found = prop("DESCRIPTION:first\r\n second\r\n third")
    assert found.line == 2
    assert str(found.error("x", offset=0)).startswith("line 2:")
    assert str(found.error("x", offset=len("first"))).startswith("line 3:")
    assert str(found.error("x", offset=len("firstsecond") + 2)).startswith("line 4:")


# -- components --------------------------------------------------------------------------


def test_components_nest_in_order_with_their_lines() -> None:
    text = calendar("VERSION:2.0", "BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "ACTION:DISPLAY",
                    "END:VALARM", "END:VEVENT", "begin:vtodo", "UID:2", "end:VTodo")
    root = only(text)
    assert (root.name, root.line, [p.name for p in root.properties]) == (
        "VCALENDAR", 1, ["VERSION"])
    event, todo = root.children
    assert (event.name, event.line, todo.name, todo.line) == ("VEVENT", 3, "VTODO", 9)
    [alarm] = event.children
    assert (alarm.name, alarm.line, alarm.first("action")) == (
        "VALARM", 5, alarm.properties[0])
    assert todo.children == []


def test_several_calendars_may_follow_each_other() -> None:
    text = calendar("VERSION:2.0") + calendar("VERSION:2.0")
    assert [(c.name, c.line) for c in read_components(text)] == [
        ("VCALENDAR", 1), ("VCALENDAR", 4)]


def test_every_and_first_find_repeated_properties() -> None:
    event = only(calendar("BEGIN:VEVENT", "EXDATE:20261201", "exdate:20261208",
                          "END:VEVENT")).children[0]
    assert [p.value for p in event.every("EXDATE")] == ["20261201", "20261208"]
    assert event.first("EXDATE") is event.properties[0]
    assert event.first("RDATE") is None
    assert event.every("RDATE") == []


# -- TEXT values -------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    ("plain", "plain"),
    (r"a\, b\; c", "a, b; c"),
    (r"one\ntwo\Nthree", "one\ntwo\nthree"),
    (r"C:\\temp\\new", "C:\\temp\\new"),
    (r"\\n is not a line break", "\\n is not a line break"),
    ("unescaped, comma; and colon: kept", "unescaped, comma; and colon: kept"),
    ("", ""),
])
def test_text_escapes_are_undone(value: str, text: str) -> None:
    assert unescape_text(value) == text


@pytest.mark.parametrize(("value", "items"), [
    ("Work,Travel", ["Work", "Travel"]),
    (r"Tea\, biscuits,Meeting", ["Tea, biscuits", "Meeting"]),
    (r"ends in a backslash\\,next", ["ends in a backslash\\", "next"]),
    ("one", ["one"]),
    ("", [""]),
    (",", ["", ""]),
])
def test_text_lists_split_on_unescaped_commas(value: str, items: list[str]) -> None:
    assert split_text_list(value) == items


@pytest.mark.parametrize(("value", "column", "needle"), [
    (r"Meet at 10\:00", 11, r"unknown escape \: in a TEXT value"),
    ("trailing\\", 9, "ends in a lone backslash"),
])
def test_a_bad_escape_is_a_parse_error_under_it(value: str, column: int, needle: str) -> None:
    with pytest.raises(ParseError, match=re.escape(needle)) as caught:
        unescape_text(value)
    assert (caught.value.source, caught.value.column) == (value, column)


def test_a_bad_escape_in_a_property_names_its_line_and_column() -> None:
    found = prop("CATEGORIES:Work,Te\r\n a\\x")
    with pytest.raises(ParseError, match=r"^line 3: CATEGORIES: unknown escape \\x") as caught:
        split_text_list(found.value, found)
    assert caught.value.field == "CATEGORIES"
    assert caught.value.column == found.column + len("Work,Tea")
    assert caught.value.length == 2
    with pytest.raises(ParseError, match=r"^line 3: CATEGORIES:"):
        unescape_text(found.value, found)


# -- errors ------------------------------------------------------------------------------


ERRORS = [
    # (id, text, message start, source, column, field)
    ("empty", "", "the iCalendar text is empty", "", None, None),
    ("blank", "\ufeff\r\n\r\n", "the iCalendar text is empty", "", None, None),
    ("fold-first", " BEGIN:VCALENDAR", "line 1: the line starts with a space or tab",
     " BEGIN:VCALENDAR", 1, None),
    ("fold-after-empty", "BEGIN:VCALENDAR\r\n\r\n X:1\r\nEND:VCALENDAR",
     "line 3: the line starts with a space or tab", " X:1", 1, None),
    ("control", calendar("SUMMARY:a\x07b"), "line 2: control character U+0007",
     "SUMMARY:a?b", 10, None),
    ("lone-cr", calendar("SUMMARY:a\rb"), "line 2: a carriage return (U+000D)",
     "SUMMARY:a?b", 10, None),
    ("no-name", calendar(":value"), "line 2: a content line starts with its name",
     ":value", 1, None),
    ("space-in-name", calendar("X FOO:1"), "line 2: X: expected ';' and a parameter or ':' "
     "and the value after the name, but a space follows", "X FOO:1", 2, "X"),
    ("no-colon", calendar("DTSTART"), "line 2: DTSTART: expected ';' and a parameter or ':' "
     "and the value after the name, but the line ends", "DTSTART", 8, "DTSTART"),
    ("no-colon-after-params", calendar('X;A="b"c'), "line 2: X: expected ';' and a parameter "
     "or ':' and the value after the parameters, but 'c' follows", 'X;A="b"c', 8, "X"),
    ("no-param-name", calendar("DTSTART;=x:1"), "line 2: DTSTART: expected a parameter name",
     "DTSTART;=x:1", 9, "DTSTART"),
    ("no-param-equals", calendar("DTSTART;TZID:1"), "line 2: DTSTART: parameter TZID needs "
     "'='", "DTSTART;TZID:1", 13, "DTSTART"),
    ("unclosed-quote", calendar('ATTENDEE;CN="Erika:mailto:e@example.com'),
     "line 2: ATTENDEE: the quoted value of parameter CN has no closing double quote",
     'ATTENDEE;CN="Erika:mailto:e@example.com', 13, "ATTENDEE"),
    ("quote-inside", calendar('ATTENDEE;CN=Er"ika":mailto:e@example.com'),
     "line 2: ATTENDEE: a double quote inside the value of parameter CN",
     'ATTENDEE;CN=Er"ika":mailto:e@example.com', 15, "ATTENDEE"),
    ("param-twice", calendar("DTSTART;TZID=A;tzid=B:1"),
     "line 2: DTSTART: parameter TZID is given twice", "DTSTART;TZID=A;tzid=B:1", 16,
     "DTSTART"),
    ("begin-params", calendar("BEGIN;X=1:VEVENT", "END:VEVENT"),
     "line 2: BEGIN takes no parameters", "BEGIN;X=1:VEVENT", 6, "BEGIN"),
    ("begin-no-name", calendar("BEGIN:", "END:VEVENT"), "line 2: BEGIN names a component",
     "BEGIN:", 7, "BEGIN"),
    ("end-bad-name", calendar("BEGIN:VEVENT", "END:V EVENT"), "line 3: END names a component",
     "END:V EVENT", 5, "END"),
    ("before-calendar", "VERSION:2.0\r\n" + calendar(),
     "line 1: VERSION comes before BEGIN:VCALENDAR", "VERSION:2.0", 1, "VERSION"),
    ("after-calendar", calendar() + "X-TRAILER:1\r\n",
     "line 3: X-TRAILER comes after END:VCALENDAR on line 2", "X-TRAILER:1", 1, "X-TRAILER"),
    ("event-outside", "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
     "line 1: BEGIN:VEVENT is outside any VCALENDAR", "BEGIN:VEVENT", 7, "BEGIN"),
    ("event-after", calendar() + "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
     "line 3: BEGIN:VEVENT is outside any VCALENDAR", "BEGIN:VEVENT", 7, "BEGIN"),
    ("nested-calendar", calendar("BEGIN:VEVENT", "BEGIN:VCALENDAR"),
     "line 3: BEGIN:VCALENDAR inside VEVENT (begun on line 2)", "BEGIN:VCALENDAR", 7,
     "BEGIN"),
    ("end-mismatch", calendar("BEGIN:VEVENT", "BEGIN:VALARM", "END:VEVENT"),
     "line 4: END:VEVENT while VALARM (begun on line 3) is still open; end VALARM first",
     "END:VEVENT", 5, "END"),
    ("end-calendar-early", calendar("BEGIN:VEVENT"),
     "line 3: END:VCALENDAR while VEVENT (begun on line 2) is still open", "END:VCALENDAR",
     5, "END"),
    ("end-without-begin", "END:VEVENT\r\n", "line 1: END:VEVENT has no BEGIN:VEVENT",
     "END:VEVENT", 5, "END"),
    ("end-after-calendar", calendar() + "END:VCALENDAR\r\n",
     "line 3: END:VCALENDAR has no BEGIN:VCALENDAR", "END:VCALENDAR", 5, "END"),
    ("never-ended", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n",
     "line 2: BEGIN:VEVENT is never ended; add END:VEVENT", "BEGIN:VEVENT", 7, "BEGIN"),
    ("calendar-never-ended", "BEGIN:VCALENDAR\r\n",
     "line 1: BEGIN:VCALENDAR is never ended", "BEGIN:VCALENDAR", 7, "BEGIN"),
    ("folded-error-line", calendar("DTSTART;TZID=Europe/Berlin\r\n ;TZID=x:1"),
     "line 3: DTSTART: parameter TZID is given twice", "DTSTART;TZID=Europe/Berlin;TZID=x:1",
     28, "DTSTART"),
]


@pytest.mark.parametrize(("text", "start", "source", "column", "field"),
                         [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS])
def test_each_bad_text_is_a_parse_error_at_its_line(
    text: str, start: str, source: str, column: int | None, field: str | None
) -> None:
    with pytest.raises(ParseError) as caught:
        read_components(text)
    error = caught.value
    assert error.reason.startswith(start), error.reason
    assert (error.source, error.column, error.field) == (source, column, field)
    # What to do is said after a ';' or ':' (never a Python repr of the input).
    assert "; " in error.reason or ": " in error.reason
    assert not re.search(r"[\x00-\x08\x0a-\x1f]", str(error).replace("\n", ""))


def test_bytes_are_refused_with_a_hint_to_decode() -> None:
    with pytest.raises(ParseError, match="must be a string, not bytes; decode it as UTF-8"):
        read_components(b"BEGIN:VCALENDAR")  # type: ignore[arg-type]


# -- limits ------------------------------------------------------------------------------


def test_text_of_4_mib_is_read_and_one_more_character_is_refused() -> None:
    frame = calendar("X-PAD:")
    padded = frame.replace("X-PAD:", "X-PAD:" + "a" * (limits.MAX_ICAL_LENGTH - len(frame)))
    assert len(padded) == limits.MAX_ICAL_LENGTH
    read_components(padded)
    with pytest.raises(ParseError, match=f"is {limits.MAX_ICAL_LENGTH + 1} characters long; "
                       f"cadence reads at most {limits.MAX_ICAL_LENGTH}"):
        read_components(padded + "\n")
    with pytest.raises(ParseError) as caught:
        read_components("\r\n".join(["BEGIN:VCALENDAR", "X:" + "a" * limits.MAX_ICAL_LENGTH]))
    assert caught.value.source == "BEGIN:VCALENDAR..."


def test_components_beyond_the_limit_are_refused_at_the_first_one_too_many() -> None:
    events = limits.MAX_ICAL_COMPONENTS - 1  # the VCALENDAR is one
    read_components(calendar(*["BEGIN:VEVENT", "END:VEVENT"] * events))
    with pytest.raises(ParseError) as caught:
        read_components(calendar(*["BEGIN:VEVENT", "END:VEVENT"] * (events + 1)))
    assert caught.value.reason.startswith(
        f"line {2 * events + 2}: the text has more than {limits.MAX_ICAL_COMPONENTS} "
        "components; cadence reads at most that many: split the calendar")


def test_properties_beyond_the_limit_are_refused_at_the_first_one_too_many() -> None:
    many = ["X-N:1"] * limits.MAX_ICAL_PROPERTIES
    assert len(only(calendar(*many)).properties) == limits.MAX_ICAL_PROPERTIES
    with pytest.raises(ParseError) as caught:
        read_components(calendar(*many, "X-LAST:1"))
    error = caught.value
    assert error.reason == (
        f"line {limits.MAX_ICAL_PROPERTIES + 2}: VCALENDAR (begun on line 1) has more than "
        f"{limits.MAX_ICAL_PROPERTIES} properties; cadence reads at most that many in one "
        "component: split it")
    assert (error.source, error.column, error.field) == ("X-LAST:1", 1, "X-LAST")


def test_nesting_beyond_the_limit_is_refused() -> None:
    inner = [f"BEGIN:X-{level}" for level in range(2, limits.MAX_ICAL_DEPTH + 1)]
    ends = [f"END:X-{level}" for level in reversed(range(2, limits.MAX_ICAL_DEPTH + 1))]
    deepest = only(calendar(*inner, *ends))
    for _ in range(limits.MAX_ICAL_DEPTH - 1):
        [deepest] = deepest.children
    assert deepest.name == f"X-{limits.MAX_ICAL_DEPTH}"
    with pytest.raises(ParseError, match=f"line {limits.MAX_ICAL_DEPTH + 1}: BEGIN:X-DEEP "
                       f"nests components more than {limits.MAX_ICAL_DEPTH} levels deep"):
        read_components(calendar(*inner, "BEGIN:X-DEEP", "END:X-DEEP", *ends))


# -- real exports ------------------------------------------------------------------------


def fold(line: str) -> str:
    """``line`` folded at 75 characters, as exporters do."""
    parts = [line[:75]] + [line[index:index + 74] for index in range(75, len(line), 74)]
    return "\r\n ".join(parts)


OUTLOOK = "\r\n".join(fold(line) for line in [
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
    "BEGIN:VTIMEZONE",
    "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16011028T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010325T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    'ATTENDEE;CN="Beispiel, Max";RSVP=TRUE:mailto:max.beispiel@example.com',
    "CLASS:PUBLIC",
    "CREATED:20261101T101500Z",
    r"DESCRIPTION:Weekly sync of the site team.\n\nAgenda: progress\, risks\, next steps.\n",
    "DTEND;TZID=W. Europe Standard Time:20261123T093000",
    "DTSTAMP:20261101T101500Z",
    "DTSTART;TZID=W. Europe Standard Time:20261123T090000",
    "LAST-MODIFIED:20261101T101500Z",
    r"LOCATION:Site office\, room 2",
    'ORGANIZER;CN="Muster, Erika":mailto:erika.muster@example.com',
    "PRIORITY:5",
    "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO",
    "SEQUENCE:0",
    "SUMMARY;LANGUAGE=de-de:Baustellenbesprechung",
    "TRANSP:OPAQUE",
    "UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A601000000000000000010"
    "00000012345678901234567890ABCDEF",
    "X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Weekly sync of the site team.</p>"
    "</body></html>",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "X-MICROSOFT-CDO-IMPORTANCE:1",
    "BEGIN:VALARM",
    "TRIGGER:-PT15M",
    "ACTION:DISPLAY",
    "DESCRIPTION:Reminder",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
])


def named(component: Component, name: str) -> Property:
    """The first ``name`` property of ``component``, which must have one."""
    found = component.first(name)
    assert found is not None, name
    return found


def test_an_outlook_export_reads_into_its_zone_and_event() -> None:
    assert "\r\n " in OUTLOOK  # the long lines are folded
    root = only(OUTLOOK)
    assert [p.name for p in root.properties] == [
        "PRODID", "VERSION", "METHOD", "X-MS-OLK-FORCEINSPECTOROPEN"]
    zone, event = root.children
    assert named(zone, "TZID").value == "W. Europe Standard Time"
    standard, daylight = zone.children
    assert (standard.name, daylight.name) == ("STANDARD", "DAYLIGHT")
    assert [p.value for p in daylight.every("TZOFFSETTO")] == ["+0200"]
    start = named(event, "DTSTART")
    assert (start.param("TZID"), start.value) == ("W. Europe Standard Time", "20261123T090000")
    uid = named(event, "UID").value
    assert uid.endswith("ABCDEF")
    assert len(uid) > 100
    assert named(event, "ORGANIZER").param("CN") == "Muster, Erika"
    description = named(event, "DESCRIPTION")
    assert unescape_text(description.value, description) == (
        "Weekly sync of the site team.\n\nAgenda: progress, risks, next steps.\n")
    assert [child.name for child in event.children] == ["VALARM"]


GOOGLE = "\n".join(fold(line) for line in [  # Google's files end lines with CRLF; LF here
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Site team",
    "X-WR-TIMEZONE:Europe/Berlin",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Berlin:20261123T091500",
    "DTEND;TZID=Europe/Berlin:20261123T093000",
    "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270331T081500Z;BYDAY=MO,TU,WE,TH,FR",
    "EXDATE;TZID=Europe/Berlin:20261224T091500,20261231T091500",
    "DTSTAMP:20261120T120000Z",
    "UID:7kukuqrfedlm2f9t6vmfsnk5gm@google.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Erika Muster;"
    "X-NUM-GUESTS=0:mailto:erika.muster@example.com",
    "CREATED:20261101T080000Z",
    r"DESCRIPTION:Daily stand-up.\nJoin: https://meet.google.com/abc-defg-hij\n"
    "Dial-in: +49 30 1234 5678",
    "LAST-MODIFIED:20261120T120000Z",
    "LOCATION:",
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "SUMMARY:Stand-up",
    "TRANSP:OPAQUE",
    r"CATEGORIES:Team,Daily\, short",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
])


def test_a_google_export_reads_with_its_folded_parameters() -> None:
    root = only(GOOGLE)
    assert named(root, "X-WR-TIMEZONE").value == "Europe/Berlin"
    [zone, event] = root.children
    assert [child.name for child in zone.children] == ["DAYLIGHT", "STANDARD"]
    attendee = named(event, "ATTENDEE")
    assert attendee.folds[0] < attendee.column  # folded inside a parameter
    assert attendee.params["CN"] == ("Erika Muster",)
    assert attendee.params["X-NUM-GUESTS"] == ("0",)
    assert attendee.value == "mailto:erika.muster@example.com"
    assert named(event, "EXDATE").value.split(",") == ["20261224T091500", "20261231T091500"]
    assert named(event, "LOCATION").value == ""
    categories = named(event, "CATEGORIES")
    assert split_text_list(categories.value, categories) == ["Team", "Daily, short"]
    rule = "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270331T081500Z;BYDAY=MO,TU,WE,TH,FR"
    assert named(event, "RRULE").line == GOOGLE.split("\n").index(rule) + 1
