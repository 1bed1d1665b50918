"""What a format is: one object that every layer above the formats loops over.

A format module builds its :class:`Format` and names it ``FORMAT`` (or several in a
``FORMATS`` tuple, as the cron module does for cron, Quartz and crontab); the registry
in :mod:`cadence.formats` finds them. Nothing above the formats lists formats by hand.

The registry imports every format module to list and to sniff, on the first parse, so a
format module is cheap to import: what reads and writes a format of any size waits in
its private module (``formats/_rrule.py`` for ``formats/rrule.py``), imported by the
format's functions when they are first called; :func:`machinery_names` hands out its
public names from the format module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, Literal, NamedTuple, Protocol

from .._problems import InvalidPayloadError, Problem
from ..errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError
from ..ir import DayMatch, HasRecurrence, Recurrence, SetFeature, occurrences
from ..limits import payload_problem
from ._firing import require_fires

__all__ = [
    "CRON_DST",
    "RFC5545_DST",
    "Checked",
    "Context",
    "Dst",
    "Format",
    "JsonMachinery",
    "Kind",
    "LintPaths",
    "Written",
    "json_format",
    "machinery_names",
    "text_format",
]

Kind = Literal["text", "json"]
#: What a writer returns: text for text formats, a dict for JSON formats.
Written = str | dict[str, Any]


@dataclass(frozen=True, slots=True)
class Context:
    """What the caller says besides the source: the zone for a source that names none,
    and cron's day-of-month/day-of-week rule (formats that have no such choice refuse
    it)."""

    tz: str | tzinfo | None = None
    day_match: DayMatch | None = None
    #: The format was recognized by sniffing, not named: a reader may pick its dialect.
    sniffed: bool = False


@dataclass(slots=True)
class Checked:
    """What a format's check found: every problem, and the recurrence if none is an
    error."""

    problems: list[Problem] = field(default_factory=list)
    recurrence: Recurrence | None = None
    #: Why a payload without errors holds no one schedule (a list of several Helix
    #: time frames): ``parse`` raises it; ``""`` otherwise.
    refused: str = ""
    #: The schedules of such a payload, each with the JSON Pointer of the object it was
    #: read from (``validate`` lints each there).
    parts: list[tuple[str, Recurrence]] = field(default_factory=list)

    @property
    def schedule(self) -> Any:
        """The recurrence with its occurrences (a :class:`cadence.Schedule`, from the
        engine), or ``None``: for callers of a format's own ``check``."""
        return None if self.recurrence is None else occurrences(self.recurrence)


@dataclass(frozen=True, slots=True)
class LintPaths:
    """Where a format keeps what the lints are about: JSON Pointers below the payload
    (or below ``wrapper`` when the payload nests its schedule there)."""

    days: str = ""
    time: str = ""
    end: str = ""
    wrapper: str | None = None
    #: The key of a vendor's answer that holds the payload (or an array of them), as
    #: Helix's GET answers hold time frames under ``object``.
    answer: str | None = None
    #: How the format says "the last day of the month", for the lints' advice.
    last_day: str | None = None
    #: How the format names its end bound, for the lints' messages (and the note of
    #: ``cadence next`` that says why no more occurrences follow).
    end_words: str = "its end bound"
    #: How the format names its start bound, for the note of ``cadence prev``.
    start_words: str = "its start bound"
    #: Whether the format's end is the last second that may fire (a campaign's
    #: ``expiration``), which the lints show instead of the IR's exclusive end after it.
    end_inclusive: bool = False


@dataclass(frozen=True, slots=True)
class Format:
    """One schedule format.

    ``read`` turns a source into a :class:`~cadence.ir.Recurrence` or raises a
    :class:`~cadence.errors.ScheduleError`; ``check`` returns every problem instead
    (JSON formats report them all, with paths); ``write`` writes a recurrence or raises
    :class:`~cadence.errors.UnsupportedError` naming what it cannot say. ``sniff`` says
    whether a text without ``format=`` is this format's; ``recognizes`` whether a JSON
    value (a decoded payload) is, by its shape: the keys only this format's payloads
    have, never validating (it is cheap and never raises; the one that recognizes a
    payload reports its every problem). Formats are listed, and asked, in the order of
    ``rank``. ``is_schedule`` is false for a payload that validates but holds no
    schedule.
    """

    name: str
    kind: Kind
    summary: str
    read: Callable[[object, Context], Recurrence] | None = None
    check: Callable[[object, Context], Checked] | None = None
    write: Callable[[HasRecurrence], Written] | None = None
    sniff: Callable[[str], bool] | None = None
    recognizes: Callable[[object], bool] | None = None
    rank: int = 100
    #: Reads text that no format's ``sniff`` recognizes (cron, which tells cron from
    #: Quartz by the number of fields).
    fallback: bool = False
    envelope: Callable[[Sequence[Problem]], dict[str, Any]] | None = None
    lint: LintPaths = LintPaths()
    is_schedule: bool = True
    #: The format a written result is read back with (crontab: line by line as cron).
    reads_back_as: str | None = None
    #: Why ``parse`` refuses this format, when it is not a schedule.
    not_a_schedule: str = ""
    #: The RFC 5545 set features its writer says (see ``Recurrence.set_features``);
    #: :func:`text_format` and :func:`json_format` refuse the others before it runs.
    says: frozenset[SetFeature] = frozenset()
    #: The DST policy (a name in :data:`cadence.dst.POLICIES`) its scheduler follows, and
    #: where that is documented (``None`` for a format that holds no times).
    dst: Dst | None = None


class Dst(NamedTuple):  # (a tuple: made on every start, cheaper than a dataclass)
    """A format's DST policy by default, and the evidence for it."""

    policy: str  #: a name in :data:`cadence.dst.POLICIES`
    source: str  #: why: the vendor's page, the standard, or our documented assumption


#: Unix cron's policy, as its manual states it (cron and crontab).
CRON_DST = Dst("cron", "Debian cron(8), DAYLIGHT SAVING TIME: a job in a skipped interval runs "
                       "right after the jump, in a repeated interval once; a job whose minute "
                       "or hour starts with '*' runs as the clock shows (both passes)")
#: RFC 5545's policy (RRULE text and iCalendar).
RFC5545_DST = Dst("rfc5545", "RFC 5545 section 3.3.10: an instance at a local time that does "
                             "not exist is ignored; section 3.3.5: a local time that occurs "
                             "twice means its first occurrence")


def _refusing(name: str, write: Callable[[HasRecurrence], Written] | None,
              says: frozenset[SetFeature]) -> Callable[[HasRecurrence], Written] | None:
    """``write``, refusing first what the format cannot say of RFC 5545's sets, so that
    no writer drops a count, an explicit date or an exclusion by not knowing of it."""
    if write is None:
        return None
    writer = write

    def guarded(source: HasRecurrence) -> Written:
        for key, feature, detail in source.recurrence.set_features():
            if key not in says:
                raise UnsupportedError(name, feature, detail)
        return writer(source)

    return guarded


def text_format(name: str, summary: str, *, read: Callable[[object, Context], Recurrence]
                | None = None, write: Callable[[HasRecurrence], Written] | None = None,
                sniff: Callable[[str], bool] | None = None, rank: int = 100,
                fallback: bool = False, lint: LintPaths = LintPaths(),
                reads_back_as: str | None = None,
                says: frozenset[SetFeature] = frozenset(), dst: Dst | None = None,
                decides_firing: bool = False) -> Format:
    """A text format; its check is its read, with the error as the one problem. Every
    read ends in the one never-fires decision (:func:`require_fires`), so no text format
    can hand out a schedule that provably never fires; a reader that makes the same
    decision itself on its fast path (``decides_firing``: cron's) is not asked twice."""
    check = None
    if read is not None and not decides_firing:
        read = _firing(read)
    if read is not None:
        reader = read

        def check(source: object, context: Context) -> Checked:
            if not isinstance(source, str):
                return Checked([Problem("", "INVALID_TYPE", f"a {name} expression is a "
                                        f"string, not {type(source).__name__}")])
            try:
                return Checked([], reader(source, context))
            except NeverFiresError as exc:
                return Checked([Problem("", "NEVER_FIRES", exc.one_line)])
            except ParseError as exc:
                return Checked([Problem("", "INVALID_EXPRESSION", exc.one_line)])
            except ScheduleError as exc:
                return Checked([Problem("", "INVALID_ZONE", exc.one_line)])

    return Format(name, "text", summary, read=read, check=check,
                  write=_refusing(name, write, says), sniff=sniff, rank=rank,
                  fallback=fallback, lint=lint, reads_back_as=reads_back_as, says=says,
                  dst=dst)


def _firing(read: Callable[[object, Context], Recurrence]
            ) -> Callable[[object, Context], Recurrence]:
    """``read``, refusing what it read when that provably never fires."""
    def checked(source: object, context: Context) -> Recurrence:
        recurrence = read(source, context)
        require_fires(recurrence, source)
        return recurrence

    return checked


class JsonMachinery(Protocol):
    """What a JSON format's private module defines (a module is such an object): its
    every problem of a payload, and the vendor's error body for them."""

    def check(self, payload: object, *, tz: str | tzinfo | None = None) -> Checked: ...

    def envelope(self, problems: Sequence[Problem]) -> dict[str, Any]: ...


def json_format(name: str, summary: str, *, machinery: Callable[[], JsonMachinery],
                recognizes: Callable[[object], bool],
                write: Callable[[HasRecurrence], Written] | None = None, rank: int = 100,
                lint: LintPaths = LintPaths(), not_a_schedule: str = "",
                says: frozenset[SetFeature] = frozenset(), dst: Dst | None = None) -> Format:
    """A JSON format, checked and answered for by ``machinery()``, its private module,
    imported when it is first called. Its read is its check, raising every problem at
    once. A payload beyond :mod:`cadence.limits` is refused before the format's own rules
    run (JSON text is measured as it is read). ``recognizes`` tells its payloads by their
    keys (see :class:`Format`): every JSON format has one, so that no payload needs its
    format named unless its shape is ambiguous."""
    def guarded(source: object, context: Context) -> Checked:
        if not isinstance(source, str | bytes):
            too_much = payload_problem(source)
            if too_much is not None:
                return Checked([too_much])
        return machinery().check(source, tz=context.tz)

    def read(source: object, context: Context) -> Recurrence:
        checked = guarded(source, context)
        if checked.recurrence is None:
            if checked.refused and not any(problem.is_error for problem in checked.problems):
                raise ScheduleError(checked.refused)
            raise InvalidPayloadError(name, checked.problems)
        return checked.recurrence

    def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
        return machinery().envelope(problems)

    return Format(name, "json", summary, read=None if not_a_schedule else read, check=guarded,
                  write=_refusing(name, write, says), envelope=envelope,
                  recognizes=recognizes, rank=rank,
                  lint=lint, is_schedule=not not_a_schedule, not_a_schedule=not_a_schedule,
                  says=says, dst=dst)


def machinery_names(machinery: Callable[[], object], module: str, names: Collection[str]
                    ) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A format module's ``__getattr__`` and ``__dir__`` (PEP 562): of ``names`` (its
    ``__all__``), those it does not define itself come from ``machinery()``, its private
    module, imported on first use; any other name is missing without importing it."""
    def attribute(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        return getattr(machinery(), name)

    def listed() -> list[str]:
        return sorted({*vars(sys.modules[module]), *names})

    return attribute, listed
