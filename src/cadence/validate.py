"""``cadence.validate`` and ``cadence.envelope``: every problem of a payload, in any
format of the registry, and the vendor's own error body for them.

Each format's ``check`` (:mod:`cadence.formats`) finds every problem and builds the
recurrence when there is no error; parsing and validation both call it, so there is one
rule set, never two drifting copies. A payload that reads is linted too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from . import formats
from ._json_input import load_json
from ._problems import InvalidPayloadError, Problem, did_you_mean, json_type, pointer
from .errors import AmbiguousFormatError, ScheduleError, described
from .formats import Checked, Context
from .limits import MAX_PAYLOAD_BYTES as MAX_PAYLOAD_BYTES  # re-exported for the CLI
from .limits import LimitError
from .lint import lint_checked
from .schedule import Schedule

__all__ = [
    "JSON_FORMATS",
    "Checked",
    "InvalidPayloadError",
    "Problem",
    "check",
    "did_you_mean",
    "envelope",
    "json_type",
    "load_json",
    "pointer",
    "validate",
]

#: The JSON formats, from the registry.
JSON_FORMATS = formats.names(readable=True, kind="json")


def check(payload: object, format: str | None = None, *, tz: str | tzinfo | None = None
          ) -> Checked:
    """Run the format's checker: all problems, plus the recurrence when there is no
    error. Without ``format`` the payload says it (:func:`cadence.formats.recognize`):
    JSON text that does not decode is an ``INVALID_JSON`` problem, one beyond
    :mod:`cadence.limits` the limit's problem, and a payload whose shape does not tell
    its format raises :class:`~cadence.errors.AmbiguousFormatError`."""
    if format is None:
        try:
            chosen, payload = formats.recognized(payload)
        except LimitError as exc:
            return Checked([exc.problem])
        except AmbiguousFormatError:
            raise
        except ScheduleError as exc:  # JSON text that does not decode
            return Checked([Problem("", "INVALID_JSON", str(exc))])
    else:
        chosen = formats.get(format, verb="validates")
        payload = formats.without_bom(payload) if isinstance(payload, str) else payload
    assert chosen.check is not None  # readable formats check
    return chosen.check(payload, Context(tz=tz))


def validate(payload: object, format: str | None = None, *, tz: str | tzinfo | None = None,
             now: datetime | str | None = None, since: datetime | str | None = None,
             until: datetime | str | None = None) -> list[Problem]:
    """Every problem of ``payload`` in ``format``; it is valid when none is an error.

    Never raises for any JSON value (a JSON string is parsed first) whose format is
    known; an unknown ``format`` is the caller's error and raises
    :class:`ScheduleError`. Without ``format`` the payload says it, as
    :func:`cadence.parse` reads it (a JSON payload by its keys, text by its shape; see
    :func:`check`); one whose shape does not tell raises
    :class:`~cadence.errors.AmbiguousFormatError` naming the candidates. A payload that
    parses is also linted (:mod:`cadence.lint`): warnings about what is valid but
    probably not meant. ``now`` turns on the lint for an end in the past. The DST lints
    look at the clock changes from ``since`` to ``until``: by default the ten years from
    ``now``, or from today without it (see :func:`cadence.lint`).

    >>> validate("0 0 30 2 *")[0].code
    'NEVER_FIRES'
    >>> [(p.code, p.severity) for p in validate("* 3 * * *", "cron")]
    [('MINUTE_WILDCARD', 'warning')]
    >>> [p.code for p in validate({"_for": "revision", "status": "CREATED"})]
    []
    """
    checked = check(payload, format, tz=tz)
    if checked.recurrence is not None:
        return lint_checked(checked.problems, Schedule(checked.recurrence), payload, now=now,
                            since=since, until=until)
    found = list(checked.problems)
    for at, recurrence in checked.parts:  # a payload of several schedules: each is linted
        own = [problem for problem in checked.problems
               if problem.path == at or problem.path.startswith(at + "/")]
        found += lint_checked(own, Schedule(recurrence), payload, now=now, since=since,
                              until=until, prefix=at)[len(own):]
    return found


def envelope(problems: Sequence[Problem], format: str) -> dict[str, Any]:
    """The vendor's own error body for ``problems`` (see each format module)."""
    with_envelope = [fmt.name for fmt in formats.registry().values()
                     if fmt.envelope is not None]
    chosen = formats.registry().get(format) if isinstance(format, str) else None
    if chosen is None or chosen.envelope is None:
        raise ScheduleError(
            f"no vendor error envelope for {described(format)}; formats with one: "
            + ", ".join(with_envelope)
        )
    return chosen.envelope(problems)
