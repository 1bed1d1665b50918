"""What a program loads is what it uses (issue 12): ``import cadence`` loads next to
nothing, a cron string loads the cron reader and the engine, and lark, the RRULE and
iCalendar readers and the vendor formats wait until a text or payload of theirs comes.

Each check runs in a fresh interpreter and reads ``sys.modules`` there; none measures
time. The "after use" checks show that the same probe sees a module once it is loaded.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import cadence
from cadence import formats

#: Where the cadence under test lives, so that the fresh interpreters import the same one.
SOURCE = str(Path(cadence.__file__).resolve().parents[1])

#: What the common cron path must not load: the grammar library, and the machinery of
#: every format but cron's (the format modules themselves are declarations, cheap to
#: import: the registry imports them all to list and to sniff).
NOT_FOR_CRON = (
    "lark",
    "cadence.formats._rrule",
    "cadence.formats._ical",
    "cadence.formats._ical_content",
    "cadence.formats._ical_events",
    "cadence.formats._ical_plan",
    "cadence.formats._ical_values",
    "cadence.formats._ical_write",
    "cadence.formats._systemd",
    "cadence.formats._campaign",
    "cadence.formats._edfs",
    "cadence.formats._helix_timeframe",
    "cadence.formats._bentley_calendar",
    "cadence.formats._timebundle",
    "cadence.formats._text",
    "cadence.formats._checking",
    "cadence.formats._readback",
    # The schedulers, clusters and writers of the integrations: optional extras, loaded
    # only by the integration (or the expand option) that uses them.
    "apscheduler", "celery", "kombu", "sqlalchemy", "dask", "distributed", "pyarrow",
    "cadence.integrations", "cadence.compat",
    # cadence serve's web framework and server: loaded by that command alone
    "starlette", "uvicorn", "cadence.serve",
)

#: The registry before the formats' machinery moved into private modules.
FORMATS = ("cron", "ical", "quartz", "rrule", "systemd", "campaign", "edfs", "helix",
           "bentley", "timebundle-status")
NAMES = ("cron", "crontab", "ical", "quartz", "rrule", "systemd", "campaign", "edfs", "helix",
         "bentley", "timebundle-status", "text")

CRON = "import cadence\ncadence.parse('0 9 * * 1-5').next('2026-12-01T00:00Z')\n"


def loaded(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [SOURCE, *filter(None, [os.environ.get("PYTHONPATH")])])}
    # sys.modules is read before json is imported to print it: json is among the watched.
    probe = (code + "\nimport sys\nfound = sorted(sys.modules)\n"
             "import json\nprint(json.dumps(found))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_fresh_interpreters_import_the_cadence_under_test() -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import cadence; print(cadence.__file__)"],
        env={**os.environ, "PYTHONPATH": SOURCE}, capture_output=True, text=True, check=True)
    assert Path(found.stdout.strip()).resolve() == Path(cadence.__file__).resolve()


def test_importing_cadence_loads_only_the_package_and_its_errors() -> None:
    assert {name for name in loaded("import cadence") if name.startswith("cadence")} == {
        "cadence", "cadence.errors"}


def test_a_cron_string_loads_no_grammar_and_no_other_format_machinery() -> None:
    after = loaded(CRON)
    assert "cadence.formats.cron" in after  # the probe sees what was used
    assert sorted(after.intersection(NOT_FOR_CRON)) == []


def test_the_cli_next_command_loads_no_grammar_and_no_other_format_machinery() -> None:
    after = loaded("import contextlib, io\nfrom cadence.cli import main\n"
                   "with contextlib.redirect_stdout(io.StringIO()):\n"
                   "    main(['next', '* * * * *', '-n', '1'])\n")
    assert "cadence.formats.cron" in after
    assert sorted(after.intersection(NOT_FOR_CRON)) == []
    # Nor what only the other commands need.
    assert sorted(after.intersection({"cadence.convert", "cadence.lint", "cadence.validate",
                                      "cadence.matrix", "json", "pathlib"})) == []


@pytest.mark.parametrize(("text", "format"), [
    ("0 30 9 ? * MON-FRI", "quartz"),
    ("DTSTART:20261123T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO", "rrule"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123T090000Z\nEND:VEVENT\nEND:VCALENDAR",
     "ical"),
    ("Mon..Fri 9:00", "systemd"),
    ("0 9 * * *", "cron"),
])
def test_sniffing_asks_the_format_modules_and_loads_no_machinery(text: str,
                                                                  format: str) -> None:
    code = f"from cadence import formats\nassert formats.sniff({text!r}).name == {format!r}\n"
    assert sorted(loaded(code).intersection(NOT_FOR_CRON)) == []
    assert formats.sniff(text).name == format


@pytest.mark.parametrize("source", [
    {"cronStr": "0 9 * * *"}, '\ufeff{"_for": "revision"}', {"calendar": {}},
    {"name": "x", "schedule": {}}, {"hours": {}},
])
def test_recognizing_a_payload_asks_the_format_modules_and_loads_no_machinery(
        source: object) -> None:
    code = f"from cadence import formats\nformats.recognize({source!r})\n"
    assert sorted(loaded(code).intersection(NOT_FOR_CRON)) == []


@pytest.mark.parametrize(("use", "machinery"), [
    ("cadence.parse('DTSTART:20261123T090000Z\\nRRULE:FREQ=DAILY', format='rrule')",
     {"cadence.formats._rrule"}),
    ("cadence.parse('FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0')",  # sniffed
     {"cadence.formats._rrule"}),
    ("cadence.parse('BEGIN:VCALENDAR\\nBEGIN:VEVENT\\nDTSTART:20261123T090000Z\\n"
     "END:VEVENT\\nEND:VCALENDAR')",
     {"cadence.formats._ical", "cadence.formats._ical_content", "cadence.formats._rrule"}),
    ("cadence.parse('Mon..Fri 9:00')", {"cadence.formats._systemd", "lark"}),
    ("cadence.validate({'cronStr': '0 9 * * *'}, 'edfs')", {"cadence.formats._edfs"}),
    ("cadence.validate({'type': 'WEEKLY'}, 'campaign')", {"cadence.formats._campaign"}),
    ("cadence.validate({'name': 'x'}, 'helix')", {"cadence.formats._helix_timeframe"}),
    ("cadence.describe(cadence.parse('0 9 * * *'))", {"cadence.formats._text"}),
    ("cadence.formats.get('timebundle-status').envelope([])", {"cadence.formats._timebundle"}),
])
def test_a_format_loads_its_machinery_when_it_is_used(use: str, machinery: set[str]) -> None:
    after = loaded(f"import cadence, cadence.formats\n{use}\n")
    assert machinery <= after


def test_a_malformed_cron_string_loads_lark_for_its_error() -> None:
    after = loaded("import cadence\ntry:\n    cadence.parse('* * * *x *')\n"
                   "except cadence.ParseError:\n    pass\n")
    assert "lark" in after


def test_a_format_module_hands_out_its_machinery_names_and_no_other() -> None:
    code = ("import cadence.formats.rrule as rrule\n"
            "assert not hasattr(rrule, 'FORMATS')\n"
            "import sys\nassert 'cadence.formats._rrule' not in sys.modules\n")
    assert "cadence.formats._rrule" not in loaded(code)
    assert "cadence.formats._rrule" in loaded(
        "from cadence.formats.rrule import parse_rrule\n"
        "parse_rrule('FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0')\n")


@pytest.mark.parametrize("module", sorted(
    info.name for info in pkgutil.iter_modules(formats.__path__) if not info.name.startswith("_")))
def test_every_public_name_of_a_format_module_resolves(module: str) -> None:
    loaded_module = importlib.import_module(f"cadence.formats.{module}")
    for name in loaded_module.__all__:
        assert getattr(loaded_module, name) is not None, name


def test_the_registry_lists_the_same_formats() -> None:
    assert cadence.FORMATS == FORMATS
    assert formats.names() == NAMES
    assert formats.names(readable=True) == FORMATS


def test_importing_a_submodule_keeps_the_function_of_its_name() -> None:
    code = ("import cadence.validate, cadence.lint, cadence.convert, types\n"
            "import cadence\n"
            "for name in ('validate', 'lint', 'convert'):\n"
            "    assert isinstance(getattr(cadence, name), types.FunctionType), name\n")
    loaded(code)


def test_every_public_name_resolves() -> None:
    for name in cadence.__all__:
        assert getattr(cadence, name) is not None
    assert set(cadence.__all__) <= set(dir(cadence))
    missing = "no_such_name"
    with pytest.raises(AttributeError, match=missing):
        getattr(cadence, missing)


def test_cadence_edfs_is_the_edfs_format_module_and_loads_its_machinery_when_used() -> None:
    code = "import cadence\ncadence.edfs\n"
    after = loaded(code)
    assert "cadence.formats.edfs" in after
    assert "cadence.formats._edfs" not in after
    assert "cadence.formats._edfs" in loaded(
        "import cadence\ncadence.edfs.timer_name('SAP_WORK_ORDERS', '0 0 * * 6,0')\n")
    assert cadence.edfs is importlib.import_module("cadence.formats.edfs")
