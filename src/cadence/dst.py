"""The named DST policies: what a schedule does at a wall-clock time that a DST change
skips (the clocks jump forward over it) or repeats (the clocks go back over it).

Schedulers disagree here, and each format's own scheduler decides, so every format
declares its default (``Format.dst``: the policy and the evidence for it);
``parse(..., dst=...)`` and ``cadence ... --dst`` choose another.

- ``cron`` (Debian/Vixie cron): a skipped time fires right after the jump, a repeated
  time fires once, on the first pass; rules that are not fixed-time fire at every
  instant the clock shows their time (both passes, never in the gap).
- ``rfc5545`` (RFC 5545): a skipped time does not fire; a repeated time fires once, on
  the first pass. Every rule is treated as fixed-time.
- ``quartz`` (Quartz Scheduler): a skipped time does not fire; a repeated time fires
  once, on the second pass. Every rule is treated as fixed-time.

Under ``cron`` a rule is *fixed-time* unless its minute or hour field starts with ``*``
(Debian cron's rule, read from the cron string); a rule read from another format is
fixed-time under ``cron`` unless it fires in every hour of the day or repeats every few
hours, minutes or seconds, which is what such a field says.

>>> import cadence
>>> nightly = cadence.parse("30 2 * * *", tz="America/New_York")
>>> nightly.dst, nightly.next("2026-03-08T00:00").isoformat()
('cron', '2026-03-08T03:00:00-04:00')
>>> strict = cadence.parse("30 2 * * *", tz="America/New_York", dst="rfc5545")
>>> strict.next("2026-03-08T00:00").isoformat()
'2026-03-09T02:30:00-04:00'
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .errors import ScheduleError
from .ir import DstFlags, Recurrence, Rule

__all__ = ["CRON", "POLICIES", "QUARTZ", "RFC5545", "DstPolicy", "applied", "get", "of"]


class DstPolicy(NamedTuple):
    """One named DST policy, in words and as the :class:`~cadence.ir.Rule` flags it sets."""

    name: str
    title: str  #: whose behaviour it is
    gap: str  #: what a fixed time skipped by a jump does
    repeat: str  #: what a fixed time the clocks repeat does
    source: str  #: where the behaviour is documented
    skip_gaps: bool
    second_pass: bool
    #: Rules that are not fixed-time fire in both passes (only cron tells them apart).
    keeps_hourly: bool

    def flags(self, rule: Rule) -> DstFlags:
        """The DST fields ``rule`` gets under this policy."""
        if not self.keeps_hourly:
            return DstFlags.of(True, self.skip_gaps, self.second_pass)
        if of(rule) is self:  # read under cron: keep its own (spelled) reading
            return rule.dst_flags
        return DstFlags.of(not _fires_hourly(rule))

    def on(self, rule: Rule) -> Rule:
        """``rule`` under this policy."""
        flags = self.flags(rule)
        if flags == rule.dst_flags:
            return rule
        return replace(rule, fixed_time=flags.fixed_time, skip_gaps=flags.skip_gaps,
                       second_pass=flags.second_pass)


CRON = DstPolicy(
    "cron", "Debian/Vixie cron",
    "fires right after the jump", "fires once, on the first pass",
    "Debian cron(8), section DAYLIGHT SAVING TIME; as cronsim implements it",
    skip_gaps=False, second_pass=False, keeps_hourly=True)
RFC5545 = DstPolicy(
    "rfc5545", "RFC 5545 (iCalendar)",
    "does not fire", "fires once, on the first pass",
    "RFC 5545 section 3.3.10 (invalid local times are ignored) and 3.3.5 (a repeated "
    "local time is its first occurrence)",
    skip_gaps=True, second_pass=False, keeps_hourly=False)
QUARTZ = DstPolicy(
    "quartz", "Quartz Scheduler",
    "does not fire", "fires once, on the second pass",
    "Quartz CronExpression.getTimeAfter, as observed (shared/reference/peers.md)",
    skip_gaps=True, second_pass=True, keeps_hourly=False)

#: Every named policy, by name.
POLICIES: dict[str, DstPolicy] = {policy.name: policy for policy in (CRON, RFC5545, QUARTZ)}


def get(name: object) -> DstPolicy:
    """The policy called ``name``, or a :class:`~cadence.errors.ScheduleError` listing
    them."""
    if isinstance(name, DstPolicy):
        return name
    found = POLICIES.get(name) if isinstance(name, str) else None
    if found is None:
        shown = name if isinstance(name, str) else type(name).__name__
        raise ScheduleError(f"unknown DST policy '{shown}'; use one of "
                            f"{', '.join(POLICIES)}")
    return found


def of(rule: Rule) -> DstPolicy | None:
    """The named policy whose flags ``rule`` has (``None`` for a combination no policy
    names, which only a hand-built rule has)."""
    fixed_time, skip_gaps, second_pass = rule.dst_flags
    if not fixed_time or not skip_gaps:
        return CRON if not second_pass else None
    return QUARTZ if second_pass else RFC5545


def applied(recurrence: Recurrence, policy: DstPolicy | str) -> Recurrence:
    """``recurrence`` with every rule (and excluded rule) under ``policy``."""
    chosen = get(policy)
    rules = tuple(chosen.on(rule) for rule in recurrence.rules)
    exclusions = tuple(chosen.on(rule) for rule in recurrence.exclusions)
    if rules == recurrence.rules and exclusions == recurrence.exclusions:
        return recurrence
    return Recurrence(rules, recurrence.zone, start=recurrence.start, end=recurrence.end,
                      format=recurrence.format, source=recurrence.source,
                      spelling=recurrence.spelling, metadata=recurrence.metadata,
                      dates=recurrence.dates, excluded=recurrence.excluded,
                      exclusions=exclusions)


def _fires_hourly(rule: Rule) -> bool:
    """Whether a rule from another format is what cron calls not fixed-time: it fires in
    every hour of the day, or repeats every few hours, minutes or seconds."""
    period = rule.period
    return len(rule.hours) == 24 or (period is not None
                                     and period.unit in ("hour", "minute", "second"))
