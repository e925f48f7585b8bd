"""Spot-check selection (抽查): which counties of each city the inspection team visits, drawn from a seed.

The notice says "每个市（州）要抽查一至二个县（市、区）": in every city one or two counties,
county-level cities or districts are picked for inspection. The draw is a simple random sample
without replacement, made reproducible by hashing instead of a pseudo-random generator:

* every county gets the key ``sha256("targetrule.spot_check/1" ␟ seed ␟ city ␟ county)``
  (UTF-8, fields joined by the unit separator U+001F, the seed written in decimal);
* each city's counties are sorted by key (ties, which never occur in practice, by county id);
* the first ``count`` counties are drawn.

A hash of the inputs is the same on every machine, Python version and operating system, does
not depend on the order the counties are listed in, and a county added to one city never
changes the draw of another. Anyone with the seed and the list of counties can re-draw by hand
with any sha256 tool (see docs/inspection.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from targetrule.findings import Finding, FindingsError, finding
from targetrule.inspection.hierarchy import PROVINCE_KINDS, build_hierarchy, is_city, is_county
from targetrule.scheme import Scheme
from targetrule.submissions import Region, Submissions

METHOD = "targetrule.spot_check/1"
"""The name and version of the drawing method, recorded with every draw."""

_SEP = "\x1f"
_INTEGER = re.compile(r"[+-]?\d+")

CountiesLike = Submissions | Iterable[Region] | Mapping[str, Iterable[str]]


class SpotCheckError(FindingsError):
    """A draw that cannot be made at all (a seed that is not an integer, a count below one)."""


@frozen
class Draw:
    """The counties drawn in one city, in draw order, beside every county it has."""

    city: str
    counties: tuple[str, ...]
    available: tuple[str, ...]


@frozen
class SpotCheck:
    """A reproducible spot-check draw: the seed, the method and the counties drawn in each city."""

    seed: int
    count: int
    method: str
    draws: tuple[Draw, ...]
    findings: tuple[Finding, ...] = ()

    def counties(self, city: str) -> tuple[str, ...]:
        """The counties drawn in ``city``."""
        for draw in self.draws:
            if draw.city == city:
                return draw.counties
        raise KeyError(city)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: enough to re-draw (seed, method, count, the counties available)."""
        from targetrule.plain_json import finding_to_dict

        return {
            "seed": self.seed,
            "method": self.method,
            "count": self.count,
            "draws": [
                {"city": d.city, "counties": list(d.counties), "available": list(d.available)} for d in self.draws
            ],
            "findings": [finding_to_dict(f) for f in self.findings],
        }


def draw_key(seed: int, city: str, county: str) -> str:
    """The hex sha256 key that orders ``county`` within ``city`` for ``seed``."""
    text = _SEP.join((METHOD, str(seed), city, county))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_seed(seed: Any) -> int:
    """An integer seed, or a decimal integer written as text; anything else raises :class:`SpotCheckError`."""
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed
    if isinstance(seed, str) and _INTEGER.fullmatch(seed.strip()):
        return int(seed.strip())
    raise SpotCheckError([finding("spot_check.bad_seed", path="seed", value=seed)])


def spot_check(
    counties: CountiesLike,
    seed: int | str,
    count: int = 1,
    *,
    include_survey_only: bool = False,
    scheme: Scheme | None = None,
) -> SpotCheck:
    """Draw ``count`` counties in every city, reproducibly from the integer ``seed``.

    ``counties`` is either a mapping ``{city id: [county id, ...]}``, or submissions / regions in
    which a county names its city as ``parent`` (see :mod:`targetrule.inspection.hierarchy`). Survey-only
    regions (督查调研) are left out unless ``include_survey_only``.
    A city with fewer counties than ``count`` has all of them drawn, with a finding saying so.
    With a ``scheme`` whose ``[inspection]`` bounds the counties per city (一至二个), a ``count``
    outside them raises :class:`SpotCheckError`.
    """
    number = parse_seed(seed)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise SpotCheckError([finding("spot_check.bad_count", path="count", value=count)])
    check_count(count, scheme)
    groups, found = _groups(counties, include_survey_only)
    draws: list[Draw] = []
    problems: list[Finding] = list(found)
    for city, members in groups.items():
        available = tuple(sorted(set(members)))
        ordered = sorted(available, key=lambda county: (draw_key(number, city, county), county))
        if not available:
            problems.append(finding("spot_check.no_counties", region=city))
        elif len(available) < count:
            problems.append(finding("spot_check.too_few", region=city, value=count, available=len(available)))
        draws.append(Draw(city, tuple(ordered[:count]), available))
    return SpotCheck(number, count, METHOD, tuple(draws), tuple(problems))


def check_count(count: int, scheme: Scheme | None) -> None:
    """Raise :class:`SpotCheckError` unless ``count`` is within the scheme's counties per city."""
    inspection = scheme.spec.inspection if scheme is not None else None
    if inspection is None or scheme is None:
        return
    most = inspection.most_counties
    if count < inspection.least_counties or (most is not None and count > most):
        shown = "—" if most is None else most
        where = finding(
            "spot_check.count_outside_scheme",
            path="count",
            value=count,
            scheme=scheme.id,
            least=inspection.least_counties,
            most=shown,
        )
        raise SpotCheckError([where])


def _groups(counties: CountiesLike, include_survey_only: bool) -> tuple[dict[str, list[str]], tuple[Finding, ...]]:
    if isinstance(counties, Mapping):
        return {str(city): [str(c) for c in members] for city, members in counties.items()}, ()
    regions = [d.region for d in counties.regions] if isinstance(counties, Submissions) else list(counties)
    hierarchy = build_hierarchy(counties if isinstance(counties, Submissions) else regions)
    skipped = {r.id for r in regions if r.survey_only and not include_survey_only}
    cities = [
        r.id
        for r in regions
        if r.id not in skipped
        and r.kind not in PROVINCE_KINDS
        and not is_county(r)
        and (is_city(r) or r.id not in hierarchy.parents)
    ]
    groups = {city: [c for c in hierarchy.children(city) if c not in skipped] for city in dict.fromkeys(cities)}
    return groups, hierarchy.findings
