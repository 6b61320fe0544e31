"""Entry point: registers every command and turns errors into exit codes.

Exit codes: 0 success, 1 a gate failed (``gap --fail-under``), 2 invalid input or usage.
This is the only place where exceptions become messages.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from types import FrameType

from competency_kit.cli import (  # noqa: F401  (imported to register their commands)
    console,
    curriculum_cmds,
    documents_cmds,
    framework_cmds,
    gap_cmds,
    interop_cmds,
    misc_cmds,
    serve_cmd,
    translation_cmds,
    versions_cmds,
)
from competency_kit.cli.app import ALL_PROBLEMS, app

EXIT_INPUT = 2
EXIT_INTERNAL = 3


class Terminated(BaseException):
    """SIGTERM or Ctrl-C, raised as an exception so that partly written outputs are cleaned up
    and the user is told so (Typer would end a KeyboardInterrupt silently)."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def run() -> None:
    from competency_kit.cli.console import report_problems
    from competency_kit.core.errors import CompetencyKitError, InputError

    signal.signal(signal.SIGTERM, _terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _terminate)
    # A command lives a second or two and builds many objects that live to the end (models,
    # parsed documents, rows) but hardly any cycles; collecting every 700 allocations, the
    # default, spends about a tenth of the run walking them for nothing.
    gc.set_threshold(100_000, 50, 100)
    if ALL_PROBLEMS in sys.argv[1:]:  # accepted after the command too, where people add it
        console.SHOW_ALL = True
        sys.argv = [sys.argv[0], *(a for a in sys.argv[1:] if a != ALL_PROBLEMS)]
    try:
        app()
    except InputError as exc:
        report_problems(exc.problems)
        sys.exit(EXIT_INPUT)
    except CompetencyKitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(EXIT_INPUT)
    except Terminated:
        print("interrupted; files being written were left as they were", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("COMPETENCY_KIT_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in competency-kit, not in your files. Run again with "
            "COMPETENCY_KIT_DEBUG=1 to see the details, and report them.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
