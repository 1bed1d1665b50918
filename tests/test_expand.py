"""``cadence.expand`` (issue 16): many schedules' occurrences in a window as rows, the
same rows in the same order in this process, in a process pool and on a real Dask
cluster; bad schedules and the bounds on the work."""

from __future__ import annotations

import importlib
import os
import random
from collections.abc import Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

import cadence
from cadence import ExpandedRow, limits
from cadence import expand as expand_module_function

#: The module (``cadence.expand`` on the package is the function).
EXPAND_MODULE = importlib.import_module("cadence.expand")

SOURCE = str(Path(cadence.__file__).resolve().parents[1])
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def shown(rows: Iterator[ExpandedRow]) -> list[tuple[object, str, str | None]]:
    return [(row.schedule_id, row.occurrence.isoformat(),
             None if row.window_end is None else row.window_end.isoformat()) for row in rows]


# -- what the rows are -----------------------------------------------------------------------

BERLIN_WORKDAY = {"name": "Berlin office", "timezone": "Europe/Berlin"}

CASES: list[tuple[str, object, str, str, list[tuple[str, str | None]]]] = [
    ("cron, every six hours", "0 */6 * * *", "2026-12-07T00:00Z", "2026-12-08T00:00Z",
     [("2026-12-07T00:00:00+00:00", None), ("2026-12-07T06:00:00+00:00", None),
      ("2026-12-07T12:00:00+00:00", None), ("2026-12-07T18:00:00+00:00", None)]),
    ("the window is [start, end): the end is left out", "0 */6 * * *",
     "2026-12-07T06:00Z", "2026-12-07T18:00Z",
     [("2026-12-07T06:00:00+00:00", None), ("2026-12-07T12:00:00+00:00", None)]),
    ("RRULE with COUNT: three, then none", "DTSTART:20261201T080000Z\n"
     "RRULE:FREQ=DAILY;COUNT=3", "2026-11-01T00:00Z", "2027-01-01T00:00Z",
     [("2026-12-01T08:00:00+00:00", None), ("2026-12-02T08:00:00+00:00", None),
      ("2026-12-03T08:00:00+00:00", None)]),
    ("a window schedule: each occurrence with its window's end",
     cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin").with_duration("PT8H"),
     "2026-12-04T00:00", "2026-12-08T00:00",
     [("2026-12-04T09:00:00+01:00", "2026-12-04T17:00:00+01:00"),
      ("2026-12-07T09:00:00+01:00", "2026-12-07T17:00:00+01:00")]),
    ("an iCalendar event: its DTEND", "BEGIN:VCALENDAR\nBEGIN:VEVENT\n"
     "DTSTART;TZID=Europe/Berlin:20261207T100000\nDTEND;TZID=Europe/Berlin:20261207T103000\n"
     "RRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nEND:VCALENDAR", "2026-12-01T00:00Z",
     "2026-12-31T00:00Z",
     [("2026-12-07T10:00:00+01:00", "2026-12-07T10:30:00+01:00"),
      ("2026-12-08T10:00:00+01:00", "2026-12-08T10:30:00+01:00")]),
    # Europe/Berlin 2026-03-29: 02:00 CET -> 03:00 CEST, 02:30 does not exist
    ("a DST day in Berlin: 23 hours, no 02:30", cadence.parse("30 * * * *", tz="Europe/Berlin"),
     "2026-03-29T00:00", "2026-03-29T05:00",
     [("2026-03-29T00:30:00+01:00", None), ("2026-03-29T01:30:00+01:00", None),
      ("2026-03-29T03:30:00+02:00", None), ("2026-03-29T04:30:00+02:00", None)]),
    # America/New_York 2026-03-08: 02:00 EST -> 03:00 EDT; cron runs the skipped 02:30 at 03:00
    ("a DST day in New York: the skipped run at 03:00",
     cadence.parse("30 2 * * *", tz="America/New_York"), "2026-03-07T00:00",
     "2026-03-10T00:00",
     [("2026-03-07T02:30:00-05:00", None), ("2026-03-08T03:00:00-04:00", None),
      ("2026-03-09T02:30:00-04:00", None)]),
    # Europe/Berlin 2026-10-25: 03:00 CEST -> 02:00 CET, 01:30 happens once
    ("the autumn day in Berlin: 01:30 once", cadence.parse("30 1 * * *", tz="Europe/Berlin"),
     "2026-10-24T00:00", "2026-10-27T00:00",
     [("2026-10-24T01:30:00+02:00", None), ("2026-10-25T01:30:00+02:00", None),
      ("2026-10-26T01:30:00+01:00", None)]),
    ("a naive window is wall time in the schedule's zone", "CRON_TZ=Asia/Tokyo 0 0 * * *",
     "2026-12-07T00:00", "2026-12-08T00:00", [("2026-12-07T00:00:00+09:00", None)]),
    ("an aware window is the same instant for every zone", "CRON_TZ=Asia/Tokyo 0 0 * * *",
     "2026-12-07T00:00Z", "2026-12-08T00:00Z", [("2026-12-08T00:00:00+09:00", None)]),
]


@pytest.mark.parametrize(("schedule", "start", "end", "expected"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_rows_are_each_occurrence_with_its_window_end(
        schedule: object, start: str, end: str,
        expected: list[tuple[str, str | None]]) -> None:
    rows = shown(cadence.expand({"s": schedule}, start, end))
    assert rows == [("s", moment, closes) for moment, closes in expected]
    whole = schedule if isinstance(schedule, cadence.Schedule) else cadence.parse(schedule)
    assert [moment for _, moment, _ in rows] == [
        moment.isoformat() for moment in whole.between(start, end)]


def test_rows_come_schedule_by_schedule_in_the_order_given() -> None:
    pairs = [("z", "0 12 * * *"), ("a", "0 6 * * *"), (7, "0 0 * * *")]
    rows = shown(cadence.expand(pairs, "2026-12-07T00:00Z", "2026-12-09T00:00Z"))
    assert rows == [("z", "2026-12-07T12:00:00+00:00", None),
                    ("z", "2026-12-08T12:00:00+00:00", None),
                    ("a", "2026-12-07T06:00:00+00:00", None),
                    ("a", "2026-12-08T06:00:00+00:00", None),
                    (7, "2026-12-07T00:00:00+00:00", None),
                    (7, "2026-12-08T00:00:00+00:00", None)]
    assert shown(cadence.expand(dict(pairs), "2026-12-07T00:00Z",
                                "2026-12-09T00:00Z")) == rows


def test_a_row_is_a_named_tuple_in_the_documented_order() -> None:
    [row] = cadence.expand({"daily": "0 2 * * *"}, "2026-12-07T00:00Z", "2026-12-08T00:00Z")
    assert ExpandedRow._fields == ("schedule_id", "occurrence", "window_end")
    key, moment, closes = row
    assert (key, moment, closes) == ("daily", datetime(2026, 12, 7, 2, tzinfo=timezone.utc),
                                     None)


def test_text_is_read_with_the_format_and_zone_given() -> None:
    rows = shown(cadence.expand({"q": "0 0 9 ? * MON"}, "2026-12-07T00:00", "2026-12-08T00:00",
                                format="quartz", tz="Europe/Berlin"))
    assert rows == [("q", "2026-12-07T09:00:00+01:00", None)]


@pytest.mark.parametrize("workers", [None, 1])
def test_the_local_zone_is_this_machines_wherever_the_work_runs(
        monkeypatch: pytest.MonkeyPatch, workers: int | None) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    rows = shown(cadence.expand({"s": "0 9 * * *"}, "2026-12-07T00:00", "2026-12-08T00:00",
                                tz="local", workers=workers))
    assert rows == [("s", "2026-12-07T09:00:00+09:00", None)]


def test_the_result_is_lazy_and_stops_where_its_reader_stops() -> None:
    rows = cadence.expand({f"s{index}": "* * * * *" for index in range(2000)},
                          "2026-12-07T00:00Z", "2026-12-08T00:00Z")
    assert isinstance(rows, Iterator)
    first = next(rows)
    assert (first.schedule_id, first.occurrence.isoformat()) == (
        "s0", "2026-12-07T00:00:00+00:00")
    rows.close()  # (2.9 million rows never computed)


def test_progress_hears_growing_fractions_up_to_one() -> None:
    heard: list[float] = []
    list(cadence.expand({f"s{index}": "0 * * * *" for index in range(600)},
                        "2026-12-07T00:00Z", "2026-12-08T00:00Z", progress=heard.append))
    assert len(heard) == 3
    assert heard == sorted(heard)
    assert heard[-1] == 1.0


def test_a_chunk_that_spends_its_row_budget_goes_on_where_it_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    schedules = mixed_schedules(120)
    whole = list(cadence.expand(schedules, "2026-12-07T00:00Z", "2026-12-09T00:00Z"))
    monkeypatch.setattr(EXPAND_MODULE, "_CHUNK_ROWS", 7)
    heard: list[float] = []
    assert list(cadence.expand(schedules, "2026-12-07T00:00Z", "2026-12-09T00:00Z",
                               progress=heard.append)) == whole
    assert len(heard) > 10  # (where one chunk held them all)


# -- the same rows however the work is spread ------------------------------------------------

def mixed_schedules(count: int) -> dict[str, object]:
    """Realistic cron lines, with windows, RRULEs, payloads and zones with clock changes
    among them."""
    import sys

    sys.path.insert(0, str(BENCHMARKS))
    try:
        from realistic_crons import expressions
    finally:
        sys.path.remove(str(BENCHMARKS))
    zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]
    found: dict[str, object] = {}
    for index, text in enumerate(expressions(count, random.Random(16))):
        zone = zones[index % len(zones)]
        if index % 10 == 3:
            found[f"w{index}"] = cadence.parse(text, tz=zone).with_duration("PT1H30M")
        elif index % 10 == 5:
            found[f"r{index}"] = (f"DTSTART;TZID={zone}:20261025T013000\n"
                                  "RRULE:FREQ=HOURLY;INTERVAL=5;COUNT=40")
        elif index % 10 == 7:
            found[f"e{index}"] = {"cronStr": text, "name": f"T{index}"}
        else:
            found[f"c{index}"] = f"CRON_TZ={zone} {text}"
    return found


#: Autumn's clock changes in Europe and America fall in the window.
WINDOW = ("2026-10-24T00:00Z", "2026-11-02T00:00Z")


@pytest.fixture(scope="module")
def schedules() -> dict[str, object]:
    return mixed_schedules(400)


@pytest.fixture(scope="module")
def one_process(schedules: dict[str, object]) -> list[ExpandedRow]:
    rows = list(cadence.expand(schedules, *WINDOW))
    assert len(rows) > 10_000
    assert {type(row.window_end) for row in rows} == {datetime, type(None)}
    return rows


def test_two_processes_give_the_same_rows_in_the_same_order(
        schedules: dict[str, object], one_process: list[ExpandedRow]) -> None:
    assert list(cadence.expand(schedules, *WINDOW, workers=2)) == one_process


def test_one_process_of_a_pool_gives_the_same_rows(
        schedules: dict[str, object], one_process: list[ExpandedRow]) -> None:
    assert list(cadence.expand(list(schedules.items())[:50], *WINDOW, workers=1)) == [
        row for row in one_process if row.schedule_id in list(schedules)[:50]]


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    pytest.importorskip("distributed", reason="Dask's distributed scheduler is not installed")
    from distributed import Client, LocalCluster

    before = os.environ.get("PYTHONPATH")
    # The workers are processes of their own: they import cadence from this source tree.
    os.environ["PYTHONPATH"] = os.pathsep.join([SOURCE, *filter(None, [before])])
    try:
        local: Any = LocalCluster  # (Dask's functions are not typed)
        connect: Any = Client
        with local(n_workers=2, processes=True, threads_per_worker=1,
                   dashboard_address=":0") as cluster, connect(cluster) as client:
            yield client
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


@pytest.mark.integration
def test_a_dask_cluster_gives_the_same_rows_in_the_same_order(
        dask_client: Any, schedules: dict[str, object],
        one_process: list[ExpandedRow]) -> None:
    assert len(dask_client.nthreads()) == 2
    assert list(cadence.expand(schedules, *WINDOW, client=dask_client)) == one_process


@pytest.mark.integration
def test_a_bad_schedule_on_a_dask_cluster_is_the_same_error(dask_client: Any) -> None:
    with pytest.raises(cadence.ParseError, match=r"^schedule 'bad': minute 61 is out of range"):
        list(cadence.expand({"good": "0 * * * *", "bad": "61 * * * *"}, *WINDOW,
                            client=dask_client))


# -- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("workers", [None, 2])
def test_a_bad_schedule_is_its_own_error_named_by_its_id_after_the_rows_before(
        workers: int | None) -> None:
    rows = cadence.expand({"good": "0 0 * * *", "bad": "61 * * * *", "later": "0 1 * * *"},
                          "2026-12-07T00:00Z", "2026-12-08T00:00Z", workers=workers)
    assert next(rows).schedule_id == "good"
    with pytest.raises(cadence.ParseError) as caught:
        next(rows)
    assert str(caught.value).splitlines() == [
        "schedule 'bad': minute 61 is out of range 0-59", "  61 * * * *", "  ^^"]
    assert caught.value.column == 1


@pytest.mark.parametrize(("call", "message"), [
    (lambda: cadence.expand("0 * * * *", "2026-12-07", "2026-12-08"),  # type: ignore[arg-type]
     "schedules must be a mapping of id to schedule, or (id, schedule) pairs, not str"),
    (lambda: cadence.expand([("a", "0 * * * *", "x")],  # type: ignore[list-item]
                            "2026-12-07", "2026-12-08"),
     "schedule 1 is not an (id, schedule) pair"),
    (lambda: cadence.expand([("a", "0 * * * *"), ("a", "0 1 * * *")], "2026-12-07",
                            "2026-12-08"),
     "schedule id 'a' is given twice (schedules 1 and 2)"),
    (lambda: cadence.expand([(["a"], "0 * * * *")], "2026-12-07", "2026-12-08"),
     "schedule 1: its id, a list, cannot be hashed"),
    (lambda: cadence.expand({"a": 5}, "2026-12-07", "2026-12-08"),
     "schedule 'a': give a Schedule, a schedule's text or a JSON payload (a dict), not int"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-08T00:00Z", "2026-12-07T00:00Z"),
     "end 2026-12-07T00:00:00+00:00 is not after start 2026-12-08T00:00:00+00:00"),
    # (a naive end is wall time in each schedule's zone, an aware one an instant: the
    # window would be neither; such a window once expanded to nothing, silently)
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-08", "2026-12-07T00:00Z"),
     "start 2026-12-08T00:00:00 has no UTC offset but end 2026-12-07T00:00:00+00:00 has "
     "one, so the window would be wall time at one end and an instant at the other: give "
     "both an offset (e.g. start 2026-12-08T00:00:00+00:00) or neither (wall time in each "
     "schedule's zone)"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-07T00:00+01:00", "2026-12-09"),
     "end 2026-12-09T00:00:00 has no UTC offset but start 2026-12-07T00:00:00+01:00 has "
     "one"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "soon", "2026-12-07"),
     "start: 'soon' is not an ISO 8601 date-time"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-07", "2026-12-08", workers=0),
     "workers must be a whole number of at least 1, not 0"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-07", "2026-12-08", workers=2,
                            client=object()),
     "give workers (processes on this machine) or client (a Dask cluster), not both"),
    (lambda: cadence.expand({"a": "0 * * * *"}, "2026-12-07", "2026-12-08", max_rows=-1),
     "max_rows must be a whole number of at least 1, not -1"),
])
def test_bad_arguments_are_refused_at_the_call(call: Any, message: str) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_a_client_that_is_not_dasks_is_refused() -> None:
    pytest.importorskip("distributed", reason="Dask's distributed scheduler is not installed")
    with pytest.raises(cadence.ScheduleError, match=r"client must be a dask\.distributed\.Client, "
                                                    "not object"):
        cadence.expand({"a": "0 * * * *"}, "2026-12-07", "2026-12-08", client=object())


def test_a_client_without_dask_installed_names_the_extra(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    with pytest.raises(cadence.ScheduleError) as caught:
        cadence.expand({"a": "0 * * * *"}, "2026-12-07", "2026-12-08", client=object())
    # (cadence expand --dask says the same, naming its option: one message, in one place)
    assert str(caught.value) == ("client= needs Dask's distributed scheduler: pip install "
                                 '"cadence[dask]"')
    assert EXPAND_MODULE.distributed_client.__module__ == "cadence.expand"


# -- bounds ----------------------------------------------------------------------------------

#: Quartz's every second: 172,800 occurrences in two days, more than between lists.
EVERY_SECOND = ("* * * * * ?", "quartz")


@pytest.mark.parametrize("workers", [None, 2])
def test_one_schedule_streams_past_max_results(workers: int | None) -> None:
    source, format = EVERY_SECOND
    rows = cadence.expand({"busy": source}, "2026-12-07T00:00Z", "2026-12-09T00:00Z",
                          format=format, workers=workers)
    count = 0
    previous = datetime(2026, 12, 6, 23, 59, 59, tzinfo=timezone.utc)
    for key, moment, closes in rows:
        assert (key, (moment - previous).total_seconds(), closes) == ("busy", 1.0, None)
        previous = moment
        count += 1
    assert count == 2 * 86_400 > limits.MAX_RESULTS
    assert previous.isoformat() == "2026-12-08T23:59:59+00:00"


def test_a_window_schedule_streams_past_max_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RESULTS", 10)
    busy = cadence.parse("* * * * *", tz="Europe/Berlin").with_duration("PT90S")
    rows = shown(cadence.expand({"busy": busy}, "2026-12-07T00:00Z", "2026-12-07T01:00Z"))
    assert len(rows) == 60
    assert rows[:2] == [("busy", "2026-12-07T01:00:00+01:00", "2026-12-07T01:01:30+01:00"),
                        ("busy", "2026-12-07T01:01:00+01:00", "2026-12-07T01:02:30+01:00")]
    start = datetime(2026, 12, 7, tzinfo=timezone.utc)
    opening = [("busy", opening.isoformat(), closing.isoformat()) for opening, closing
               in islice(busy.iter_windows(start), 62) if opening >= start]
    assert rows == opening[:60]  # (the window still open at the start opened before it)


def test_max_rows_bounds_one_long_schedule() -> None:
    source, format = EVERY_SECOND
    rows = cadence.expand({"busy": source}, "2026-12-07T00:00Z", "2026-12-09T00:00Z",
                          format=format, max_rows=1000)
    given: list[ExpandedRow] = []
    with pytest.raises(cadence.TooManyResultsError, match=r"^expanding would yield more "
                                                          r"than 1,000 rows "):
        given.extend(rows)
    assert [row.occurrence.isoformat() for row in given[-2:]] == [
        "2026-12-07T00:16:38+00:00", "2026-12-07T00:16:39+00:00"]


def long_schedules() -> dict[str, object]:
    """A few hundred schedules, two of them long: every minute through autumn's clock
    change in Berlin, and overlapping windows (90 s each minute) in New York."""
    found = dict(islice(mixed_schedules(400).items(), 100))
    found["minutes"] = "CRON_TZ=Europe/Berlin * * * * *"
    found["overlaps"] = cadence.parse("* * * * *", tz="America/New_York").with_duration(
        "PT90S")
    found.update(islice(mixed_schedules(400).items(), 100, 200))
    return found


@pytest.fixture(scope="module")
def unchunked() -> list[ExpandedRow]:
    rows = list(cadence.expand(long_schedules(), *WINDOW))
    minutes = cadence.parse("CRON_TZ=Europe/Berlin * * * * *").between(*WINDOW)
    assert [row.occurrence for row in rows if row.schedule_id == "minutes"] == minutes
    assert len(minutes) == 9 * 1440
    return rows


def chunked(monkeypatch: pytest.MonkeyPatch, **spread: Any) -> tuple[list[ExpandedRow],
                                                                      list[float]]:
    """The rows of long_schedules() in chunks of at most 500 rows (the workers are told)."""
    monkeypatch.setattr(EXPAND_MODULE, "_CHUNK_ROWS", 500)
    heard: list[float] = []
    rows = list(cadence.expand(long_schedules(), *WINDOW, progress=heard.append, **spread))
    return rows, heard


@pytest.mark.parametrize("workers", [None, 2])
def test_a_long_schedule_spans_chunks_with_the_same_rows(
        monkeypatch: pytest.MonkeyPatch, unchunked: list[ExpandedRow],
        workers: int | None) -> None:
    rows, heard = chunked(monkeypatch, workers=workers)
    assert rows == unchunked
    assert len(heard) > 2 * 9 * 1440 // 500  # (progress within each long schedule)
    assert heard == sorted(heard)
    assert heard[-1] == 1.0


@pytest.mark.integration
def test_a_long_schedule_spans_dask_tasks_with_the_same_rows(
        monkeypatch: pytest.MonkeyPatch, dask_client: Any,
        unchunked: list[ExpandedRow]) -> None:
    assert chunked(monkeypatch, client=dask_client)[0] == unchunked


@pytest.mark.parametrize("workers", [None, 2])
def test_a_call_yields_max_rows_then_says_how_to_narrow(workers: int | None) -> None:
    rows = cadence.expand({f"s{index}": "0 * * * *" for index in range(300)},
                          "2026-12-07T00:00Z", "2026-12-08T00:00Z", max_rows=1000,
                          workers=workers)
    given: list[ExpandedRow] = []
    with pytest.raises(cadence.TooManyResultsError) as caught:
        given.extend(rows)
    assert len(given) == 1000  # the same rows, however the chunks fell
    assert (given[-1].schedule_id, given[-1].occurrence.hour) == ("s41", 15)
    assert str(caught.value) == (
        "expanding would yield more than 1,000 rows from 2026-12-07T00:00:00+00:00 to "
        "2026-12-08T00:00:00+00:00 (cadence.limits.MAX_EXPANDED_ROWS, or max_rows); expand "
        "a shorter window, or fewer schedules at a time")


def test_the_default_bound_is_the_limit() -> None:
    assert limits.MAX_EXPANDED_ROWS == 100_000_000
    assert expand_module_function is cadence.expand
