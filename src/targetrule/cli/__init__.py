"""The ``targetrule`` command line: plugins and schemes, templates, validation, evaluation, explanations.

Beside those: ``compare`` (two schemes on the same data), ``spot-check`` (the counties to
inspect), ``plan`` (the inspection teams' plan) and ``new-plugin`` (a plugin distribution to start
from). Every command takes ``--lang zh|en`` and ``--json``; docs/cli/ has a page per command.

Exit codes (the ``EXIT_*`` constants of ``errors.py``, listed in ``EXIT_CODES_HELP``): 0 ok; 1 the
data has findings with errors, or the regions could not be ranked; 2 usage error (a wrong option, a missing
argument, an output that exists or is an input, an optional dependency not installed); 3 an input
could not be read (a missing or malformed file, an unknown scheme, a workbook that is not a
template of the scheme, a plugin that fails to load); 4 the results could not be written (disk
full, file too large, no permission; the previous results are kept); 70 internal error (a bug:
the traceback goes to a log file); 130 interrupted (Ctrl-C). No error shows a traceback.

This package holds the ``main`` group; each command group is a module beside it that parses its
arguments, calls the library and prints: ``discover`` (plugins, indicators, scheme), ``data``
(template, validate), ``evaluation`` (evaluate, explain, compare), ``inspection`` (spot-check, plan),
``authoring`` (new-plugin), ``serve`` (the HTTP service). ``errors`` is how a command ends,
``options`` what every command shares, ``output`` what it prints; the text itself is written by
``targetrule.formats.text_*``.
File formats are imported inside the commands that use them (only the light ``text_*`` at the
top), so importing this package stays light.
"""

from __future__ import annotations

import click

from targetrule.cli import analysis, authoring, cases, data, discover, evaluation, inspection, serve, streaming
from targetrule.cli.errors import (
    EXIT_CODES_HELP,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_UNWRITABLE,
    EXIT_USAGE,
    Failure,
    TargetruleGroup,
)

__all__ = [
    "EXIT_CODES_HELP",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_UNWRITABLE",
    "EXIT_USAGE",
    "Failure",
    "TargetruleGroup",
    "main",
]


@click.group(cls=TargetruleGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="targetrule")
@click.option(
    "--plugin",
    "plugin_names",
    multiple=True,
    envvar="TARGETRULE_PLUGINS",
    metavar="NAME",
    help="Load only these installed plugins (entry-point or distribution name; repeat, or comma-separated in "
    "TARGETRULE_PLUGINS); the built-ins always load / 只加载指定的插件.",
)
@click.option(
    "--no-entry-points",
    is_flag=True,
    envvar="TARGETRULE_NO_ENTRY_POINTS",
    help="Load no installed plugins, only the built-ins (TARGETRULE_NO_ENTRY_POINTS=1) / 不加载已安装的插件.",
)
@click.pass_context
def main(ctx: click.Context, plugin_names: tuple[str, ...], no_entry_points: bool) -> None:
    """targetrule: 目标责任制督查考评 — validate, score, grade, rank and explain.

    SCHEME is a scheme id (e.g. jilin-2007) or the path of a scheme TOML file.
    """
    names = [n.strip() for given in plugin_names for n in given.split(",") if n.strip()]
    ctx.meta["targetrule.plugins"] = names if plugin_names else None
    ctx.meta["targetrule.entry_points"] = not no_entry_points


for command in (
    discover.plugins,
    discover.indicators,
    discover.scheme_command,
    data.template,
    data.validate,
    data.collect,
    evaluation.evaluate,
    evaluation.explain,
    evaluation.compare,
    streaming.stream_command,
    inspection.spot_check_command,
    inspection.plan_command,
    analysis.sensitivity,
    authoring.new_plugin,
    cases.test_command,
    serve.serve,
):
    main.add_command(command)
