"""What a command prints: a JSON document on stdout, or lines of text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from targetrule.findings import Finding


def emit_json(document: Mapping[str, Any]) -> None:
    """Print a machine-readable document (stable keys, versioned by its ``schema``)."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def findings_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The findings as JSON objects, as in the results (``targetrule.results/1``)."""
    from targetrule.plain_json import finding_to_dict

    return [finding_to_dict(f) for f in findings]


def echo_lines(lines: Iterable[str]) -> None:
    """Print each line on stdout; nothing for no lines."""
    for line in lines:
        click.echo(line)
