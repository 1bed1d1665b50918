"""``cadence.expand``: every occurrence of many schedules in a window, as rows.

>>> import cadence
>>> rows = cadence.expand({"backup": "0 2 * * *", "report": "30 8 * * MON"},
...                       "2026-12-07T00:00Z", "2026-12-09T00:00Z")
>>> [(row.schedule_id, row.occurrence.isoformat()) for row in rows]
[('backup', '2026-12-07T02:00:00+00:00'), ('backup', '2026-12-08T02:00:00+00:00'), \
('report', '2026-12-07T08:30:00+00:00')]

Each row is an :class:`ExpandedRow` ``(schedule_id, occurrence, window_end)``: the
occurrence is an aware datetime in its schedule's zone, ``window_end`` the end of the
window it opens for a schedule with windows (a duration, an event's end), else
``None``. Rows come **schedule by schedule, in the order given** (a mapping's own
order), each schedule's occurrences ascending, one per instant, as
:meth:`Schedule.between` lists them: the same rows in the same order whatever the
number of processes, workers or chunks. The result is an **iterator** (a generator:
``close()`` stops the work and its processes), produced a chunk at a time (schedules
until their rows reach 200,000, a long schedule going on in the next chunks from its
next occurrence), so millions of rows never sit in memory at once; take ``list(...)``
of a small one.

The window is ``[start, end)``; a naive moment is wall time in each schedule's zone
(as everywhere in cadence), an aware one the same instant for all: both ends are one
or the other (a window naive at one end and aware at the other is refused).

Spreading the work:

- ``workers=N``: chunks of schedules go to a pool of N processes
  (``concurrent.futures``; started by ``forkserver`` where there is one, so that a
  program with threads forks safely). Schedules given as text or payloads travel as
  they are and are read in the workers; :class:`Schedule` objects travel pickled.
  Measured on 20,000 realistic cron lines: reading the text takes 12.5 us, while
  pickling a parsed schedule takes 15 us in the parent, 25 us to unpickle and 130-385
  bytes against 18, and making sure a schedule's text still reads as the same schedule
  (it may have been bounded or given a duration) costs the parent 21 us: so text
  travels as text, and schedules pickled.
- ``client=``: a ``dask.distributed.Client``; chunks become Dask tasks (its workers must
  be able to import cadence). Dask is imported only then (``pip install "cadence[dask]"``).

Bounds: a call yields at most ``max_rows`` rows (default
:data:`cadence.limits.MAX_EXPANDED_ROWS`: those rows are yielded), one schedule's or
many's; past it, a :class:`~cadence.TooManyResultsError` says how to narrow the
window. One schedule has no bound of its own: its occurrences stream as
:meth:`Schedule.iter_after` walks them (where :meth:`Schedule.between` would list at
most :data:`cadence.limits.MAX_RESULTS`), so Quartz's every second over two days gives
its 172,800 rows. A schedule that cannot be read (or fails as it is walked) raises its
error, its message starting with the schedule's id, when its chunk is reached (the rows
before it have been yielded by then: :func:`cadence.is_valid` checks the schedules
beforehand).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from datetime import datetime, tzinfo
from itertools import islice, repeat, starmap
from typing import Any, NamedTuple, Protocol

from . import limits
from ._api import as_schedule
from ._moments import Moment, as_datetime
from ._zones import resolve_zone, zone_name
from .errors import ScheduleError, TooManyResultsError, described, moment_words
from .schedule import Schedule

__all__ = ["ExpandedRow", "expand"]

_MICRO = 1_000_000
#: A chunk returns once it holds this many rows, in the middle of a schedule if need
#: be (the rest goes out again as a chunk of its own, that schedule going on from its
#: next occurrence): chunks stay a few MB whatever the schedules.
_CHUNK_ROWS = 200_000
#: Chunks waiting or running per worker: enough to keep each one busy.
_AHEAD = 4
#: Progress is heard, and rows are handed on, a chunk at a time.
_INLINE_CHUNK = 256


class ExpandedRow(NamedTuple):
    """One occurrence of one schedule: ``(schedule_id, occurrence, window_end)``."""

    #: The schedule's id, as given (a mapping's key, or a pair's first item).
    schedule_id: Hashable
    #: The occurrence, an aware datetime in the schedule's zone.
    occurrence: datetime
    #: When the window the occurrence opens closes, or ``None`` for an instant.
    window_end: datetime | None


#: What travels to a chunk: (id, a Schedule or what parse reads, format, tz).
Item = tuple[Hashable, object, "str | None", "str | tzinfo | None"]
#: A row as it travels back from a worker: a plain tuple pickles in a third of the time
#: of a named one (1.7 against 5.3 us), so the rows are named where they arrive.
Row = tuple[Hashable, datetime, "datetime | None"]
#: Turns a chunk's rows into what the caller wants back from the workers (the command
#: line has them written as CSV there); a module-level function, so that it pickles.
Render = Callable[[list[Row]], Any]


class _Chunk(NamedTuple):
    """What a chunk sends back: its rows (or what ``render`` made of them), how many,
    the index (in the chunk) of the first schedule it did not finish, and where that
    one goes on (the instant, in POSIX seconds, of its next row; ``None``: from the
    window's start) with the share of its window done, or the error that stopped it."""

    rows: Any
    size: int
    done: int
    resume: int | None
    part: float
    error: ScheduleError | None


class _Pending(Protocol):
    """A chunk on its way: a ``concurrent.futures.Future`` or a Dask future."""

    def result(self) -> _Chunk: ...

    def cancel(self) -> object: ...


class _Submit(Protocol):
    def __call__(self, items: list[Item], start: Moment, end: Moment, resume: int | None,
                 budget: int, render: Render | None) -> _Pending: ...


#: Where chunks run: (submit a chunk, how many run at once, what ends it all).
_Runner = tuple[_Submit, int, Callable[[], None]]


def expand(schedules: Mapping[Any, object] | Iterable[tuple[Any, object]],
           start: Moment, end: Moment, *, workers: int | None = None,
           client: object | None = None, progress: Callable[[float], None] | None = None,
           format: str | None = None, tz: str | tzinfo | None = None,
           max_rows: int | None = None) -> Generator[ExpandedRow, None, None]:
    """Every occurrence in ``[start, end)`` of each schedule, as :class:`ExpandedRow`
    rows, schedule by schedule in the order given (see the module).

    ``schedules``: a mapping id -> schedule, or (id, schedule) pairs; a schedule is a
    :class:`Schedule` or anything :func:`cadence.parse` reads (read with ``format`` and
    ``tz``). ``workers``: spread chunks over that many processes; ``client``: over a
    ``dask.distributed.Client``'s cluster (not both; default: this process).
    ``progress`` hears the fraction of schedules done after each chunk. ``max_rows``:
    the most rows the call yields (default :data:`cadence.limits.MAX_EXPANDED_ROWS`).
    """
    if tz == "local":  # (this machine's zone, not each worker's)
        tz = zone_name(resolve_zone(tz))
    items = _items(schedules, format, tz)
    first, last = checked_window(start, end)
    cap = limits.MAX_EXPANDED_ROWS if max_rows is None else _positive(max_rows, "max_rows")
    return expand_items(items, first, last, workers=workers, client=client, progress=progress,
                 max_rows=cap, render=None)


def checked_window(start: Moment, end: Moment, names: tuple[str, str] = ("start", "end")
                   ) -> tuple[datetime, datetime]:
    """The window ``[start, end)`` as datetimes: both ends naive (wall time in each
    schedule's zone) or both aware (the same instants for all), the end after the start;
    else an error naming the ends as ``names`` says (the command line: its options)."""
    first, last = as_datetime(start, names[0]), as_datetime(end, names[1])
    if (first.tzinfo is None) != (last.tzinfo is None):
        (naive, bare), (aware, offset) = sorted(
            zip(names, (first, last), strict=True), key=lambda pair: pair[1].tzinfo is not None)
        raise ScheduleError(
            f"{naive} {moment_words(bare)} has no UTC offset but {aware} "
            f"{moment_words(offset)} has one, so the window would be wall time at one end "
            f"and an instant at the other: give both an offset (e.g. {naive} "
            f"{moment_words(bare.replace(tzinfo=offset.tzinfo))}) or neither (wall time in "
            "each schedule's zone)")
    if last <= first:
        words = tuple(name.lstrip("-") for name in names)
        raise ScheduleError(f"{names[1]} {moment_words(last)} is not after {names[0]} "
                            f"{moment_words(first)}; the window is [{words[0]}, {words[1]})")
    return first, last


def distributed_client(option: str) -> Any:
    """Dask's ``distributed.Client``; without it, an error saying that ``option`` (how
    the caller asked for Dask) needs ``cadence[dask]``."""
    try:
        from distributed import Client
    except ImportError:
        raise ScheduleError(f'{option} needs Dask\'s distributed scheduler: pip install '
                            '"cadence[dask]"') from None
    return Client


def _positive(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScheduleError(f"{name} must be a whole number of at least 1, not "
                            f"{described(value)}")
    return value


def _items(schedules: object, format: str | None, tz: str | tzinfo | None) -> list[Item]:
    """The schedules as items, checked for what can be checked without reading them:
    pairs, ids that are hashable and unique, schedules of a type parse reads."""
    if isinstance(schedules, Mapping):
        pairs: Iterable[object] = schedules.items()
    elif isinstance(schedules, (str, bytes)) or not isinstance(schedules, Iterable):
        raise ScheduleError("schedules must be a mapping of id to schedule, or (id, "
                            f"schedule) pairs, not {type(schedules).__name__}")
    else:
        pairs = schedules
    items: list[Item] = []
    seen: dict[Hashable, int] = {}
    for index, pair in enumerate(pairs, 1):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ScheduleError(f"schedule {index} is not an (id, schedule) pair: give "
                                "a mapping of id to schedule, or pairs")
        key, source = pair
        try:
            before = seen.setdefault(key, index)
        except TypeError:
            raise ScheduleError(f"schedule {index}: its id, a {type(key).__name__}, cannot "
                                "be hashed; use a string or a number") from None
        if before != index:
            raise ScheduleError(f"schedule id {described(key)} is given twice (schedules "
                                f"{before} and {index}); rows name their schedule by id, "
                                "so give each its own")
        if not isinstance(source, (Schedule, str, Mapping)):
            raise ScheduleError(f"schedule {described(key)}: give a Schedule, a "
                                "schedule's text or a JSON payload (a dict), not "
                                f"{type(source).__name__}")
        items.append((key, source, format, tz))
    return items


def expand_items(items: Sequence[Item], start: datetime, end: datetime, *,
          workers: int | None, client: object | None,
          progress: Callable[[float], None] | None, max_rows: int,
          render: Render | None) -> Generator[Any, None, None]:
    """The rows of ``items`` (``render`` None: each row; else, for each chunk, what
    ``render`` made of its rows and how many there are), chunk by chunk in order; the
    arguments are checked at the call, not when the first row is asked for."""
    if workers is not None and client is not None:
        raise ScheduleError("give workers (processes on this machine) or client (a Dask "
                            "cluster), not both")
    runner: Callable[[], _Runner]
    if client is not None:
        runner = _dask(client)
    elif workers is not None:
        runner = _pool(_positive(workers, "workers"))
    else:
        runner = _inline
    return _ordered(items, start, end, runner, progress, max_rows, render)


def _ordered(items: Sequence[Item], start: datetime, end: datetime,
             runner: Callable[[], _Runner], progress: Callable[[float], None] | None,
             max_rows: int, render: Render | None) -> Generator[Any, None, None]:
    """Chunks submitted a few per worker ahead and handed on in order; a chunk that
    stops early (its row budget spent, or an error) is followed by its rest first. The
    processes start when the first row is asked for, and end with the iterator."""
    budget = _CHUNK_ROWS  # (read here: a worker's own module is not patched)
    submit, width, close = runner()
    size = _INLINE_CHUNK if not width else max(16, min(1024, math.ceil(
        len(items) / (width * 8))))
    ahead = max(1, width * _AHEAD)
    pending: deque[tuple[_Pending, int, int]] = deque()
    taken = 0
    given = 0
    try:
        while pending or taken < len(items):
            while len(pending) < ahead and taken < len(items):
                upto = min(taken + size, len(items))
                pending.append((submit(list(items[taken:upto]), start, end, None, budget,
                                       render), taken, upto))
                taken = upto
            future, low, high = pending.popleft()
            chunk = _result(future)
            if given + chunk.size > max_rows:
                if render is None:  # the rows up to the bound, however the chunks fell
                    yield from starmap(ExpandedRow, chunk.rows[:max_rows - given])
                raise _too_many(max_rows, start, end)
            given += chunk.size
            if render is None:
                yield from starmap(ExpandedRow, chunk.rows)
            else:
                yield chunk.rows, chunk.size
            if chunk.error is not None:
                raise _named(chunk.error, items[low + chunk.done][0])
            if low + chunk.done < high:  # the rest of the chunk goes out first
                rest = low + chunk.done
                pending.appendleft((submit(list(items[rest:high]), start, end,
                                           chunk.resume, budget, render), rest, high))
            if progress is not None:
                progress((low + chunk.done + chunk.part) / len(items))
    finally:
        for future, _, _ in pending:
            future.cancel()
        close()


def _result(future: _Pending) -> _Chunk:
    try:
        return future.result()
    except ModuleNotFoundError as exc:  # a Dask worker (or a pool's process) without us
        if not (exc.name or "").startswith("cadence"):
            raise
        raise ScheduleError("the workers cannot import cadence: install cadence where they "
                            "run (pip install cadence), or give them its source folder on "
                            "PYTHONPATH") from None


def _too_many(cap: int, start: datetime, end: datetime) -> TooManyResultsError:
    return TooManyResultsError(
        f"expanding would yield more than {cap:,} rows from {moment_words(start)} to "
        f"{moment_words(end)} (cadence.limits.MAX_EXPANDED_ROWS, or max_rows); expand a "
        "shorter window, or fewer schedules at a time")


def _named(error: ScheduleError, key: Hashable) -> ScheduleError:
    """``error`` (a chunk's, unpickled or its own) with the schedule's id in front."""
    error.args = (f"schedule {described(key)}: {error}", *error.args[1:])
    return error


# -- a chunk: the work itself, in whatever process runs it ----------------------------------

def expand_chunk(items: list[Item], start: Moment, end: Moment, resume: int | None,
                 budget: int, render: Render | None) -> _Chunk:
    """Expand ``items`` in order (the task the workers run), the first going on from
    instant ``resume`` (``None``: from ``start``): rows until ``budget`` of them are
    taken, or a schedule fails (its rows before the failure are kept)."""
    rows: list[Row] = []
    done = 0
    for key, source, format, tz in items:
        try:
            schedule = as_schedule(source, format, tz=tz)
            low, limit = _bounds(schedule, start, end)
            walk = occurrence_rows(schedule, key, low if resume is None else resume, limit)
            rows.extend(islice(walk, budget - len(rows)))
            if len(rows) == budget:
                following = next(walk, None)
                if following is not None:  # the schedule goes on in the next chunk
                    here = schedule._instant(following[1], "occurrence")[0]
                    part = (here - low) / (limit - low)
                    return _Chunk(_rendered(rows, render), len(rows), done, here, part, None)
        except ScheduleError as exc:
            return _Chunk(_rendered(rows, render), len(rows), done, None, 0.0, exc)
        resume = None
        done += 1
        if len(rows) == budget:
            break
    return _Chunk(_rendered(rows, render), len(rows), done, None, 0.0, None)


def _rendered(rows: list[Row], render: Render | None) -> Any:
    return rows if render is None else render(rows)


def _bounds(schedule: Schedule, start: Moment, end: Moment) -> tuple[int, int]:
    """The window as the schedule's instants (POSIX seconds): its rows are at or after
    the first and before the second (occurrences are whole seconds)."""
    first, first_micro = schedule._instant(start, "start")
    last, last_micro = schedule._instant(end, "end")
    return first + (1 if first_micro else 0), last + (1 if last_micro else 0)


def occurrence_rows(schedule: Schedule, key: Hashable, low: int, limit: int
                    ) -> Iterator[Row]:
    """One schedule's rows at instants ``low`` (included) to ``limit`` (excluded), as
    :meth:`Schedule.between` lists them (and :meth:`Schedule.windows_between` for a
    schedule with windows, one row an instant), lazily: any number of them."""
    if not schedule.has_windows:
        return zip(repeat(key), schedule._forward(low - 1, until=limit), repeat(None))
    return _window_rows(schedule, key, low, limit)


def _window_rows(schedule: Schedule, key: Hashable, low: int, limit: int) -> Iterator[Row]:
    previous = None
    # (a reach of one second: no window that opened before ``low`` is walked)
    for window in schedule._windows_from(low, reach=1):
        if window.start == previous:
            continue  # a shorter one at the same instant
        if window.start >= limit:
            return
        previous = window.start
        closes = None if window.end_micro == window.start * _MICRO else window.closing
        yield key, window.opening, closes


# -- where chunks run -----------------------------------------------------------------------

def _inline() -> _Runner:
    """Chunks run in this process, one by one, as they are asked for."""
    def submit(items: list[Item], start: Moment, end: Moment, resume: int | None,
               budget: int, render: Render | None) -> _Pending:
        done: Future[_Chunk] = Future()
        done.set_result(expand_chunk(items, start, end, resume, budget, render))
        return done

    return submit, 0, _nothing


def _nothing() -> None:
    pass


def _pool(workers: int) -> Callable[[], _Runner]:
    return lambda: _started_pool(workers)


def _started_pool(workers: int) -> _Runner:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    # (no forkserver preload: that list is the program's, global to it; each process
    # imports cadence when its first chunk comes, a tenth of a second)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts,
                               mp_context=multiprocessing.get_context(method))

    def submit(items: list[Item], start: Moment, end: Moment, resume: int | None,
               budget: int, render: Render | None) -> _Pending:
        return pool.submit(expand_chunk, items, start, end, resume, budget, render)

    def close() -> None:
        pool.shutdown(wait=True, cancel_futures=True)

    return submit, workers, close


def _ignore_interrupts() -> None:
    """In a pool's process: Ctrl-C, which a terminal sends to every process of the
    command, is the caller's to handle (it ends the pool); the process says nothing."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask(client: object) -> Callable[[], _Runner]:
    if not isinstance(client, distributed_client("client=")):
        raise ScheduleError("client must be a dask.distributed.Client, not "
                            f"{type(client).__name__}")
    cluster: Any = client  # (Dask's methods are not typed)

    def submit(items: list[Item], start: Moment, end: Moment, resume: int | None,
               budget: int, render: Render | None) -> _Pending:
        future: _Pending = cluster.submit(expand_chunk, items, start, end, resume, budget,
                                          render, pure=False)
        return future

    return lambda: (submit, sum(cluster.nthreads().values()) or 1, _nothing)
