"""Hypothesis strategies for every format cadence reads, for property tests of your code.

Install with ``pip install "cadence[strategies]"`` (Hypothesis is not a dependency of
cadence itself). Every strategy draws either a **valid** payload, which
:func:`cadence.validate` accepts without an error (warnings may come) and
:func:`cadence.parse` reads, or, with ``valid=False``, an :class:`Invalid`: a payload
that differs from a valid one by exactly one mutation, with the Problem ``code`` that
mutation causes and its JSON ``path``.

>>> import cadence
>>> from hypothesis import given, settings
>>> @settings(max_examples=20, database=None)
... @given(cron_expressions(zones=["Europe/Berlin", "UTC"]))
... def test_every_expression_parses(expression: str) -> None:
...     assert not [p for p in cadence.validate(expression, "cron") if p.is_error]
...     assert expression.startswith("CRON_TZ=")
>>> test_every_expression_parses()

Options shared by the strategies:

- ``zones``: the zone names to draw from. A payload names one of them (``CRON_TZ=``
  for cron and Quartz, ``DTSTART;TZID=`` for RRULE, ``timeZoneId`` for campaigns,
  ``timeZone.name`` for Helix); ``None`` (the default) means payloads name no zone,
  so they run in UTC. EDFS timers and Bentley calendars have no zone field (they take
  ``tz=``), so those strategies have no ``zones`` option.
- ``features``: the optional constructs that may appear, from the format's vocabulary
  (the ``*_FEATURES`` constants below); ``None`` means all of them, an empty set the
  plainest payloads. A feature allowed is not promised in every example.
- ``valid=False``: draw :class:`Invalid` near-misses instead.

The invalid payloads of the string formats (cron, Quartz, RRULE) carry the codes of
``cadence.validate``'s string check: ``INVALID_EXPRESSION``, ``NEVER_FIRES`` and
``INVALID_TYPE``, always at path ``""``. ``INVALID_ZONE`` is never announced: it comes
from validate's ``tz=`` argument only, while an unknown zone inside a string
(``CRON_TZ=``, ``TZID=``) makes the string unreadable, ``INVALID_EXPRESSION``.

Everything is built constructively (no rejection sampling), so the strategies are cheap.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple, TypeVar, overload

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        'cadence.strategies needs Hypothesis: pip install "cadence[strategies]"'
    ) from exc

from ._zones import resolve_zone
from .errors import ScheduleError
from .ir import CronRule, MonthDays, Period, PeriodUnit, Weekdays
from .schedule import Schedule

__all__ = [
    "BENTLEY_FEATURES",
    "CAMPAIGN_FEATURES",
    "CAMPAIGN_TYPES",
    "CRON_FEATURES",
    "EDFS_FEATURES",
    "HELIX_FEATURES",
    "HELIX_FREQUENCIES",
    "QUARTZ_FEATURES",
    "RRULE_FEATURES",
    "RRULE_FREQUENCIES",
    "SCHEDULE_FEATURES",
    "Invalid",
    "bentley_calendars",
    "campaign_schedules",
    "cron_expressions",
    "edfs_timers",
    "helix_timeframes",
    "quartz_expressions",
    "rrules",
    "schedules",
    "timebundle_status_changes",
]

T = TypeVar("T")
Dialect = Literal["cron", "quartz"]


class Invalid(NamedTuple):
    """A payload one mutation away from a valid one, and the problem it causes.

    ``payload`` is what to feed the code under test (a string, a dict, any JSON value,
    or JSON text); ``code`` is the :attr:`cadence.Problem.code` that
    ``cadence.validate(payload, format)`` reports among its errors; ``path`` is that
    problem's JSON Pointer (``""`` = the whole payload, always so for strings).

    >>> bad = Invalid("61 * * * *", "INVALID_EXPRESSION", "")
    >>> payload, code, path = bad
    >>> code
    'INVALID_EXPRESSION'
    """

    payload: Any
    code: str
    path: str


#: Cron features: ``lists`` (``1,15``), ``ranges`` (``1-5``), ``steps`` (``*/15``,
#: ``5/15``, ``1-30/5``), ``names`` (``JAN``, ``mon``), ``wrap`` (ranges that wrap
#: around, ``FRI-MON``; with ``ranges``), ``L`` (``L``, ``L-3``, ``5L``), ``W``
#: (``15W``, ``LW``), ``#`` (``MON#2``), ``macros`` (``@daily``).
CRON_FEATURES = frozenset({"lists", "ranges", "steps", "names", "wrap", "L", "W", "#",
                           "macros"})
#: Quartz features: as cron without ``macros``, plus ``seconds`` (a seconds field other
#: than ``0``) and ``years`` (the optional 7th field). ``L`` includes ``L`` alone in
#: day-of-week (Saturday).
QUARTZ_FEATURES = frozenset({"lists", "ranges", "steps", "names", "wrap", "L", "W", "#",
                             "seconds", "years"})
#: RRULE features: ``interval``, ``count``, ``until``, ``byday`` (``BYDAY=MO,FR``),
#: ``ordinals`` (``BYDAY=2MO,-1FR``), ``bymonthday`` (negative ones too), ``bymonth``,
#: ``bytime`` (``BYHOUR``, ``BYMINUTE``, ``BYSECOND``), ``bysetpos``, ``exdate``, ``wkst``.
RRULE_FEATURES = frozenset({"interval", "count", "until", "byday", "ordinals", "bymonthday",
                            "bymonth", "bytime", "bysetpos", "exdate", "wkst"})
#: The RRULE frequencies drawn by default (``SECONDLY`` can be asked for).
RRULE_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY")
_ALL_RRULE_FREQUENCIES = (*RRULE_FREQUENCIES, "SECONDLY")
#: Campaign features: ``ranges`` (RANGE selectors), ``intervals``, ``wrap`` (a RANGE that
#: wraps, with its ``RANGE_WRAPS`` warning), ``last`` (``L``, ``L-n`` days), ``months``
#: (ANNUALLY with a months selector; without it, ANNUALLY takes ``--MM-DD`` dates),
#: ``expiration``.
CAMPAIGN_FEATURES = frozenset({"ranges", "intervals", "wrap", "last", "months", "expiration"})
#: Campaign schedule types.
CAMPAIGN_TYPES = ("WEEKLY", "MONTHLY", "ANNUALLY", "CALENDAR")
#: Helix features: ``overnight`` (a window past midnight), ``offset`` (``timeZone.offset``
#: beside the name, always the zone's true offset), ``blackout`` (the blackout-policy
#: spelling ``recurrencePattern``), ``bare`` (the ``schedule`` object alone).
HELIX_FEATURES = frozenset({"overnight", "offset", "blackout", "bare"})
#: Helix frequencies.
HELIX_FREQUENCIES = ("oneTime", "daily", "weekly", "monthly")
#: EDFS features: the cron features of ``cronStr``, plus ``fields`` (``id``, ``name``,
#: ``packageUniqueName``, ``enabled`` and ``parameters`` beside ``cronStr``).
EDFS_FEATURES = CRON_FEATURES | {"fields"}
#: Bentley features: ``exceptions``, ``overnight`` (a block past midnight), ``seconds``
#: (``HH:MM:SS`` times), ``totals`` (``workingDaysPerWeek`` and, where the blocks agree,
#: ``workingSecondsPerDay``), ``bare`` (the calendar object without ``{"calendar": ...}``).
BENTLEY_FEATURES = frozenset({"exceptions", "overnight", "seconds", "totals", "bare"})
#: IR features of :func:`schedules`: ``seconds``, ``L`` (last day, ``L-n``, last weekday
#: of the month), ``W`` (nearest weekday, last weekday), ``#`` (n-th weekday), ``or``
#: (day-of-month OR day-of-week), ``years``, ``windows`` (a duration), ``periods``
#: (every n-th year/month/week/day), ``excluded_dates``, ``bounds`` (start and end),
#: ``unions`` (several rules).
SCHEDULE_FEATURES = frozenset({"seconds", "L", "W", "#", "or", "years", "windows", "periods",
                               "excluded_dates", "bounds", "unions"})


# -- arguments -------------------------------------------------------------------------


def _chosen(given: Collection[str] | None, vocabulary: frozenset[str], what: str
            ) -> frozenset[str]:
    if given is None:
        return vocabulary
    if isinstance(given, str):
        raise InvalidArgument(f"{what} is a collection of names, not the string {given!r}")
    chosen = frozenset(given)
    unknown = chosen - vocabulary
    if unknown:
        raise InvalidArgument(f"unknown {what} {sorted(unknown)}; choose from "
                              f"{sorted(vocabulary)}")
    return chosen


def _picked(given: Sequence[str] | None, known: Sequence[str], what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(known)
    if isinstance(given, str):
        raise InvalidArgument(f"{what} is a collection of names, not the string {given!r}")
    picked = tuple(dict.fromkeys(given))
    unknown = [name for name in picked if name not in known]
    if unknown or not picked:
        raise InvalidArgument(f"{what} must be a non-empty selection of {', '.join(known)}, "
                              f"not {list(given)!r}")
    return picked


def _zones(given: Sequence[str] | None, resolve: Callable[[str], object] = resolve_zone
           ) -> tuple[str, ...] | None:
    if given is None:
        return None
    if isinstance(given, str):
        raise InvalidArgument(f"zones is a sequence of zone names, not the string {given!r}")
    names = tuple(dict.fromkeys(given))
    if not names:
        raise InvalidArgument("zones is empty: give zone names, or None for no zone")
    for name in names:
        if not isinstance(name, str):
            raise InvalidArgument(f"zones holds zone names, not {name!r}")
        try:
            resolve(name)
        except ScheduleError as exc:
            raise InvalidArgument(f"zones: {exc}") from None
    return names


def _maybe(draw: st.DrawFn, allowed: bool) -> bool:
    return allowed and draw(st.booleans())


def _one_of_applicable(draw: st.DrawFn, candidates: dict[str, Callable[[], Invalid] | None]
                       ) -> Invalid:
    applicable = [make for make in candidates.values() if make is not None]
    make: Callable[[], Invalid] = draw(st.sampled_from(applicable))
    return make()


_NOT_OBJECTS: tuple[object, ...] = (None, 0, 7, 1.5, True, False, [], ["x"], [{}])
_NOT_STRINGS: tuple[object, ...] = (None, 0, 5, 1.5, True, [], {}, ["0 9 * * *"])


def _not_json(draw: st.DrawFn, payload: object) -> str:
    """JSON text broken by one edit: cut short, or with a trailing comma."""
    text = json.dumps(payload)
    return draw(st.sampled_from([text[:-1], text[:-1] + ",}", "{" + text, text + "}"]))


# -- cron and Quartz ----------------------------------------------------------------------


class _Spec(NamedTuple):
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0  # the number names[0] spells
    number_high: int | None = None  # a larger single number that is also allowed
    cyclic: bool = True


_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                "DEC")
_DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_SECOND = _Spec(0, 59)
_MINUTE = _Spec(0, 59)
_HOUR = _Spec(0, 23)
_DOM = _Spec(1, 31)
_MONTH = _Spec(1, 12, _MONTH_NAMES, 1)
_CRON_DOW = _Spec(0, 6, _DAY_NAMES, 0, number_high=7)
_QUARTZ_DOW = _Spec(1, 7, _DAY_NAMES, 1)
_YEAR = _Spec(1970, 2099, cyclic=False)
_MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_UNIVERSAL_DAY = 28  # a day-of-month at most this exists in every month


class _Cron(NamedTuple):
    """A generated cron or Quartz expression, kept in parts for mutating."""

    dialect: Dialect
    prefix: str
    fields: tuple[str, ...]
    macro: str | None

    @property
    def text(self) -> str:
        return self.prefix + (self.macro if self.macro is not None else " ".join(self.fields))


def _spell(draw: st.DrawFn, spec: _Spec, value: int, features: frozenset[str]) -> str:
    index = value - spec.name_base
    if "names" in features and spec.names and 0 <= index < len(spec.names) and draw(
            st.booleans()):
        name = spec.names[index]
        return draw(st.sampled_from((name, name.lower(), name.title())))
    return str(value)


def _item(draw: st.DrawFn, spec: _Spec, features: frozenset[str], first_max: int | None
          ) -> str:
    """One list item of a numeric field; its first value is at most ``first_max``."""
    kinds = ["number"]
    if "ranges" in features:
        kinds.append("range")
    if "steps" in features:
        kinds.append("step")
    kind = draw(st.sampled_from(kinds))
    top = spec.high if first_max is None else min(first_max, spec.high)
    if kind == "number":
        high = spec.number_high if spec.number_high is not None and first_max is None else top
        return _spell(draw, spec, draw(st.integers(spec.low, high)), features)
    step = f"/{draw(st.integers(1, spec.high - spec.low + 1))}"
    if kind == "step" and draw(st.booleans()):
        return "*" + step
    start = draw(st.integers(spec.low, top))
    if kind == "step":
        return _spell(draw, spec, start, features) + step
    if "wrap" in features and spec.cyclic and start > spec.low and draw(st.booleans()):
        end = draw(st.integers(spec.low, start - 1))
    else:
        end = draw(st.integers(start, spec.high))
    text = f"{_spell(draw, spec, start, features)}-{_spell(draw, spec, end, features)}"
    return text + step if _maybe(draw, "steps" in features) else text


def _numeric_field(draw: st.DrawFn, spec: _Spec, features: frozenset[str], *,
                   first_max: int | None = None, star: bool = True) -> str:
    if star and draw(st.integers(0, 3)) == 0:
        return "*"
    count = draw(st.integers(2, 4)) if _maybe(draw, "lists" in features) else 1
    items = [_item(draw, spec, features, first_max)]
    items += [_item(draw, spec, features, None) for _ in range(count - 1)]
    return ",".join(items)


def _dom_special(draw: st.DrawFn, features: frozenset[str], universal: bool) -> str | None:
    kinds = []
    if "L" in features:
        kinds += ["L", "L-n"]
    if "W" in features:
        kinds += ["nW", "LW"]
    if not kinds:
        return None
    kind = draw(st.sampled_from(kinds))
    if kind == "L-n":
        return f"L-{draw(st.integers(1, 27 if universal else 30))}"
    if kind == "nW":
        return f"{draw(st.integers(1, _UNIVERSAL_DAY if universal else 31))}W"
    return kind


def _dom_field(draw: st.DrawFn, dialect: Dialect, features: frozenset[str]) -> str:
    """A restricted day-of-month whose first item exists in every month."""
    special = _maybe(draw, bool(features & {"L", "W"}))
    if dialect == "quartz":  # Quartz takes L, L-n, nW and LW only alone
        found = _dom_special(draw, features, True) if special else None
        return found or _numeric_field(draw, _DOM, features, first_max=_UNIVERSAL_DAY,
                                       star=False)
    count = draw(st.integers(2, 4)) if _maybe(draw, "lists" in features) else 1
    items = []
    for index in range(count):
        universal = index == 0
        found = _dom_special(draw, features, universal) if (
            special and draw(st.booleans())) else None
        items.append(found or _item(draw, _DOM, features,
                                    _UNIVERSAL_DAY if universal else None))
    return ",".join(items)


def _dow_special(draw: st.DrawFn, dialect: Dialect, features: frozenset[str],
                 years: bool) -> str | None:
    spec = _CRON_DOW if dialect == "cron" else _QUARTZ_DOW
    kinds = []
    if "L" in features:
        kinds += ["nL"] + (["L"] if dialect == "quartz" else [])
    if "#" in features:
        kinds.append("#")
    if not kinds:
        return None
    kind = draw(st.sampled_from(kinds))
    if kind == "L":
        return "L"
    if kind == "nL":
        return f"{draw(st.integers(spec.low, spec.number_high or spec.high))}L"
    weekday = _spell(draw, spec, draw(st.integers(spec.low, spec.high)), features)
    return f"{weekday}#{draw(st.integers(1, 4 if years else 5))}"


def _dow_field(draw: st.DrawFn, dialect: Dialect, features: frozenset[str], years: bool
               ) -> str:
    spec = _CRON_DOW if dialect == "cron" else _QUARTZ_DOW
    special = _maybe(draw, bool(features & {"L", "#"}))
    if dialect == "quartz":  # Quartz takes L, nL and n#k only alone
        found = _dow_special(draw, dialect, features, years) if special else None
        return found or _numeric_field(draw, spec, features, star=False)
    count = draw(st.integers(2, 4)) if _maybe(draw, "lists" in features) else 1
    items = []
    for _ in range(count):
        found = _dow_special(draw, dialect, features, years) if (
            special and draw(st.booleans())) else None
        items.append(found or _item(draw, spec, features, None))
    return ",".join(items)


@st.composite
def _cron(draw: st.DrawFn, dialect: Dialect, features: frozenset[str],
          zones: tuple[str, ...] | None) -> _Cron:
    prefix = f"CRON_TZ={draw(st.sampled_from(zones))} " if zones else ""
    if dialect == "cron" and "macros" in features and draw(st.integers(0, 7)) == 0:
        return _Cron(dialect, prefix, (), draw(st.sampled_from(_MACROS)))
    fields: list[str] = []
    if dialect == "quartz":
        fields.append(_numeric_field(draw, _SECOND, features)
                      if _maybe(draw, "seconds" in features) else "0")
    fields.append(_numeric_field(draw, _MINUTE, features))
    fields.append(_numeric_field(draw, _HOUR, features))
    year = _numeric_field(draw, _YEAR, features) if _maybe(
        draw, dialect == "quartz" and "years" in features) else None
    restricted_years = year is not None and year != "*"
    dom = "*" if draw(st.integers(0, 2)) == 0 else _dom_field(draw, dialect, features)
    dow = "*" if draw(st.integers(0, 2)) == 0 else _dow_field(
        draw, dialect, features, restricted_years)
    if dialect == "cron":
        # Debian cron ANDs the day fields when one starts with '*': two restricted
        # fields are kept OR-combined, so that every expression fires.
        if dom != "*" and dow != "*" and (dom.startswith("*") or dow.startswith("*")):
            if dom.startswith("*"):
                dow = "*"
            else:
                dom = "*"
    elif draw(st.booleans()):
        dom = "?"
    else:
        dow = "?"
    fields += [dom, _numeric_field(draw, _MONTH, features), dow]
    if year is not None:
        fields.append(year)
    return _Cron(dialect, prefix, tuple(fields), None)


_CRON_SPECS = (_MINUTE, _HOUR, _DOM, _MONTH, _Spec(0, 7))
_QUARTZ_SPECS = (_SECOND, _MINUTE, _HOUR, _DOM, _MONTH, _QUARTZ_DOW, _YEAR)


def _out_of_range(draw: st.DrawFn, spec: _Spec) -> str:
    below = [spec.low - 1] if spec.low > 0 else []
    if spec is _YEAR:
        below = [draw(st.integers(1900, 1969))]
    above = draw(st.integers(spec.high + 1, spec.high + 60))
    return str(draw(st.sampled_from([above, *below])))


@st.composite
def _invalid_cron(draw: st.DrawFn, dialect: Dialect, features: frozenset[str],
                  zones: tuple[str, ...] | None) -> Invalid:
    expr = draw(_cron(dialect, features, zones))
    code = "INVALID_EXPRESSION"
    fields = list(expr.fields)
    quartz = dialect == "quartz"
    offset = 1 if quartz else 0  # index of the minute field
    specs = _QUARTZ_SPECS if quartz else _CRON_SPECS

    def text(new_fields: Sequence[str], prefix: str = expr.prefix) -> str:
        return prefix + " ".join(new_fields)

    def replaced(index: int, value: str) -> list[str]:
        return [value if i == index else field for i, field in enumerate(fields)]

    def out_of_range() -> Invalid:
        index = draw(st.integers(0, len(fields) - 1))
        return Invalid(text(replaced(index, _out_of_range(draw, specs[index]))), code, "")

    def bad_name() -> Invalid:
        if draw(st.booleans()):
            name = draw(st.sampled_from(("JANUARY", "SEPT", "JUNE", "MAYO")))
            return Invalid(text(replaced(offset + 3, name)), code, "")
        name = draw(st.sampled_from(("MOM", "THUR", "SUNDAY", "TUES")))
        return Invalid(text(replaced(offset + 4, name)), code, "")

    def field_count() -> Invalid:
        if len(fields) == 7 or (not quartz and draw(st.booleans())):
            return Invalid(text([*fields, "0"]), code, "")
        index = draw(st.integers(0, len(fields) - 1))
        return Invalid(text(fields[:index] + fields[index + 1:]), code, "")

    def zero_step() -> Invalid:
        return Invalid(text(replaced(offset + draw(st.integers(0, 1)), "*/0")), code, "")

    def misplaced() -> Invalid:
        letter = draw(st.sampled_from(("?", "L", "W", "5#2")))
        return Invalid(text(replaced(offset + draw(st.integers(0, 1)), letter)), code, "")

    def bad_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "Europe/Berlim", "UTC+2")))
        body = expr.macro if expr.macro is not None else " ".join(fields)
        return Invalid(f"CRON_TZ={zone} {body}", code, "")

    def both_days() -> Invalid:
        pair = draw(st.sampled_from((("1", "MON"), ("?", "?"), ("L", "6#2"))))
        days = replaced(offset + 2, pair[0])
        days[offset + 4] = pair[1]
        return Invalid(text(days), code, "")

    def never_fires() -> Invalid:
        dom, month = draw(st.sampled_from((("30", "2"), ("31", "FEB"), ("31", "4,6,9,11"),
                                           ("31", "APR"), ("30,31", "2"))))
        days = replaced(offset + 2, dom)
        days[offset + 3] = month
        days[offset + 4] = "?" if quartz else "*"
        return Invalid(text(days), "NEVER_FIRES", "")

    def unknown_macro() -> Invalid:
        macro = draw(st.sampled_from(("@reboot", "@fortnightly", "@every", "@Daily5")))
        return Invalid(expr.prefix + macro, code, "")

    def not_a_string() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_STRINGS)), "INVALID_TYPE", "")

    has_fields = expr.macro is None
    return _one_of_applicable(draw, {
        "out_of_range": out_of_range if has_fields else None,
        "bad_name": bad_name if has_fields else None,
        "field_count": field_count if has_fields else None,
        "zero_step": zero_step if has_fields else None,
        "misplaced": misplaced if has_fields else None,
        "both_days": both_days if has_fields and quartz else None,
        "never_fires": never_fires if has_fields else None,
        "unknown_macro": unknown_macro if not has_fields else None,
        "bad_zone": bad_zone,
        "not_a_string": not_a_string,
    })


@overload
def cron_expressions(dialect: Dialect = ..., *, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     valid: Literal[True] = ...) -> st.SearchStrategy[str]: ...
@overload
def cron_expressions(dialect: Dialect = ..., *, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def cron_expressions(dialect: Dialect = ..., *, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ..., valid: bool
                     ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]: ...
def cron_expressions(dialect: Dialect = "cron", *, zones: Sequence[str] | None = None,
                     features: Collection[str] | None = None, valid: bool = True
                     ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]:
    """Cron (5 fields, ``dialect="cron"``) or Quartz (6-7 fields, ``"quartz"``) strings.

    Validate them with ``cadence.validate(text, dialect)``. ``features`` come from
    :data:`CRON_FEATURES` or :data:`QUARTZ_FEATURES`; ``zones`` adds a ``CRON_TZ=``
    prefix. Every valid expression fires: a restricted day-of-month always holds a day
    that every month has, and cron's two day fields are never ANDed into an impossible
    day. ``valid=False`` mutations: a value out of range, an unknown name, a wrong
    number of fields, a zero step, a letter in the wrong field, an unknown zone or
    macro, restricting both Quartz day fields (all ``INVALID_EXPRESSION``), an
    impossible date such as February 30th (``NEVER_FIRES``) and a payload that is not a
    string (``INVALID_TYPE``).

    >>> cron_expressions("quartz", features={"names", "L"}).validate()
    >>> cron_expressions(features={"seconds"})
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: unknown features ['seconds']; choose from ...
    """
    if dialect not in ("cron", "quartz"):
        raise InvalidArgument(f"dialect is 'cron' or 'quartz', not {dialect!r}")
    chosen = _chosen(features, CRON_FEATURES if dialect == "cron" else QUARTZ_FEATURES,
                     "features")
    names = _zones(zones)
    if valid:
        return _cron(dialect, chosen, names).map(lambda expr: expr.text)
    return _invalid_cron(dialect, chosen, names)


@overload
def quartz_expressions(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       valid: Literal[True] = ...) -> st.SearchStrategy[str]: ...
@overload
def quartz_expressions(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def quartz_expressions(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ..., valid: bool
                       ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]: ...
def quartz_expressions(*, zones: Sequence[str] | None = None,
                       features: Collection[str] | None = None, valid: bool = True
                       ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]:
    """Quartz strings: ``cron_expressions("quartz", ...)``.

    >>> quartz_expressions(features={"seconds", "years"}).validate()
    """
    return cron_expressions("quartz", zones=zones, features=features, valid=valid)


# -- RRULE ------------------------------------------------------------------------------

_RANK = {name: rank for rank, name in enumerate(_ALL_RRULE_FREQUENCIES)}
_BYDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class _RRule(NamedTuple):
    dtstart: str
    start: datetime
    zone: str | None
    parts: tuple[tuple[str, str], ...]
    exdate: str | None

    @property
    def text(self) -> str:
        rule = "RRULE:" + ";".join(f"{name}={value}" for name, value in self.parts)
        return "\n".join(line for line in (self.dtstart, rule, self.exdate) if line)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _distinct(draw: st.DrawFn, low: int, high: int, most: int) -> list[int]:
    return draw(st.lists(st.integers(low, high), min_size=1, max_size=most, unique=True))


def _month_day_numbers(draw: st.DrawFn) -> list[int]:
    """BYMONTHDAY values; the first exists in every month (1..28 or -1..-28)."""
    first = draw(st.integers(1, _UNIVERSAL_DAY)) * draw(st.sampled_from((1, -1)))
    others = draw(st.lists(st.integers(1, 31).flatmap(
        lambda n: st.sampled_from((n, -n))), max_size=2))
    return list(dict.fromkeys([first, *others]))


@st.composite
def _rrule(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
           zones: tuple[str, ...] | None) -> _RRule:
    freq = draw(st.sampled_from(frequencies))
    rank = _RANK[freq]
    # Day 1-28: a rule that takes its day of the month from DTSTART fires in every month.
    day = draw(st.dates(date(2000, 1, 1), date(2035, 12, 28)).map(
        lambda d: d.replace(day=min(d.day, _UNIVERSAL_DAY))))
    start = datetime.combine(day, draw(st.times()).replace(microsecond=0))
    zone = draw(st.sampled_from(zones)) if zones else None
    dtstart = f"DTSTART;TZID={zone}:{_stamp(start)}" if zone else f"DTSTART:{_stamp(start)}Z"
    interval = draw(st.integers(2, 5)) if _maybe(draw, "interval" in features) else 1
    setpos = _maybe(draw, "bysetpos" in features and freq == "MONTHLY")
    exdate = _maybe(draw, "exdate" in features and rank <= _RANK["DAILY"])
    parts: list[tuple[str, str]] = []
    if interval > 1:
        parts.append(("INTERVAL", str(interval)))
    if "bytime" in features and not (setpos or exdate):
        # Each time part may not restrict the unit INTERVAL counts (its periods could
        # all miss it); finer parts are free.
        for name, high, unit in (("BYHOUR", 23, "HOURLY"), ("BYMINUTE", 59, "MINUTELY"),
                                 ("BYSECOND", 59, "SECONDLY")):
            if (interval == 1 or freq != unit) and draw(st.booleans()):
                parts.append((name, ",".join(map(str, _distinct(draw, 0, high, 3)))))
    months = None
    if _maybe(draw, "bymonth" in features and not (freq == "MONTHLY" and interval > 1)):
        months = _distinct(draw, 1, 12, 4)
        parts.append(("BYMONTH", ",".join(map(str, months))))
    if setpos:
        if draw(st.booleans()):
            parts += [("BYDAY", "MO,TU,WE,TH,FR"), ("BYSETPOS", draw(st.sampled_from(("1", "-1"))))]
        else:
            position = draw(st.sampled_from((1, 2, 3, 4, -1)))
            parts += [("BYDAY", draw(st.sampled_from(_BYDAY_CODES))), ("BYSETPOS", str(position))]
    else:
        day_parts = not (freq == "DAILY" and interval > 1)  # day periods could miss them
        month_days = _maybe(draw, day_parts and "bymonthday" in features and freq != "WEEKLY")
        if month_days:
            parts.append(("BYMONTHDAY", ",".join(map(str, _month_day_numbers(draw)))))
        if _maybe(draw, day_parts and "byday" in features):
            codes = [draw(st.sampled_from(_BYDAY_CODES))
                     for _ in range(draw(st.integers(1, 3)))]
            ordinals = ("ordinals" in features and not month_days
                        and (freq == "MONTHLY" or (freq == "YEARLY" and months is not None)))
            if ordinals:
                codes = [draw(st.sampled_from(("", "1", "2", "3", "4", "-1"))) + code
                         for code in codes]
            parts.append(("BYDAY", ",".join(dict.fromkeys(codes))))
    if _maybe(draw, "wkst" in features):
        parts.append(("WKST", draw(st.sampled_from(_BYDAY_CODES))))
    ends = [kind for kind in ("count", "until") if kind in features]
    end = draw(st.sampled_from([None, *ends]))
    if end == "count":
        parts.append(("COUNT", str(draw(st.integers(1, 30)))))
    elif end == "until":
        until = datetime.combine(date(start.year + 30, start.month, start.day), time())
        parts.append(("UNTIL", _stamp(until) + "Z"))
    parts = [("FREQ", freq), *draw(st.permutations(parts))]
    exdate_line = None
    if exdate:  # the rule fires once a day, at DTSTART's time
        removed = start + timedelta(days=draw(st.integers(0, 400)))
        exdate_line = (f"EXDATE;TZID={zone}:{_stamp(removed)}" if zone
                       else f"EXDATE:{_stamp(removed)}Z")
    return _RRule(dtstart, start, zone, tuple(parts), exdate_line)


@st.composite
def _invalid_rrule(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
                   zones: tuple[str, ...] | None) -> Invalid:
    rule = draw(_rrule(features, frequencies, zones))
    code = "INVALID_EXPRESSION"
    freq = rule.parts[0][1]

    def bad_part() -> Invalid:
        part = draw(st.sampled_from((
            ("BYHOUR", "24"), ("BYMINUTE", "60"), ("BYMONTHDAY", "32"), ("BYMONTH", "13"),
            ("BYDAY", "XX"), ("BYWEEKNO", "1"), ("BYYEARDAY", "100"), ("INTERVAL", "0"),
            ("FOO", "1"), ("COUNT", "0"), ("BYSETPOS", "0"))))
        return Invalid(rule._replace(parts=(*rule.parts, part)).text, code, "")

    def bad_freq() -> Invalid:
        name = draw(st.sampled_from(("FORTNIGHTLY", "BIWEEKLY", "QUARTERLY", "DAY")))
        return Invalid(rule._replace(parts=(("FREQ", name), *rule.parts[1:])).text, code, "")

    def bad_dtstart() -> Invalid:
        wrong = f"{rule.start.year}0230T{rule.start:%H%M%S}"
        head = rule.dtstart.rsplit(":", 1)[0]
        suffix = "" if rule.zone else "Z"
        return Invalid(rule._replace(dtstart=f"{head}:{wrong}{suffix}").text, code, "")

    def bad_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "Europe/Berlim", "GMT+25")))
        line = f"DTSTART;TZID={zone}:{_stamp(rule.start)}"
        exdate = rule.exdate and f"EXDATE;TZID={zone}:{rule.exdate.rsplit(':', 1)[1]}"
        exdate = exdate.removesuffix("Z") if exdate else exdate
        return Invalid(rule._replace(dtstart=line, exdate=exdate).text, code, "")

    def no_rule() -> Invalid:
        return Invalid("\n".join(line for line in (rule.dtstart, rule.exdate) if line),
                       code, "")

    def until_before_start() -> Invalid:
        kept = tuple(part for part in rule.parts if part[0] not in ("COUNT", "UNTIL"))
        until = datetime.combine(rule.start.date() - timedelta(days=2), time())
        bad = rule._replace(parts=(*kept, ("UNTIL", _stamp(until) + "Z")))
        return Invalid(bad.text, "NEVER_FIRES", "")

    def impossible_day() -> Invalid:
        dropped = ("BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS")
        kept = tuple(part for part in rule.parts if part[0] not in dropped)
        bad = rule._replace(parts=(*kept, ("BYMONTH", "2"), ("BYMONTHDAY", "30")))
        return Invalid(bad.text, "NEVER_FIRES", "")

    def not_a_string() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_STRINGS)), "INVALID_TYPE", "")

    return _one_of_applicable(draw, {
        "bad_part": bad_part,
        "bad_freq": bad_freq,
        "bad_dtstart": bad_dtstart,
        "bad_zone": bad_zone,
        "no_rule": no_rule,
        "until_before_start": until_before_start,
        "impossible_day": impossible_day if freq != "WEEKLY" else None,
        "not_a_string": not_a_string,
    })


@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ...,
           valid: Literal[True] = ...) -> st.SearchStrategy[str]: ...
@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ...,
           valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ..., valid: bool
           ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]: ...
def rrules(*, zones: Sequence[str] | None = None, features: Collection[str] | None = None,
           frequencies: Sequence[str] | None = None, valid: bool = True
           ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]:
    """RFC 5545 recurrence text: a ``DTSTART`` line, an ``RRULE`` line and, with the
    ``exdate`` feature, an ``EXDATE`` line.

    Validate it with ``cadence.validate(text, "rrule")``. ``frequencies`` picks from
    ``YEARLY`` ... ``SECONDLY`` (default: all but ``SECONDLY``); ``features`` from
    :data:`RRULE_FEATURES`. ``DTSTART`` is in 2000-2035 on day 1-28 of its month,
    with ``TZID=`` one of ``zones`` (else UTC, ``Z``). ``valid=False`` mutations: a rule
    part out of range or unknown, an unknown frequency, an impossible DTSTART, an unknown
    TZID, no RRULE line (``INVALID_EXPRESSION``), an UNTIL before DTSTART or February
    30th (``NEVER_FIRES``), a payload that is not a string (``INVALID_TYPE``).

    >>> rrules(frequencies=["WEEKLY"], features={"interval", "byday"}).validate()
    """
    chosen = _chosen(features, RRULE_FEATURES, "features")
    picked = _picked(frequencies, _ALL_RRULE_FREQUENCIES, "frequencies") if (
        frequencies is not None) else RRULE_FREQUENCIES
    names = _zones(zones)
    if valid:
        return _rrule(chosen, picked, names).map(lambda rule: rule.text)
    return _invalid_rrule(chosen, picked, names)


# -- SailPoint campaigns -----------------------------------------------------------------


def _strings(values: Sequence[int]) -> list[str]:
    return [str(value) for value in values]


def _number_selector(draw: st.DrawFn, low: int, high: int, features: frozenset[str]
                     ) -> dict[str, Any]:
    kinds = ["LIST"]
    if "intervals" in features:
        kinds.append("STEP")
    if "ranges" in features:
        kinds.append("RANGE")
    kind = draw(st.sampled_from(kinds))
    if kind == "LIST":
        return {"type": "LIST", "values": _strings(_distinct(draw, low, high, 4))}
    if kind == "STEP":
        return {"type": "LIST", "values": [str(draw(st.integers(low, high)))],
                "interval": draw(st.integers(1, high - low + 1))}
    start = draw(st.integers(low, high))
    if _maybe(draw, "wrap" in features and start > low):
        end = draw(st.integers(low, start - 1))
    else:
        end = draw(st.integers(start, high))
    selector: dict[str, Any] = {"type": "RANGE", "values": [str(start), str(end)]}
    if _maybe(draw, "intervals" in features):
        selector["interval"] = draw(st.integers(1, high - low + 1))
    return selector


def _day_token(draw: st.DrawFn, features: frozenset[str], universal: bool) -> str:
    if _maybe(draw, "last" in features):
        offset = draw(st.integers(0, 27 if universal else 30))
        return "L" if offset == 0 else f"L-{offset}"
    return str(draw(st.integers(1, _UNIVERSAL_DAY if universal else 31)))


def _month_day_selector(draw: st.DrawFn, features: frozenset[str]) -> dict[str, Any]:
    """Days of the month; the selector always holds a day that every month has."""
    kinds = ["LIST"]
    if "intervals" in features:
        kinds.append("STEP")
    if "ranges" in features:
        kinds.append("RANGE")
    kind = draw(st.sampled_from(kinds))
    if kind == "LIST":
        tokens = [_day_token(draw, features, True)]
        tokens += [_day_token(draw, features, False) for _ in range(draw(st.integers(0, 3)))]
        return {"type": "LIST", "values": list(dict.fromkeys(tokens))}
    if kind == "STEP":
        return {"type": "LIST", "values": [_day_token(draw, features, True)],
                "interval": draw(st.integers(1, 10))}
    shapes = ["numbers"] + (["to_last", "from_last"] if "last" in features else [])
    shape = draw(st.sampled_from(shapes))
    if shape == "numbers":
        start = draw(st.integers(1, _UNIVERSAL_DAY))
        if _maybe(draw, "wrap" in features and start > 1):
            end = draw(st.integers(1, start - 1))
        else:
            end = draw(st.integers(start, 31))
        values = [str(start), str(end)]
    elif shape == "to_last":
        values = [str(draw(st.integers(1, _UNIVERSAL_DAY))), "L"]
    else:
        first = draw(st.integers(1, 27))
        last = draw(st.integers(0, first))
        values = [f"L-{first}", "L" if last == 0 else f"L-{last}"]
    selector: dict[str, Any] = {"type": "RANGE", "values": values}
    if _maybe(draw, "intervals" in features):
        selector["interval"] = draw(st.integers(1, 10))
    return selector


@st.composite
def _campaign(draw: st.DrawFn, features: frozenset[str], types: tuple[str, ...],
              zones: tuple[str, ...] | None) -> dict[str, Any]:
    kind = draw(st.sampled_from(types))
    payload: dict[str, Any] = {"type": kind,
                               "hours": _number_selector(draw, 0, 23, features)}
    if kind == "WEEKLY":
        payload["days"] = _number_selector(draw, 1, 7, features)
    elif kind == "MONTHLY":
        payload["days"] = _month_day_selector(draw, features)
    elif kind == "ANNUALLY" and _maybe(draw, "months" in features):
        payload["months"] = _number_selector(draw, 1, 12, features)
        payload["days"] = _month_day_selector(draw, features)
    elif kind == "ANNUALLY":
        days = draw(st.lists(st.dates(date(2000, 1, 1), date(2000, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        payload["days"] = {"type": "LIST", "values": [f"--{d:%m-%d}" for d in days]}
    else:
        days = draw(st.lists(st.dates(date(2000, 1, 1), date(2090, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        payload["days"] = {"type": "LIST", "values": [d.isoformat() for d in days]}
    if _maybe(draw, "expiration" in features):  # after every CALENDAR date
        expiration = draw(st.datetimes(datetime(2091, 1, 1), datetime(2099, 12, 31)))
        payload["expiration"] = f"{expiration:%Y-%m-%dT%H:%M:%S}Z"
    if zones:
        payload["timeZoneId"] = draw(st.sampled_from(zones))
    return payload


def _copy(payload: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(payload))
    return copied


@st.composite
def _invalid_campaign(draw: st.DrawFn, features: frozenset[str], types: tuple[str, ...],
                      zones: tuple[str, ...] | None) -> Invalid:
    payload = draw(_campaign(features, types, zones))
    kind = payload["type"]
    dated = kind == "CALENDAR" or (kind == "ANNUALLY" and "months" not in payload)

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = _copy(payload)
        edit(copy)
        return Invalid(copy, code, path)

    def unknown_type() -> Invalid:
        name = draw(st.sampled_from(("DAILY", "YEARLY", "weekly", "HOURLY", "")))
        return changed("/type", "UNKNOWN_TYPE", lambda p: p.update(type=name))

    def missing() -> Invalid:
        name = draw(st.sampled_from(("type", "hours", "days")))
        return changed(f"/{name}", "MISSING_FIELD", lambda p: p.pop(name))

    def unknown_field() -> Invalid:
        name = draw(st.sampled_from(("timezoneId", "minutes", "interval", "startDate")))
        return changed(f"/{name}", "UNKNOWN_FIELD", lambda p: p.update({name: "1"}))

    def hour_value(code: str, value: str) -> Invalid:
        index = draw(st.integers(0, len(payload["hours"]["values"]) - 1))
        return changed(f"/hours/values/{index}", code,
                       lambda p: p["hours"]["values"].__setitem__(index, value))

    def out_of_range() -> Invalid:
        return hour_value("VALUE_OUT_OF_RANGE", str(draw(st.integers(24, 99))))

    def not_a_number() -> Invalid:
        return hour_value("INVALID_VALUE", draw(st.sampled_from(("9am", "nine", "9:00", ""))))

    def selector_type() -> Invalid:
        value = draw(st.sampled_from(("9", 9, ["9"], None, True)))
        name = "hours" if value is not None else "days"
        code = "INVALID_TYPE" if value is not None else "MISSING_FIELD"
        return changed(f"/{name}", code, lambda p: p.update({name: value}))

    def duplicate() -> Invalid:
        names = [name for name in ("hours", "days", "months")
                 if name in payload and payload[name]["type"] == "LIST"]
        name = draw(st.sampled_from(names))
        count = len(payload[name]["values"])
        return changed(f"/{name}/values/{count}", "DUPLICATE_VALUE",
                       lambda p: p[name]["values"].append(p[name]["values"][0]))

    def three_in_range() -> Invalid:
        return changed("/hours/values", "RANGE_NEEDS_TWO_VALUES",
                       lambda p: p["hours"]["values"].append("12"))

    def empty() -> Invalid:
        name = draw(st.sampled_from(("hours", "days")))
        return changed(f"/{name}/values", "EMPTY_VALUES",
                       lambda p: p[name].update(values=[]))

    def zero_interval() -> Invalid:
        value = draw(st.sampled_from((0, -1, -3)))
        return changed("/hours/interval", "INTERVAL_OUT_OF_RANGE",
                       lambda p: p["hours"].update(interval=value))

    def ambiguous_interval() -> Invalid:
        return changed("/hours/interval", "AMBIGUOUS_INTERVAL",
                       lambda p: p["hours"].update(interval=2))

    def unknown_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "cst", "Europe/Berlim")))
        return changed("/timeZoneId", "UNKNOWN_ZONE", lambda p: p.update(timeZoneId=zone))

    def months_not_allowed() -> Invalid:
        return changed("/months", "FIELD_NOT_ALLOWED",
                       lambda p: p.update(months={"type": "LIST", "values": ["1"]}))

    def bad_expiration() -> Invalid:
        value = draw(st.sampled_from(("next tuesday", "2095-13-01T00:00:00Z", "31/12/2095")))
        return changed("/expiration", "INVALID_EXPIRATION", lambda p: p.update(expiration=value))

    def expired_calendar() -> Invalid:
        return changed("/expiration", "NEVER_FIRES",
                       lambda p: p.update(expiration="1999-12-31T00:00:00Z"))

    def impossible_date() -> Invalid:
        index = draw(st.integers(0, len(payload["days"]["values"]) - 1))
        value = "--02-30" if kind == "ANNUALLY" else draw(st.sampled_from(
            ("2021-02-29", "2030-04-31", "2030-13-01")))
        return changed(f"/days/values/{index}", "IMPOSSIBLE_DATE",
                       lambda p: p["days"]["values"].__setitem__(index, value))

    def dates_in_range() -> Invalid:
        return changed("/days/type", "RANGE_NOT_ALLOWED",
                       lambda p: p["days"].update(type="RANGE"))

    def unknown_selector() -> Invalid:
        value = draw(st.sampled_from(("SET", "list", "Range", "STEP")))
        return changed("/hours/type", "UNKNOWN_SELECTOR_TYPE",
                       lambda p: p["hours"].update(type=value))

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(_not_json(draw, payload), "INVALID_JSON", "")

    hours = payload["hours"]
    lists = [name for name in ("hours", "days", "months")
             if name in payload and payload[name]["type"] == "LIST"]
    return _one_of_applicable(draw, {
        "unknown_type": unknown_type,
        "missing": missing,
        "unknown_field": unknown_field,
        "out_of_range": out_of_range,
        "not_a_number": not_a_number,
        "selector_type": selector_type,
        "duplicate": duplicate if lists else None,
        "three_in_range": three_in_range if hours["type"] == "RANGE" else None,
        "empty": empty,
        "zero_interval": zero_interval,
        "ambiguous_interval": ambiguous_interval if (
            hours["type"] == "LIST" and len(hours["values"]) > 1) else None,
        "unknown_zone": unknown_zone,
        "months_not_allowed": months_not_allowed if kind != "ANNUALLY" else None,
        "bad_expiration": bad_expiration,
        "expired_calendar": expired_calendar if kind == "CALENDAR" else None,
        "impossible_date": impossible_date if dated else None,
        "dates_in_range": dates_in_range if dated and len(
            payload["days"]["values"]) == 2 else None,
        "unknown_selector": unknown_selector,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


def _campaign_zone(name: str) -> object:
    from .formats.campaign import JAVA_SHORT_IDS

    return resolve_zone(JAVA_SHORT_IDS.get(name, name))


@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ...,
                       valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ...,
                       valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ..., valid: bool
                       ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def campaign_schedules(*, zones: Sequence[str] | None = None,
                       features: Collection[str] | None = None,
                       types: Sequence[str] | None = None, valid: bool = True
                       ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """SailPoint campaign-template schedule bodies (``format="campaign"``).

    ``types`` picks from :data:`CAMPAIGN_TYPES` (default all); ``features`` from
    :data:`CAMPAIGN_FEATURES`; ``zones`` gives ``timeZoneId`` (IANA names or Java short
    ids such as ``"CST"``). Days always include one that every selected month has.
    ``valid=False`` announces the campaign checker's codes: ``UNKNOWN_TYPE``,
    ``MISSING_FIELD``, ``UNKNOWN_FIELD``, ``VALUE_OUT_OF_RANGE``, ``INVALID_VALUE``,
    ``INVALID_TYPE``, ``DUPLICATE_VALUE``, ``RANGE_NEEDS_TWO_VALUES``, ``EMPTY_VALUES``,
    ``INTERVAL_OUT_OF_RANGE``, ``AMBIGUOUS_INTERVAL``, ``UNKNOWN_ZONE``,
    ``FIELD_NOT_ALLOWED``, ``INVALID_EXPIRATION``, ``NEVER_FIRES``, ``IMPOSSIBLE_DATE``,
    ``RANGE_NOT_ALLOWED``, ``UNKNOWN_SELECTOR_TYPE`` and ``INVALID_JSON``.

    >>> campaign_schedules(types=["WEEKLY"], zones=["CST", "Europe/Paris"]).validate()
    """
    chosen = _chosen(features, CAMPAIGN_FEATURES, "features")
    picked = _picked(types, CAMPAIGN_TYPES, "types")
    names = _zones(zones, _campaign_zone)
    if valid:
        return _campaign(chosen, picked, names)
    return _invalid_campaign(chosen, picked, names)


# -- BMC Helix ---------------------------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _ddmmyyyy(day: date) -> str:
    return f"{day:%d%m%Y}"


class _Helix(NamedTuple):
    payload: dict[str, Any]
    schedule: dict[str, Any]  # the schedule object inside payload
    prefix: str  # "/schedule", or "" for a bare schedule
    frequency: str
    frequency_path: str
    details_path: str  # where recurrenceSchedule / details is


@st.composite
def _helix(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
           zones: tuple[str, ...] | None) -> _Helix:
    frequency = draw(st.sampled_from(frequencies))
    start_date = draw(st.dates(date(2000, 1, 1), date(2080, 12, 31)))
    end_date = start_date + timedelta(days=draw(st.integers(0, 3650)))
    start = draw(st.integers(0, 24 * 60 - 2))
    if frequency == "oneTime" and end_date == start_date:
        end = draw(st.integers(start + 1, 24 * 60 - 1))
    elif frequency != "oneTime" and _maybe(draw, "overnight" in features):
        end = draw(st.integers(0, start))
    elif frequency == "oneTime":
        end = draw(st.integers(0, 24 * 60 - 1))
    else:
        end = draw(st.integers(start + 1, 24 * 60 - 1))
    details: dict[str, Any] | None = None
    if frequency == "daily" and draw(st.booleans()):
        details = {"days": "all"}
    elif frequency == "weekly":
        details = {"daysOfWeek": sorted(_distinct(draw, 1, 7, 7))}
    elif frequency == "monthly" and draw(st.booleans()):
        details = {"daysOfMonth": sorted(_distinct(draw, 1, 31, 5))}
    schedule: dict[str, Any] = {
        "startTime": _clock(start), "endTime": _clock(end),
        "startDate": _ddmmyyyy(start_date), "endsOn": {"endDate": _ddmmyyyy(end_date)},
    }
    if _maybe(draw, "blackout" in features):
        pattern: dict[str, Any] = {"recurrence": frequency}
        if details is not None:
            pattern["details"] = details
        schedule["recurrencePattern"] = pattern
        frequency_path, details_path = "/recurrencePattern/recurrence", "/recurrencePattern"
        details_path += "/details"
    else:
        recurrence: dict[str, Any] = {"frequency": frequency}
        if details is not None:
            recurrence["recurrenceSchedule"] = details
        schedule["recurrence"] = recurrence
        frequency_path = "/recurrence/frequency"
        details_path = "/recurrence/recurrenceSchedule"
    if zones:
        name = draw(st.sampled_from(zones))
        schedule["timeZone"] = {"name": name}
        if _maybe(draw, "offset" in features):
            moment = datetime.combine(start_date, time(start // 60, start % 60),
                                      resolve_zone(name))
            offset = moment.utcoffset() or timedelta(0)
            sign = "-" if offset < timedelta(0) else "+"
            minutes = abs(int(offset.total_seconds())) // 60
            schedule["timeZone"]["offset"] = f"{sign}{_clock(minutes)}"
    if _maybe(draw, "bare" in features):
        return _Helix(schedule, schedule, "", frequency, frequency_path, details_path)
    name = draw(st.sampled_from(("skip weekends", "maintenance window", "night shift",
                                 "Änderungsfenster")))
    payload = {"name": name, "description": name, "schedule": schedule}
    return _Helix(payload, schedule, "/schedule", frequency, frequency_path, details_path)


@st.composite
def _invalid_helix(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
                   zones: tuple[str, ...] | None) -> Invalid:
    frame = draw(_helix(features, frequencies, zones))
    prefix = frame.prefix
    bare = prefix == ""

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = _copy(frame.payload)
        edit(copy if bare else copy["schedule"])
        return Invalid(copy, code, prefix + path)

    def bad_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        value = draw(st.sampled_from(("24:00", "9am", "16:60", "", 930)))
        return changed(f"/{key}", f"INVALID_TIMEFRAME_{key[:-4].upper()}_TIME",
                       lambda s: s.update({key: value}))

    def missing_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        return changed(f"/{key}", f"INVALID_TIMEFRAME_{key[:-4].upper()}_TIME",
                       lambda s: s.pop(key))

    def bad_start_date() -> Invalid:
        value = draw(st.sampled_from(("31022022", "2022-04-19", "19/04/2022", "00012022")))
        return changed("/startDate", "INVALID_TIMEFRAME_START_DATE",
                       lambda s: s.update(startDate=value))

    def bad_end_date() -> Invalid:
        value = draw(st.sampled_from(("31042022", "19-05-2022", "", "32012022")))
        return changed("/endsOn/endDate", "INVALID_TIMEFRAME_END_DATE",
                       lambda s: s["endsOn"].update(endDate=value))

    def no_end() -> Invalid:
        return changed("/endsOn", "INVALID_TIMEFRAME_END_DATE", lambda s: s.pop("endsOn"))

    def end_before_start() -> Invalid:
        start = datetime.strptime(frame.schedule["startDate"], "%d%m%Y").date()
        before = _ddmmyyyy(start - timedelta(days=draw(st.integers(1, 400))))
        return changed("/endsOn/endDate", "TIMEFRAME_END_BEFORE_START",
                       lambda s: s["endsOn"].update(endDate=before))

    def bad_frequency() -> Invalid:
        value = draw(st.sampled_from(("hourly", "yearly", "every day", "")))

        def edit(schedule: dict[str, Any]) -> None:
            if "recurrence" in schedule:
                schedule["recurrence"]["frequency"] = value
            else:
                schedule["recurrencePattern"]["recurrence"] = value

        return changed(frame.frequency_path, "INVALID_TIMEFRAME_FREQUENCY", edit)

    def bad_weekday() -> Invalid:
        value = draw(st.sampled_from((0, 8, "MON", 2.5)))

        def edit(schedule: dict[str, Any]) -> None:
            owner = schedule.get("recurrence") or schedule["recurrencePattern"]
            owner.get("recurrenceSchedule", owner.get("details"))["daysOfWeek"][0] = value

        return changed(frame.details_path + "/daysOfWeek/0",
                       "INVALID_TIMEFRAME_DAYS_OF_WEEK", edit)

    def bad_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "IST", "+05:30", "Asia/Calcuta")))
        return changed("/timeZone/name", "INVALID_TIMEFRAME_TIME_ZONE",
                       lambda s: s.update(timeZone={"name": zone}))

    def unknown_field() -> Invalid:
        key = draw(st.sampled_from(("repeat", "endDate", "timezone", "priority")))
        return changed(f"/{key}", "UNKNOWN_TIMEFRAME_FIELD", lambda s: s.update({key: "x"}))

    def bad_name() -> Invalid:
        copy = _copy(frame.payload)
        copy["name"] = draw(st.sampled_from((42, ["name"], True)))
        return Invalid(copy, "INVALID_TIMEFRAME_NAME", "/name")

    def bad_schedule() -> Invalid:
        copy = _copy(frame.payload)
        copy["schedule"] = draw(st.sampled_from(("daily", None, [], 1)))
        return Invalid(copy, "INVALID_TIMEFRAME_SCHEDULE", "/schedule")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_OBJECTS)), "INVALID_TIMEFRAME", "")

    def not_json() -> Invalid:
        return Invalid(_not_json(draw, frame.payload), "INVALID_JSON", "")

    return _one_of_applicable(draw, {
        "bad_time": bad_time,
        "missing_time": missing_time,
        "bad_start_date": bad_start_date,
        "bad_end_date": bad_end_date,
        "no_end": no_end,
        "end_before_start": end_before_start,
        "bad_frequency": bad_frequency,
        "bad_weekday": bad_weekday if frame.frequency == "weekly" else None,
        "bad_zone": bad_zone,
        "unknown_field": unknown_field,
        "bad_name": bad_name if not bare else None,
        "bad_schedule": bad_schedule if not bare else None,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ...,
                     valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ...,
                     valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ..., valid: bool
                     ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def helix_timeframes(*, zones: Sequence[str] | None = None,
                     features: Collection[str] | None = None,
                     frequencies: Sequence[str] | None = None, valid: bool = True
                     ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """BMC Helix time frames (``format="helix"``): ``{"name", "description",
    "schedule"}``, or (feature ``bare``) the schedule object alone.

    ``frequencies`` picks from :data:`HELIX_FREQUENCIES`; ``features`` from
    :data:`HELIX_FEATURES`; ``zones`` gives ``timeZone.name``. Dates run from 2000 to
    2090. Valid frames may carry warnings (a monthly day 29-31, or dates that hold no
    window). ``valid=False`` announces ``INVALID_TIMEFRAME_START_TIME``, ``..._END_TIME``,
    ``..._START_DATE``, ``..._END_DATE``, ``TIMEFRAME_END_BEFORE_START``,
    ``INVALID_TIMEFRAME_FREQUENCY``, ``..._DAYS_OF_WEEK``, ``..._TIME_ZONE``,
    ``UNKNOWN_TIMEFRAME_FIELD``, ``INVALID_TIMEFRAME_NAME``, ``..._SCHEDULE``,
    ``INVALID_TIMEFRAME`` and ``INVALID_JSON``.

    >>> helix_timeframes(frequencies=["weekly"], zones=["Asia/Kolkata"]).validate()
    """
    chosen = _chosen(features, HELIX_FEATURES, "features")
    picked = _picked(frequencies, HELIX_FREQUENCIES, "frequencies")
    names = _zones(zones)
    if valid:
        return _helix(chosen, picked, names).map(lambda frame: frame.payload)
    return _invalid_helix(chosen, picked, names)


# -- iTwin EDFS -------------------------------------------------------------------------

_WORDS = st.text(st.sampled_from(string.ascii_letters + string.digits + "_ "), min_size=1,
                 max_size=24)


@st.composite
def _edfs(draw: st.DrawFn, features: frozenset[str]) -> tuple[dict[str, Any], _Cron]:
    cron = draw(_cron("cron", features - {"fields"}, None))
    timer: dict[str, Any] = {"cronStr": cron.text}
    if "fields" in features:
        if draw(st.booleans()):
            timer["id"] = str(draw(st.uuids()))
        if draw(st.booleans()):
            timer["name"] = draw(_WORDS)
        if draw(st.booleans()):
            timer["packageUniqueName"] = draw(_WORDS)
        if draw(st.booleans()):
            timer["enabled"] = draw(st.booleans())
        if draw(st.booleans()):
            timer["parameters"] = draw(st.lists(st.fixed_dictionaries(
                {"name": _WORDS, "value": _WORDS}), max_size=3))
    return timer, cron


@st.composite
def _invalid_edfs(draw: st.DrawFn, features: frozenset[str]) -> Invalid:
    timer, cron = draw(_edfs(features))

    def invalid_cron() -> Invalid:
        bad = draw(_invalid_cron("cron", features - {"fields"}, None))
        if bad.code == "INVALID_TYPE":
            return Invalid({**timer, "cronStr": draw(st.sampled_from((5, True, ["0 9 * * *"])))},
                           "INVALID_TYPE", "/cronStr")
        return Invalid({**timer, "cronStr": bad.payload}, _EDFS_CODES[bad.code], "/cronStr")

    def zone_prefix() -> Invalid:
        zone = draw(st.sampled_from(("UTC", "Europe/Berlin")))
        return Invalid({**timer, "cronStr": f"CRON_TZ={zone} {cron.text}"}, "INVALID_CRON",
                       "/cronStr")

    def never_fires() -> Invalid:
        day, month = draw(st.sampled_from((("30", "2"), ("31", "4"), ("31", "APR,JUN"))))
        return Invalid({**timer, "cronStr": f"0 0 {day} {month} *"}, "NEVER_FIRES", "/cronStr")

    def missing() -> Invalid:
        copy = dict(timer)
        if draw(st.booleans()):
            del copy["cronStr"]
        else:
            copy["cronStr"] = None
        return Invalid(copy, "REQUIRED", "/cronStr")

    def unknown_field() -> Invalid:
        key = draw(st.sampled_from(("enabeld", "cron", "schedule", "timeZone")))
        return Invalid({**timer, key: "x"}, "UNKNOWN_FIELD", f"/{key}")

    def wrong_type() -> Invalid:
        key, value = draw(st.sampled_from((("enabled", "yes"), ("enabled", 1), ("name", 7),
                                           ("parameters", {}), ("id", ["x"]))))
        return Invalid({**timer, key: value}, "INVALID_TYPE", f"/{key}")

    def bad_parameter() -> Invalid:
        return Invalid({**timer, "parameters": ["x=1"]}, "INVALID_TYPE", "/parameters/0")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(_not_json(draw, timer), "INVALID_JSON", "")

    return _one_of_applicable(draw, {
        "invalid_cron": invalid_cron,
        "zone_prefix": zone_prefix,
        "never_fires": never_fires,
        "missing": missing,
        "unknown_field": unknown_field,
        "wrong_type": wrong_type,
        "bad_parameter": bad_parameter,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


_EDFS_CODES = {"INVALID_EXPRESSION": "INVALID_CRON", "NEVER_FIRES": "NEVER_FIRES"}


@overload
def edfs_timers(*, features: Collection[str] | None = ...,
                valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def edfs_timers(*, features: Collection[str] | None = ...,
                valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def edfs_timers(*, features: Collection[str] | None = ..., valid: bool
                ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def edfs_timers(*, features: Collection[str] | None = None, valid: bool = True
                ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """iTwin EDFS timers (``format="edfs"``): ``cronStr`` and, with the ``fields``
    feature, some of ``id``, ``name``, ``packageUniqueName``, ``enabled`` and
    ``parameters``.

    ``features`` come from :data:`EDFS_FEATURES` (the cron features shape ``cronStr``).
    Timers name no zone (they run in UTC, or in validate's ``tz=``). ``valid=False``
    announces ``INVALID_CRON`` and ``NEVER_FIRES`` (at ``/cronStr``), ``REQUIRED``,
    ``UNKNOWN_FIELD``, ``INVALID_TYPE`` and ``INVALID_JSON``.

    >>> edfs_timers(features={"fields", "lists"}).validate()
    """
    chosen = _chosen(features, EDFS_FEATURES, "features")
    if valid:
        return _edfs(chosen).map(lambda pair: pair[0])
    return _invalid_edfs(chosen)


# -- Bentley calendars ---------------------------------------------------------------------

_WEEK_KEYS = ("sundayDayTypeId", "mondayDayTypeId", "tuesdayDayTypeId",
              "wednesdayDayTypeId", "thursdayDayTypeId", "fridayDayTypeId",
              "saturdayDayTypeId")


def _block_time(value: int, seconds: bool) -> str:
    hours, rest = divmod(value, 3600)
    text = f"{hours:02d}:{rest // 60:02d}"
    return text + f":{rest % 60:02d}" if seconds else text


def _blocks(draw: st.DrawFn, features: frozenset[str]) -> tuple[list[dict[str, str]], int]:
    """Time blocks of one working day type (none overlap) and their total seconds."""
    seconds = _maybe(draw, "seconds" in features)
    unit = 1 if seconds else draw(st.sampled_from((3600, 1800, 900, 60)))
    count = draw(st.integers(1, 3))
    cuts = sorted(draw(st.lists(st.integers(0, 86400 // unit), min_size=2 * count,
                                max_size=2 * count, unique=True)))
    spans = [(cuts[i] * unit, cuts[i + 1] * unit) for i in range(0, len(cuts), 2)]
    if _maybe(draw, "overnight" in features and spans[-1][0] > 0):
        start, _ = spans[-1]
        spans[-1] = (start, draw(st.integers(0, start // unit - 1)) * unit)
    blocks = [{"startTime": _block_time(start, seconds), "endTime": _block_time(end, seconds)}
              for start, end in spans]
    total = sum((end - start) % 86400 or 86400 for start, end in spans)
    return blocks, total


class _Bentley(NamedTuple):
    payload: dict[str, Any]
    calendar: dict[str, Any]
    prefix: str  # "/calendar", or "" for a bare calendar
    working: tuple[int, ...]  # indexes of day types with time blocks


@st.composite
def _bentley(draw: st.DrawFn, features: frozenset[str]) -> _Bentley:
    ids = [str(u) for u in draw(st.lists(st.uuids(), min_size=1, max_size=4, unique=True))]
    day_types: list[dict[str, Any]] = []
    totals: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if index == 0 or draw(st.booleans()):  # the first day type has working time
            blocks, totals[ident] = _blocks(draw, features)
            day_types.append({"id": ident, "description": f"Working day {index}",
                              "type": "Normal", "timeBlocks": blocks})
        else:
            day_types.append({"id": ident, "description": "Non-Working Day",
                              "type": "NonWorking", "timeBlocks": []})
    week = {key: draw(st.sampled_from(ids)) for key in _WEEK_KEYS}
    if not any(ident in totals for ident in week.values()):
        week["mondayDayTypeId"] = ids[0]
    calendar: dict[str, Any] = {"id": str(draw(st.uuids())),
                                "name": draw(st.sampled_from(("Standard", "Night shift",
                                                              "Site calendar"))),
                                "parentId": None, "dayTypes": day_types, "week": week}
    if _maybe(draw, "exceptions" in features):
        days = draw(st.lists(st.dates(date(2020, 1, 1), date(2040, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        calendar["exceptions"] = [
            {"date": f"{day.isoformat()}T12:00:00Z" if draw(st.booleans()) else day.isoformat(),
             "dayTypeId": draw(st.sampled_from(ids))}
            for day in days]
    if _maybe(draw, "totals" in features):
        working = [totals[ident] for ident in week.values() if ident in totals]
        calendar["workingDaysPerWeek"] = len(working)
        if len(set(working)) == 1:
            calendar["workingSecondsPerDay"] = working[0]
    working_types = tuple(i for i, ident in enumerate(ids) if ident in totals)
    if _maybe(draw, "bare" in features):
        return _Bentley(calendar, calendar, "", working_types)
    return _Bentley({"calendar": calendar}, calendar, "/calendar", working_types)


@st.composite
def _invalid_bentley(draw: st.DrawFn, features: frozenset[str]) -> Invalid:
    found = draw(_bentley(features))
    prefix = found.prefix
    calendar = found.calendar
    bare = prefix == ""

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = _copy(found.payload)
        edit(copy if bare else copy["calendar"])
        return Invalid(copy, code, prefix + path)

    def block_path(kind: int, block: int, *rest: str) -> str:
        return "/" + "/".join(["dayTypes", str(kind), "timeBlocks", str(block), *rest])

    kind = draw(st.sampled_from(found.working))
    block = draw(st.integers(0, len(calendar["dayTypes"][kind]["timeBlocks"]) - 1))

    def missing_weekday() -> Invalid:
        key = draw(st.sampled_from(_WEEK_KEYS))
        return changed(f"/week/{key}", "REQUIRED", lambda c: c["week"].pop(key))

    def unknown_day_type() -> Invalid:
        key = draw(st.sampled_from(_WEEK_KEYS))
        return changed(f"/week/{key}", "UNKNOWN_DAY_TYPE",
                       lambda c: c["week"].update({key: "no-such-day-type"}))

    def bad_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        value = draw(st.sampled_from(("25:00", "9:00", "09:60", "noon", "24:01")))
        return changed(block_path(kind, block, key), "INVALID_TIME",
                       lambda c: c["dayTypes"][kind]["timeBlocks"][block].update({key: value}))

    def empty_block() -> Invalid:
        def edit(c: dict[str, Any]) -> None:
            item = c["dayTypes"][kind]["timeBlocks"][block]
            item["endTime"] = item["startTime"]
        return changed(block_path(kind, block, "endTime"), "EMPTY_BLOCK", edit)

    def overlapping() -> Invalid:
        blocks = calendar["dayTypes"][kind]["timeBlocks"]
        return changed(block_path(kind, len(blocks)), "OVERLAPPING_BLOCKS",
                       lambda c: c["dayTypes"][kind]["timeBlocks"].append(dict(blocks[0])))

    def duplicate_id() -> Invalid:
        count = len(calendar["dayTypes"])
        twin = {"id": calendar["dayTypes"][0]["id"], "type": "NonWorking", "timeBlocks": []}
        return changed(f"/dayTypes/{count}/id", "DUPLICATE_ID",
                       lambda c: c["dayTypes"].append(twin))

    def duplicate_exception() -> Invalid:
        exceptions = calendar.get("exceptions") or [
            {"date": "2030-01-02", "dayTypeId": calendar["dayTypes"][0]["id"]}]
        twin = dict(exceptions[0])
        return changed(f"/exceptions/{len(exceptions)}/date", "DUPLICATE_EXCEPTION",
                       lambda c: c.update(exceptions=[*exceptions, twin]))

    def bad_exception_date() -> Invalid:
        value = draw(st.sampled_from(("2024-02-30T12:00:00Z", "03/04/2024", "2024-13-01", "")))
        exceptions = calendar.get("exceptions") or []
        item = {"date": value, "dayTypeId": calendar["dayTypes"][0]["id"]}
        return changed(f"/exceptions/{len(exceptions)}/date", "INVALID_DATE",
                       lambda c: c.update(exceptions=[*exceptions, item]))

    def missing_part() -> Invalid:
        key = draw(st.sampled_from(("dayTypes", "week")))
        return changed(f"/{key}", "REQUIRED", lambda c: c.pop(key))

    def wrong_type() -> Invalid:
        key, value = draw(st.sampled_from((("dayTypes", "Normal"), ("week", []),
                                           ("exceptions", {}), ("name", 5))))
        return changed(f"/{key}", "INVALID_TYPE", lambda c: c.update({key: value}))

    def blocks_not_a_list() -> Invalid:
        return changed(f"/dayTypes/{kind}/timeBlocks", "INVALID_TYPE",
                       lambda c: c["dayTypes"][kind].update(timeBlocks="09:00-17:00"))

    def no_working_time() -> Invalid:
        def edit(c: dict[str, Any]) -> None:
            for item in c["dayTypes"]:
                item["timeBlocks"] = []
        return changed("", "NO_WORKING_TIME", edit)

    def bad_total() -> Invalid:
        value = draw(st.sampled_from((8, -1, 7.5)))
        return changed("/workingDaysPerWeek", "INVALID_VALUE",
                       lambda c: c.update(workingDaysPerWeek=value))

    def rule_beside() -> Invalid:
        copy = _copy(found.payload)
        copy["rule"] = {"id": "r1", "rate": 14.5, "unit": "Meter"}
        return Invalid(copy, "NOT_A_CALENDAR", "/rule")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(_not_json(draw, found.payload), "INVALID_JSON", "")

    return _one_of_applicable(draw, {
        "missing_weekday": missing_weekday,
        "unknown_day_type": unknown_day_type,
        "bad_time": bad_time,
        "empty_block": empty_block,
        "overlapping": overlapping,
        "duplicate_id": duplicate_id,
        "duplicate_exception": duplicate_exception,
        "bad_exception_date": bad_exception_date,
        "missing_part": missing_part,
        "wrong_type": wrong_type,
        "blocks_not_a_list": blocks_not_a_list,
        "no_working_time": no_working_time,
        "bad_total": bad_total,
        "rule_beside": rule_beside if not bare else None,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


@overload
def bentley_calendars(*, features: Collection[str] | None = ...,
                      valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def bentley_calendars(*, features: Collection[str] | None = ...,
                      valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def bentley_calendars(*, features: Collection[str] | None = ..., valid: bool
                      ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def bentley_calendars(*, features: Collection[str] | None = None, valid: bool = True
                      ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """Bentley Schedules working calendars (``format="bentley"``).

    One to four day types (the first has working time, none of a day type's blocks
    overlap), a week that uses at least one working day type, and with ``features``
    from :data:`BENTLEY_FEATURES` exceptions, blocks past midnight, ``HH:MM:SS``
    times, the totals, or a bare calendar object. Calendars name no zone: validate with
    ``tz=`` to place them. ``valid=False`` announces ``REQUIRED``, ``UNKNOWN_DAY_TYPE``,
    ``INVALID_TIME``, ``EMPTY_BLOCK``, ``OVERLAPPING_BLOCKS``, ``DUPLICATE_ID``,
    ``DUPLICATE_EXCEPTION``, ``INVALID_DATE``, ``INVALID_TYPE``, ``NO_WORKING_TIME``,
    ``INVALID_VALUE``, ``NOT_A_CALENDAR`` and ``INVALID_JSON``.

    >>> bentley_calendars(features={"exceptions"}).validate()
    """
    chosen = _chosen(features, BENTLEY_FEATURES, "features")
    if valid:
        return _bentley(chosen).map(lambda found: found.payload)
    return _invalid_bentley(chosen)


# -- time bundle status changes ------------------------------------------------------------

_BODIES = ({"_for": "revision", "status": "CREATED"},
           {"_for": "verification", "status": "PENDING_VERIFICATION"})


@st.composite
def _invalid_timebundle(draw: st.DrawFn) -> Invalid:
    from .formats.timebundle import INVALID_BODY, INVALID_ENUM_VALUE, UNKNOWN_ACTION, UNKNOWN_FIELD

    body: dict[str, object] = dict(draw(st.sampled_from(_BODIES)))
    other = next(b["status"] for b in _BODIES if b["_for"] != body["_for"])

    def action() -> Invalid:
        value: object = draw(st.sampled_from(("verify", "Revision", "submit", "", 1, None,
                                              "MISSING")))
        copy = dict(body)
        if value == "MISSING":
            del copy["_for"]
        else:
            copy["_for"] = value
        return Invalid(copy, UNKNOWN_ACTION, "/_for")

    def status() -> Invalid:
        value: object = draw(st.sampled_from(("created", "DONE", "PENDING", other, 1, None,
                                              "MISSING")))
        copy = dict(body)
        if value == "MISSING":
            del copy["status"]
        else:
            copy["status"] = value
        return Invalid(copy, INVALID_ENUM_VALUE, "/status")

    def extra() -> Invalid:
        key = draw(st.sampled_from(("for", "Status", "comment", "id")))
        return Invalid({**body, key: "x"}, UNKNOWN_FIELD, f"/{key}")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(_NOT_OBJECTS)), INVALID_BODY, "")

    def not_json() -> Invalid:
        return Invalid(_not_json(draw, body), "INVALID_JSON", "")

    return _one_of_applicable(draw, {"action": action, "status": status, "extra": extra,
                                     "not_an_object": not_an_object, "not_json": not_json})


@overload
def timebundle_status_changes(*, valid: Literal[True] = ...
                              ) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def timebundle_status_changes(*, valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def timebundle_status_changes(*, valid: bool
                              ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[
                                  Invalid]: ...
def timebundle_status_changes(*, valid: bool = True
                              ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[
                                  Invalid]:
    """Time-bundle status-change bodies (``format="timebundle-status"``).

    The two valid bodies, or (``valid=False``) one mutation of them:
    ``error.unknownControllerAction`` (``/_for``), ``error.invalidEnumValue``
    (``/status``, including the status of the other action), ``error.unknownField``,
    ``error.invalidRequestBody`` (not an object) and ``INVALID_JSON`` (broken text).

    >>> timebundle_status_changes(valid=False).validate()
    """
    if valid:
        return st.sampled_from(_BODIES).map(dict)
    return _invalid_timebundle()


# -- schedules from the IR -------------------------------------------------------------------


def _month_days(draw: st.DrawFn, features: frozenset[str]) -> MonthDays:
    """Month days with one that every month has."""
    kinds = ["days"] + (["from_last"] if "L" in features else []) + (
        ["nearest", "last_weekday"] if "W" in features else [])
    first = draw(st.sampled_from(kinds))
    days = draw(st.lists(st.integers(1, 31), max_size=3))
    from_last: list[int] = draw(st.lists(st.integers(0, 30), max_size=2)) if (
        "L" in features) else []
    nearest: list[int] = draw(st.lists(st.integers(1, 31), max_size=2)) if (
        "W" in features) else []
    last_weekday = _maybe(draw, "W" in features)
    if first == "days":
        days.append(draw(st.integers(1, _UNIVERSAL_DAY)))
    elif first == "from_last":
        from_last.append(draw(st.integers(0, 27)))
    elif first == "nearest":
        nearest.append(draw(st.integers(1, _UNIVERSAL_DAY)))
    else:
        last_weekday = True
    return MonthDays(days=tuple(days), from_last=tuple(from_last),
                     nearest_weekday=tuple(nearest), last_weekday=last_weekday)


def _weekdays(draw: st.DrawFn, features: frozenset[str], years: bool) -> Weekdays:
    kinds = ["days"] + (["nth"] if "#" in features else []) + (
        ["last"] if "L" in features else [])
    chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=len(kinds),
                           unique=True))
    days = _distinct(draw, 0, 6, 5) if "days" in chosen else []
    nth = draw(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4 if years else 5)),
                        min_size=1, max_size=2)) if "nth" in chosen else []
    last = _distinct(draw, 0, 6, 2) if "last" in chosen else []
    return Weekdays(days=tuple(days), nth=tuple(nth), last=tuple(last))


#: Periods that never fold into value sets, so none can miss every listed value: every
#: 2-3 years, 5 or 7 months, 2-4 weeks, and days prime to 7.
_PERIODS: tuple[tuple[PeriodUnit, int], ...] = (
    ("year", 2), ("year", 3), ("month", 5), ("month", 7), ("week", 2), ("week", 3),
    ("week", 4), ("day", 2), ("day", 3), ("day", 5))


def _values(draw: st.DrawFn, high: int, most: int) -> tuple[int, ...]:
    if draw(st.integers(0, 4)) == 0:
        return tuple(range(high + 1))
    return tuple(_distinct(draw, 0, high, most))


@st.composite
def _rule(draw: st.DrawFn, features: frozenset[str], dated: bool) -> CronRule:
    """A rule that fires on some day; ``dated`` rules may list years."""
    years = tuple(_distinct(draw, 1970, 2099, 4)) if _maybe(
        draw, dated and "years" in features) else None
    months = tuple(range(1, 13)) if draw(st.booleans()) else tuple(
        _distinct(draw, 1, 12, 6))
    shape = draw(st.sampled_from(("every day", "month days", "weekdays", "both")))
    month_days = weekdays = None
    day_match: Literal["and", "or"] = "and"
    if shape == "month days":
        month_days = _month_days(draw, features)
    elif shape == "weekdays":
        weekdays = _weekdays(draw, features, years is not None)
    elif shape == "both" and "or" in features:
        month_days = _month_days(draw, features)
        weekdays = _weekdays(draw, features, years is not None)
        day_match = "or"
    elif shape == "both":  # AND: a run of 7 days holds every weekday ("first Monday")
        first = draw(st.integers(1, 22))
        month_days = MonthDays(days=tuple(range(first, first + 7)))
        weekdays = Weekdays(days=tuple(_distinct(draw, 0, 6, 3)))
    fixed_time = draw(st.booleans())
    duration = timedelta(minutes=draw(st.integers(1, 24 * 60))) if _maybe(
        draw, "windows" in features) else None
    period = None
    if _maybe(draw, years is None and "periods" in features):
        unit, every = draw(st.sampled_from(_PERIODS))
        anchor = draw(st.dates(date(1990, 1, 1), date(2040, 12, 31)))
        period = Period.anchored(unit, every, anchor)
    excluded = tuple(draw(st.lists(st.dates(date(2000, 1, 1), date(2040, 12, 31)),
                                   max_size=3))) if _maybe(
        draw, "excluded_dates" in features) else ()
    return CronRule(
        seconds=_values(draw, 59, 3) if _maybe(draw, "seconds" in features) else (0,),
        minutes=_values(draw, 59, 4), hours=_values(draw, 23, 4), months=months,
        month_days=month_days, weekdays=weekdays, day_match=day_match, years=years,
        fixed_time=fixed_time, skip_gaps=fixed_time and draw(st.booleans()),
        duration=duration, excluded_dates=excluded, period=period,
    )


@st.composite
def _schedule(draw: st.DrawFn, features: frozenset[str], zones: tuple[str, ...]
              ) -> Schedule:
    zone = resolve_zone(draw(st.sampled_from(zones)))
    bounded = _maybe(draw, "bounds" in features)
    count = draw(st.integers(1, 3)) if _maybe(draw, "unions" in features) else 1
    rules = [draw(_rule(features, not bounded)) for _ in range(count)]
    start = end = None
    if bounded:  # long enough for any rule to fire (a 5th Monday of February: 28 years)
        begin = draw(st.datetimes(datetime(1990, 1, 1), datetime(2040, 12, 31)))
        start = begin.replace(tzinfo=zone)
        end = begin.replace(year=begin.year + 60, day=min(begin.day, 28), tzinfo=zone)
    return Schedule(rules, zone, format="ir", source="", start=start, end=end)


def schedules(*, zones: Sequence[str] | None = None, features: Collection[str] | None = None
              ) -> st.SearchStrategy[Schedule]:
    """:class:`cadence.Schedule` objects built directly from the IR (``format="ir"``).

    ``zones`` are the zones to draw from (default UTC); ``features`` come from
    :data:`SCHEDULE_FEATURES`. Every schedule fires: day parts always hold a day every
    month has, ANDed day parts always meet, listed years leave the weekday ordinals at
    most 4, periods never fold away every listed value, bounds span 60 years. Times of
    day, months, the DST policy (``fixed_time``, ``skip_gaps``) are always drawn.

    >>> schedules(zones=["America/New_York"], features={"windows", "unions"}).validate()
    """
    chosen = _chosen(features, SCHEDULE_FEATURES, "features")
    names = _zones(zones) or ("UTC",)
    return _schedule(chosen, names)

