"""The inspection teams' plan (督查考评组): who goes where, when, and which counties each city shows.

The notice (二、考评办法及时间安排) sends inspection teams to the nine cities from 3 December for
about ten days, and in every city one or two counties are inspected. A plan names each team, its
leader and members, the cities it covers and its dates; the counties are drawn reproducibly from
a seed (:mod:`targetrule.inspection.spot_check`), within the scheme's ``[inspection]`` bounds.

The plan is read from plain data (a JSON document)::

    {"seed": 20071120, "counties_per_city": 2,
     "teams": [{"id": "team-1", "name": "第一督查考评组", "leader": "…", "members": ["…"],
                "cities": ["changchun", "jilin"], "from": "2007-12-03", "to": "2007-12-12"}]}

Every problem is a finding with its path (``$.teams[0].cities[1]``): a city no team covers or two
teams cover, a city not in the list of regions, dates that are not dates, dates outside the
scheme's window (a warning).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import frozen

from targetrule.findings import Finding, did_you_mean, finding
from targetrule.inspection.hierarchy import PROVINCE_KINDS, is_county
from targetrule.inspection.spot_check import SpotCheck, spot_check
from targetrule.scheme import Scheme
from targetrule.submissions import Region

_TEAM_KEYS = frozenset({"id", "name", "leader", "members", "cities", "from", "to"})
_PLAN_KEYS = frozenset({"seed", "counties_per_city", "teams"})


@frozen
class Team:
    """One inspection team (督查考评组): its leader and members, the cities it covers, its dates."""

    id: str
    name: str
    leader: str
    members: tuple[str, ...]
    cities: tuple[str, ...]
    start: datetime.date | None
    end: datetime.date | None
    path: str = "$"  # where the team was read, for findings


@frozen
class Plan:
    """The teams, the counties drawn in each city, and every problem found in the plan."""

    scheme: str
    teams: tuple[Team, ...]
    draw: SpotCheck
    starts: str = ""
    days: int | None = None
    findings: tuple[Finding, ...] = ()

    def team_of(self, city: str) -> Team | None:
        """The team that covers ``city``, if any."""
        return next((t for t in self.teams if city in t.cities), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: the teams, the draw (enough to re-draw) and the findings."""
        from targetrule.plain_json import finding_to_dict

        draw = self.draw.to_dict()
        return {
            "scheme": self.scheme,
            "starts": self.starts,
            "days": self.days,
            "teams": [
                {
                    "id": t.id,
                    "name": t.name,
                    "leader": t.leader,
                    "members": list(t.members),
                    "cities": list(t.cities),
                    "from": t.start.isoformat() if t.start else None,
                    "to": t.end.isoformat() if t.end else None,
                }
                for t in self.teams
            ],
            "draw": {key: draw[key] for key in ("seed", "method", "count", "draws")},
            "findings": [finding_to_dict(f) for f in (*self.findings, *self.draw.findings)],
        }


def make_plan(scheme: Scheme, data: Any, regions: Sequence[Region]) -> Plan:
    """Read the plan ``data`` against the ``regions`` (cities and their counties) and draw the counties.

    Raises :class:`~targetrule.inspection.spot_check.SpotCheckError` for a seed that is not an
    integer or a number of counties outside the scheme's bounds; every other problem is a finding.
    """
    problems: list[Finding] = []
    if not isinstance(data, Mapping):
        problems.append(_malformed("$", "应为 JSON 对象 / expected a JSON object"))
        data = {}
    unknown = sorted(set(data) - _PLAN_KEYS)
    if unknown:
        problems.append(_malformed("$", f"未知字段 / unknown keys: {', '.join(unknown)}"))
    inspection = scheme.spec.inspection
    count = data.get("counties_per_city")
    if count is None:  # the scheme's most, else one
        count = inspection.most_counties if inspection is not None and inspection.most_counties else 1
    draw = spot_check(regions, data.get("seed"), count, scheme=scheme)
    cities = [d.city for d in draw.draws]
    known = [r.id for r in regions if r.kind not in PROVINCE_KINDS and not is_county(r)]
    teams = _teams(data.get("teams"), known, problems)
    covered: dict[str, str] = {}
    for team in teams:
        for k, city in enumerate(team.cities):
            if city in covered:
                where = f"{team.path}.cities[{k}]"
                problems.append(finding("plan.city_twice", path=where, region=city, first=covered[city], team=team.id))
            else:
                covered.setdefault(city, team.id)
    for city in cities:
        if city not in covered:
            problems.append(finding("plan.city_uncovered", path="$.teams", region=city))
    if inspection is not None and inspection.starts:
        problems += _outside(teams, inspection.starts, inspection.days)
    starts, days = (inspection.starts, inspection.days) if inspection else ("", None)
    return Plan(scheme.id, tuple(teams), draw, starts, days, tuple(problems))


def _teams(rows: Any, known: Iterable[str], problems: list[Finding]) -> list[Team]:
    known = list(known)
    if not isinstance(rows, list) or not rows:
        problems.append(_malformed("$.teams", "应为至少一个督查组的列表 / expected a list of at least one team"))
        return []
    teams: list[Team] = []
    for index, row in enumerate(rows):
        path = f"$.teams[{index}]"
        if not isinstance(row, Mapping):
            problems.append(_malformed(path, "每个督查组应为 JSON 对象 / each team must be an object"))
            continue
        unknown = sorted(set(row) - _TEAM_KEYS)
        texts = {key: row.get(key, "") for key in ("id", "name", "leader")}
        members, cities = row.get("members", []), row.get("cities", [])
        bad = [key for key, value in texts.items() if not isinstance(value, str)]
        bad += [key for key, value in (("members", members), ("cities", cities)) if not _texts(value)]
        if unknown or bad or not texts["id"] or not members or not cities:
            detail = "；".join(
                [f"未知字段 / unknown keys: {', '.join(unknown)}"] * bool(unknown)
                + [f"类型有误 / wrong type: {', '.join(bad)}"] * bool(bad)
                + ["应有 id、成员和负责地区 / needs an id, members and cities"] * (not bad and not unknown)
            )
            problems.append(_malformed(path, detail))
            continue
        team_id = texts["id"]
        for k, city in enumerate(cities):
            if city not in known:
                problems.append(
                    finding(
                        "plan.unknown_city",
                        path=f"{path}.cities[{k}]",
                        value=city,
                        team=team_id,
                        suggestion=did_you_mean(city, known),
                    )
                )
        start, end = _date(row.get("from")), _date(row.get("to"))
        if start is None or end is None or end < start:
            shown = f"{row.get('from')} – {row.get('to')}"
            problems.append(finding("plan.bad_dates", path=path, value=shown, team=team_id))
            start = end = None
        teams.append(
            Team(
                team_id,
                texts["name"] or team_id,
                texts["leader"],
                tuple(members),
                tuple(cities),
                start,
                end,
                path,
            )
        )
    return teams


def _outside(teams: Iterable[Team], starts: str, days: int | None) -> list[Finding]:
    first = datetime.date.fromisoformat(starts)
    last = first + datetime.timedelta(days=(days or 1) - 1) if days else None
    found = []
    for team in teams:
        if team.start is None or team.end is None:
            continue
        if team.start < first or (last is not None and team.end > last):
            found.append(
                finding(
                    "plan.outside_window",
                    path=team.path,
                    value=f"{team.start.isoformat()} – {team.end.isoformat()}",
                    team=team.id,
                    starts=starts,
                    days=days if days is not None else "—",
                )
            )
    return found


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _malformed(path: str, detail: str) -> Finding:
    return finding("plan.malformed", path=path, detail=detail)
