"""The named DST policies (cadence.dst): each format's default, ``dst=`` and ``--dst`` to
choose another, and conversions that refuse a policy change that moves an occurrence.

New York: the clocks jump from 02:00 to 03:00 on 2026-03-08 and go back from 02:00 to
01:00 on 2026-11-01 (the rows of shared/reference/peers.md's DST table)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cadence
from cadence import dst, formats
from cadence.cli import main

NEW_YORK = "America/New_York"
SPRING = ("2026-03-08T00:00", "2026-03-09T00:00")
AUTUMN = ("2026-11-01T00:00", "2026-11-02T00:00")

# (source, format, dst= or None for the format's own, day, expected firings as ISO)
POLICY_TABLE: list[tuple[str, str, str | None, tuple[str, str], list[str]]] = [
    # Debian cron: a skipped time fires right after the jump; a repeated one once, first.
    ("30 2 * * *", "cron", None, SPRING, ["2026-03-08T03:00:00-04:00"]),
    ("30 1 * * *", "cron", None, AUTUMN, ["2026-11-01T01:30:00-04:00"]),
    ("30 * * * *", "cron", None, (AUTUMN[0], "2026-11-01T03:00"),
     ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00",
      "2026-11-01T02:30:00-05:00"]),
    # Quartz: a skipped time does not fire; a repeated time fires once, on its second pass,
    # for every rule (the '*' of Quartz's fields means nothing for DST).
    ("0 30 2 * * ?", "quartz", None, SPRING, []),
    ("0 30 1 * * ?", "quartz", None, AUTUMN, ["2026-11-01T01:30:00-05:00"]),
    ("0 30 * * * ?", "quartz", None, (AUTUMN[0], "2026-11-01T03:00"),
     ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-05:00",
      "2026-11-01T02:30:00-05:00"]),
    # RFC 5545: a skipped time does not fire; a repeated one once, on the first pass.
    ("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;BYSECOND=0", "rrule", None, SPRING, []),
    ("FREQ=DAILY;BYHOUR=1;BYMINUTE=30;BYSECOND=0", "rrule", None, AUTUMN,
     ["2026-11-01T01:30:00-04:00"]),
    ("FREQ=HOURLY;BYMINUTE=30;BYSECOND=0", "rrule", None, (AUTUMN[0], "2026-11-01T03:00"),
     ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00",
      "2026-11-01T02:30:00-05:00"]),
    # systemd follows RFC 5545's policy.
    ("*-*-* 02:30:00", "systemd", None, SPRING, []),
    # Chosen with dst=: each source under each other policy.
    ("30 2 * * *", "cron", "rfc5545", SPRING, []),
    ("30 1 * * *", "cron", "quartz", AUTUMN, ["2026-11-01T01:30:00-05:00"]),
    ("30 * * * *", "cron", "rfc5545", (AUTUMN[0], "2026-11-01T03:00"),
     ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00",
      "2026-11-01T02:30:00-05:00"]),
    ("0 30 2 * * ?", "quartz", "cron", SPRING, ["2026-03-08T03:00:00-04:00"]),
    ("0 30 1 * * ?", "quartz", "rfc5545", AUTUMN, ["2026-11-01T01:30:00-04:00"]),
    ("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;BYSECOND=0", "rrule", "cron", SPRING,
     ["2026-03-08T03:00:00-04:00"]),
    # Under cron's policy a rule from another format that fires every hour fires in both
    # passes, as cron's '*' hour would.
    ("FREQ=HOURLY;BYMINUTE=30;BYSECOND=0", "rrule", "cron", (AUTUMN[0], "2026-11-01T03:00"),
     ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00",
      "2026-11-01T02:30:00-05:00"]),
]


@pytest.mark.parametrize(("source", "format", "policy", "day", "expected"), POLICY_TABLE)
def test_each_policy_fires_as_its_scheduler_does(source: str, format: str, policy: str | None,
                                                 day: tuple[str, str],
                                                 expected: list[str]) -> None:
    schedule = cadence.parse(source, format, tz=NEW_YORK, dst=policy)
    assert [moment.isoformat() for moment in schedule.between(*day)] == expected
    # Forward and backward tell the same story.
    backward = [moment.isoformat() for moment in schedule.iter_before(day[1])]
    assert backward[: len(expected)][::-1] == expected or not expected
    assert schedule.dst == (policy or formats.get(format).dst.policy)  # type: ignore[union-attr]


def test_every_format_that_reads_times_names_its_default_and_why() -> None:
    for name in formats.names(readable=True, schedules=True):
        declared = formats.get(name).dst
        assert declared is not None, name
        assert declared.policy in dst.POLICIES, name
        assert declared.source, name


def test_the_readme_table_lists_each_format_with_its_policy() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| `([a-z0-9]+)` \|", readme, re.M))
    expected = {name: fmt.dst.policy for name, fmt in formats.registry().items()
                if fmt.dst is not None}
    assert rows == expected


def test_an_unknown_policy_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(cadence.ScheduleError,
                       match="unknown DST policy 'vixie'; use one of cron, rfc5545, quartz"):
        cadence.parse("0 9 * * *", dst="vixie")


def test_in_a_zone_without_clock_changes_the_policy_changes_nothing() -> None:
    assert cadence.parse("0 0 9 * * ?") == cadence.parse("0 9 * * *")
    assert cadence.parse("0 9 * * *", tz="Europe/Berlin", dst="quartz") != cadence.parse(
        "0 9 * * *", tz="Europe/Berlin")


# (source, target, message substring): the first DST date where the target's policy
# moves or drops an occurrence.
REFUSED = [
    ("30 2 * * *", "rrule",
     "rrule: the DST policy of this schedule cannot be expressed: 2026-03-08T02:30:00 does "
     "not exist in America/New_York (the clocks jump over it); this schedule (cron DST "
     "policy) fires right after the jump, the rrule result (rfc5545 DST policy) skips it"),
    ("0 30 1 * * ?", "cron",
     "cron: the DST policy of this schedule cannot be expressed: 1918-10-27T01:30:00 "
     "happens twice in America/New_York (the clocks go back); this schedule (quartz DST "
     "policy) fires once, on the second pass, the cron result (cron DST policy) fires "
     "once, on the first pass"),
]


@pytest.mark.parametrize(("source", "target", "message"), REFUSED)
def test_a_conversion_that_changes_the_policy_names_the_first_date(
        source: str, target: str, message: str) -> None:
    schedule = cadence.parse(source, tz=NEW_YORK)
    if target == "rrule":  # RFC 5545 carries the zone on DTSTART: from 2026
        schedule = schedule.bounded(start="2026-01-01T00:00")
    with pytest.raises(cadence.UnsupportedError) as caught:
        cadence.emit(schedule, target)
    assert message in str(caught.value)
    _, dropped = cadence.emit(schedule, target, lossy=True)
    assert dropped == ["the DST policy" + message.split("cannot be expressed")[1]]


def test_a_conversion_between_the_same_policies_passes() -> None:
    schedule = cadence.parse("30 2 * * *", tz=NEW_YORK, dst="rfc5545").bounded(
        start="2026-01-01T00:00")
    written = cadence.emit(schedule, "rrule")
    assert isinstance(written, str)
    again = cadence.parse(written, "rrule", tz=NEW_YORK)
    assert [moment.isoformat() for moment in again.between(*SPRING)] == []
    assert again.next(SPRING[1]).isoformat() == "2026-03-09T02:30:00-04:00"  # type: ignore[union-attr]


def test_the_cli_takes_dst(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["next", "30 2 * * *", "--tz", NEW_YORK, "--at", "2026-03-08T00:00",
                 "-n", "1", "--dst", "rfc5545"])
    assert (code, capsys.readouterr().out) == (0, "2026-03-09T02:30:00-04:00\n")
    code = main(["next", "30 2 * * *", "--tz", NEW_YORK, "--at", "2026-03-08T00:00",
                 "-n", "1"])
    assert (code, capsys.readouterr().out) == (0, "2026-03-08T03:00:00-04:00\n")
    assert main(["next", "30 2 * * *", "--dst", "vixie"]) == 2
    assert "invalid choice: 'vixie'" in capsys.readouterr().err


def test_the_cli_lists_every_policy() -> None:
    from cadence.cli._parser import DST_POLICIES

    assert tuple(dst.POLICIES) == DST_POLICIES


# (source, moment the lints count from, message): the DST lints speak of the rule's policy.
LINTS = [
    ("0 30 1 * * ?", "2026-06-01T00:00Z",
     "01:30 happens twice in America/New_York on 2026-11-01: the clocks go back from 02:00 "
     "to 01:00; the job fires once, on the second pass (UTC-05:00), not on the first"),
    ("0 30 2 * * ?", "2026-01-01T00:00Z",
     "02:30 does not exist in America/New_York on 2026-03-08: the clocks jump from 02:00 to "
     "03:00; Quartz skips it, so there is no occurrence that day"),
]


@pytest.mark.parametrize(("source", "now", "message"), LINTS)
def test_the_dst_lints_follow_the_policy(source: str, now: str, message: str) -> None:
    found = cadence.lint(cadence.parse(source, tz=NEW_YORK), now=now)
    assert [problem.message for problem in found] == [message]


def test_a_quartz_trigger_refuses_a_policy_quartz_would_change() -> None:
    """Quartz keeps the zone beside the expression; its policy still decides the
    occurrences, so a cron time in New York's spring gap is refused."""
    with pytest.raises(cadence.UnsupportedError) as caught:
        cadence.quartz_trigger(cadence.parse("30 2 * * *", tz=NEW_YORK))
    assert str(caught.value) == (
        "quartz: the DST policy of this schedule cannot be expressed: 1918-03-31T02:30:00 "
        "does not exist in America/New_York (the clocks jump over it); this schedule (cron "
        "DST policy) fires right after the jump, the quartz result (quartz DST policy) "
        "skips it")
    assert cadence.quartz_trigger(cadence.parse("0 9 * * *", tz=NEW_YORK)) == (
        "0 0 9 * * ?", NEW_YORK)


def test_the_read_back_compares_each_kind_of_dst_day_once(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Every minute in New York to RRULE: the policies agree on every DST day up to 9999,
    and only the times around each change of a few kinds of day are compared (every
    time of every DST day to 9999, 46 million, took tens of seconds)."""
    from cadence import _evaluate

    mapped = 0
    wall_to_instants = _evaluate._wall_to_instants

    def counting(*args: object) -> list[int]:
        nonlocal mapped
        mapped += 1
        return wall_to_instants(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_evaluate, "_wall_to_instants", counting)
    schedule = cadence.parse("0-59 0-23 * * *", "cron", tz=NEW_YORK).bounded(
        start="2026-01-01")
    assert cadence.emit(schedule, "rrule") == (
        "DTSTART;TZID=America/New_York:20260101T000000\nRRULE:FREQ=MINUTELY;BYSECOND=0")
    assert mapped < 20_000
