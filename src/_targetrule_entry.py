"""The ``targetrule`` console script: a module outside the package, so it runs before the package loads.

Importing targetrule takes a moment (about 0.15 s). A Ctrl-C in that moment must end like one at
any other point, with the bilingual "interrupted" and exit code 130, not with Python's traceback;
so the import happens here, inside a handler. ``targetrule.cli:main`` stays the command itself.
"""

from __future__ import annotations

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


def run() -> None:
    """Import the command line and run it; a Ctrl-C while importing exits 130 with a short message."""
    previous = sys.unraisablehook
    sys.unraisablehook = _quiet
    try:
        from targetrule.cli import main
    except KeyboardInterrupt:
        _interrupted()
    finally:
        sys.unraisablehook = previous
    main()


if __name__ == "__main__":
    run()
