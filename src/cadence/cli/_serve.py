"""``cadence serve``: the HTTP API (:mod:`cadence.serve`) on uvicorn, bound to loopback
unless ``--host`` says otherwise. Starlette and uvicorn (the ``serve`` extra) are
imported only when the command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .._calendar import is_digits
from ..errors import ScheduleError, described

__all__ = ["add_serve_arguments", "run_serve"]

#: What the command says when the ``serve`` extra is missing.
MISSING = ('cadence serve needs Starlette and uvicorn, which are not installed: '
           'pip install "cadence[serve]"')


def _port(text: str) -> int:
    if not is_digits(text) or not 1 <= int(text) <= 65535:
        raise ScheduleError(f"{described(text)} is not a port number (1-65535)")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text) if text.isascii() else float("nan")
    except ValueError:
        value = float("nan")
    if not 0 < value <= 3600:  # (nan fails too)
        raise ScheduleError(f"{described(text)} is not a number of seconds between 0 and "
                            "3600")
    return value


def add_serve_arguments(command: argparse.ArgumentParser,
                        checked: Callable[[Callable[[str], object]], Callable[[str], object]]
                        ) -> None:
    command.add_argument("--host", default="127.0.0.1",
                         help="the address to listen on (default 127.0.0.1: this machine "
                              "only; 0.0.0.0 opens it to the network)")
    command.add_argument("--port", type=checked(_port), default=8080,
                         help="the port to listen on (default 8080)")
    command.add_argument("--budget", type=checked(_seconds), default=None, metavar="SECONDS",
                         help="the seconds one request may work before it is answered 503 "
                              "(default 5)")


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..serve import create_app
    except ImportError:
        raise ScheduleError(MISSING) from None
    app = create_app() if args.budget is None else create_app(budget=args.budget)
    # every address of the machine is not one to open: show its loopback one
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(args.host, args.host)
    shown = f"[{host}]" if ":" in host else host  # (an IPv6 address)
    base = f"http://{shown}:{args.port}"
    print(f"cadence serve: the playground at {base}/, the API at {base}/v1 (its page: "
          f"{base}/v1/docs); Ctrl-C stops it", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
