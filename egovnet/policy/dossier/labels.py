"""Field names of the dossier format in words, for messages that name the field (Chinese / English).

Pure Python like the rest of the dossier package: ``egovnet check-dossier`` runs without Django."""

from __future__ import annotations

import re

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "addresses_network_use": ("是否说明网络使用", "addresses network use"),
    "amount_10k_yuan": ("金额（万元）", "amount (10k yuan)"),
    "application": ("应用", "application"),
    "applications": ("应用系统", "applications"),
    "approval_path": ("审批程序", "approval path"),
    "approval_regime": ("审批体制", "approval regime"),
    "approved": ("是否已批准", "approved"),
    "approver": ("批准机关", "approver"),
    "approves": ("批复对象", "approves"),
    "bandwidth_mbps": ("带宽（Mbps）", "bandwidth (Mbps)"),
    "body": ("受邀单位类别", "invited body"),
    "budget_lines": ("预算项", "budget lines"),
    "built_on": ("建设方式", "built on"),
    "cancelled": ("是否取消", "cancelled"),
    "carried_apps": ("承载的应用", "carried applications"),
    "carries": ("承载内容", "carries"),
    "classified": ("是否涉密", "classified"),
    "cobuilt": ("是否共建", "co-built"),
    "counties_covered": ("已覆盖县数", "counties covered"),
    "counties_total": ("县总数", "counties in total"),
    "coverage": ("覆盖情况", "coverage"),
    "coverage_levels": ("覆盖层级", "coverage levels"),
    "covers": ("涵盖对象", "covers"),
    "cross_department": ("是否跨部门", "cross-department"),
    "cross_region": ("是否跨地区", "cross-region"),
    "current_network": ("当前网络", "current network"),
    "date": ("日期", "date"),
    "dedicated_networks": ("业务专网", "dedicated networks"),
    "dedicated_to_single_department": ("是否单一部门专用", "dedicated to one department"),
    "department": ("部门", "department"),
    "departments": ("部门", "departments"),
    "deployed_network": ("实际部署网络", "deployed network"),
    "deviations": ("偏离事项", "deviations"),
    "division": ("行政区划代码", "division code"),
    "documents": ("文件材料", "documents"),
    "done": ("是否完成", "done"),
    "established_on": ("建成日期", "established on"),
    "expires": ("到期日", "expires"),
    "extranet_connected": ("是否接入政务外网", "connected to the extranet"),
    "filing_stage": ("备案阶段", "filing stage"),
    "fiscal_year": ("财政年度", "fiscal year"),
    "format": ("格式标识", "format"),
    "from_network": ("迁出网络", "from network"),
    "hardware_only": ("是否仅购置硬件", "hardware only"),
    "has_implementation_scheme": ("是否有实施方案", "has an implementation scheme"),
    "has_migration_plan": ("是否有迁移计划", "has a migration plan"),
    "id": ("标识", "id"),
    "in_beijing": ("是否在京", "in Beijing"),
    "in_lieu_of_proposal": ("是否代替项目建议书", "in lieu of the proposal"),
    "in_national_plan": ("是否列入国家规划", "in the national plan"),
    "incorporated_into": ("并入网络", "incorporated into"),
    "interconnects_own_sites": ("是否互联本部门各地点", "interconnects own sites"),
    "invited": ("邀请单位", "invited"),
    "issuer": ("出具机关", "issuer"),
    "items": ("事项", "items"),
    "kind": ("类别", "kind"),
    "legal_basis": ("依据", "legal basis"),
    "level": ("层级", "level"),
    "link_to_central": ("是否连通中央", "linked to the centre"),
    "local_part": ("地方部分", "local part"),
    "local_parts": ("地方部分", "local parts"),
    "migration_items": ("迁移事项", "migration items"),
    "mixed_content": ("是否混合内容", "mixed content"),
    "mlps_level": ("等保级别", "MLPS level"),
    "name": ("名称", "name"),
    "national_approval_ref": ("国家批复文号", "national approval reference"),
    "nationwide": ("是否全国性", "nationwide"),
    "network_components": ("网络组成部分", "network components"),
    "network_use_na_reason": ("不使用政务网络的理由", "reason the network use does not apply"),
    "new_or_extended": ("是否新建或扩建", "new or extended"),
    "non_classified_apps": ("非涉密应用数", "non-classified applications"),
    "object_id": ("对象标识", "object id"),
    "object_kind": ("对象类别", "object kind"),
    "opaque": ("是否不公开内容", "opaque"),
    "opinion_recorded": ("是否记录评审意见", "opinion recorded"),
    "owner": ("建设单位", "owner"),
    "parts": ("组成部分", "parts"),
    "planned_date": ("计划日期", "planned date"),
    "prefectures_covered": ("已覆盖地市数", "prefectures covered"),
    "prefectures_total": ("地市总数", "prefectures in total"),
    "project": ("项目", "project"),
    "province": ("省份", "province"),
    "provincial_networks": ("省级网络", "provincial networks"),
    "public_facing": ("是否面向公众", "public-facing"),
    "qualification": ("资质类别", "qualification"),
    "qualification_valid_to": ("资质有效期至", "qualification valid to"),
    "reason": ("理由", "reason"),
    "ref_no": ("文号", "reference number"),
    "references": ("引用文件", "references"),
    "registry": ("登记信息", "registry"),
    "result": ("结论", "result"),
    "reviews": ("评审", "reviews"),
    "rule": ("规则", "rule"),
    "secrecy_grade": ("密级", "secrecy grade"),
    "sections": ("章节", "sections"),
    "sent_date": ("发出日期", "sent date"),
    "serves": ("服务的应用", "serves"),
    "shares_basic_info": ("是否共享基础信息", "shares basic information"),
    "simplified_basis": ("简化程序依据", "basis of the simplified path"),
    "stage": ("阶段", "stage"),
    "subject": ("对象", "subject"),
    "target_network": ("目标网络", "target network"),
    "to_network": ("迁入网络", "to network"),
    "total_investment_10k_yuan": ("总投资（万元）", "total investment (10k yuan)"),
    "type": ("类型", "type"),
    "unification_plan": ("是否有统一规划", "unification plan"),
    "uniformly_graded": ("是否统一定级", "uniformly graded"),
}

_PART = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def field_label(path: str) -> tuple[str, str]:
    """``applications[1].mlps_level`` → ("应用系统第2项 › 等保级别", "applications #2 › MLPS level")."""
    zh: list[str] = []
    en: list[str] = []
    for name, index in _PART.findall(path):
        if index:
            zh[-1:] = [f"{zh[-1]}第{int(index) + 1}项"] if zh else [f"第{int(index) + 1}项"]
            en[-1:] = [f"{en[-1]} #{int(index) + 1}"] if en else [f"#{int(index) + 1}"]
        else:
            label = FIELD_LABELS.get(name, (name, name))
            zh.append(label[0])
            en.append(label[1])
    return (" › ".join(zh) or "整个文件", " › ".join(en) or "the whole file")
