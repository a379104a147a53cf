"""The gate matrix of context.md §4.3 as data, for review sheets before (or without) engine results.

``gate_skeleton()`` lists every gate with its rules "not evaluated" (fail closed: a gate with an
unevaluated blocking rule does not pass); ``merge_results()`` overlays the engine's results by rule id.
"""

from __future__ import annotations

from collections.abc import Iterable

from .data import GateResult, RuleResult

NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

RULE_TITLES = {
    "R-4.2": "涉密（秘密、机密）应用原则上部署在政务内网",
    "R-4.3": "非涉密应用原则上部署在政务外网",
    "R-4.4": "绝密应用按独立涉密系统建设，须有保密部门授权文号",
    "R-4.5": "目标网络偏离须有经批准的偏离记录",
    "R-4.6": "涉密与非涉密混合的应用须拆分部署，跨网交换须经批准",
    "R-6.1": "需求分析列明每个应用的目标网络、覆盖和通信能力需求",
    "R-6.2": "涉密应用的密级和分级保护报同级保密行政管理部门审查",
    "R-6.3": "非涉密应用确定等级保护级别，二级以上向同级公安机关备案",
    "R-6.5": "先定密：每个应用须明确是否涉密",
    "R-7.1": "项目建议书含内网、外网分列的部署和迁移方案",
    "R-7.2": "使用政务内网须经内网协调办公室和保密行政管理部门审核",
    "R-7.3": "使用政务外网须与外网管理中心签订服务协议",
    "R-7.4": "可行性研究报告含具体部署方案及业务专网迁移方案",
    "R-8.1": "评议、评审邀请保密、公安、内网协调、外网管理四方",
    "R-8.2": "缺少上述邀请的评审意见不能满足关口要求",
    "R-9.1": "报批材料附保密审查意见",
    "R-9.2": "报批材料附等级保护备案证明",
    "R-9.3": "报批材料附内网协调办公室审核意见",
    "R-9.4": "报批材料附外网服务协议",
    "R-9.5": "缺少任一附件不得报批",
    "R-9.6": "可研代建议书时在可研报批环节适用上述要求",
    "R-10.1": "地方配套可研须有中央部门关于网络使用的意见",
    "R-10.2": "地方设计不得与国家批复的网络使用要求冲突",
    "R-10.3": "地方批复须引用国家批复文号",
    "A-11.3": "涉密对象试运行前完成分级保护测评和审批",
    "R-11.1": "涉密对象通过分级保护测评并获审批",
    "R-11.2": "非涉密对象通过等级保护测评",
    "R-11.3": "项目完成风险评估（涉密、非涉密分列）",
    "R-11.4": "测评或风险评估未通过不得申请竣工验收",
    "R-11.5": "竣工验收单列网络使用合规检查项",
    "R-12.1": "不得新建业务专网（经批准的例外除外）",
    "R-12.2": "新建业务专网不安排运维经费",
    "R-12.3": "迁移逾期的专网运维经费须复核调整",
}

GATE_MATRIX: list[tuple[str, str, list[str]]] = [
    ("G-NEEDS", "需求分析完成", ["R-6.1", "R-6.5", "R-4.2", "R-4.3", "R-4.4", "R-4.5", "R-4.6"]),
    ("G-NEEDS-REVIEWED", "需求分析报告评议", ["R-8.1", "R-8.2"]),
    ("G-PROPOSAL-DRAFT", "项目建议书编制", ["R-7.1", "R-12.1"]),
    ("G-PROPOSAL-APPRAISED", "项目建议书评审", ["R-8.1", "R-8.2"]),
    (
        "G-PROPOSAL-SUBMIT",
        "项目建议书报批",
        ["R-9.1", "R-9.2", "R-9.3", "R-9.4", "R-9.5", "R-9.6", "R-6.2", "R-6.3", "R-7.2", "R-7.3"],
    ),
    ("G-FSR", "可行性研究报告", ["R-7.4", "R-8.1", "R-12.1"]),
    ("G-LOCAL-FSR", "地方配套可研和设计批复", ["R-10.1", "R-10.2", "R-10.3"]),
    ("G-TRIAL", "试运行前", ["A-11.3"]),
    ("G-ACCEPT-APPLY", "申请竣工验收", ["R-11.1", "R-11.2", "R-11.3", "R-11.4"]),
    ("G-ACCEPT-COMPLETE", "竣工验收", ["R-11.5"]),
    ("G-BUDGET", "年度运维经费", ["R-12.2", "R-12.3"]),
]


def article_for(rule_id: str) -> str:
    """ "R-9.2" → "第九条" (the article a rule of the 1986 pack implements)."""
    number = int(rule_id.split("-", 1)[1].split(".", 1)[0])
    return f"第{NUMERALS[number]}条"


def gate_skeleton(codes: Iterable[str] | None = None) -> list[GateResult]:
    wanted = set(codes) if codes is not None else None
    return [
        GateResult(code, name, [RuleResult(r, article_for(r), RULE_TITLES.get(r, ""), "not_evaluated") for r in rules])
        for code, name, rules in GATE_MATRIX
        if wanted is None or code in wanted
    ]


def merge_results(gates: list[GateResult], results: Iterable[RuleResult]) -> list[GateResult]:
    """Replace each "not evaluated" rule by the engine's result of the same rule id."""
    by_id = {r.rule_id: r for r in results}
    for gate in gates:
        gate.rules = [by_id.get(r.rule_id, r) for r in gate.rules]
    return gates
