"""Write an evaluation as JSON (schema ``targetrule.results/1``, from :meth:`Evaluation.to_dict`)."""

from __future__ import annotations

import json

from targetrule.results import Evaluation


def render_json(evaluation: Evaluation) -> bytes:
    """The evaluation as UTF-8 JSON, Chinese kept readable, two-space indented."""
    return (json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
