"""Spot-check draws: reproducible from an integer seed on any machine, with clear errors for bad requests."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from targetrule import Label, Region, load_submissions
from targetrule.inspection.spot_check import METHOD, SpotCheckError, spot_check

COUNTIES = {
    "changchun": ["nong_an", "dehui", "yushu", "jiutai"],
    "jilin_city": ["jiaohe", "huadian", "shulan", "panshi", "yongji"],
}


def test_pinned_draw_for_a_fixed_seed() -> None:
    # Keys computed outside targetrule, with the documented recipe:
    #   hashlib.sha256("\x1f".join(("targetrule.spot_check/1", "20071203", city, county)).encode()).hexdigest()
    # changchun:  nong_an 17c86c75…, yushu 51a1e914…, dehui 91db14da…, jiutai c1698c39…
    # jilin_city: panshi 936a5c6b…, shulan bfd3bef5…, huadian ce26cdc4…, jiaohe d38945c6…, yongji f7fbf4da…
    draw = spot_check(COUNTIES, 20071203, 2)
    assert draw.counties("changchun") == ("nong_an", "yushu")
    assert draw.counties("jilin_city") == ("panshi", "shulan")
    assert (draw.seed, draw.count, draw.method) == (20071203, 2, METHOD)
    assert draw.findings == ()


def test_same_seed_draws_the_same_counties_whatever_the_listing_order() -> None:
    shuffled = {city: list(reversed(members)) for city, members in reversed(list(COUNTIES.items()))}
    first = spot_check(COUNTIES, 7, 2)
    assert spot_check(COUNTIES, 7, 2) == first
    assert {d.city: d.counties for d in spot_check(shuffled, 7, 2).draws} == {d.city: d.counties for d in first.draws}


def test_a_county_added_to_one_city_does_not_change_another_citys_draw() -> None:
    more = {**COUNTIES, "changchun": [*COUNTIES["changchun"], "shuangyang"]}
    assert spot_check(more, 20071203, 2).counties("jilin_city") == ("panshi", "shulan")


def test_a_different_seed_can_draw_different_counties() -> None:
    # seed 1: changchun nong_an 84cb…, jiutai a4aa…; seed 2: dehui 2809…, nong_an 83e2…
    assert spot_check(COUNTIES, 1, 2).counties("changchun") == ("nong_an", "jiutai")
    assert spot_check(COUNTIES, 2, 2).counties("changchun") == ("dehui", "nong_an")


def test_one_county_per_city_is_the_first_of_the_two() -> None:
    draw = spot_check(COUNTIES, 20071203)
    assert draw.counties("changchun") == ("nong_an",)
    assert draw.counties("jilin_city") == ("panshi",)


def test_a_seed_written_as_decimal_text_is_the_same_seed() -> None:
    assert spot_check(COUNTIES, " 20071203 ", 2).draws == spot_check(COUNTIES, 20071203, 2).draws


@pytest.mark.parametrize("seed", [1.5, "abc", "12.0", True, None, "", [1]])
def test_a_seed_that_is_not_an_integer_is_a_clear_error(seed: object) -> None:
    with pytest.raises(SpotCheckError) as raised:
        spot_check(COUNTIES, seed, 1)  # type: ignore[arg-type]
    [problem] = raised.value.findings
    assert problem.code == "spot_check.bad_seed"
    assert "整数" in problem.message.zh and "must be an integer" in problem.message.en


@pytest.mark.parametrize("count", [0, -1, 1.5, True])
def test_a_count_below_one_is_a_clear_error(count: object) -> None:
    with pytest.raises(SpotCheckError) as raised:
        spot_check(COUNTIES, 1, count)  # type: ignore[arg-type]
    assert [f.code for f in raised.value.findings] == ["spot_check.bad_count"]


def test_asking_for_more_counties_than_a_city_has() -> None:
    draw = spot_check({"baishan": ["fusong"], "songyuan": []}, 20071203, 2)
    assert draw.counties("baishan") == ("fusong",)
    assert draw.counties("songyuan") == ()
    assert [(f.code, f.region) for f in draw.findings] == [
        ("spot_check.too_few", "baishan"),
        ("spot_check.no_counties", "songyuan"),
    ]
    assert "只有 1 个" in draw.findings[0].message.zh and "only 1" in draw.findings[0].message.en


def test_counties_from_submissions_leave_out_survey_only_regions() -> None:
    submissions = load_submissions(DATA / "counties.json")
    draw = spot_check(submissions, 20071203, 2)
    assert [d.city for d in draw.draws] == ["changchun"]  # 长白山管委会 is surveyed, not inspected by county
    assert draw.draws[0].available == ("dehui", "nong_an", "yushu")
    # with 3 counties: nong_an 17c86c75… and yushu 51a1e914… come first for this seed, as above
    assert draw.counties("changchun") == ("nong_an", "yushu")
    assert [d.city for d in spot_check(submissions, 1, include_survey_only=True).draws] == ["changchun", "changbaishan"]


def test_regions_with_an_unknown_parent_are_reported() -> None:
    regions = [
        Region("changchun", Label("长春市", "Changchun")),
        Region("nong_an", Label("农安县", "Nong'an"), "county", "changchun"),
        Region("dehui", Label("德惠市", "Dehui"), "county", "changchn"),
    ]
    draw = spot_check(regions, 3)
    assert draw.counties("changchun") == ("nong_an",)
    assert [(f.code, f.suggestion) for f in draw.findings] == [("hierarchy.unknown_parent", "changchun")]


def test_the_draw_as_json_is_enough_to_draw_again() -> None:
    record = json.loads(json.dumps(spot_check(COUNTIES, 20071203, 2).to_dict()))
    assert record["seed"] == 20071203 and record["method"] == METHOD
    again = spot_check({d["city"]: d["available"] for d in record["draws"]}, record["seed"], record["count"])
    assert [list(d.counties) for d in again.draws] == [d["counties"] for d in record["draws"]]
