"""The plugin scaffold: what it writes, that it registers, installs, and passes its own tests as generated."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from targetrule import Registry, builtin_plugins
from targetrule.scaffold import ScaffoldError, create_plugin

ROOT = Path(__file__).parents[1]


def test_it_writes_a_distribution_with_an_entry_point(tmp_path: Path) -> None:
    created = create_plugin(
        tmp_path / "hebei", "targetrule-hebei-2009", indicator_id="employment.graduates", label_zh="高校毕业生就业"
    )
    assert created.package == "targetrule_hebei_2009"
    assert sorted(p.relative_to(tmp_path / "hebei").as_posix() for p in created.files) == [
        "README.md",
        "pyproject.toml",
        "src/targetrule_hebei_2009/__init__.py",
        "src/targetrule_hebei_2009/indicator.py",
        "tests/test_contract.py",
    ]
    pyproject = (tmp_path / "hebei" / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.targetrule]\ntargetrule_hebei_2009 = "targetrule_hebei_2009.indicator"' in pyproject
    assert 'name = "targetrule-hebei-2009"' in pyproject
    readme = (tmp_path / "hebei" / "README.md").read_text(encoding="utf-8")
    assert "`employment.graduates`" in readme and "高校毕业生就业" in readme


def test_the_generated_module_registers_beside_the_built_ins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    created = create_plugin(tmp_path / "p", "targetrule-demo", label_zh="示范指标", label_en="Demo item")
    monkeypatch.syspath_prepend(str(tmp_path / "p" / "src"))
    module = importlib.import_module("targetrule_demo.indicator")
    registry = Registry.from_plugins([*builtin_plugins(), module])
    indicator = registry.indicators["custom.demo"]
    assert created.indicator_id == "custom.demo"
    assert (indicator.label.zh, indicator.label.en, indicator.area) == ("示范指标", "Demo item", "custom")


def test_the_generated_tests_pass_as_generated(tmp_path: Path) -> None:
    create_plugin(tmp_path / "gen", "targetrule-gen", label_en='Quotes "and" backslash \\ stay literal')
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--targetrule-max-examples", "10"],
        cwd=tmp_path / "gen",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "10 passed" in result.stdout  # 8 contract properties + the hand-computed case + registration


def test_the_generated_distribution_installs_and_is_found_through_its_entry_point(tmp_path: Path) -> None:
    create_plugin(tmp_path / "inst", "targetrule-installed", indicator_id="pension.rural_pilot")
    site = tmp_path / "site"
    # Build the wheel as a user's pip would (isolated build) and install it into a folder of its own.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(tmp_path / "inst"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = textwrap.dedent(
        """
        from targetrule import Registry
        registry = Registry.default()
        print(registry.indicator_plugins["pension.rural_pilot"])
        print([p.distribution for p in registry.plugins() if p.name == "targetrule_installed"])
        """
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["targetrule_installed", "['targetrule-installed']"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "2009-plugin"}, "invalid plugin name"),
        ({"name": "my plugin"}, "invalid plugin name"),
        ({"name": "ok-name", "indicator_id": "NoDot"}, "must be area.item"),
        ({"name": "ok-name", "indicator_id": "employment.new_urban_jobs"}, "already a built-in indicator"),
        ({"name": "ok-name", "label_zh": "两\n行"}, "labels must be one line"),
    ],
)
def test_bad_names_are_refused_in_both_languages(tmp_path: Path, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ScaffoldError, match=message) as caught:
        create_plugin(tmp_path / "x", **kwargs)  # type: ignore[arg-type]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))  # the Chinese half is there too
    assert not (tmp_path / "x").exists()


def test_a_folder_with_files_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="exists and is not an empty folder"):
        create_plugin(tmp_path / "taken", "targetrule-taken")
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_the_templates_are_declared_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"scaffold_templates/*.tmpl"' in pyproject
