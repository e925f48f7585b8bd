"""How large and how slow the report is at many regions (issue 14's targets).

Usage: ``python benchmarks/bench_report.py [--regions 2000] [--pdf] [--chromium]``

Builds N valid regions from the bundled example's nine cities, their completed figures varied by a
seeded ±10 % so that the scores spread, then measures: rendering the HTML report, its size, and
(optionally) laying it out as PDF with WeasyPrint and printing it with headless Chromium. It ends
with the targets, each marked met or not met.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from targetrule import Engine
from targetrule.formats.report_html import render_html

TARGET_SECONDS = 20.0  # rendering the 2,000-region report, at most
TARGET_MEGABYTES = 5.0  # its HTML, at most
PARTS_OF_A_WHOLE = ("labour_export",)  # items whose other figures are parts of "actual": left as they are


def synthetic_data(count: int, seed: int = 7) -> dict[str, Any]:
    """``count`` valid regions: the example's cities under new ids and names, completed figures varied."""
    example = json.loads((resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8"))
    cities = [r for r in example["regions"] if not r.get("survey_only")]
    rng = random.Random(seed)
    regions = []
    for i in range(count):
        city = copy.deepcopy(cities[i % len(cities)])
        city["id"] = f"{city['id']}-{i}"
        city["name"] = {"zh": f"{city['name']['zh']}{i}", "en": f"{city['name']['en']} {i}"}
        for key, item in city["inputs"].items():
            actual = item.get("actual")
            if key.endswith(PARTS_OF_A_WHOLE) or not isinstance(actual, int | float) or "target" not in item:
                continue
            varied = actual * rng.uniform(0.9, 1.1)
            item["actual"] = int(varied) if isinstance(actual, int) else round(varied, 1)
        regions.append({**city, "bonuses": [], "deductions": [], "vetoes": []})
    return {**example, "regions": regions}


def timed(action: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2000)
    parser.add_argument("--pdf", action="store_true", help="also lay the report out with WeasyPrint")
    parser.add_argument("--chromium", action="store_true", help="also print it with headless Chromium")
    args = parser.parse_args()

    engine = Engine()
    scheme = engine.load_scheme("jilin-2007")
    evaluation, seconds = timed(lambda: engine.evaluate(scheme, synthetic_data(args.regions)))
    ranked = sum(1 for r in evaluation.regions if r.rank is not None)
    print(f"{args.regions} synthetic regions evaluated in {seconds:.2f} s ({ranked} ranked)")
    page, render = timed(lambda: render_html(evaluation, "zh", scheme))
    megabytes = len(page) / 1e6
    print(f"HTML report: {render:.2f} s, {megabytes:.2f} MB")
    if args.pdf:
        from targetrule.formats.report_pdf import render_pdf

        pdf, seconds = timed(lambda: render_pdf(page))
        print(f"PDF (WeasyPrint): {seconds:.2f} s, {len(pdf) / 1e6:.2f} MB")
    if args.chromium:
        browser = shutil.which("chromium") or shutil.which("google-chrome")
        if browser is None:
            print("Chromium: not installed")
        else:
            with tempfile.TemporaryDirectory() as folder:
                html, pdf_path = Path(folder) / "report.html", Path(folder) / "report.pdf"
                html.write_bytes(page)
                command = [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--user-data-dir={folder}/profile",
                    f"--print-to-pdf={pdf_path}",
                    html.as_uri(),
                ]
                _, seconds = timed(lambda: subprocess.run(command, capture_output=True, check=True, timeout=600))
                print(f"Chromium print to PDF: {seconds:.2f} s, {pdf_path.stat().st_size / 1e6:.2f} MB")
    print("targets:")
    print(f"  HTML under {TARGET_MEGABYTES} MB: {'met' if megabytes < TARGET_MEGABYTES else 'NOT met'}")
    print(f"  HTML rendered under {TARGET_SECONDS} s: {'met' if render < TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
