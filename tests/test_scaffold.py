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


def test_several_indicators_a_family_and_an_extending_scheme(tmp_path: Path) -> None:
    created = create_plugin(
        tmp_path / "ext",
        "targetrule-ext",
        indicator_id="employment.graduates",
        more_indicators=["newarea.first"],
        family=True,
        scheme="jilin-2007-plus",
        extends="jilin-2007",
    )
    assert created.indicator_ids == ("employment.graduates", "newarea.first")
    assert created.family == "ext_floor_completion"
    toml = (tmp_path / "ext" / "src" / "targetrule_ext" / "schemes" / "jilin-2007-plus.toml").read_text("utf-8")
    assert 'extends = "jilin-2007"' in toml
    assert "total_points = 110" in toml  # 100 + 2 × 5
    assert "points = 35" in toml  # employment: 30 + 5
    cases = (tmp_path / "ext" / "tests" / "jilin-2007-plus.cases.toml").read_text("utf-8")
    # (95 / 100 − 0.5) / (1 − 0.5) = 0.9 × 5 = 4.50
    assert 'items."newarea.first" = 4.50' in cases
    pyproject = (tmp_path / "ext" / "pyproject.toml").read_text("utf-8")
    assert 'targetrule_ext_family = "targetrule_ext.family"' in pyproject
    assert 'targetrule_ext_schemes = "targetrule_ext.schemes"' in pyproject
    assert 'test = ["targetrule[testing]' in pyproject


def test_extends_needs_an_installed_scheme(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match="no installed scheme"):
        create_plugin(tmp_path / "x", "targetrule-x", scheme="my-scheme", extends="jilin-2070")
    with pytest.raises(ScaffoldError, match="--extends needs --scheme"):
        create_plugin(tmp_path / "x", "targetrule-x", extends="jilin-2007")


@pytest.mark.venv
def test_the_printed_commands_work_verbatim_in_a_fresh_venv(tmp_path: Path) -> None:
    """new-plugin's printed install and test commands, run as printed in a new virtual environment."""
    from click.testing import CliRunner

    from targetrule.cli import main

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    arguments = ["new-plugin", "demo", "targetrule-demo", "--indicator-id", "custom.a", "--indicator-id", "custom.b"]
    arguments += ["--family", "--scheme", "demo-2025", "--lang", "en"]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        printed = CliRunner().invoke(main, arguments).output.splitlines()
    finally:
        os.chdir(cwd)
    commands = [
        line.strip() for line in printed[printed.index("install and test it in a fresh virtual environment:") + 1 :]
    ]
    assert commands[0].startswith(f"python -m pip install {ROOT}") and commands[1] == "python -m pytest demo"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    install = subprocess.run(
        commands[0], shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    if install.returncode != 0 and any(
        s in install.stderr for s in ("Could not find a version", "NewConnectionError", "Temporary failure")
    ):
        pytest.skip(f"pip could not reach a package index: {install.stderr[-300:]}")
    assert install.returncode == 0, install.stderr[-2000:]
    tested = subprocess.run(commands[1], shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert tested.returncode == 0, tested.stdout[-3000:]
    # 2 × 8 contract properties + the hand-computed case + registration + the scheme loads + the case file's case
    assert "20 passed" in tested.stdout
