"""The words of systemd calendar events that both :mod:`cadence.formats.systemd`, which
sniffs them, and its reader :mod:`._systemd` know."""

from __future__ import annotations

__all__ = ["NAME", "SHORTHANDS"]

NAME = "systemd"

#: The shorthands and the normalized forms systemd-analyze prints for them.
SHORTHANDS = {
    "minutely": "*-*-* *:*:00",
    "hourly": "*-*-* *:00:00",
    "daily": "*-*-* 00:00:00",
    "monthly": "*-*-01 00:00:00",
    "weekly": "Mon *-*-* 00:00:00",
    "yearly": "*-01-01 00:00:00",
    "annually": "*-01-01 00:00:00",
    "quarterly": "*-01,04,07,10-01 00:00:00",
    "semiannually": "*-01,07-01 00:00:00",
}
