"""Strategies for systemd calendar events (``OnCalendar=``, systemd.time(7)):
:func:`systemd_calendar_events`, with :data:`SYSTEMD_FEATURES`.

Every expression is one that ``systemd-analyze calendar`` (systemd 252) accepts too, and
every near-miss one that it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, Literal, NamedTuple, overload

from hypothesis import strategies as st

from .._calendar import WEEKDAY_NAMES
from ..formats._systemd import FIRST_YEAR, LAST_FROM_END, LAST_YEAR, read_systemd
from ..formats.systemd import SHORTHANDS
from ._drawing import LONGEST_MONTH, UNIVERSAL_DAY, maybe
from ._invalid import Invalid, one_of_applicable
from ._options import chosen_from, zone_names

__all__ = ["SYSTEMD_FEATURES", "systemd_calendar_events"]

#: systemd features: ``weekdays`` (a weekday part, ``Mon..Fri``, ``sat,Sunday``),
#: ``years`` (a year in the date, ``2030``, ``2025..2030``, two-digit ``30``),
#: ``from_end`` (days counted from the month's end, ``~01``), ``lists`` (``1,15``),
#: ``ranges`` (``9..17``, ``Mon..Fri``), ``repetitions`` (``0/15``, ``9..17/2``),
#: ``seconds`` (a seconds value other than ``00``), ``shorthands`` (``daily``,
#: ``weekly`` ...), ``epoch`` (``@1700000000``, one moment; only without ``zones``).
SYSTEMD_FEATURES = frozenset({"weekdays", "years", "from_end", "lists", "ranges",
                              "repetitions", "seconds", "shorthands", "epoch"})

#: The first second systemd no longer reads (``@`` epochs stop at the end of 2199).
_EPOCH_END = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc).timestamp())
#: A run of this many days holds every weekday, in any month.
_WEEK = 7


class _Field(NamedTuple):
    low: int
    high: int
    width: int  # digits of the zero-padded spelling
    from_end: bool = False  # days counted from the month's end: repetitions run down


_YEAR = _Field(FIRST_YEAR, LAST_YEAR, 4)
_MONTH = _Field(1, 12, 2)
_DAY = _Field(1, LONGEST_MONTH, 2)
_FROM_END = _Field(1, LAST_FROM_END, 2, from_end=True)
_HOUR = _Field(0, 23, 2)
_MINUTE = _Field(0, 59, 2)
_SECOND = _Field(0, 59, 2)
#: The time components, in their order in ``HH:MM:SS``.
_CLOCK = (_HOUR, _MINUTE, _SECOND)


class _Event(NamedTuple):
    """A generated calendar event, kept in parts for mutating."""

    weekdays: str | None
    date: tuple[str | None, str, str, str] | None  # year (None: MM-DD), month, "-" or "~", day
    clock: tuple[str, ...] | None  # hour, minute and maybe second
    zone: str | None
    word: str | None  # a shorthand or an @epoch, which stands for the parts

    @property
    def text(self) -> str:
        if self.word is not None:
            return " ".join(part for part in (self.word, self.zone) if part)
        date = None
        if self.date is not None:
            year, month, separator, day = self.date
            date = ("" if year is None else f"{year}-") + f"{month}{separator}{day}"
        clock = ":".join(self.clock) if self.clock is not None else None
        return " ".join(part for part in (self.weekdays, date, clock, self.zone) if part)


def _number(draw: st.DrawFn, value: int, field: _Field) -> str:
    """``value`` zero-padded or not: systemd reads both."""
    return f"{value:0{field.width}d}" if draw(st.booleans()) else str(value)


def _item(draw: st.DrawFn, field: _Field, features: frozenset[str], first_max: int,
          least_length: int = 1) -> str:
    """One list item whose first value is at most ``first_max`` and that spans at least
    ``least_length`` consecutive values (a range, when that is more than one)."""
    kinds = ["single"] if least_length == 1 else []
    if "ranges" in features:
        kinds.append("range")
    if "repetitions" in features and least_length == 1:
        kinds.append("repeat")
    kind = draw(st.sampled_from(kinds))
    if kind == "repeat" and field.from_end:
        start = draw(st.integers(field.low + 1, first_max))
        return f"{_number(draw, start, field)}/{draw(st.integers(1, start - field.low))}"
    if kind == "repeat":  # systemd refuses a first repetition past the field's end
        start = draw(st.integers(field.low, min(first_max, field.high - 1)))
        every = draw(st.integers(1, field.high - start))
        return f"{_number(draw, start, field)}/{every}"
    span = max(least_length, 2)  # systemd refuses 'a..a' in seconds
    if kind == "single":
        return _number(draw, draw(st.integers(field.low, min(first_max, field.high))), field)
    start = draw(st.integers(field.low, min(first_max, field.high - span + 1)))
    end = draw(st.integers(start + span - 1, field.high))
    text = f"{_number(draw, start, field)}..{_number(draw, end, field)}"
    if maybe(draw, "repetitions" in features and least_length == 1):
        # '~a..b/r' counts from ~a, as 'a..b/r' counts from a.
        text += f"/{draw(st.integers(1, field.high - field.low))}"
    return text


def _component(draw: st.DrawFn, field: _Field, features: frozenset[str], *,
               first_max: int | None = None, least_length: int = 1, star: bool = True
               ) -> str:
    """A date or time component; its first item holds a value at most ``first_max``
    and, with ``least_length``, a run of that many values."""
    if star and draw(st.integers(0, 3)) == 0:
        return "*"  # systemd takes '*' only alone; '~*' is every day
    count = draw(st.integers(2, 3)) if maybe(draw, "lists" in features) else 1
    if field.from_end and count > 1:
        # systemd checks the k-th item of a '~' list (in ascending order) against a limit
        # 3 lower than the item before it ('~1,26' is refused): keep every item within the
        # last item's limit.
        field = field._replace(high=field.high - 3 * (count - 1))
    top = field.high if first_max is None else first_max
    items = [_item(draw, field, features, top, least_length)]
    items += [_item(draw, field, features, field.high) for _ in range(count - 1)]
    return ",".join(items)


def _weekday_name(draw: st.DrawFn, day: int) -> str:
    name = WEEKDAY_NAMES[day]
    name = name if draw(st.booleans()) else name[:3]
    return draw(st.sampled_from((name, name.lower(), name.upper())))


def _weekdays(draw: st.DrawFn, features: frozenset[str]) -> str:
    count = draw(st.integers(2, 3)) if maybe(draw, "lists" in features) else 1
    items = []
    for _ in range(count):
        first = draw(st.integers(0, 6))
        if maybe(draw, "ranges" in features):  # ranges never wrap past Sunday
            last = draw(st.integers(first, 6))
            dots = draw(st.sampled_from(("..", "..", "-")))  # systemd reads 'Mon-Fri' too
            items.append(f"{_weekday_name(draw, first)}{dots}{_weekday_name(draw, last)}")
        else:
            items.append(_weekday_name(draw, first))
    return ",".join(items)


def _year(draw: st.DrawFn, features: frozenset[str]) -> str:
    if draw(st.integers(0, 3)) == 0:  # two digits: 00-69 are 2000-2069
        return f"{draw(st.integers(0, 69)):02d}"
    return _component(draw, _YEAR, features)


def _date(draw: st.DrawFn, features: frozenset[str], weekdays: bool
          ) -> tuple[str | None, str, str, str]:
    """A date whose days exist in every month; beside a weekday part, they hold a
    whole week, so every weekday meets them."""
    year = _year(draw, features) if maybe(draw, "years" in features) else None
    if year is None and draw(st.booleans()):
        year = "*"
    month = _component(draw, _MONTH, features)
    from_end = maybe(draw, "from_end" in features)
    week = _WEEK if weekdays else 1
    if weekdays and "ranges" not in features:
        day = "*"
    elif from_end:  # ~01 to ~28 exist in every month; '~*' is every day
        day = _component(draw, _FROM_END, features, least_length=week)
    else:
        day = _component(draw, _DAY, features, first_max=UNIVERSAL_DAY - week + 1,
                         least_length=week)
    return year, month, "~" if from_end else "-", day


def _clock(draw: st.DrawFn, features: frozenset[str]) -> tuple[str, ...]:
    hour, minute = (_component(draw, field, features) for field in _CLOCK[:2])
    if maybe(draw, "seconds" in features):
        return hour, minute, _component(draw, _SECOND, features)
    return (hour, minute, "00") if draw(st.booleans()) else (hour, minute)


@st.composite
def _event(draw: st.DrawFn, features: frozenset[str], zones: tuple[str, ...] | None
           ) -> _Event:
    zone = draw(st.sampled_from(zones)) if zones else None
    if maybe(draw, "epoch" in features and zone is None) and draw(st.integers(0, 7)) == 0:
        # systemd checks a zone after an epoch and reads the moment in UTC all the same.
        epoch_zone = draw(st.sampled_from((None, "UTC", "utc", "Europe/Berlin")))
        return _Event(None, None, None, epoch_zone,
                      f"@{draw(st.integers(0, _EPOCH_END - 1))}")
    if maybe(draw, "shorthands" in features) and draw(st.integers(0, 3)) == 0:
        word = draw(st.sampled_from(sorted(SHORTHANDS)))
        return _Event(None, None, None, zone, draw(st.sampled_from((word, word.title()))))
    weekdays = _weekdays(draw, features) if maybe(draw, "weekdays" in features) else None
    # At least one part: a weekday part, a date, a time (each may stand alone).
    shape = draw(st.sampled_from(("date", "time", "both") if weekdays is None
                                 else ("none", "date", "time", "both")))
    date = _date(draw, features, weekdays is not None) if shape in ("date", "both") else None
    clock = _clock(draw, features) if shape in ("time", "both") else None
    if weekdays is not None and date is not None and draw(st.integers(0, 4)) == 0:
        weekdays += ","  # systemd reads 'Wed, 17:48' too
    return _Event(weekdays, date, clock, zone, None)


# -- near-misses -----------------------------------------------------------------------


@st.composite
def _invalid_event(draw: st.DrawFn, features: frozenset[str],
                   zones: tuple[str, ...] | None) -> Invalid:
    event = draw(_event(features, zones))
    parts = event.word is None

    def bad(changed: _Event) -> Invalid:
        return Invalid(changed.text, "INVALID_EXPRESSION", "")

    def with_clock_component(index: int, text: str) -> Invalid:
        clock = list(event.clock or ("00", "00"))
        clock += ["00"] * (index + 1 - len(clock))
        clock[index] = text
        return bad(event._replace(clock=tuple(clock)))

    def with_date(year: str | None, month: str, separator: str, day: str) -> Invalid:
        return bad(event._replace(date=(year, month, separator, day)))

    def time_out_of_range() -> Invalid:
        index = draw(st.integers(0, 2))
        return with_clock_component(index, str(draw(st.integers(_CLOCK[index].high + 1, 99))))

    def date_out_of_range() -> Invalid:
        year, month, separator, day = event.date or (None, "*", "-", "*")
        which = draw(st.sampled_from(("year", "month", "day")))
        if which == "year":
            wrong = draw(st.sampled_from((draw(st.integers(1000, FIRST_YEAR - 1)),
                                          draw(st.integers(LAST_YEAR + 1, 9999)))))
            return with_date(str(wrong), month, separator, day)
        if which == "month":
            wrong = draw(st.sampled_from((0, draw(st.integers(13, 99)))))
            return with_date(year, f"{wrong:02d}", separator, day)
        if separator == "~":
            wrong = draw(st.sampled_from((0, draw(st.integers(LAST_FROM_END + 1, 99)))))
        else:
            wrong = draw(st.sampled_from((0, draw(st.integers(LONGEST_MONTH + 1, 99)))))
        return with_date(year, month, separator, f"{wrong:02d}")

    def backwards_range() -> Invalid:
        index = draw(st.integers(0, 1))
        high = draw(st.integers(1, _CLOCK[index].high))
        return with_clock_component(index, f"{high}..{draw(st.integers(0, high - 1))}")

    def bad_repetition() -> Invalid:
        index = draw(st.integers(0, 1))
        field = _CLOCK[index]
        start = draw(st.integers(field.low, field.high))
        if draw(st.booleans()):  # past the field's end already at the first repetition
            text = f"{start}/{draw(st.integers(field.high - start + 1, 99))}"
        else:
            text = draw(st.sampled_from((f"{start}/0", "*/" + str(draw(st.integers(1, 30))))))
        return with_clock_component(index, text)

    def from_end_list_too_deep() -> Invalid:
        year, month, _, _ = event.date or (None, "*", "-", "*")
        count = draw(st.integers(2, 4))
        limit = LAST_FROM_END - 3 * (count - 1)  # the last item's limit, as systemd checks
        days = sorted(draw(st.lists(st.integers(1, limit), min_size=count - 1,
                                    max_size=count - 1, unique=True)))
        days.append(draw(st.integers(max(days[-1] + 1, limit + 1), LAST_FROM_END)))
        shuffled = draw(st.permutations(days))
        return with_date(year, month, "~", ",".join(f"{day:02d}" for day in shuffled))

    def one_second_range() -> Invalid:
        second = draw(st.integers(0, 59))
        return with_clock_component(2, f"{second}..{second}")

    def star_in_list() -> Invalid:
        index = draw(st.integers(0, 1))
        return with_clock_component(index, f"*,{draw(st.integers(0, _CLOCK[index].high))}")

    def missing_minute() -> Invalid:
        hour = (event.clock or ("9",))[0]
        return bad(event._replace(clock=(hour,) if draw(st.booleans()) else (hour, "")))

    def wrapping_weekdays() -> Invalid:
        last = draw(st.integers(0, 5))
        first = draw(st.integers(last + 1, 6))
        return bad(event._replace(weekdays=f"{WEEKDAY_NAMES[first][:3]}.."
                                           f"{WEEKDAY_NAMES[last][:3]}"))

    def unknown_weekday() -> Invalid:
        name = draw(st.sampled_from(("Tues", "Thur", "Mo", "Frei", "Weds", "Sonday")))
        return bad(event._replace(weekdays=name))

    def unknown_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "Europe/Berlim", "America/NewYork")))
        return bad(event._replace(zone=zone))

    def unknown_shorthand() -> Invalid:
        word = draw(st.sampled_from(("biweekly", "fortnightly", "secondly", "daily5")))
        return bad(event._replace(word=word))

    def shorthand_with_time() -> Invalid:
        assert event.word is not None
        return Invalid(f"{event.word} {draw(st.integers(0, 23))}:00", "INVALID_EXPRESSION",
                       "")

    def epoch_too_late() -> Invalid:
        return bad(event._replace(word=f"@{draw(st.integers(_EPOCH_END, 10 * _EPOCH_END))}"))

    shorthand = event.word is not None and not event.word.startswith("@")
    return one_of_applicable(draw, {
        "time_out_of_range": time_out_of_range if parts else None,
        "date_out_of_range": date_out_of_range if parts else None,
        "backwards_range": backwards_range if parts else None,
        "bad_repetition": bad_repetition if parts else None,
        "star_in_list": star_in_list if parts else None,
        "from_end_list_too_deep": from_end_list_too_deep if parts and event.weekdays is None
        else None,
        "one_second_range": one_second_range if parts else None,
        "missing_minute": missing_minute if parts else None,
        "wrapping_weekdays": wrapping_weekdays if parts else None,
        "unknown_weekday": unknown_weekday if parts else None,
        "unknown_zone": unknown_zone if parts or shorthand else None,
        "unknown_shorthand": unknown_shorthand if shorthand else None,
        "shorthand_with_time": shorthand_with_time if shorthand and event.zone is None
        else None,
        "epoch_too_late": epoch_too_late if not parts and not shorthand else None,
    })


def _systemd_zone(name: str) -> object:
    """A zone as a systemd calendar event names it (an IANA name, or UTC)."""
    return read_systemd(f"daily {name}").zone


@overload
def systemd_calendar_events(*, zones: Sequence[str] | None = ...,
                            features: Collection[str] | None = ...,
                            valid: Literal[True] = ...) -> st.SearchStrategy[str]: ...
@overload
def systemd_calendar_events(*, zones: Sequence[str] | None = ...,
                            features: Collection[str] | None = ...,
                            valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def systemd_calendar_events(*, zones: Sequence[str] | None = ...,
                            features: Collection[str] | None = ..., valid: bool
                            ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]: ...
def systemd_calendar_events(*, zones: Sequence[str] | None = None,
                            features: Collection[str] | None = None, valid: bool = True
                            ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]:
    """systemd calendar events (``format="systemd"``): ``[weekdays] [date] [time]
    [zone]``, a shorthand such as ``daily``, or an ``@`` epoch.

    ``features`` come from :data:`SYSTEMD_FEATURES`; ``zones`` adds a trailing zone.
    Every valid event fires: its days always include one that every month has, and
    beside a weekday part they hold a whole week. ``valid=False`` mutations, all
    ``INVALID_EXPRESSION`` at ``""``: a value out of range, a range that runs backwards,
    a zero repetition, one past the field's end or one from ``*``, ``*`` in a list, a
    ``~`` list whose later items count too far from the month's end for systemd
    (``~1,26``), a seconds range of one second (``5..5``), a time without minutes,
    weekdays that wrap past Sunday, an unknown weekday, zone or shorthand, a shorthand
    with a time, and an epoch after 2199.

    >>> systemd_calendar_events(zones=["Europe/Berlin"], features={"weekdays"}).validate()
    """
    chosen = chosen_from(features, SYSTEMD_FEATURES, "features")
    names = zone_names(zones, _systemd_zone)
    if valid:
        return _event(chosen, names).map(lambda event: event.text)
    return _invalid_event(chosen, names)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {
    "systemd": systemd_calendar_events,
}
