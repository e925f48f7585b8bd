"""What the commands share: ``--lang``, ``--json``, ``--verified``, and the engine, scheme and evaluation they use.

``common`` adds the two options every command takes and the error handling; the helpers turn the
options into library objects: the engine with the plugins chosen on the group (``--plugin``,
``--no-entry-points``), a scheme by id or path, a data file read and evaluated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import click

from targetrule.cli.errors import EXIT_UNREADABLE, F, Failure, handle_errors
from targetrule.decimal_context import exact
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.engine import Engine
    from targetrule.results import Evaluation
    from targetrule.scheme import Scheme


# --lang, --json (every command) and --verified (the commands that evaluate)
lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of human-facing output / 输出语言.",
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout (versioned schema) / 输出 JSON."
)
targets_option = click.option(
    "--targets",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The province's targets (JSON, CSV or xlsx); used in place of the returns' own / 省定目标文件.",
)
verified_option = click.option(
    "--verified",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON of figures the inspection team verified; scored in place of the reported ones / 核实数据.",
)


department_option = click.option(
    "--department",
    metavar="ID",
    help="Only the items this department answers for (牵头部门), e.g. civil_affairs / 只看该牵头部门的指标.",
)


def chosen_department(scheme: Scheme, department: str | None) -> str | None:
    """``--department`` checked against the departments the scheme's items declare (a usage error if unknown)."""
    from targetrule.cli.errors import usage
    from targetrule.departments import departments
    from targetrule.findings import did_you_mean

    if department is None:
        return None
    known = [d.id for d in departments(scheme)]
    if department not in known:
        hint = did_you_mean(department, known)
        extra_zh, extra_en = (f"，是否应为 {hint}？", f"; did you mean {hint}?") if hint else ("", "")
        listed = ", ".join(known) or "—"
        raise usage(
            f"方案中没有牵头部门 {department}{extra_zh}（可选：{listed}）",
            f"no department {department} in the scheme{extra_en} (known: {listed})",
        )
    return department


def common(command: F) -> F:
    """Add ``--lang`` and ``--json`` and the error handling every command shares."""
    return cast(F, lang_option(json_option(handle_errors(exact(command)))))


def selected_engine() -> Engine:
    """The engine with the plugins chosen on the group; a plugin that cannot be imported is exit code 3."""
    from targetrule.engine import Engine
    from targetrule.registry import PluginError

    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta if ctx is not None else {}  # --plugin / --no-entry-points, set on the group
    try:
        return Engine(
            plugins=chosen.get("targetrule.plugins"), entry_points=chosen.get("targetrule.entry_points", True)
        )
    except PluginError:
        raise
    except Exception as exc:  # an installed plugin that cannot even be imported: third-party code
        raise Failure(
            "plugins",
            Label(f"插件加载失败：{exc!r}", f"a plugin failed to load: {exc!r}"),
            EXIT_UNREADABLE,
        ) from None


def load_scheme(engine: Engine, name: str) -> Scheme:
    """The scheme SCHEME names: a scheme id shipped by a plugin, or the path of a scheme TOML file."""
    return engine.load_scheme(name)


def scheme_inputs(name: str) -> list[Path]:
    """The scheme's file if SCHEME is a path: an input, which no output may replace."""
    path = Path(name)
    return [path] if path.is_file() else []


def evaluate_file(
    engine: Engine,
    scheme: Scheme,
    data: Path,
    *,
    lenient: bool = False,
    verified: Path | None = None,
    targets: Path | None = None,
) -> tuple[Evaluation, Label | None]:
    """Read DATA in whatever format it is, evaluate it, and point every finding into the user's file.

    ``verified`` names a JSON file of figures the inspection team verified (see docs/inspection.md);
    ``targets`` the province's targets file, scored in place of the returns' own (none: a warning
    that the targets are self-reported).
    Returns the evaluation and the data's note (e.g. "illustrative figures"), shown beside results.
    """
    from targetrule.collector import paused_for_long_lived_results
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.loaded import relocate_evaluation
    from targetrule.formats.read import read_data
    from targetrule.targets import apply_targets

    for given in (verified, targets):
        if given is not None and not given.is_file():  # a missing input is exit code 3, like DATA
            raise DataFileError(str(given), Label("文件不存在", "file not found"))
    loaded = read_data(data, scheme)
    province = None
    if targets is not None:
        from targetrule.formats.targets_file import read_targets

        province = read_targets(targets, scheme)
    submissions = apply_targets(scheme, loaded.submissions, province)
    mode: Literal["strict", "lenient"] = "lenient" if lenient else "strict"
    # The command line owns its process, so it may pause the collector; the library never does.
    with paused_for_long_lived_results():
        evaluation = engine.evaluate(scheme, submissions, mode=mode, verifications=verified)
    from targetrule.formats.special_reports import with_special_reports

    return with_special_reports(relocate_evaluation(evaluation, loaded), data), loaded.submissions.note
