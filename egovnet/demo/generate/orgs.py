"""Planning the synthetic organisation tree: ids, parents and materialised paths computed in memory.

Every organisation gets its final primary key before anything is written, so ``path`` ("/<id>/<id>/",
the format of ``orgs.services``) is exact without a second pass over the table.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from egovnet.orgs.choices import Level, OrgKind

from . import names

# Share of the organisations at each level (the county level holds most departments in reality).
LEVEL_SHARE = {Level.CENTRAL: 0.02, Level.PROVINCIAL: 0.04, Level.PREFECTURE: 0.14}
UNIT_SHARE = 0.15  # internal units (parent = a department of the same division)
BEIJING = "110000"


@dataclass(frozen=True)
class Div:
    code: str
    name: str
    level: str  # DivisionLevel value
    display: str  # name used as a prefix ("广州市天河区")


@dataclass
class OrgRow:
    id: int
    name: str
    short_name: str
    kind: str
    level: str
    division_id: str
    parent_id: int | None
    path: str
    in_beijing: bool


class OrgPlanner:
    def __init__(self, rng: random.Random, first_id: int) -> None:
        self.rng = rng
        self.next_id = first_id
        self.rows: list[OrgRow] = []

    def add(self, name: str, kind: str, level: str, division: str, parent: OrgRow | None, **kw) -> OrgRow:
        oid = self.next_id
        self.next_id += 1
        path = f"{parent.path if parent else '/'}{oid}/"
        row = OrgRow(oid, name[:200], kw.get("short_name", "")[:60], kind, level, division,
                     parent.id if parent else None, path, kw.get("in_beijing", False))  # fmt: skip
        self.rows.append(row)
        return row

    def add_units(self, parents: list[OrgRow], count: int, unit_names: list[str]) -> None:
        """``count`` internal units spread over ``parents`` (named "<parent><unit>", numbered when reused)."""
        used: dict[int, int] = {}
        for i in range(count):
            parent = parents[self.rng.randrange(len(parents))] if i >= len(parents) else parents[i]
            n = used.get(parent.id, 0)
            used[parent.id] = n + 1
            unit = unit_names[n % len(unit_names)]
            suffix = "" if n < len(unit_names) else str(n // len(unit_names) + 1)
            self.add(f"{parent.name}{unit}{suffix}", parent.kind if n == 0 else OrgKind.GOVERNMENT_DEPARTMENT,
                     parent.level, parent.division_id, parent, in_beijing=parent.in_beijing)  # fmt: skip


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` near-equal integers; which parts get the remainder is seeded."""
    if parts == 0:
        return []
    base, extra = divmod(total, parts)
    lucky = set(rng.sample(range(parts), extra))
    return [base + (1 if i in lucky else 0) for i in range(parts)]


def plan_central(p: OrgPlanner, quota: int, prefectures: list[Div]) -> None:
    bodies = names.CENTRAL_BODIES[: max(6, min(len(names.CENTRAL_BODIES), quota // 20 or 6))]
    roots = [
        p.add(
            b, names.CENTRAL_KIND.get(b, OrgKind.GOVERNMENT_DEPARTMENT), Level.CENTRAL, BEIJING, None, in_beijing=True
        )
        for b in bodies
    ]
    ndrc = next(r for r in roots if r.kind == OrgKind.DEVELOPMENT_REFORM) if len(roots) > 6 else roots[0]
    roots.append(p.add("国家电子政务内网建设和管理协调小组办公室", OrgKind.INTRANET_COORDINATION_OFFICE, Level.CENTRAL,
                       BEIJING, None, in_beijing=True))  # fmt: skip
    p.add("国家电子政务外网管理中心（国家信息中心）", OrgKind.EXTRANET_OPERATOR, Level.CENTRAL, BEIJING, ndrc,
          in_beijing=True)  # fmt: skip
    p.add(
        "国家电子政务工程咨询评估中心（演示）", OrgKind.ASSESSMENT_AGENCY, Level.CENTRAL, BEIJING, None, in_beijing=True
    )
    units = max(0, quota - len(roots) - 2)
    per_root = split(units, len(roots), p.rng)
    for root, n in zip(roots, per_root, strict=True):
        for k in range(n):
            unit = names.CENTRAL_UNITS[k % len(names.CENTRAL_UNITS)]
            suffix = "" if k < len(names.CENTRAL_UNITS) else str(k // len(names.CENTRAL_UNITS) + 1)
            outside = p.rng.random() < 0.05  # a few central units sit outside Beijing (派出机构)
            division = prefectures[p.rng.randrange(len(prefectures))].code if outside and prefectures else BEIJING
            p.add(f"{root.name}{unit}{suffix}", root.kind, Level.CENTRAL, division, root, in_beijing=not outside)


def plan_division(p: OrgPlanner, div: Div, level: str, quota: int) -> None:
    """The departments of one division: the core organs first, then other departments, then units."""
    if quota <= 0:
        return
    if level == Level.PROVINCIAL:
        core, depts = names.PROVINCE_CORE, names.PROVINCE_DEPTS
    elif level == Level.PREFECTURE:
        core, depts = names.LOCAL_CORE, names.LOCAL_DEPTS
    else:
        core, depts = names.COUNTY_CORE, names.LOCAL_DEPTS
    top_count = min(len(core) + len(depts), max(1, round(quota * (1 - UNIT_SHARE))))
    listing = [(s, k) for s, k in core] + [(s, OrgKind.GOVERNMENT_DEPARTMENT) for s in depts]
    top = [p.add(f"{div.display}{s}", k, level, div.code, None) for s, k in listing[:top_count]]
    if level == Level.PROVINCIAL and quota > top_count:
        top.append(
            p.add(f"{div.display}电子政务项目评审中心（演示）", OrgKind.ASSESSMENT_AGENCY, level, div.code, None)
        )
    p.add_units(top, quota - len(top), names.LOCAL_UNITS)


LEVEL_OF_DIVISION = {"province": Level.PROVINCIAL, "prefecture": Level.PREFECTURE, "county": Level.COUNTY}


def plan_organisations(rng: random.Random, first_id: int, total: int, divisions: list[Div]) -> list[OrgRow]:
    """About ``total`` organisations over every division, deterministically for a given ``rng`` state."""
    p = OrgPlanner(rng, first_id)
    by_level: dict[str, list[Div]] = {lv: [] for lv in LEVEL_OF_DIVISION.values()}
    for d in divisions:
        by_level[LEVEL_OF_DIVISION[d.level]].append(d)
    # Every division gets at least one organisation; the county level takes the rest.
    quotas = {lv: max(round(total * share), len(by_level.get(lv, []))) for lv, share in LEVEL_SHARE.items()}
    quotas[Level.COUNTY] = max(total - sum(quotas.values()), len(by_level[Level.COUNTY]))
    plan_central(p, quotas[Level.CENTRAL], by_level[Level.PREFECTURE])
    for level in (Level.PROVINCIAL, Level.PREFECTURE, Level.COUNTY):
        divs = by_level[level]
        for div, quota in zip(divs, split(quotas[level], len(divs), rng), strict=True):
            plan_division(p, div, level, quota)
    return p.rows
