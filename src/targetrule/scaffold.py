"""Write a new indicator plugin distribution that installs, registers and passes its tests as generated.

``create_plugin("targetrule-hebei-2009", "targetrule-hebei-2009")`` writes::

    targetrule-hebei-2009/
        pyproject.toml                      entry point in the ``targetrule`` group
        README.md
        src/targetrule_hebei_2009/__init__.py
        src/targetrule_hebei_2009/indicator.py   the indicators, one ``targetrule_indicators`` hook
        tests/test_contract.py              the contract suite and one hand-computed case

and, when asked, ``family.py`` (a formula family), ``schemes.py`` with ``schemes/<id>.toml`` (a
scheme, optionally extending an installed one) and ``tests/<id>.cases.toml`` (its cases).

The templates are package data under ``targetrule/scaffold_templates``.
"""

from __future__ import annotations

import json
import keyword
import os
import re
import secrets
import shlex
import shutil
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from attrs import frozen

from targetrule.findings import TargetruleError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]$")
_ID_PART = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(TargetruleError):
    """The plugin cannot be written: a bad name or id, or a folder that already has files."""


@frozen
class CreatedPlugin:
    """What :func:`create_plugin` wrote."""

    directory: Path
    distribution: str
    package: str
    indicator_id: str
    files: tuple[Path, ...]
    indicator_ids: tuple[str, ...] = ()
    family: str | None = None
    scheme: str | None = None


#: The points the scaffold gives each of its indicators in a scheme.
POINTS = 5


def create_plugin(
    directory: str | Path,
    name: str,
    *,
    indicator_id: str | None = None,
    label_zh: str = "新指标",
    label_en: str = "New indicator",
    unit: str = "人",
    reference: str = "",
    more_indicators: Sequence[str] = (),
    family: bool = False,
    scheme: str | None = None,
    extends: str | None = None,
) -> CreatedPlugin:
    """Write a new plugin distribution called ``name`` into ``directory`` (created; must be empty if it exists).

    :param directory: the folder of the new distribution (its project root).
    :param name: the distribution name, e.g. ``targetrule-hebei-2009``; the package is the same
        with ``-`` and ``.`` turned into ``_`` (``targetrule_hebei_2009``).
    :param indicator_id: the indicator's id as ``area.item``; default ``custom.<name without "targetrule-">``.
    :param label_zh: the indicator's Chinese label.
    :param label_en: its English label.
    :param unit: the unit of its actual and target (default 人, people).
    :param reference: the clause of the source document that defines it.
    :param more_indicators: the ids of further indicators (labelled "<label> 2", "<label> 3", …).
    :param family: also write a formula family of the plugin's own (``family.py``), used by every indicator.
    :param scheme: also write a scheme of this id (``schemes/<id>.toml``, shipped by a hook) and its
        hand-computed case file (``tests/<id>.cases.toml``).
    :param extends: the scheme extends this installed scheme, adding the indicators to it.
    :return: a :class:`CreatedPlugin` naming the files written.
    :raises ScaffoldError: for a bad name or id, a clash with a built-in indicator, or a non-empty folder.
    """
    root = Path(directory)
    if not _NAME.match(name):
        raise ScaffoldError(
            f"插件名 {name!r} 无效：应以字母开头，只含字母、数字、-、_、. / invalid plugin name {name!r}: "
            "start with a letter; use letters, digits, '-', '_' and '.'"
        )
    package = re.sub(r"[-.]+", "_", name).lower()
    if keyword.iskeyword(package):
        raise ScaffoldError(f"包名 {package!r} 是 Python 关键字 / package name {package!r} is a Python keyword")
    short = package.removeprefix("targetrule_") or package
    ids = [indicator_id or f"custom.{short}", *more_indicators]
    for one in ids:
        parts = one.split(".")
        if len(parts) != 2 or not all(_ID_PART.match(p) for p in parts):
            raise ScaffoldError(
                f"指标编号 {one!r} 应为 领域.项目（小写字母、数字、下划线） / indicator id {one!r} "
                "must be area.item in lower-case letters, digits and underscores"
            )
        _check_free(one)
    if len(set(ids)) != len(ids):
        raise ScaffoldError(f"指标编号重复 / an indicator id is given twice: {', '.join(ids)}")
    for text in (label_zh, label_en, unit, reference):
        if "\n" in text or "\r" in text:
            raise ScaffoldError(f"名称不能换行 / labels must be one line: {text!r}")
    if scheme is not None and not _NAME.match(scheme):
        raise ScaffoldError(f"方案编号 {scheme!r} 无效 / invalid scheme id {scheme!r}: start with a letter")
    if extends is not None and scheme is None:
        raise ScaffoldError("--extends 需要 --scheme / --extends needs --scheme")
    parent = _parent(extends) if extends is not None else None
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ScaffoldError(f"目录 {root} 已存在且不为空 / {root} exists and is not an empty folder")

    from targetrule import __version__

    family_name = f"{short}_floor_completion" if family else None
    labels = [(label_zh, label_en)] + [(f"{label_zh} {i}", f"{label_en} {i}") for i in range(2, len(ids) + 1)]
    values = {
        "distribution": name,
        "distribution_toml": json.dumps(name),
        "description_toml": json.dumps(f"{label_en} ({label_zh}): a targetrule indicator plugin", ensure_ascii=False),
        "core_version": __version__,
        "entry_name": package,
        "package": package,
        "indicator_id": ids[0],
        "indicator_id_py": repr(ids[0]),
        "area": ids[0].split(".")[0],
        "area_py": repr(ids[0].split(".")[0]),
        "label_zh": label_zh,
        "label_en": label_en,
        "labels_en": ", ".join(en for _, en in labels),
        "family_name": family_name or "",
        "scheme_id": scheme or "",
    }
    blocks = [
        _render("indicator_item.tmpl", _indicator_values(one, zh, en, unit, reference, family))
        for one, (zh, en) in zip(ids, labels, strict=True)
    ]
    values["indicator_blocks"] = "".join(blocks)
    values["formula_import"] = (
        f"\nfrom {package}.family import FloorCompletion" if family else "\nfrom targetrule import CappedCompletion"
    )
    entry_points = [f'{package} = "{package}.indicator"']
    modules = ["plugin"]
    extra_imports = []
    if family:
        entry_points.append(f'{package}_family = "{package}.family"')
        modules.append("family")
        extra_imports.append(f"from {package} import family")
    if scheme is not None:
        entry_points.append(f'{package}_schemes = "{package}.schemes"')
        modules.append("schemes")
        extra_imports.append(f"from {package} import schemes")
    values["entry_points"] = "".join(f"{line}\n" for line in entry_points)
    values["package_data"] = (
        f'\n[tool.setuptools.package-data]\n{package} = ["schemes/*.toml"]\n' if scheme is not None else ""
    )
    values["extra_imports"] = "".join(f"{line}\n" for line in extra_imports)
    values["plugin_modules"] = ", ".join(modules)
    values["contract_classes"] = (
        "".join(
            f"\n\nclass TestContract{i}(IndicatorContract):\n"
            f'    """Every property of the contract suite for {one}, drawn from its declaration."""\n\n'
            f"    indicator = INDICATORS[{i}]\n"
            for i, one in enumerate(ids)
        )
        + "\n"
    )
    share, arithmetic = (
        ("0.9", "(95 / 100 − floor 0.5) / (1 − 0.5) = 0.45 / 0.5 = 0.9")
        if family
        else ("0.95", "95 / 100 = 0.95, under the cap of 1")
    )
    values["case_attainment"], values["case_arithmetic"] = share, arithmetic
    values["scheme_test"] = (
        "\n\ndef test_the_scheme_loads() -> None:\n"
        f"    engine = Engine(Registry.from_plugins([*builtin_plugins(), {values['plugin_modules']}]))\n"
        f'    assert engine.load_scheme("{scheme}").id == "{scheme}"\n'
        if scheme is not None
        else ""
    )
    if scheme is not None:
        values["extra_imports"] = "from targetrule import Engine\n" + values["extra_imports"]
    layout = {
        "pyproject.toml": "pyproject.toml.tmpl",
        "README.md": "README.md.tmpl",
        f"src/{package}/__init__.py": "init.py.tmpl",
        f"src/{package}/indicator.py": "indicator.py.tmpl",
        "tests/test_contract.py": "test_contract.py.tmpl",
    }
    if family:
        layout[f"src/{package}/family.py"] = "family.py.tmpl"
    rendered = {target: _render(template, values) for target, template in layout.items()}
    if scheme is not None:
        rendered[f"src/{package}/schemes.py"] = _render("schemes.py.tmpl", values)
        toml, cases = _scheme_files(scheme, name, ids, parent, extends, Decimal(share))
        rendered[f"src/{package}/schemes/{scheme}.toml"] = toml
        rendered[f"tests/{scheme}.cases.toml"] = cases
    _write_whole(root, rendered)
    return CreatedPlugin(
        root, name, package, ids[0], tuple(root / target for target in rendered), tuple(ids), family_name, scheme
    )


def local_core() -> Path | None:
    """The source folder targetrule is installed from, when it is a checkout (not a wheel from an index)."""
    import targetrule

    root = Path(targetrule.__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    try:
        if 'name = "targetrule"' in pyproject.read_text(encoding="utf-8"):
            return root
    except OSError:
        pass
    return None


def install_commands(created: CreatedPlugin, core: Path | None) -> tuple[str, ...]:
    """The commands that install the plugin with its test extra, then run its tests, in a fresh venv.

    ``core`` is a local targetrule checkout to install from (as long as the library is on no index).
    """
    directory = shlex.quote(f"{created.directory}[test]")
    install = f"python -m pip install -e {directory}"
    if core is not None:
        install = f"python -m pip install {shlex.quote(str(core))} -e {directory}"
    return (install, f"python -m pytest {shlex.quote(str(created.directory))}")


def _indicator_values(
    indicator_id: str, label_zh: str, label_en: str, unit: str, reference: str, family: bool
) -> dict[str, str]:
    area = indicator_id.split(".")[0]
    if family:
        formula = 'FloorCompletion(actual="actual", target="target")'
        comment = (
            "Completion above a floor of 50%, scaled to full marks; a scheme may change it: params = {floor = 0.6}."
        )
    else:
        formula = 'CappedCompletion(actual="actual", target="target")'
        comment = (
            "Completion against the target, capped at full marks; a scheme may raise the cap: params = {cap = 1.2}."
        )
    return {
        "indicator_id_py": repr(indicator_id),
        "area_py": repr(area),
        "label_zh_py": repr(label_zh),
        "label_en_py": repr(label_en),
        "unit_py": repr(unit),
        "reference_py": repr(reference),
        "formula": formula,
        "formula_comment": comment,
    }


def _parent(extends: str) -> Any:
    """The installed scheme a new scheme extends, loaded (its areas' points are needed)."""
    from targetrule.engine import Engine
    from targetrule.findings import FindingsError

    try:
        return Engine().load_scheme(extends)
    except FindingsError:
        raise ScaffoldError(f"没有可继承的方案 {extends!r} / no installed scheme {extends!r} to extend") from None


def _scheme_files(
    scheme: str, name: str, ids: Sequence[str], parent: Any, extends: str | None, share: Decimal
) -> tuple[str, str]:
    """The scheme's TOML and its case file: each indicator worth ``POINTS``, grouped by area."""
    areas: dict[str, list[str]] = {}
    for one in ids:
        areas.setdefault(one.split(".")[0], []).append(one)
    added = POINTS * len(ids)
    parent_areas = {a.spec.id: a.spec.points for a in parent.areas} if parent is not None else {}
    lines = []
    for area, members in areas.items():
        items = ",\n".join(f'  {{id = "{one}", points = {POINTS}}}' for one in members)
        lines.append(f'[[areas]]\nid = "{area}"')
        if area in parent_areas:
            lines.append(
                f"points = {parent_areas[area] + POINTS * len(members)}    # {parent_areas[area]} + the new items"
            )
        else:
            lines.append(f'label = {{zh = "{area}", en = "{area}"}}\npoints = {POINTS * len(members)}')
        lines.append(f"indicators = [\n{items},\n]\n")
    values = {
        "scheme_id": scheme,
        "distribution": name,
        "points": str(POINTS),
        "year": str(parent.spec.year if parent is not None else 2025),
        "areas_block": "\n".join(lines),
        "extends": extends or "",
    }
    if parent is not None:
        values |= {
            "total_points": str(parent.spec.total_points + added),
            "parent_total": str(parent.spec.total_points),
            "added": str(added),
        }
        toml = _render("scheme_extends.toml.tmpl", values)
    else:
        values |= {"total_points": str(added), "pass_min": str(added * 6 // 10)}
        toml = _render("scheme.toml.tmpl", values)
    points = (share * POINTS).quantize(Decimal("0.01"))
    inputs = ", ".join(f'"{one}" = {{actual = 95, target = 100}}' for one in ids)
    expectations = [f'items."{one}" = {points}    # {share} × {POINTS} = {points}' for one in ids]
    if parent is None:
        total = points * len(ids)
        expectations += [
            f"composite = {total}    # {' + '.join([str(points)] * len(ids))}",
            f'rank = 1\ngrade = "pass"    # {total} ≥ {added * 6 // 10}',
        ]
    cases = _render(
        "cases.toml.tmpl",
        {"scheme_id": scheme, "case_inputs": inputs, "case_expectations": "\n".join(expectations)},
    )
    return toml, cases


def _write_whole(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` into a fresh folder beside ``root``, then rename it to ``root``: all of it or nothing.

    A failure (a full disk, no permission, Ctrl-C) removes the fresh folder and re-raises; ``root``
    is left as it was (absent, or the empty folder it was).
    """
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh = root.parent / f".{root.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    fresh.mkdir()  # an ordinary folder: the umask applies as to any other
    try:
        for target, text in files.items():
            path = fresh / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if root.is_dir():
            root.rmdir()  # empty, as checked above
        os.rename(fresh, root)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def _render(template: str, values: dict[str, str]) -> str:
    text = (resources.files("targetrule") / "scaffold_templates" / template).read_text(encoding="utf-8")
    return Template(text).substitute(values)


def _check_free(indicator_id: str) -> None:
    from targetrule.registry import Registry, builtin_plugins

    if indicator_id in Registry.from_plugins(builtin_plugins()).indicators:
        raise ScaffoldError(
            f"指标编号 {indicator_id} 已被内置指标使用 / indicator id {indicator_id} is already a built-in indicator"
        )
