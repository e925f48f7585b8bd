"""Write a streamed evaluation as it goes: every region's result, then the ranking and a summary.

``regions.jsonl`` holds one region's full result per line (schema ``targetrule.results/1``'s
region object, explanations included), ``ranking.csv`` the ranked regions as ``evaluate`` writes
them, ``summary.json`` the decision, the findings about the input and the provenance (schema
``targetrule.stream/1``). Results are spooled to a temporary file while the regions are scored
(their ranks are known only once all are in) and copied line by line with their standing; memory
stays that of one region at a time plus each region's small summary.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable
from typing import Any, BinaryIO

from targetrule.convert import converter
from targetrule.findings import Finding
from targetrule.formats.cells import safe_text
from targetrule.plain_json import finding_to_dict, region_to_dict, standing_to_dict
from targetrule.results import RegionResult
from targetrule.streaming import StreamOutcome

STREAM_SCHEMA = "targetrule.stream/1"
RANKING_COLUMNS = ("rank", "region", "name_zh", "name_en", "composite", "grade", "award", "eligible_for_awards")


class Spool:
    """Region results kept on disk while a stream is scored: a line of JSON each, with the ranking's columns."""

    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile()  # noqa: SIM115 - closed by ``close``, after the copy

    def add(self, result: RegionResult, path: str) -> None:
        """Keep ``result``, read at ``path`` in the input (``$.regions[n]``), where its explanations' findings point."""
        self._file.write(_line(region_to_dict(result, path=path)))

    def rows(self) -> Iterable[dict[str, Any]]:
        """Each kept region's result, in the order added."""
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)

    def close(self) -> None:
        """Let the spooled results go."""
        self._file.close()


def _line(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def write_regions(spool: Spool, outcome: StreamOutcome, out: BinaryIO) -> None:
    """``regions.jsonl``: each spooled region with its rank, grade and award filled in."""
    for row in spool.rows():
        standing = outcome.standings.get(row["region"]["id"])
        if standing is not None:
            row.update(standing_to_dict(standing))
        out.write(_line(row))


def write_ranking(spool: Spool, outcome: StreamOutcome, out: BinaryIO) -> None:
    """``ranking.csv`` (UTF-8 with a BOM, for Excel): the ranked regions, best first, ties by id."""
    order = {region: n for n, region in enumerate(outcome.ranking())}
    ranked: list[tuple[int, list[str]]] = []
    for row in spool.rows():
        region = row["region"]["id"]
        standing = outcome.standings.get(region)
        if standing is None or standing.rank is None:
            continue
        name = row["region"]["name"]
        cells = [
            str(standing.rank),
            region,
            name["zh"],
            name["en"],
            row["composite"],
            standing.grade or "",
            standing.award or "",
            "true" if standing.eligible_for_awards else "false",
        ]
        ranked.append((order[region], [safe_text(c) for c in cells]))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(RANKING_COLUMNS)
    writer.writerows(cells for _, cells in sorted(ranked))
    out.write(("\ufeff" + text.getvalue()).encode("utf-8"))


def summary(outcome: StreamOutcome, scheme: str, mode: str, reading: Iterable[Finding]) -> dict[str, Any]:
    """``summary.json``: the decision, the findings about the input as a whole, and the provenance."""
    return {
        "schema": STREAM_SCHEMA,
        "scheme": scheme,
        "mode": mode,
        "regions": outcome.regions,
        "ranked": outcome.ranked,
        "not_ranked_because": None
        if outcome.not_ranked_because is None
        else {"zh": outcome.not_ranked_because.zh, "en": outcome.not_ranked_because.en},
        "errors": outcome.errors,
        "ranking": outcome.ranking(),
        "findings": [finding_to_dict(f) for f in (*reading, *outcome.findings)],
        "provenance": converter.unstructure(outcome.provenance),
    }
