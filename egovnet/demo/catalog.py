"""The demo dataset as data: organisations, networks, systems and users (all synthetic, all ``is_demo``).

Keys (``"ndrc"``, ``"gd.drc"`` …) name records inside the demo only; the loader resolves them to rows.
Organisation names follow the real naming of the organs the notice names (第二条 lists the six central
organs); networks, systems and assessment agencies are invented and carry "（演示）" so that nobody can
mistake them for a real registry entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from egovnet.core.choices import Clearance, Role
from egovnet.networks.choices import BuiltOn, ComponentKind, NetworkFamily, NetworkScope, NetworkStatus
from egovnet.orgs.choices import Level, OrgKind
from egovnet.systems.choices import CoverageLevel, CurrentNetwork, SecrecyGrade, SystemStatus, TargetNetwork

DEMO_TAG = "（演示）"
BEIJING = "110000"


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: str
    level: str
    division: str
    parent: str | None = None
    short_name: str = ""
    in_beijing: bool = False


@dataclass(frozen=True)
class NetSpec:
    name: str
    family: str
    kind: str
    level: str
    owner: str
    division: str | None = None
    operator: str | None = None
    scope: str = NetworkScope.NATIONAL
    status: str = NetworkStatus.ACTIVE
    built_on: str = BuiltOn.SELF_BUILT
    established_on: dt.date | None = None
    cost: Decimal | None = None
    attestation_ref: str = ""
    key: str = ""


@dataclass(frozen=True)
class SysSpec:
    name: str
    owner: str
    current_network: str
    target_network: str = ""
    mlps_level: int | None = None
    grade: str = ""
    dedicated: str | None = None
    public_facing: bool = False
    cross_region: bool = False
    cross_department: bool = False
    shares_basic_info: bool = False
    coverage: tuple[str, ...] = ()
    bandwidth: int | None = None
    status: str = SystemStatus.IN_OPERATION
    secrecy_ref: str = ""


@dataclass(frozen=True)
class UserSpec:
    username: str
    display_name: str
    role: str
    org: str | None = None  # the user's own organisation
    org_scope: str | None = None
    division_scope: str | None = None
    clearance: int = Clearance.NONE
    superuser: bool = False
    extra: dict = field(default_factory=dict)


def _c(key: str, name: str, kind: str = OrgKind.GOVERNMENT_DEPARTMENT, parent: str | None = None, **kw) -> OrgSpec:
    return OrgSpec(
        key, name, kind, Level.CENTRAL, kw.pop("division", BEIJING), parent, in_beijing=kw.pop("in_beijing", True), **kw
    )


# 第二条: the six central organs whose offices lead the intranet; then the organs with a role in the notice.
CENTRAL_ORGS: list[OrgSpec] = [
    _c("cpc_office", "中共中央办公厅", short_name="中办"),
    _c("npc_office", "全国人大常委会办公厅", short_name="全国人大办公厅"),
    _c("state_council_office", "国务院办公厅", short_name="国办"),
    _c("cppcc_office", "全国政协办公厅", short_name="全国政协办公厅"),
    _c("spc", "最高人民法院", short_name="最高法"),
    _c("spp", "最高人民检察院", short_name="最高检"),
    _c("ndrc", "国家发展和改革委员会", OrgKind.DEVELOPMENT_REFORM, short_name="国家发展改革委"),
    _c(
        "ndrc.hitech",
        "国家发展和改革委员会创新和高技术发展司",
        OrgKind.DEVELOPMENT_REFORM,
        "ndrc",
        short_name="高技术司",
    ),
    _c(
        "ndrc.investment", "国家发展和改革委员会固定资产投资司", OrgKind.DEVELOPMENT_REFORM, "ndrc", short_name="投资司"
    ),
    _c(
        "extranet_center",
        "国家电子政务外网管理中心（国家信息中心）",
        OrgKind.EXTRANET_OPERATOR,
        "ndrc",
        short_name="外网中心",
    ),
    _c("mps", "公安部", OrgKind.PUBLIC_SECURITY),
    _c("mps.cyber", "公安部网络安全保卫局", OrgKind.PUBLIC_SECURITY, "mps", short_name="网安局"),
    _c("mof", "财政部", OrgKind.FINANCE),
    _c("mof.econ", "财政部经济建设司", OrgKind.FINANCE, "mof", short_name="经建司"),
    _c("napss", "国家保密局", OrgKind.SECRECY_ADMINISTRATION, short_name="国家保密局"),
    _c("napss.tech", "国家保密局科技和信息化管理司", OrgKind.SECRECY_ADMINISTRATION, "napss", short_name="科技司"),
    _c(
        "intranet_office",
        "国家电子政务内网建设和管理协调小组办公室",
        OrgKind.INTRANET_COORDINATION_OFFICE,
        short_name="内网协调办",
    ),
    _c(
        "agency.central",
        "国家电子政务工程咨询评估中心（演示）",
        OrgKind.ASSESSMENT_AGENCY,
        short_name="评估中心（演示）",
    ),
]

MINISTRIES: list[tuple[str, str, str]] = [
    ("moe", "教育部", "教育部"),
    ("mca", "民政部", "民政部"),
    ("mohrss", "人力资源和社会保障部", "人社部"),
    ("mnr", "自然资源部", "自然资源部"),
    ("mee", "生态环境部", "生态环境部"),
    ("mot", "交通运输部", "交通运输部"),
    ("mwr", "水利部", "水利部"),
    ("moa", "农业农村部", "农业农村部"),
    ("mofcom", "商务部", "商务部"),
    ("nhc", "国家卫生健康委员会", "国家卫健委"),
    ("mem", "应急管理部", "应急管理部"),
    ("gacc", "海关总署", "海关总署"),
    ("sta", "国家税务总局", "税务总局"),
    ("samr", "国家市场监督管理总局", "市场监管总局"),
]
MINISTRY_UNITS = [("office", "办公厅"), ("info", "信息中心")]


def central_orgs() -> list[OrgSpec]:
    specs = list(CENTRAL_ORGS)
    for key, name, short in MINISTRIES:
        specs.append(_c(key, name, short_name=short))
        specs.extend(_c(f"{key}.{uk}", f"{name}{un}", parent=key) for uk, un in MINISTRY_UNITS)
    # A central unit outside Beijing: central level, located in 武汉市.
    specs.append(
        _c("mwr.cjw", "水利部长江水利委员会", parent="mwr", division="420100", in_beijing=False, short_name="长江委")
    )
    return specs


def _is_municipality(code: str) -> bool:
    return code in {"110000", "120000", "310000", "500000"}


def provincial_orgs(code: str, name: str) -> list[OrgSpec]:
    """DRC, 公安厅, 保密局, 财政厅, extranet centre and a few departments of one province."""
    m = _is_municipality(code)
    p = f"p{code[:2]}"
    rows = [
        ("drc", "发展和改革委员会", OrgKind.DEVELOPMENT_REFORM),
        ("psb", "公安局" if m else "公安厅", OrgKind.PUBLIC_SECURITY),
        ("secrecy", "国家保密局" if m else "保密局", OrgKind.SECRECY_ADMINISTRATION),
        ("finance", "财政局" if m else "财政厅", OrgKind.FINANCE),
        ("extranet", "电子政务外网管理中心", OrgKind.EXTRANET_OPERATOR),
        ("edu", "教育委员会" if m else "教育厅", OrgKind.GOVERNMENT_DEPARTMENT),
        ("health", "卫生健康委员会", OrgKind.GOVERNMENT_DEPARTMENT),
        ("samr", "市场监督管理局", OrgKind.GOVERNMENT_DEPARTMENT),
    ]
    return [OrgSpec(f"{p}.{k}", f"{name}{suffix}", kind, Level.PROVINCIAL, code) for k, suffix, kind in rows]


# Prefecture / county detail for three provinces: enough to browse every special case of the division list.
PREFECTURES = {"440100": "广州市", "440300": "深圳市", "441900": "东莞市", "410100": "郑州市", "410300": "洛阳市"}
COUNTIES = {
    "440103": "广州市荔湾区",
    "440106": "广州市天河区",
    "440305": "深圳市南山区",
    "410122": "中牟县",
    "410182": "荥阳市",
    "410323": "新安县",
    "419001": "济源市",  # county-level unit directly under 河南省
    "110105": "北京市朝阳区",  # a municipality's district: county level, parent = the province
    "110108": "北京市海淀区",
}
PREFECTURE_DEPTS = [
    ("drc", "发展和改革委员会", OrgKind.DEVELOPMENT_REFORM),
    ("psb", "公安局", OrgKind.PUBLIC_SECURITY),
    ("secrecy", "国家保密局", OrgKind.SECRECY_ADMINISTRATION),
    ("finance", "财政局", OrgKind.FINANCE),
    ("extranet", "电子政务外网管理中心", OrgKind.EXTRANET_OPERATOR),
    ("edu", "教育局", OrgKind.GOVERNMENT_DEPARTMENT),
    ("health", "卫生健康委员会", OrgKind.GOVERNMENT_DEPARTMENT),
]
COUNTY_DEPTS = [
    ("drc", "发展和改革局", OrgKind.DEVELOPMENT_REFORM),
    ("psb", "公安分局", OrgKind.PUBLIC_SECURITY),
    ("finance", "财政局", OrgKind.FINANCE),
    ("edu", "教育局", OrgKind.GOVERNMENT_DEPARTMENT),
]


def local_orgs() -> list[OrgSpec]:
    specs = []
    for code, name in PREFECTURES.items():
        specs += [
            OrgSpec(f"d{code}.{k}", f"{name}{s}", kind, Level.PREFECTURE, code) for k, s, kind in PREFECTURE_DEPTS
        ]
    for code, name in COUNTIES.items():
        depts = [(k, "公安局" if code == "419001" else s, kind) for k, s, kind in COUNTY_DEPTS]
        specs += [OrgSpec(f"d{code}.{k}", f"{name}{s}", kind, Level.COUNTY, code) for k, s, kind in depts]
    specs.append(
        OrgSpec(
            "agency.gd", "广东省电子政务项目评审中心（演示）", OrgKind.ASSESSMENT_AGENCY, Level.PROVINCIAL, "440000"
        )
    )
    return specs


T = DEMO_TAG
D12 = dt.date(2012, 9, 1)  # 发改高技[2012]1986号 was issued in 2012: networks established later fall under 第十二条


def network_specs() -> list[NetSpec]:
    E, IN, X = NetworkFamily.EXTRANET, NetworkFamily.INTRANET, NetworkFamily.DEDICATED
    K = ComponentKind
    nets = [
        NetSpec(
            f"国家电子政务外网中央平台{T}",
            E,
            K.PLATFORM,
            Level.CENTRAL,
            "extranet_center",
            operator="extranet_center",
            established_on=dt.date(2009, 6, 1),
            cost=Decimal("18500.00"),
            key="central_extranet",
        ),
        # The intranet: an attested reference only, never topology (context.md ).
        NetSpec(
            f"国家电子政务内网中央平台{T}",
            IN,
            K.PLATFORM,
            Level.CENTRAL,
            "intranet_office",
            built_on=BuiltOn.SELF_BUILT,
            attestation_ref="内网协调办备案（演示）第0001号",
            key="central_intranet",
        ),
    ]
    # The central WAN backbone and metro network and the provincial / prefecture platforms, with their links,
    # come from the topology demo (egovnet.networks.demo_topology, loaded right after this catalogue).
    for code in ("440106", "410122", "419001"):
        nets.append(
            NetSpec(
                f"{COUNTIES[code]}电子政务外网接入{T}",
                E,
                K.ACCESS_LINES,
                Level.COUNTY,
                f"d{code}.drc",
                division=code,
                scope=NetworkScope.COUNTY,
                built_on=BuiltOn.CARRIER_LEASED,
                established_on=dt.date(2012, 1, 1),
                cost=Decimal("35.00"),
            )
        )
    nets += [
        NetSpec(
            f"公安信息网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "mps",
            established_on=dt.date(2003, 1, 1),
            cost=Decimal("26000.00"),
            key="mps_net",
        ),
        NetSpec(
            f"金保工程业务专网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "mohrss",
            built_on=BuiltOn.CARRIER_LEASED,
            established_on=dt.date(2006, 7, 1),
            cost=Decimal("4800.00"),
            status=NetworkStatus.MIGRATING,
            key="mohrss_net",
        ),
        NetSpec(
            f"海关业务专网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "gacc",
            established_on=dt.date(2001, 1, 1),
            cost=Decimal("7300.00"),
            key="gacc_net",
        ),
        NetSpec(
            f"税务系统广域网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "sta",
            built_on=BuiltOn.CARRIER_LEASED,
            established_on=dt.date(2004, 1, 1),
            cost=Decimal("9100.00"),
            key="sta_net",
        ),
        NetSpec(
            f"防汛抗旱指挥业务专网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "mwr",
            established_on=dt.date(2005, 1, 1),
            cost=Decimal("1500.00"),
            status=NetworkStatus.RETIRED,
        ),
        # Established after the 2012 notice (第十二条 cases later).
        NetSpec(
            f"应急指挥业务专网{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "mem",
            built_on=BuiltOn.CARRIER_LEASED,
            established_on=dt.date(2019, 4, 1),
            cost=Decimal("3600.00"),
            key="mem_net",
        ),
        NetSpec(
            f"民政业务虚拟专网{T}",
            X,
            K.VPN_ON_EXTRANET,
            Level.CENTRAL,
            "mca",
            built_on=BuiltOn.EXTRANET,
            established_on=dt.date(2015, 3, 1),
            cost=Decimal("120.00"),
        ),
        NetSpec(
            f"自然资源业务专网（规划中）{T}",
            X,
            K.WAN_BACKBONE,
            Level.CENTRAL,
            "mnr",
            status=NetworkStatus.PLANNED,
            cost=Decimal("2100.00"),
        ),
        NetSpec(
            f"广东省公安视频专网{T}",
            X,
            K.MAN,
            Level.PROVINCIAL,
            "p44.psb",
            division="440000",
            scope=NetworkScope.PROVINCIAL,
            established_on=dt.date(2010, 8, 1),
            cost=Decimal("850.00"),
            key="gd_psb_net",
        ),
        NetSpec(
            f"郑州市教育城域网{T}",
            X,
            K.MAN,
            Level.PREFECTURE,
            "d410100.edu",
            division="410100",
            scope=NetworkScope.PREFECTURE,
            built_on=BuiltOn.CARRIER_LEASED,
            established_on=dt.date(2013, 9, 1),
            cost=Decimal("95.50"),
        ),
    ]
    return nets


C, P, F, CO = CoverageLevel.CENTRAL, CoverageLevel.PROVINCIAL, CoverageLevel.PREFECTURE, CoverageLevel.COUNTY
EX, DED, NET, INT = CurrentNetwork.EXTRANET, CurrentNetwork.DEDICATED, CurrentNetwork.INTERNET, CurrentNetwork.INTRANET
TE, TI, TS = TargetNetwork.EXTRANET, TargetNetwork.INTRANET, TargetNetwork.STANDALONE_CLASSIFIED

SYSTEMS: list[SysSpec] = [
    # Non-classified, MLPS 1–5, on the extranet, a dedicated network and the internet.
    SysSpec(
        f"政务信息公开目录系统{T}", "state_council_office", NET, TE, 1, public_facing=True, coverage=(C,), bandwidth=20
    ),
    SysSpec(
        f"投资项目在线审批监管平台{T}",
        "ndrc",
        EX,
        TE,
        3,
        public_facing=True,
        cross_region=True,
        cross_department=True,
        shares_basic_info=True,
        coverage=(C, P, F, CO),
        bandwidth=200,
    ),
    SysSpec(
        f"全国信用信息共享平台{T}",
        "ndrc",
        EX,
        TE,
        3,
        cross_region=True,
        cross_department=True,
        shares_basic_info=True,
        coverage=(C, P, F),
        bandwidth=500,
    ),
    SysSpec(f"电子政务外网网管系统{T}", "extranet_center", EX, TE, 3, coverage=(C, P), bandwidth=100),
    SysSpec(f"学籍管理信息系统{T}", "moe", EX, TE, 2, cross_region=True, coverage=(C, P, F, CO), bandwidth=100),
    SysSpec(f"婚姻登记信息系统{T}", "mca", DED, TE, 2, dedicated=None, cross_region=True, coverage=(C, P, F, CO)),
    SysSpec(
        f"社会保险信息系统{T}",
        "mohrss",
        DED,
        TE,
        4,
        dedicated="mohrss_net",
        cross_region=True,
        shares_basic_info=True,
        coverage=(C, P, F, CO),
        bandwidth=1000,
    ),
    SysSpec(
        f"海关通关作业系统{T}",
        "gacc",
        DED,
        TE,
        4,
        dedicated="gacc_net",
        cross_region=True,
        coverage=(C, P),
        bandwidth=2000,
    ),
    SysSpec(
        f"金税工程核心征管系统{T}",
        "sta",
        DED,
        TargetNetwork.LEGACY_DEDICATED,
        4,
        dedicated="sta_net",
        cross_region=True,
        coverage=(C, P, F, CO),
        bandwidth=2000,
    ),
    SysSpec(f"应急指挥调度系统{T}", "mem", DED, TE, 3, dedicated="mem_net", cross_region=True, cross_department=True),
    SysSpec(f"国土空间基础信息平台{T}", "mnr", EX, TE, 3, shares_basic_info=True, coverage=(C, P)),
    SysSpec(f"生态环境监测数据平台{T}", "mee", NET, TE, 2, public_facing=True, coverage=(C, P, F), bandwidth=50),
    SysSpec(f"农业农村综合信息平台{T}", "moa", CurrentNetwork.NONE, "", 1, status=SystemStatus.PLANNED),
    SysSpec(
        f"全国一体化在线政务服务平台节点{T}",
        "samr",
        NET,
        TE,
        5,
        public_facing=True,
        cross_region=True,
        coverage=(C, P, F, CO),
        bandwidth=1000,
    ),
    SysSpec(
        f"广东省政务服务数据共享平台{T}",
        "p44.drc",
        EX,
        TE,
        3,
        cross_department=True,
        coverage=(P, F, CO),
        bandwidth=300,
    ),
    SysSpec(f"广东省财政预算管理一体化系统{T}", "p44.finance", EX, TE, 3, coverage=(P, F, CO), bandwidth=200),
    SysSpec(f"广州市教育资源公共服务平台{T}", "d440100.edu", NET, TE, 2, public_facing=True, coverage=(F, CO)),
    SysSpec(f"郑州市智慧医疗服务平台{T}", "d410100.health", EX, TE, 2, coverage=(F,), bandwidth=50),
    SysSpec(f"济源市网格化社会治理系统{T}", "d419001.drc", EX, TE, 2),
    SysSpec(f"中牟县财政集中支付系统{T}", "d410122.finance", NET, TE, 2, coverage=(CO,), bandwidth=10),
    SysSpec(
        f"广东省公安视频监控联网系统{T}",
        "p44.psb",
        DED,
        TargetNetwork.LEGACY_DEDICATED,
        4,
        dedicated="gd_psb_net",
        coverage=(P, F, CO),
        bandwidth=5000,
    ),
    SysSpec(f"长江流域水文监测系统{T}", "mwr.cjw", EX, TE, 3, cross_region=True, coverage=(C, P), bandwidth=100),
    SysSpec(f"已下线的旧版办公系统{T}", "moe.office", NET, TE, 1, status=SystemStatus.RETIRED),
    # Classified: 秘密 / 机密 on the intranet or a dedicated network, one 绝密 standalone system.
    SysSpec(
        f"公文流转系统（秘密级）{T}",
        "state_council_office",
        INT,
        TI,
        grade=SecrecyGrade.MIMI,
        cross_department=True,
        coverage=(C, P),
        bandwidth=100,
        secrecy_ref="定密（演示）2015-001",
    ),
    SysSpec(
        f"涉密会议管理系统{T}",
        "cpc_office",
        INT,
        TI,
        grade=SecrecyGrade.JIMI,
        coverage=(C,),
        bandwidth=50,
        secrecy_ref="定密（演示）2016-004",
    ),
    SysSpec(
        f"公安情报研判系统{T}",
        "mps",
        DED,
        TI,
        grade=SecrecyGrade.JIMI,
        dedicated="mps_net",
        cross_region=True,
        coverage=(C, P, F, CO),
        bandwidth=1000,
        secrecy_ref="定密（演示）2014-012",
    ),
    SysSpec(
        f"刑事案件侦办系统{T}",
        "mps.cyber",
        DED,
        TargetNetwork.LOCAL_CLASSIFIED_NETWORK,
        grade=SecrecyGrade.MIMI,
        dedicated="mps_net",
        cross_region=True,
        secrecy_ref="定密（演示）2014-013",
    ),
    SysSpec(f"审判执行涉密案件系统{T}", "spc", INT, TI, grade=SecrecyGrade.MIMI, secrecy_ref="定密（演示）2017-002"),
    SysSpec(
        f"检察涉密办案系统{T}",
        "spp",
        INT,
        TI,
        grade=SecrecyGrade.MIMI,
        coverage=(C, P),
        secrecy_ref="定密（演示）2017-003",
    ),
    SysSpec(
        f"保密技术检查管理系统{T}",
        "napss.tech",
        INT,
        TI,
        grade=SecrecyGrade.JIMI,
        coverage=(C, P),
        secrecy_ref="定密（演示）2013-007",
    ),
    SysSpec(
        f"广东省涉密公文交换系统{T}",
        "p44.secrecy",
        INT,
        TI,
        grade=SecrecyGrade.MIMI,
        coverage=(P, F),
        secrecy_ref="定密（演示）粤2018-021",
    ),
    SysSpec(
        f"核心战略数据分析单机系统{T}",
        "cpc_office",
        CurrentNetwork.STANDALONE_CLASSIFIED,
        TS,
        grade=SecrecyGrade.JUEMI,
        secrecy_ref="定密（演示）2012-001",
    ),
]


def user_specs() -> list[UserSpec]:
    """One demo user per role (``Role``), with a realistic scope and clearance."""
    R, CL = Role, Clearance
    return [
        UserSpec("admin", "系统管理员（演示）", R.ADMIN, org="ndrc", clearance=CL.JIMI, superuser=True),
        UserSpec("ministry_staff", "教育部工作人员（演示）", R.DEPARTMENT_STAFF, org="moe.info", org_scope="moe"),
        UserSpec(
            "ministry_lead",
            "教育部司局负责人（演示）",
            R.DEPARTMENT_LEAD,
            org="moe",
            org_scope="moe",
            clearance=CL.MIMI,
        ),
        UserSpec(
            "ndrc_reviewer", "国家发展改革委审核人员（演示）", R.DRC_REVIEWER, org="ndrc.hitech", clearance=CL.JIMI
        ),
        UserSpec(
            "gd_drc",
            "广东省发展改革委审核人员（演示）",
            R.DRC_REVIEWER,
            org="p44.drc",
            division_scope="440000",
            clearance=CL.MIMI,
        ),
        UserSpec("mps_officer", "公安部等保备案人员（演示）", R.PSB_OFFICER, org="mps.cyber"),
        UserSpec("napss_officer", "国家保密局工作人员（演示）", R.SECRECY_OFFICER, org="napss.tech", clearance=CL.JIMI),
        UserSpec(
            "coord_officer",
            "内网协调办工作人员（演示）",
            R.INTRANET_COORD_OFFICER,
            org="intranet_office",
            clearance=CL.JIMI,
        ),
        UserSpec("extranet_officer", "外网管理中心工作人员（演示）", R.EXTRANET_CENTER_OFFICER, org="extranet_center"),
        UserSpec("mof_officer", "财政部工作人员（演示）", R.FINANCE_OFFICER, org="mof.econ"),
        UserSpec("agency", "评估机构专家组（演示）", R.ASSESSMENT_AGENCY, org="agency.central"),
        UserSpec("expert", "评审专家（演示）", R.EXPERT),
        UserSpec("auditor", "审计人员（演示）", R.AUDITOR, clearance=CL.MIMI),
        UserSpec("viewer", "只读用户（演示）", R.VIEWER, org="p44.drc", division_scope="440000"),
    ]
