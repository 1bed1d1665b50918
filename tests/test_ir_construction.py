"""Rules and recurrences are built on every parse, through hand-written constructors
(bound slot setters, a field order written out): they must build what the declared
fields say."""

from __future__ import annotations

import dataclasses
from datetime import timedelta, timezone

from cadence.ir import _RECURRENCE_SETTERS, _RULE_SETTERS, Recurrence, Rule, Weekdays


def test_the_rule_setters_follow_the_fields() -> None:
    names = [field.name for field in dataclasses.fields(Rule)]
    assert [setter.__self__.__name__ for setter in _RULE_SETTERS] == names


def test_every_field_lands_where_it_belongs() -> None:
    values = {"seconds": (5,), "minutes": (6,), "hours": (7,), "months": (8,),
              "weekdays": Weekdays(days=(1,)), "fixed_time": False,
              "duration": timedelta(minutes=3), "notes": ("a note",)}
    rule = Rule(**values)  # type: ignore[arg-type]
    for name, value in values.items():
        assert getattr(rule, name) == value
    assert rule.skip_gaps  # not fixed-time: skips gaps
    assert dataclasses.replace(rule, hours=(9,)) == Rule(**{**values, "hours": (9,)})  # type: ignore[arg-type]


def test_a_recurrence_of_one_rule_is_built_as_the_general_way_builds_it() -> None:
    nine = Rule((0,), (0,), (9,))
    quick = Recurrence.of_rule(nine, timezone.utc, format="cron", source="0 9 * * *",
                               spelling="the spelling")
    full = Recurrence(nine, timezone.utc, format="cron", source="0 9 * * *",
                      spelling="the spelling")
    for name in (*Recurrence.__slots__,):
        assert getattr(quick, name) == getattr(full, name), name
    assert [setter.__self__.__name__ for setter in _RECURRENCE_SETTERS] == [
        "rules", "dates", "excluded", "exclusions", "zone", "start", "end", "format", "source",
        "spelling", "metadata", "_zone_name", "_start_seconds", "_end_seconds", "_key"]
    assert set(Recurrence.__slots__) == {setter.__self__.__name__
                                         for setter in _RECURRENCE_SETTERS}
