"""The ``targetrule`` console script: a module outside the package, so it runs before the package loads.

Importing the command line takes a moment (about 0.15 s). A Ctrl-C in that moment must end like one
at any other point, with the bilingual "interrupted" and exit code 130, not with Python's traceback;
so the import happens here, inside a handler. ``targetrule.cli:main`` stays the command itself.

``targetrule --version`` alone is answered here, with click's own words, without importing click or
the engine: a start-up check in a script costs no more than Python itself.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

EXIT_INTERRUPTED = 130  # as targetrule.cli.EXIT_INTERRUPTED, which cannot be imported yet


def _interrupted() -> None:
    if "--json" in sys.argv[1:]:
        import json

        document = {
            "schema": "targetrule.cli.error/1",
            "exit_code": EXIT_INTERRUPTED,
            "where": "",
            "message": {"zh": "已中断", "en": "interrupted"},
            "findings": [],
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stderr.write("错误 / error: 已中断\n  interrupted\n")
    sys.exit(EXIT_INTERRUPTED)


def _quiet(unraisable: Any) -> None:
    """An interrupt that lands in an import's own cleanup: reported as "interrupted", not as a traceback."""


def _version_only() -> bool:
    """Answer ``targetrule --version`` as click's ``version_option`` would; False when click must answer.

    Only for ``--version`` as the one argument, run as a file (the console script), with no shell
    completion asked for: there click prints ``<program>, version <version>`` and exits 0, and so
    does this. Anything else, ``python -m`` included, goes to the command line itself.
    """
    if sys.argv[1:] != ["--version"] or getattr(sys.modules.get("__main__"), "__package__", None) not in {None, ""}:
        return False
    program = os.path.basename(sys.argv[0])
    if f"_{program.replace('-', '_').replace('.', '_')}_COMPLETE".upper() in os.environ:
        return False
    from targetrule._version import __version__

    if sys.stdout is None:  # no stdout at all: click prints nothing, and so do we
        return True
    try:
        sys.stdout.write(f"{program}, version {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): quietly, exit 0, as the command line does
        with contextlib.suppress(OSError, ValueError):  # stdout may be no real file
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return True


def run() -> None:
    """Import the command line and run it; a Ctrl-C while importing exits 130 with a short message."""
    previous = sys.unraisablehook
    sys.unraisablehook = _quiet
    try:
        if _version_only():
            return
        from targetrule.cli import main
    except KeyboardInterrupt:
        _interrupted()
    finally:
        sys.unraisablehook = previous
    main()


if __name__ == "__main__":
    run()
