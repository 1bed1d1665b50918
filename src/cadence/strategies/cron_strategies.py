"""Strategies for cron and Quartz expressions: :func:`cron_expressions` and
:func:`quartz_expressions`, with their features :data:`CRON_FEATURES` and
:data:`QUARTZ_FEATURES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Literal, NamedTuple, overload

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._calendar import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS
from ._drawing import LONGEST_MONTH, UNIVERSAL_DAY, kind_of, maybe
from ._invalid import NOT_STRINGS, Invalid, one_of_applicable
from ._options import chosen_from, zone_names

__all__ = ["CRON_FEATURES", "QUARTZ_FEATURES", "cron_expressions", "quartz_expressions"]

Dialect = Literal["cron", "quartz"]

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

class _Spec(NamedTuple):
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0  # the number names[0] spells
    number_high: int | None = None  # a larger single number that is also allowed
    cyclic: bool = True


#: Cron and Quartz number weekdays from Sunday.
_DAY_NAMES = (WEEKDAY_ABBREVIATIONS[6], *WEEKDAY_ABBREVIATIONS[:6])
_SECOND = _Spec(0, 59)
_MINUTE = _Spec(0, 59)
_HOUR = _Spec(0, 23)
_DOM = _Spec(1, LONGEST_MONTH)
_MONTH = _Spec(1, 12, MONTH_ABBREVIATIONS, 1)
_CRON_DOW = _Spec(0, 6, _DAY_NAMES, 0, number_high=7)
_QUARTZ_DOW = _Spec(1, 7, _DAY_NAMES, 1)
_YEAR = _Spec(1970, 2099, cyclic=False)
_MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")


class CronParts(NamedTuple):
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
    kind = kind_of(draw, features, "number", {"ranges": "range", "steps": "step"})
    top = spec.high if first_max is None else min(first_max, spec.high)
    if kind == "number":
        high = spec.number_high if spec.number_high is not None and first_max is None else top
        return _spell(draw, spec, draw(st.integers(spec.low, high)), features)
    # At most the field's top: Quartz refuses larger steps ('Increment > 60 : 60').
    step = f"/{draw(st.integers(1, min(spec.high - spec.low + 1, spec.high)))}"
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
    return text + step if maybe(draw, "steps" in features) else text


def _numeric_field(draw: st.DrawFn, spec: _Spec, features: frozenset[str], *,
                   first_max: int | None = None, star: bool = True) -> str:
    if star and draw(st.integers(0, 3)) == 0:
        return "*"
    count = draw(st.integers(2, 4)) if maybe(draw, "lists" in features) else 1
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
        return f"L-{draw(st.integers(1, UNIVERSAL_DAY - 1 if universal else LONGEST_MONTH - 1))}"
    if kind == "nW":
        return f"{draw(st.integers(1, UNIVERSAL_DAY if universal else LONGEST_MONTH))}W"
    return kind


def _dom_field(draw: st.DrawFn, dialect: Dialect, features: frozenset[str]) -> str:
    """A restricted day-of-month whose first item exists in every month."""
    special = maybe(draw, bool(features & {"L", "W"}))
    if dialect == "quartz":  # Quartz takes L, L-n, nW and LW only alone
        found = _dom_special(draw, features, True) if special else None
        return found or _numeric_field(draw, _DOM, features, first_max=UNIVERSAL_DAY,
                                       star=False)
    count = draw(st.integers(2, 4)) if maybe(draw, "lists" in features) else 1
    items = []
    for index in range(count):
        universal = index == 0
        found = _dom_special(draw, features, universal) if (
            special and draw(st.booleans())) else None
        items.append(found or _item(draw, _DOM, features,
                                    UNIVERSAL_DAY if universal else None))
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
    special = maybe(draw, bool(features & {"L", "#"}))
    if dialect == "quartz":  # Quartz takes L, nL and n#k only alone
        found = _dow_special(draw, dialect, features, years) if special else None
        return found or _numeric_field(draw, spec, features, star=False)
    count = draw(st.integers(2, 4)) if maybe(draw, "lists" in features) else 1
    items = []
    for _ in range(count):
        found = _dow_special(draw, dialect, features, years) if (
            special and draw(st.booleans())) else None
        items.append(found or _item(draw, spec, features, None))
    return ",".join(items)


@st.composite
def cron_parts(draw: st.DrawFn, dialect: Dialect, features: frozenset[str],
          zones: tuple[str, ...] | None) -> CronParts:
    prefix = f"CRON_TZ={draw(st.sampled_from(zones))} " if zones else ""
    if dialect == "cron" and "macros" in features and draw(st.integers(0, 7)) == 0:
        return CronParts(dialect, prefix, (), draw(st.sampled_from(_MACROS)))
    fields: list[str] = []
    if dialect == "quartz":
        fields.append(_numeric_field(draw, _SECOND, features)
                      if maybe(draw, "seconds" in features) else "0")
    fields.append(_numeric_field(draw, _MINUTE, features))
    fields.append(_numeric_field(draw, _HOUR, features))
    year = _numeric_field(draw, _YEAR, features) if maybe(
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
    return CronParts(dialect, prefix, tuple(fields), None)


_CRON_SPECS = (_MINUTE, _HOUR, _DOM, _MONTH, _Spec(0, 7))
_QUARTZ_SPECS = (_SECOND, _MINUTE, _HOUR, _DOM, _MONTH, _QUARTZ_DOW, _YEAR)


def _out_of_range(draw: st.DrawFn, spec: _Spec) -> str:
    below = [spec.low - 1] if spec.low > 0 else []
    if spec is _YEAR:
        below = [draw(st.integers(1900, 1969))]
    above = draw(st.integers(spec.high + 1, spec.high + 60))
    return str(draw(st.sampled_from([above, *below])))


@st.composite
def cron_near_misses(draw: st.DrawFn, dialect: Dialect, features: frozenset[str],
                  zones: tuple[str, ...] | None) -> Invalid:
    expr = draw(cron_parts(dialect, features, zones))
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
        return Invalid(draw(st.sampled_from(NOT_STRINGS)), "INVALID_TYPE", "")

    has_fields = expr.macro is None
    return one_of_applicable(draw, {
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
    chosen = chosen_from(features, CRON_FEATURES if dialect == "cron" else QUARTZ_FEATURES,
                     "features")
    names = zone_names(zones)
    if valid:
        return cron_parts(dialect, chosen, names).map(lambda expr: expr.text)
    return cron_near_misses(dialect, chosen, names)


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


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {
    "cron": cron_expressions,
    "quartz": quartz_expressions,
}
