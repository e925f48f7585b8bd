"""``python -m targetrule_jilin_2008 > jilin-2008.json``: write the 2008 example submissions as JSON."""

from __future__ import annotations

import json
import sys

from targetrule_jilin_2008 import example_submissions


def main() -> None:
    """Print the example submissions (the 2007 example carried into 2008) to standard output."""
    json.dump(example_submissions(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
