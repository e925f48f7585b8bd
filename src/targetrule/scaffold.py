"""Write a new indicator plugin distribution that installs, registers and passes its tests as generated.

``create_plugin("targetrule-hebei-2009", "targetrule-hebei-2009")`` writes::

    targetrule-hebei-2009/
        pyproject.toml                      entry point in the ``targetrule`` group
        README.md
        src/targetrule_hebei_2009/__init__.py
        src/targetrule_hebei_2009/indicator.py   one indicator, one ``targetrule_indicators`` hook
        tests/test_contract.py              the contract suite and one hand-computed case

The templates are package data under ``targetrule/scaffold_templates``.
"""

from __future__ import annotations

import json
import keyword
import os
import re
import secrets
import shutil
from importlib import resources
from pathlib import Path
from string import Template

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


def create_plugin(
    directory: str | Path,
    name: str,
    *,
    indicator_id: str | None = None,
    label_zh: str = "新指标",
    label_en: str = "New indicator",
    unit: str = "人",
    reference: str = "",
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
    indicator_id = indicator_id or f"custom.{short}"
    parts = indicator_id.split(".")
    if len(parts) != 2 or not all(_ID_PART.match(p) for p in parts):
        raise ScaffoldError(
            f"指标编号 {indicator_id!r} 应为 领域.项目（小写字母、数字、下划线） / indicator id {indicator_id!r} "
            "must be area.item in lower-case letters, digits and underscores"
        )
    _check_free(indicator_id)
    for text in (label_zh, label_en, unit, reference):
        if "\n" in text or "\r" in text:
            raise ScaffoldError(f"名称不能换行 / labels must be one line: {text!r}")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ScaffoldError(f"目录 {root} 已存在且不为空 / {root} exists and is not an empty folder")

    from targetrule import __version__

    area = parts[0]
    values = {
        "distribution": name,
        "distribution_toml": json.dumps(name),
        "description_toml": json.dumps(f"{label_en} ({label_zh}): a targetrule indicator plugin", ensure_ascii=False),
        "core_version": __version__,
        "entry_name": package,
        "package": package,
        "indicator_id": indicator_id,
        "indicator_id_py": repr(indicator_id),
        "area": area,
        "area_py": repr(area),
        "label_zh": label_zh,
        "label_en": label_en,
        "label_zh_py": repr(label_zh),
        "label_en_py": repr(label_en),
        "unit_py": repr(unit),
        "reference": reference,
        "reference_py": repr(reference),
    }
    layout = {
        "pyproject.toml": "pyproject.toml.tmpl",
        "README.md": "README.md.tmpl",
        f"src/{package}/__init__.py": "init.py.tmpl",
        f"src/{package}/indicator.py": "indicator.py.tmpl",
        "tests/test_contract.py": "test_contract.py.tmpl",
    }
    rendered = {target: _render(template, values) for target, template in layout.items()}
    _write_whole(root, rendered)
    return CreatedPlugin(root, name, package, indicator_id, tuple(root / target for target in rendered))


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
