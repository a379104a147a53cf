"""Gates (context.md §4.3) and the stage → gate mapping used by ``egovnet check-dossier``.

A gate is a named set of rules; a rule declares the gates it belongs to. A gate passes when none
of its blocking (MUST / IN-PRINCIPLE) rules fails or is indeterminate. Packs may add rules to an
existing gate (gov-2019-57 adds R-9.7 to G-PROPOSAL-SUBMIT) without any change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from egovnet.policy.engine.model import Text

GATES: dict[str, Text] = {
    "G-NEEDS": Text("需求分析完成（网络部署、覆盖面、通信能力、定密定级）", "Needs analysis complete"),
    "G-NEEDS-REVIEWED": Text("需求分析报告评议", "Needs-analysis report deliberated"),
    "G-PROPOSAL-DRAFT": Text("项目建议书内容（部署和迁移计划）", "Project proposal content"),
    "G-PROPOSAL-APPRAISED": Text("项目建议书评审", "Project proposal appraised"),
    "G-PROPOSAL-SUBMIT": Text("向国家发展改革委报送项目建议书（附件）", "Proposal submission to NDRC (attachments)"),
    "G-FSR": Text("可行性研究报告内容及评审", "Feasibility study content and appraisal"),
    "G-LOCAL-FSR": Text("共建项目地方可研审批", "Co-built local feasibility approval"),
    "G-LOCAL-DESIGN": Text("共建项目地方初步设计和概算审批", "Co-built local design and estimate approval"),
    "G-TRIAL": Text("试运行前（涉密系统分级保护测评和审批）", "Before trial operation"),
    "G-ACCEPT-APPLY": Text("申请竣工验收（测评和风险评估）", "Apply for completion acceptance"),
    "G-ACCEPT-COMPLETE": Text("竣工验收（网络使用单独列项检查）", "Completion acceptance"),
    "G-BUDGET": Text("年度运行维护经费安排", "Annual O&M budget"),
}


@dataclass(frozen=True)
class StageGate:
    """The gate for completing a stage: a name and the union of gates it comprises."""

    name: str
    stage: str
    gates: tuple[str, ...]


def stage_gate(stage: str, *, approval_path: str = "full", cobuilt: bool = False) -> StageGate:
    """The gate judged when a project wants to complete ``stage`` (documented in docs/rules/README.md)."""
    simplified = approval_path == "simplified"
    if stage == "needs_analysis":
        gates: tuple[str, ...] = ("G-NEEDS", "G-NEEDS-REVIEWED")
    elif stage == "proposal":
        gates = ("G-PROPOSAL-DRAFT", "G-PROPOSAL-APPRAISED", "G-PROPOSAL-SUBMIT")
    elif stage == "feasibility":
        gates = ("G-FSR",)
        if simplified:  # the FSR stands in for the proposal
            gates = ("G-PROPOSAL-DRAFT", "G-PROPOSAL-SUBMIT", "G-FSR")
        if cobuilt:
            gates = (*gates, "G-LOCAL-FSR")
    elif stage == "preliminary_design":
        gates = ("G-LOCAL-DESIGN",) if cobuilt else ()
    elif stage in ("construction", "trial_operation"):
        gates = ("G-TRIAL",)
    elif stage == "acceptance_application":
        gates = ("G-ACCEPT-APPLY",)
    elif stage == "completion_acceptance":
        gates = ("G-ACCEPT-COMPLETE",)
    else:
        raise ValueError(f"unknown stage {stage!r}")
    return StageGate(name="+".join(gates) if gates else "G-NONE", stage=stage, gates=gates)


def named_gate(name: str, stage: str = "") -> StageGate:
    """A single gate or a '+'-joined union (e.g. ``G-NEEDS+G-NEEDS-REVIEWED``) chosen explicitly."""
    parts = tuple(p for p in name.split("+") if p)
    unknown = [p for p in parts if p not in GATES]
    if not parts or unknown:
        raise ValueError(f"unknown gate {', '.join(unknown) or name!r}; known: {', '.join(GATES)}")
    return StageGate(name=name, stage=stage, gates=parts)
