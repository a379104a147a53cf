"""Excel/CSV import and export of migration items (第四条) and O&M budget lines (第十二条).

Registered with ``egovnet.exchange`` in ``MigrationConfig.ready()``. Every write goes through the
migration services (``item_add`` / ``item_update``, ``budget_line_create`` / ``budget_line_update``) with the
importing user as actor, so authorization, the draft-only rule, version checks and audit apply as in the
UI and API. Plan versions and application systems are referred to by id only (a classified system's name
is never matched or shown to a reader without the clearance).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, F, QuerySet, Value, When

from egovnet.exchange.importers import Column, RegistrySpec, register
from egovnet.exchange.importers import glossary as g
from egovnet.exchange.importers.registries import COMMON_INSTRUCTIONS, _choice, _ref
from egovnet.exchange.importers.resolve import register_ref
from egovnet.exchange.importers.spec import DATE, DECIMAL, INT, REF
from egovnet.systems import redaction
from egovnet.systems.choices import TargetNetwork
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

from .choices import BudgetObjectKind, ItemStatus, PlanStatus
from .filtersets import BudgetLineFilterSet, MigrationItemFilterSet
from .models import BudgetLine, MigrationItem, PlanVersion
from .services.budget import budget_line_create, budget_line_update
from .services.plans import _check_item, _read_only, item_add, item_update

ITEM_STATUS_ZH = {
    ItemStatus.PLANNED: "计划中",
    ItemStatus.IN_PROGRESS: "实施中",
    ItemStatus.CUT_OVER: "已割接",
    ItemStatus.DECOMMISSIONED: "原专网已撤除",
}
OBJECT_KIND_ZH = {BudgetObjectKind.NETWORK: "网络", BudgetObjectKind.APPLICATION: "应用系统"}

PLAN_VERSION_H = "计划版本 Plan version"
SYSTEM_H = "应用系统 Application system"
FROM_NETWORK_H = "迁出专网 From network"
TARGET_H = "目标网络 Target network"
DEVIATION_H = "偏离批准文号 Deviation reference"
BY_ID = "填写编号（见导出文件或页面上的 #编号） / the id (from an export or the # on the page)"
ITEM_HEADERS = {
    "plan_version": PLAN_VERSION_H,
    "system": SYSTEM_H,
    "from_network": FROM_NETWORK_H,
    "target_network": TARGET_H,
    "deviation_ref": DEVIATION_H,
}


def _annotate_system_name(queryset: QuerySet, reader: Any) -> QuerySet:
    """``system_shown``: the related system's name, or the placeholder when ``systems.redaction`` hides it."""
    return queryset.annotate(
        system_shown=Case(
            When(system__isnull=True, then=Value("")),
            When(redaction.shown_q(reader, "system__"), then=F("system__name")),
            default=Value(REDACTED_NAME),
            output_field=CharField(),
        )
    )


def _system_name_column() -> Column:
    return Column("system_name", "系统名称 System name", importable=False, export_field="system_shown")


def _item_check(actor: Any, obj: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
    """Article 4 rules of the service, checked in pass 1 so they are reported per row and column."""
    if obj is not None:
        moved = [f for f in ("plan_version", "system") if f in values]
        if moved:
            return [
                (
                    ITEM_HEADERS[f],
                    "已有事项不能改到其他计划版本或应用系统；请删除后重新添加。"
                    " / An item cannot move to another plan version or system: delete it and add a new one.",
                )
                for f in moved
            ]
    version = obj.plan_version if obj is not None else values["plan_version"]
    if version.status != PlanStatus.DRAFT:
        return [(PLAN_VERSION_H, _read_only(version).message)]
    merged = {f: values.get(f, getattr(obj, f, "")) for f in ("from_network", "target_network", "deviation_ref")}
    system = obj.system if obj is not None else values["system"]
    try:
        _check_item(version=version, system=system, **merged)
    except ValidationError as exc:
        return [(ITEM_HEADERS.get(f, ""), " ".join(m)) for f, m in exc.message_dict.items()]
    if obj is None and _already_listed(version, system):
        return [
            (
                SYSTEM_H,
                "第四条：该应用已在本版本计划中（或在本文件中重复）。 / Article 4: the application is already in this version (or repeated in the file).",
            )
        ]
    return []


def _already_listed(version: PlanVersion, system: Any) -> bool:
    """Whether ``system`` is in ``version`` already, counting the rows of this file checked so far.

    The set lives on the version instance, which the import's resolver caches for the whole pass: one
    query per plan version and pass instead of one per row, and repeats inside the file are caught too.
    """
    listed = getattr(version, "_exchange_systems", None)
    if listed is None:
        listed = set(MigrationItem.objects.filter(plan_version=version).values_list("system_id", flat=True))
        version._exchange_systems = listed
    if system.pk in listed:
        return True
    listed.add(system.pk)
    return False


def _item_create(*, actor: Any, reason: str = "", plan_version: PlanVersion, **values: Any) -> MigrationItem:
    return item_add(actor=actor, version=plan_version, **values)


def _item_update(
    *, actor: Any, item: MigrationItem, expected_version: int | None, reason: str = "", **changes: Any
) -> MigrationItem:
    return item_update(actor=actor, item=item, expected_version=expected_version, **changes)


def _readonly_choice(field: str, header: str, choices: Any, zh: dict[str, str]) -> Column:
    return _choice(field, header, choices, zh, importable=False)


MIGRATION_ITEMS = RegistrySpec(
    name="migration-items",
    title="迁移事项 Migration items",
    model=MigrationItem,
    columns=[
        Column(
            "plan_version",
            PLAN_VERSION_H,
            kind=REF,
            ref="plan_version",
            required=True,
            export_field="plan_version_id",
            help=BY_ID,
        ),
        Column("plan_title", "计划名称 Plan", importable=False, export_field="plan_version__plan__title"),
        Column("plan_number", "版本号 Version number", importable=False, export_field="plan_version__number"),
        Column(
            "department_name",
            "部门 Department",
            importable=False,
            export_field="plan_version__plan__department__name",
        ),
        Column("system", SYSTEM_H, kind=REF, ref="system", required=True, export_field="system_id", help=BY_ID),
        _system_name_column(),
        *_ref("from_network", FROM_NETWORK_H, "network", "迁出专网名称 From network name", required=True),
        _choice("target_network", TARGET_H, TargetNetwork.choices, g.TARGET_NETWORK, required=True),
        Column("deviation_ref", DEVIATION_H, max_length=120),
        Column("planned_date", "计划割接日期 Planned cut-over date", kind=DATE, required=True),
        Column("notes", "备注 Notes", max_length=500),
        _readonly_choice("status", "迁移状态 Status", ItemStatus.choices, ITEM_STATUS_ZH),
        Column("cutover_ref", "割接证明文号 Cut-over reference", importable=False),
        Column("cutover_date", "割接日期 Cut-over date", kind=DATE, importable=False),
        Column("decommission_ref", "撤除证明文号 Decommissioning reference", importable=False),
        Column("decommission_date", "撤除日期 Decommissioning date", kind=DATE, importable=False),
    ],
    create=_item_create,
    update=_item_update,
    obj_kw="item",
    owner_field="plan_version__plan__department",
    instructions=[
        *COMMON_INSTRUCTIONS,
        "第四条：只能在草稿状态的计划版本中新增或修改事项；计划版本和应用系统填写编号。"
        " / Article 4: items are added or changed in a draft plan version only; give the plan version and system ids.",
        "迁移状态和割接、撤除证明为只读列，请在“登记进度”中填报。"
        " / Status and evidence columns are read-only here: record progress in the plan page.",
        "目标网络与定位规则不一致时须填写经批准的偏离文号。"
        " / A target network other than the placement rule's needs an approved deviation reference.",
    ],
    extra_check=_item_check,
    select_related=("system__owner", "from_network"),
    annotate=_annotate_system_name,
    filterset=MigrationItemFilterSet,
)

BUDGET_LINES = RegistrySpec(
    name="budget-lines",
    title="运维经费预算 O&M budget lines",
    model=BudgetLine,
    columns=[
        *_ref("department", "部门 Department", "org", "部门名称 Department name", required=True),
        Column("fiscal_year", "年度 Fiscal year", kind=INT, required=True),
        _choice("object_kind", "对象类型 Object", BudgetObjectKind.choices, OBJECT_KIND_ZH, required=True),
        *_ref("network", "网络 Network", "network", "网络名称 Network name"),
        Column("system", SYSTEM_H, kind=REF, ref="system", export_field="system_id", help=BY_ID),
        _system_name_column(),
        Column("amount_10k_yuan", "金额（万元） Amount (10k yuan)", kind=DECIMAL, required=True),
        Column("basis", "预算依据 Basis"),
    ],
    create=budget_line_create,
    update=budget_line_update,
    obj_kw="line",
    owner_field="department",
    instructions=[
        *COMMON_INSTRUCTIONS,
        "第十二条：对象类型为“网络”时填写网络、不填应用系统；为“应用系统”时填写应用系统编号、不填网络。"
        " / Article 12: a network line names a network and no system; an application line names a system id only.",
    ],
    annotate=_annotate_system_name,
    filterset=BudgetLineFilterSet,
)


def register_specs() -> None:
    register_ref(
        "plan_version", PlanVersion, "计划版本 plan-version", select_related=("plan__department",), by_name=False
    )
    register_ref("system", ApplicationSystem, "应用系统 system", select_related=("owner",), by_name=False)
    register(MIGRATION_ITEMS)
    register(BUDGET_LINES)
