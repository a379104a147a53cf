"""The clause-traced rules engine: pure Python over fact snapshots (no ORM anywhere in this package)."""

from egovnet.policy.engine.evaluate import GateVerdict, evaluate, judge_gate, run_rule
from egovnet.policy.engine.gates import GATES, StageGate, named_gate, stage_gate
from egovnet.policy.engine.model import Finding, Outcome, Pack, Rule, RuleContext, Strength, Text
from egovnet.policy.engine.registry import all_packs, get_pack, packs_in_force, register_pack

__all__ = [
    "GATES",
    "Finding",
    "GateVerdict",
    "Outcome",
    "Pack",
    "Rule",
    "RuleContext",
    "StageGate",
    "Strength",
    "Text",
    "all_packs",
    "evaluate",
    "get_pack",
    "judge_gate",
    "named_gate",
    "packs_in_force",
    "register_pack",
    "run_rule",
    "stage_gate",
]
