"""Schemes that extend another (``extends``): merging by id, removal spelt out, the chain and its hashes."""

from __future__ import annotations

import hashlib
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule import Engine, SchemeError
from targetrule.cli import main
from targetrule.scheme_toml import scheme_toml

ENGINE = Engine(entry_points=False)  # the built-ins: jilin-2007 and its 40 indicators
HEAD = 'schema = "targetrule.scheme/1"\nextends = "jilin-2007"\nid = "what-if"\n'


def load(tmp_path: Path, text: str, name: str = "what-if.toml") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ENGINE.load_scheme(path)


def problems(tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    with pytest.raises(SchemeError) as caught:
        load(tmp_path, text)
    return [(f.code, f.path) for f in caught.value.findings]


def test_a_scheme_that_only_names_its_parent_is_the_parent(tmp_path: Path) -> None:
    child = load(tmp_path, HEAD)
    parent = ENGINE.load_scheme("jilin-2007")
    assert child.spec.areas == parent.spec.areas and child.spec.grades == parent.spec.grades
    assert child.id == "what-if" and child.spec.year == 2007


def test_items_are_merged_by_id_and_params_key_by_key(tmp_path: Path) -> None:
    text = HEAD + (
        "[[areas]]\n"
        'id = "dibao"\n'
        "points = 9.5\n"  # 3 + 1.5 + 1.5 + 1 + 1 + 1 = 9, + 0.5 below
        'indicators = [{id = "dibao.coverage", points = 3.5, params = {"coverage.deduct_per_point" = 0.2}}]\n'
        "[remove]\n"
        'areas = ["golden_insurance"]\n'  # 6 points
        "[[areas]]\n"
        'id = "golden"\n'
        'label = {zh = "金保", en = "Golden"}\n'
        "points = 5.5\n"  # 100 - 6 + 0.5 + 5.5 = 100
        'indicators = [{id = "golden_insurance.data_centre", points = 5.5}]\n'
    )
    scheme = load(tmp_path, text)
    coverage = scheme.spec.areas[7].indicators[0]  # golden_insurance (before dibao) is gone
    assert coverage.points == D("3.5")
    assert coverage.params == {"coverage.deduct_per_point": D("0.2"), "category.deduct_per_point": D("0.1")}
    assert [a.id for a in scheme.spec.areas][-2:] == ["dibao", "golden"]  # golden_insurance gone, golden added last
    assert scheme.spec.total_points == 100


def test_replacing_an_item_keeps_its_place(tmp_path: Path) -> None:
    text = HEAD + (
        "[remove]\n"
        'params = {"employment.registered_unemployment_rate" = ["deduct_per_point"]}\n'
        "[[areas]]\n"
        'id = "dibao"\n'
        'indicators = [{id = "dibao.collective_retirees", replaces = "dibao.coverage", points = 3}]\n'
        "points = 8\n"  # 9 - 1: collective_retirees (1 point) now stands where coverage (3) stood, at 3 points
        "[[areas]]\n"
        'id = "employment"\n'
        "points = 31\n"  # 30 + 1 to keep 100
        'indicators = [{id = "employment.new_urban_jobs", points = 6}]\n'
    )
    with pytest.raises(SchemeError) as caught:
        load(tmp_path, text)
    # collective_retirees is now in the area twice: in coverage's place and in its own
    assert ("scheme.duplicate_indicator", "$.areas[8].indicators[5].id") in [
        (f.code, f.path) for f in caught.value.findings
    ]
    text = text.replace("[remove]\n", '[remove]\nindicators = ["dibao.collective_retirees"]\n')
    scheme = load(tmp_path, text)
    dibao = scheme.spec.areas[8]
    assert [i.id for i in dibao.indicators][:2] == ["dibao.collective_retirees", "dibao.topup_standards"]
    assert scheme.item("employment.registered_unemployment_rate").params["deduct_per_point"] == 1  # the default
    assert scheme.item("employment.registered_unemployment_rate").points == 4


def test_a_formula_given_in_the_parent_can_be_removed(tmp_path: Path) -> None:
    parent = HEAD + (
        '[[areas]]\nid = "employment"\n'
        'indicators = [{id = "employment.new_urban_jobs", formula = {family = "shortfall_bands", '
        'actual = "actual", target = "target"}}]\n'
    )
    (tmp_path / "parent.toml").write_text(parent.replace('id = "what-if"', 'id = "parent"'), encoding="utf-8")
    child = 'extends = "parent.toml"\nid = "child"\n[remove]\nformulas = ["employment.new_urban_jobs"]\n'
    scheme = load(tmp_path, child, "child.toml")
    assert scheme.item("employment.new_urban_jobs").formula.family == "capped_completion"
    assert [link.id for link in scheme.chain] == ["child", "parent", "jilin-2007"]


def test_the_chain_and_the_hash_of_the_resolved_scheme(tmp_path: Path) -> None:
    scheme = load(tmp_path, HEAD)
    text = (tmp_path / "what-if.toml").read_text(encoding="utf-8")
    shipped = ENGINE.registry.schemes["jilin-2007"].text
    assert [(link.id, link.sha256) for link in scheme.chain] == [
        ("what-if", hashlib.sha256(text.encode()).hexdigest()),
        ("jilin-2007", hashlib.sha256(shipped.encode()).hexdigest()),
    ]
    assert scheme.sha256 == hashlib.sha256(scheme_toml(scheme.spec).encode()).hexdigest()
    assert ENGINE.load_scheme("jilin-2007").chain == ()  # a scheme that extends nothing has no chain


@pytest.mark.parametrize("name", ["jilin-2007", "what-if"])
def test_the_resolved_toml_reads_back_as_the_same_scheme(tmp_path: Path, name: str) -> None:
    scheme = load(tmp_path, HEAD + "year = 2009\n") if name == "what-if" else ENGINE.load_scheme(name)
    path = tmp_path / "resolved.toml"
    path.write_text(scheme_toml(scheme.spec), encoding="utf-8")
    assert ENGINE.load_scheme(path).spec == scheme.spec


def test_unknown_parent(tmp_path: Path) -> None:
    with pytest.raises(SchemeError) as caught:
        load(tmp_path, HEAD.replace("jilin-2007", "jilin-2070"))
    [found] = caught.value.findings
    assert (found.code, found.path, found.value) == ("scheme.bad_extends", "$.extends", "'jilin-2070'")
    assert "what-if.toml" in found.message.en and "what-if.toml" in found.message.zh


def test_a_cycle_is_found_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\nid = "a"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\nid = "b"\n', encoding="utf-8")
    with pytest.raises(SchemeError) as caught:
        ENGINE.load_scheme(tmp_path / "a.toml")
    [found] = caught.value.findings
    assert found.code == "scheme.bad_extends" and found.path == "$.extends"
    assert "a → b → a.toml" in found.message.en


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ('[remove]\nareas = ["dibao", "diboa"]\n', "$.remove.areas[1]"),
        ('[remove]\nindicators = ["employment.nope"]\n', "$.remove.indicators[0]"),
        (
            '[remove]\nparams = {"employment.new_urban_jobs" = ["cap"]}\n',
            "$.remove.params.employment.new_urban_jobs[0]",
        ),
        ('[remove]\nsections = ["gates"]\n', "$.remove.sections[0]"),
        ('[remove]\nformulas = ["employment.new_urban_jobs"]\n', "$.remove.formulas[0]"),
        ('[remove]\nitems = ["x"]\n', "$.remove.items"),
        (
            '[[grades]]\nid = "top"\nreplaces = "excelent"\nlabel = {zh = "优", en = "top"}\nmin = 95\n',
            "$.grades[0].replaces",
        ),
    ],
)
def test_a_removal_of_what_the_parent_does_not_have(tmp_path: Path, change: str, path: str) -> None:
    assert problems(tmp_path, HEAD + change) == [("scheme.bad_removal", path)]


def test_a_removal_suggests_the_id_meant(tmp_path: Path) -> None:
    with pytest.raises(SchemeError) as caught:
        load(tmp_path, HEAD + '[remove]\nareas = ["diboa"]\n')
    assert "did you mean dibao?" in caught.value.findings[0].message.en


def test_the_merged_scheme_is_checked_as_a_full_file(tmp_path: Path) -> None:
    # 30 + 1 for employment: the scheme's areas add up to 101, not its 100 points
    found = problems(tmp_path, HEAD + '[[areas]]\nid = "employment"\npoints = 31\n')
    assert ("scheme.points_mismatch", "$.areas[0]") in found or ("scheme.points_mismatch", "$.areas") in found


def test_remove_without_extends_is_an_unknown_key(tmp_path: Path) -> None:
    shipped = ENGINE.registry.schemes["jilin-2007"].text
    assert problems(tmp_path, shipped + '\n[remove]\nareas = ["dibao"]\n')[0][0] == "scheme.malformed"


def test_cli_resolved_and_export(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "what-if.toml"
    path.write_text(HEAD + "year = 2009\n", encoding="utf-8")
    resolved = runner.invoke(main, ["--no-entry-points", "scheme", str(path), "--resolved"])
    assert resolved.exit_code == 0, resolved.output
    assert resolved.output.startswith("# what-if, resolved")
    (tmp_path / "full.toml").write_text(resolved.output, encoding="utf-8")
    assert ENGINE.load_scheme(tmp_path / "full.toml").spec == ENGINE.load_scheme(path).spec
    exported = runner.invoke(main, ["--no-entry-points", "scheme", "export", "jilin-2007"])
    assert exported.exit_code == 0 and exported.output == ENGINE.registry.schemes["jilin-2007"].text
    unknown = runner.invoke(main, ["--no-entry-points", "scheme", "export", "jilin-2070"])
    assert unknown.exit_code == 3 and "did you mean jilin-2007" in unknown.output


def test_the_results_provenance_names_every_file_of_the_chain() -> None:
    """jilin-2008 extends jilin-2007: results name both files with their hashes, 2008's first."""
    import hashlib
    from importlib import resources

    from targetrule import Engine

    evaluation = Engine().evaluate("jilin-2008", {"regions": [{"id": "a", "inputs": {}}]}, mode="lenient")
    chain = evaluation.to_dict()["provenance"]["scheme_chain"]
    assert [link["id"] for link in chain] == ["jilin-2008", "jilin-2007"]
    parent = (resources.files("targetrule") / "schemes" / "jilin-2007.toml").read_bytes()
    assert chain[1]["sha256"] == hashlib.sha256(parent).hexdigest()
    assert (
        Engine()
        .evaluate("jilin-2007", {"regions": [{"id": "a", "inputs": {}}]}, mode="lenient")
        .to_dict()["provenance"]["scheme_chain"]
        == []
    )
