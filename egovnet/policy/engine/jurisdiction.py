"""Jurisdiction resolver for "同级" (same-level authority), context.md §4.2 and A-6.2.

Works on plain facts (owner level, division code, in_beijing, nationwide flag) so that the dossier
check, the rules and later the project lifecycle can all call it. It explains its choice in both
languages and says when a competence floor lifted the level.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

from egovnet.policy.facts import Org

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})  # 直辖市: no prefecture level
LEVEL_RANK = {"county": 0, "prefecture": 1, "provincial": 2, "central": 3}

COORD_OFFICE = "国家电子政务内网建设和管理协调小组办公室"
NAPSS = "国家保密局"
MPS = "公安部"
EXTRANET_CENTER = "国家电子政务外网管理中心"

PURPOSES = (
    "mlps_filing",
    "secrecy_review",
    "classified_authorization",
    "intranet_access_vetting",
    "intranet_access_review",
    "extranet_agreement",
    "expert_secrecy_administration",
    "expert_public_security",
    "expert_intranet_operator",
    "expert_extranet_operator",
)


class DivisionDirectory(Protocol):
    def name(self, code: str) -> str | None: ...
    def province_of(self, code: str) -> str: ...
    def prefecture_of(self, code: str) -> str | None: ...


class HeuristicDirectory:
    """Code arithmetic only (GB/T 2260): used when no division table is at hand."""

    def name(self, code: str) -> str | None:
        return None

    def province_of(self, code: str) -> str:
        return code[:2] + "0000"

    def prefecture_of(self, code: str) -> str | None:
        if code[:2] in MUNICIPALITIES or code[2:4] == "90":
            return None
        return code[:4] + "00" if code[2:4] != "00" else None


@dataclass(frozen=True, kw_only=True)
class Authority:
    kind: str
    level: str
    division: str
    name: str
    basis_clause: str
    floor_applied: bool
    explanation_zh: str
    explanation_en: str
    alternatives: tuple[tuple[str, str], ...] = field(default=())  # other accepted (level, division prefix)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["authority"] = {"kind": self.kind, "level": self.level, "division": self.division, "name": self.name}
        d["alternatives"] = [list(a) for a in self.alternatives]
        return d

    def accepts(self, issuer: Org | None) -> bool:
        """Is ``issuer`` this authority (or an accepted alternative)? Unknown division → judged by level."""
        if issuer is None or issuer.kind != self.kind:
            return False
        for level, division in ((self.level, self.division), *self.alternatives):
            if issuer.level != level:
                continue
            width = {"provincial": 2, "prefecture": 4}.get(level, 6)
            if not division or not issuer.division or issuer.division[:width] == division[:width]:
                return True
        return False


_MLPS_BASIS = "§6 / 公通字[2007]43号 第十五条 / 公信安〔2007〕1360号"

# The authorities that are one fixed organ, whatever the owner's division: key -> (kind, level, division, name,
# basis, explanation zh, explanation en).
# fmt: off
_FIXED: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "intranet_vetting": (
        "intranet_coordination_office", "central", "", COORD_OFFICE, "§7¶1",
        f"内网接入方案由{COORD_OFFICE}审核，并由国家保密局审查（第七条）。",
        "The intranet access plan is vetted by the intranet coordination office and reviewed by NAPSS (art. 7).",
    ),
    "intranet_review": (
        "secrecy_administration", "central", "", NAPSS, "§7¶1",
        "内网接入方案由国家保密行政管理部门（国家保密局）审查，不论项目层级（第七条）。",
        "Intranet access plans are reviewed by the national secrecy administration (NAPSS) whatever the project level (art. 7).",
    ),
    "expert_mps": (
        "public_security", "central", "", MPS, "§8",
        "中央项目评审邀请公安部派员。",
        "Central projects invite MPS experts.",
    ),
    "mlps_mps": (
        "public_security", "central", "", MPS, _MLPS_BASIS,
        "在京中央单位跨省或全国联网、由主管部门统一定级的系统，向公安部备案。",
        "A nationwide or cross-province system of an in-Beijing central unit, graded uniformly by its competent department, files with MPS.",
    ),
    "mlps_beijing": (
        "public_security", "provincial", "110000", "北京市公安局", _MLPS_BASIS,
        "在京中央单位的其他系统向北京市公安局备案。",
        "Other systems of in-Beijing central units file with the Beijing Municipal Public Security Bureau.",
    ),
    "extranet_center": (
        "extranet_operator", "central", "", EXTRANET_CENTER, "§7¶1 / §9(4)",
        "中央项目与国家电子政务外网管理中心签订业务应用协议。",
        "Central projects sign the application agreement with the National E-Government Extranet Management Center.",
    ),
}
# fmt: on


def _fixed(key: str) -> Authority:
    kind, level, division, name, basis, zh, en = _FIXED[key]
    return Authority(
        kind=kind,
        level=level,
        division=division,
        name=name,
        basis_clause=basis,
        floor_applied=False,
        explanation_zh=zh,
        explanation_en=en,
    )


def _name(directory: DivisionDirectory, code: str, fallback: str) -> str:
    """The division's name; without a known division, "所在地省级" rather than a code such as "0000"."""
    if not code.strip("0"):
        return f"所在地{fallback}"
    return directory.name(code) or f"{fallback}（{code}）"


def _psb_name(directory: DivisionDirectory, code: str, level: str) -> str:
    if level == "provincial":
        base = _name(directory, code, "省级")
        return f"{base}公安局" if code[:2] in MUNICIPALITIES else f"{base}公安厅"
    return f"{_name(directory, code, '地方')}公安局"


def _local_level_division(directory: DivisionDirectory, level: str, code: str) -> tuple[str, str]:
    """Division code of the same-level authority for an owner at ``level`` located in ``code``."""
    if level == "provincial":
        return "provincial", directory.province_of(code)
    if level == "prefecture":
        pref = directory.prefecture_of(code)
        return ("prefecture", pref) if pref else ("provincial", directory.province_of(code))
    return "county", code


def _lift_to_prefecture(directory: DivisionDirectory, code: str) -> tuple[str, str]:
    pref = directory.prefecture_of(code)
    return ("prefecture", pref) if pref else ("provincial", directory.province_of(code))


def resolve(
    purpose: str,
    *,
    owner_level: str,
    division: str = "",
    in_beijing: bool = False,
    nationwide: bool = False,
    mlps_floor: str = "prefecture",
    directory: DivisionDirectory | None = None,
) -> Authority:
    """Return the competent authority for ``purpose`` (one of :data:`PURPOSES`)."""
    d = directory or HeuristicDirectory()
    division = division or ("110000" if in_beijing else "")
    if purpose == "mlps_filing":
        return _mlps(d, owner_level, division, in_beijing, nationwide, mlps_floor)
    if purpose in ("secrecy_review", "expert_secrecy_administration"):
        return _secrecy(d, owner_level, division, floor=False, basis="§6" if purpose == "secrecy_review" else "§8")
    if purpose == "classified_authorization":
        return _secrecy(d, owner_level, division, floor=True, basis="§11¶1 / 保守国家秘密法")
    if purpose == "expert_intranet_operator" and owner_level != "central":
        prov = d.province_of(division)
        return Authority(
            kind="intranet_operator",
            level="provincial",
            division=prov,
            name=f"{_name(d, prov, '省级')}政务内网建设和运维管理单位",
            basis_clause="§8",
            floor_applied=owner_level != "provincial",
            explanation_zh="政务内网地方层级为省级平台（主要覆盖副省级以上），地方项目邀请省级政务内网建设和运维管理单位。",
            explanation_en="The intranet's local tier is the provincial platform; local projects invite the provincial intranet operator.",
            alternatives=(("prefecture", prov[:2]),),
        )
    if purpose == "intranet_access_vetting" or purpose == "expert_intranet_operator":
        return _fixed("intranet_vetting")
    if purpose == "intranet_access_review":
        return _fixed("intranet_review")
    if purpose in ("extranet_agreement", "expert_extranet_operator"):
        return _extranet(d, owner_level, division)
    if purpose == "expert_public_security":
        if owner_level == "central":
            return _fixed("expert_mps")
        level, code = _local_level_division(d, owner_level, division)
        return Authority(
            kind="public_security",
            level=level,
            division=code,
            name=_psb_name(d, code, level),
            basis_clause="§8",
            floor_applied=False,
            explanation_zh="地方项目评审邀请同级公安机关派员。",
            explanation_en="Local projects invite the same-level public-security organ.",
        )
    raise ValueError(f"unknown purpose {purpose!r}")


def _mlps(d: DivisionDirectory, level: str, code: str, in_beijing: bool, nationwide: bool, floor: str) -> Authority:
    basis = _MLPS_BASIS
    if level == "central":
        if in_beijing and nationwide:
            return _fixed("mlps_mps")
        if in_beijing:
            return _fixed("mlps_beijing")
        prov = d.province_of(code)
        return Authority(
            kind="public_security",
            level="provincial",
            division=prov,
            name=_psb_name(d, prov, "provincial"),
            basis_clause=basis,
            floor_applied=False,
            explanation_zh="京外中央单位向所在地省级公安机关备案（或其指定的地市级公安机关）。",
            explanation_en="A central unit outside Beijing files with the provincial public-security organ of its location (or a prefecture organ it designates).",
            alternatives=(("prefecture", prov[:2]),),
        )
    if level == "provincial":
        prov = d.province_of(code)
        return Authority(
            kind="public_security",
            level="provincial",
            division=prov,
            name=_psb_name(d, prov, "provincial"),
            basis_clause=basis,
            floor_applied=False,
            explanation_zh="省级单位向同级（省级）公安机关备案；不跨地市联网的系统也可向所在地地市级公安机关备案。",
            explanation_en="A provincial unit files with the provincial public-security organ; systems not networked across prefectures may file with the local prefecture organ.",
            alternatives=(("prefecture", prov[:2]),),
        )
    if level == "prefecture" or floor != "county":
        lvl, pcode = _lift_to_prefecture(d, code)
        lifted = level == "county"
        zh = (
            "按同级原则由地市级公安机关受理备案。"
            if not lifted
            else (
                "县级项目：等级保护备案由设区的市级以上公安机关受理（公通字[2007]43号），故上提至地市级（受理层级下限）。"
            )
        )
        en = (
            "Filed with the prefecture-level public-security organ (same level)."
            if not lifted
            else (
                "County project: MLPS filings are accepted by public-security organs at prefecture level or above (43号), so the competence floor lifts it to the prefecture."
            )
        )
        return Authority(
            kind="public_security",
            level=lvl,
            division=pcode,
            name=_psb_name(d, pcode, lvl),
            basis_clause=basis,
            floor_applied=lifted,
            explanation_zh=zh,
            explanation_en=en,
        )
    return Authority(
        kind="public_security",
        level="county",
        division=code,
        name=_psb_name(d, code, "county"),
        basis_clause=basis,
        floor_applied=False,
        explanation_zh="本规则包参数允许县级公安机关受理备案（网络安全等级保护2.0实践）。",
        explanation_en="This pack's parameter lets county public-security organs accept filings (MLPS 2.0 practice).",
    )


def _secrecy(d: DivisionDirectory, level: str, code: str, *, floor: bool, basis: str) -> Authority:
    if level == "central":
        return Authority(
            kind="secrecy_administration",
            level="central",
            division="",
            name=NAPSS,
            basis_clause=basis,
            floor_applied=False,
            explanation_zh="中央单位的同级保密行政管理部门是国家保密局。",
            explanation_en="For a central unit the same-level secrecy administration is NAPSS.",
        )
    lvl, acode = _local_level_division(d, level, code)
    lifted = False
    if floor and lvl == "county":
        lvl, acode = _lift_to_prefecture(d, code)
        lifted = True
    name = "国家保密局" if lvl == "central" else f"{_name(d, acode, '地方')}保密局"
    if lifted:
        zh = "涉密信息系统审批由设区的市级以上保密行政管理部门负责，县级项目上提至地市级（受理层级下限）。"
        en = "Classified systems are authorised by secrecy administrations at prefecture level or above; the county project is lifted to the prefecture (competence floor)."
    else:
        zh = "由项目建设单位同级的保密行政管理部门负责。"
        en = "The secrecy administration at the owner's level is competent."
    return Authority(
        kind="secrecy_administration",
        level=lvl,
        division=acode,
        name=name,
        basis_clause=basis,
        floor_applied=lifted,
        explanation_zh=zh,
        explanation_en=en,
    )


def _extranet(d: DivisionDirectory, level: str, code: str) -> Authority:
    if level == "central":
        return _fixed("extranet_center")
    lvl, acode = _local_level_division(d, level, code)
    return Authority(
        kind="extranet_operator",
        level=lvl,
        division=acode,
        name=f"{_name(d, acode, '地方')}电子政务外网管理机构",
        basis_clause="§7¶1 (A-7.2)",
        floor_applied=False,
        explanation_zh="地方项目与同级政务外网建设和运维管理单位办理接入（可配置）。",
        explanation_en="Local projects arrange access with the same-level extranet operator (configurable).",
    )


def resolve_for_org(
    purpose: str,
    owner: Org,
    *,
    nationwide: bool = False,
    mlps_floor: str = "prefecture",
    directory: DivisionDirectory | None = None,
) -> Authority:
    return resolve(
        purpose,
        owner_level=owner.level,
        division=owner.division,
        in_beijing=owner.in_beijing,
        nationwide=nationwide,
        mlps_floor=mlps_floor,
        directory=directory,
    )


def rank(level: str) -> int:
    return LEVEL_RANK.get(level, -1)
