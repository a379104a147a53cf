"""The built-in registries: organisations, networks, application systems (registered in ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from egovnet.core import audit
from egovnet.core.choices import AuditAction
from egovnet.networks import choices as net_choices
from egovnet.networks.filtersets import NetworkFilterSet
from egovnet.networks.models import Network
from egovnet.networks.services import network_create, network_update
from egovnet.orgs import choices as org_choices
from egovnet.orgs.filtersets import OrganisationFilterSet
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create, organisation_update
from egovnet.policy.services import refresh_created_on_commit
from egovnet.systems import choices as sys_choices
from egovnet.systems import queries, redaction
from egovnet.systems.filtersets import ApplicationSystemFilterSet
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.services import _authorize_grade, system_create, system_update

from . import bulk
from . import glossary as g
from .fastcheck import model_check
from .spec import BOOL, CHOICE, DATE, DECIMAL, DIVISION, INT, MULTI, REF, Column, RegistrySpec, choice_map

COMMON_INSTRUCTIONS = [
    "每行一条记录；第 1 行为表头，请勿修改表头文字和列顺序以外的内容。 / One record per row; keep the header row.",
    "“编号 ID”为空表示新建；填写编号表示修改该记录，此时须同时保留导出时的“版本 Version”。"
    " / Empty ID = create; an ID = update that record, with the version it was exported with.",
    "未修改的行不会写入，也不产生审计记录。 / Unchanged rows are not written and leave no audit entry.",
    "整个文件先全部校验：任何一行有错误，整个文件都不导入，并返回逐行逐列的错误报告和标注了错误的工作簿。"
    " / The whole file is validated first: one bad row rejects the file; errors are reported per row and column.",
    "下拉列表中的选项可用中文、英文或英文代码填写。 / Drop-down values may be given in Chinese, English or as the code.",
    "“是/否”列填“是”或“否”。 / Yes/no columns take 是 or 否.",
    "引用组织或网络时填写编号，或准确名称；名称重名时填写“名称@行政区划代码”。"
    " / Refer to an organisation or network by id, or exact name; when names repeat use name@division-code.",
    "行政区划代码为 GB/T 2260 六位代码，例如 410102。 / Division codes are 6-digit GB/T 2260 codes, e.g. 410102.",
    "只能导入本人角色和管辖范围内的记录；范围外的行作为权限错误报告。"
    " / You can import only within your roles and scope; other rows are reported as permission errors.",
]


def _choice(field: str, header: str, choices: Any, zh: dict[str, str], **kw: Any) -> Column:
    labels, english = choice_map(choices, zh)
    return Column(field, header, kind=CHOICE, choices=labels, english=english, **kw)


def _multi(field: str, header: str, choices: Any, zh: dict[str, str], **kw: Any) -> Column:
    labels, english = choice_map(choices, zh)
    return Column(field, header, kind=MULTI, choices=labels, english=english, **kw)


def _ref(field: str, header: str, ref: str, name_header: str, **kw: Any) -> list[Column]:
    return [
        Column(field, header, kind=REF, ref=ref, export_field=f"{field}_id", **kw),
        Column(f"{field}_name", name_header, importable=False, export_field=f"{field}__name"),
    ]


def bulk_create_rows(model: type, *, actor: Any, outcomes: list, reason: str, after: Any = None) -> int:
    """The bulk path: rows already validated and authorized per distinct owner (docs/decisions/0701, 0506).
    Instances are built without ``__init__`` and inserted without per-object SQL compilation; each row gets the
    ``create`` audit entry with the full snapshot the services write."""
    check = model_check(model)
    objs = [check.instance(o.values) for o in outcomes]
    bulk.insert(model, objs)
    if after:
        after(objs)
    entries = [audit.entry_for(o, action=AuditAction.CREATE, after=audit.snapshot(o), reason=reason) for o in objs]
    audit.append_many(actor=actor, entries=entries)
    refresh_created_on_commit(objs)  # the findings, as the services refresh them (ADR 0360)
    return len(objs)


def _org_paths(objs: list[Organisation]) -> None:
    for org in objs:
        org.path = f"{org.parent.path if org.parent_id else '/'}{org.pk}/"
    Organisation.objects.bulk_update(objs, ["path"], batch_size=1000)


def _org_check(actor: Any, obj: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
    division = values.get("division")
    if division is not None and division.valid_to is not None and (obj is None or obj.division_id != division.pk):
        return [
            (
                "行政区划代码 Division code",
                f"行政区划 {division} 已于 {division.valid_to} 失效 / division is no longer valid",
            )
        ]
    parent = values.get("parent")
    if obj is not None and parent is not None and (parent.pk == obj.pk or parent.path.startswith(obj.path)):
        return [("上级组织 Parent", "上级组织不能是本组织或其下级（会形成循环） / the parent would make a cycle")]
    return []


def _system_check(actor: Any, obj: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
    if obj is not None and not queries.may_see(actor, obj):
        return [
            ("系统名称 Name", "您的涉密资格不足以修改该涉密系统 / your clearance does not cover this classified system")
        ]
    merged = {
        "is_classified": values.get("is_classified", getattr(obj, "is_classified", False)),
        "secrecy_grade": values.get("secrecy_grade", getattr(obj, "secrecy_grade", "")),
    }
    try:
        _authorize_grade(actor, merged)
    except PermissionDenied as exc:
        return [("密级 Secrecy grade", str(exc))]
    return []


def _system_prepare(actor: Any, obj: Any, values: dict[str, Any]) -> dict[str, Any]:
    """A row exported with the name and grade withheld leaves them as they are (round trip)."""
    if queries.may_see(actor, obj):
        return values
    values = dict(values)
    if values.get("name") in (queries.REDACTED_NAME, ""):
        values.pop("name", None)
    if values.get("secrecy_grade") == "":
        values.pop("secrecy_grade", None)
    if values.get("secrecy_ref") == "":
        values.pop("secrecy_ref", None)
    return values


def _system_redact(reader: Any, row: dict[str, Any]) -> dict[str, Any]:
    """Name, grade and classification reference as ``systems.redaction`` renders them for the reader."""
    row["display_name"], row["display_grade"], row["display_ref"] = (
        redaction.name(row),
        redaction.grade(row),
        redaction.ref(row),
    )
    return row


ORGANISATIONS = RegistrySpec(
    name="organisations",
    title="组织机构 Organisations",
    model=Organisation,
    columns=[
        Column("name", "名称 Name", required=True, max_length=200),
        Column("short_name", "简称 Short name", max_length=60),
        _choice("kind", "类型 Kind", org_choices.OrgKind.choices, g.ORG_KIND, required=True),
        _choice("level", "层级 Level", org_choices.Level.choices, g.LEVEL, required=True),
        Column("division", "行政区划代码 Division code", kind=DIVISION, required=True, export_field="division_id"),
        *_ref("parent", "上级组织 Parent", "org", "上级组织名称 Parent name"),
        Column("in_beijing", "是否在京 In Beijing", kind=BOOL),
        Column("notes", "备注 Notes"),
    ],
    create=organisation_create,
    update=organisation_update,
    obj_kw="organisation",
    owner_field="",
    instructions=COMMON_INSTRUCTIONS,
    bulk_create=lambda **kw: bulk_create_rows(Organisation, after=_org_paths, **kw),
    extra_check=_org_check,
    filterset=OrganisationFilterSet,
)

NETWORKS = RegistrySpec(
    name="networks",
    title="网络 Networks",
    model=Network,
    columns=[
        Column("name", "名称 Name", required=True, max_length=200),
        _choice("family", "网络类别 Network", net_choices.NetworkFamily.choices, g.NETWORK_FAMILY, required=True),
        _choice("kind", "构成类型 Kind", net_choices.ComponentKind.choices, g.COMPONENT_KIND, required=True),
        _choice("level", "层级 Level", org_choices.Level.choices, g.LEVEL, required=True),
        Column("division", "行政区划代码 Division code", kind=DIVISION, export_field="division_id"),
        *_ref("owner", "所属组织 Owner", "org", "所属组织名称 Owner name", required=True),
        *_ref("operator", "运维单位 Operator", "org", "运维单位名称 Operator name"),
        _choice("scope", "覆盖范围 Scope", net_choices.NetworkScope.choices, g.NETWORK_SCOPE, required=True),
        _choice("status", "状态 Status", net_choices.NetworkStatus.choices, g.NETWORK_STATUS, required=True),
        _choice("built_on", "建设方式 Built on", net_choices.BuiltOn.choices, g.BUILT_ON, required=True),
        Column("established_on", "建成日期 Established on", kind=DATE),
        Column("annual_om_cost_10k_yuan", "年运维费用（万元） Annual O&M cost (10k yuan)", kind=DECIMAL),
        Column("attestation_ref", "证明文号 Attestation reference", max_length=120),
        Column("notes", "备注 Notes"),
    ],
    create=network_create,
    update=network_update,
    obj_kw="network",
    owner_field="owner",
    instructions=COMMON_INSTRUCTIONS,
    bulk_create=lambda **kw: bulk_create_rows(Network, **kw),
    filterset=NetworkFilterSet,
)

SYSTEMS = RegistrySpec(
    name="systems",
    title="应用系统 Application systems",
    model=ApplicationSystem,
    columns=[
        Column("name", "系统名称 Name", required=True, max_length=200, export_field="display_name"),
        *_ref("owner", "所属组织 Owner", "org", "所属组织名称 Owner name", required=True),
        Column("is_classified", "是否涉密 Classified", kind=BOOL),
        _choice(
            "secrecy_grade",
            "密级 Secrecy grade",
            sys_choices.SecrecyGrade.choices,
            g.SECRECY_GRADE,
            export_field="display_grade",
        ),
        Column("mlps_level", "等保级别 MLPS level", kind=INT),
        _choice(
            "current_network",
            "现用网络 Current network",
            sys_choices.CurrentNetwork.choices,
            g.CURRENT_NETWORK,
            required=True,
        ),
        *_ref(
            "current_dedicated_network",
            "现用业务专网 Dedicated network",
            "network",
            "业务专网名称 Dedicated network name",
        ),
        _choice("target_network", "目标网络 Target network", sys_choices.TargetNetwork.choices, g.TARGET_NETWORK),
        Column("public_facing", "面向公众 Public-facing", kind=BOOL),
        Column("cross_region", "跨地区 Cross-region", kind=BOOL),
        Column("cross_department", "跨部门 Cross-department", kind=BOOL),
        Column("shares_basic_info", "共享基础信息资源 Shares basic information", kind=BOOL),
        _multi("coverage_levels", "覆盖层级 Coverage", sys_choices.CoverageLevel.choices, g.COVERAGE_LEVEL),
        Column("bandwidth_mbps", "带宽需求（Mbps） Bandwidth (Mbps)", kind=INT),
        _choice("status", "状态 Status", sys_choices.SystemStatus.choices, g.SYSTEM_STATUS, required=True),
        Column("secrecy_ref", "定密文号 Classification reference", max_length=120, export_field="display_ref"),
    ],
    create=system_create,
    update=system_update,
    obj_kw="system",
    owner_field="owner",
    instructions=[
        *COMMON_INSTRUCTIONS,
        "涉密系统只登记名称和密级，不得填写任何涉密内容。 / For classified systems give the name and grade only, never content.",
        "无权查看的涉密系统名称在导出中显示为“【涉密系统，名称不予显示】”，原样导回不会修改它。"
        " / Withheld names export as a placeholder and are left unchanged when imported back.",
    ],
    bulk_create=lambda **kw: bulk_create_rows(ApplicationSystem, **kw),
    redact=_system_redact,
    prepare_existing=_system_prepare,
    extra_check=_system_check,
    filterset=ApplicationSystemFilterSet,
)

BUILTIN = [ORGANISATIONS, NETWORKS, SYSTEMS]
