"""O&M funding services (第十二条): generate, preview (what-if), review and accept adjustment proposals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import ServiceError
from egovnet.core.services import create_object, update_object
from egovnet.networks.models import Network
from egovnet.policy.packs.ndrc_2012_1986.funding import LineFact, LineProposal, notice_baseline, propose_line
from egovnet.systems.models import ApplicationSystem

from ..choices import ItemStatus, LineDecision, ProposalStatus
from ..models import BudgetLine, OmProposal, OmProposalLine
from .facts import DepartmentFacts, apply_overrides, department_facts


@dataclass(frozen=True)
class PreviewLine:
    line: LineFact
    basis: str
    result: LineProposal

    @property
    def change(self) -> Decimal:
        return self.result.proposed - self.line.amount


def funding_preview(facts: DepartmentFacts, as_of: dt.date) -> list[PreviewLine]:
    """Pure: apply the pack's funding rules of 第十二条 to every budget line of the facts."""
    out = []
    baseline = notice_baseline(as_of)
    for line in facts.lines:
        network = facts.networks.get(line.network_id) if line.network_id else None
        result = propose_line(line, network=network, items=facts.items_for(line), as_of=as_of, baseline=baseline)
        out.append(PreviewLine(line=line, basis=_basis(facts, line, result), result=result))
    return out


def _basis(facts: DepartmentFacts, line: LineFact, result: LineProposal) -> str:
    """What the proposal is based on: the line's own basis plus, for a reduction, the amount it starts from."""
    own = facts.line_meta.get(line.line_id, {}).get("basis", "")
    if not result.base_zh:
        return own
    based = f"核减基数：{result.base_zh} / Base of the reduction: {result.base_en}"
    return f"{own}；{based}" if own else based


def preview_as_proposal(
    *, department: Any, fiscal_year: int, as_of: dt.date, preview: list[PreviewLine]
) -> tuple[OmProposal, list[OmProposalLine]]:
    """Unsaved proposal and lines for display or export of a preview (nothing is written)."""
    proposal = OmProposal(department=department, fiscal_year=fiscal_year, as_of=as_of)
    lines = []
    for p in preview:
        line = _line_for(proposal, p)
        line.preview_item_ids = p.result.item_ids
        lines.append(line)
    _attach_objects(lines)
    proposal.current_total = sum((x.current_amount for x in lines), Decimal("0"))
    proposal.proposed_total = sum((x.proposed_amount for x in lines), Decimal("0"))
    return proposal, lines


def _attach_objects(lines: list[OmProposalLine]) -> None:
    """Set networks and systems on unsaved lines in two queries (no per-line lookups)."""
    networks = Network.objects.in_bulk({x.network_id for x in lines if x.network_id})
    systems = ApplicationSystem.objects.in_bulk({x.system_id for x in lines if x.system_id})
    for x in lines:
        if x.network_id:
            x.network = networks[x.network_id]
        if x.system_id:
            x.system = systems[x.system_id]


def _line_for(proposal: OmProposal, p: PreviewLine, budget_line: BudgetLine | None = None) -> OmProposalLine:
    return OmProposalLine(
        proposal=proposal,
        budget_line=budget_line,
        object_kind=p.line.object_kind,
        network_id=p.line.network_id,
        system_id=p.line.system_id,
        basis=p.basis,
        current_amount=p.line.amount,
        proposed_amount=p.result.proposed,
        rule=p.result.rule,
        article=p.result.article,
        reason_zh=p.result.reason_zh,
        reason_en=p.result.reason_en,
        flag_review=p.result.flag_review,
    )


def _authorize_view(actor: Any, department: Any) -> None:
    permissions.authorize_for_org(actor, "view", OmProposal, department)


def proposal_preview(
    *, actor: Any, department: Any, fiscal_year: int, as_of: dt.date | None = None, overrides: dict | None = None
) -> list[PreviewLine]:
    """The proposal that would be generated, optionally under what-if overrides. Writes nothing."""
    _authorize_view(actor, department)
    as_of = as_of or timezone.localdate()
    facts = department_facts(department.pk, fiscal_year, as_of)
    if overrides:
        facts = apply_overrides(facts, parse_overrides(overrides))
    return funding_preview(facts, as_of)


def parse_overrides(raw: dict) -> dict[int, dict[str, Any]]:
    """Validate what-if input: {"<item id>": {"planned_date": "YYYY-MM-DD", "status": "...", "exclude": bool}}."""
    parsed: dict[int, dict[str, Any]] = {}
    if not isinstance(raw, dict):
        raise ValidationError({"overrides": "须为对象 / must be an object keyed by item id"})
    for key, change in raw.items():
        try:
            item_id = int(key)
        except (TypeError, ValueError):
            raise ValidationError({"overrides": f"事项编号无效 / invalid item id {key!r}"}) from None
        if not isinstance(change, dict):
            raise ValidationError({"overrides": f"事项 {item_id}：须为对象 / item {item_id}: must be an object"})
        entry: dict[str, Any] = {}
        if change.get("planned_date"):
            try:
                entry["planned_date"] = dt.date.fromisoformat(str(change["planned_date"]))
            except ValueError:
                raise ValidationError(
                    {
                        "overrides": f"事项 {item_id}：日期格式应为 YYYY-MM-DD / item {item_id}: planned_date must be YYYY-MM-DD"
                    }
                ) from None
        if change.get("status"):
            if change["status"] not in ItemStatus.values:
                raise ValidationError({"overrides": f"事项 {item_id}：未知状态 / item {item_id}: unknown status"})
            entry["status"] = change["status"]
        if change.get("exclude"):
            entry["exclude"] = True
        parsed[item_id] = entry
    return parsed


def proposal_generate(*, actor: Any, department: Any, fiscal_year: int, as_of: dt.date | None = None) -> OmProposal:
    """Create (or regenerate, while under review) the adjustment proposal of a department and year."""
    permissions.authorize_for_org(actor, "add", OmProposal, department)
    as_of = as_of or timezone.localdate()
    preview = funding_preview(department_facts(department.pk, fiscal_year, as_of), as_of)
    with transaction.atomic():
        existing = OmProposal.objects.select_for_update().filter(department=department, fiscal_year=fiscal_year).first()
        if existing and existing.status == ProposalStatus.ACCEPTED:
            raise ServiceError(
                f"第十二条：{department} {fiscal_year} 年度运维经费调整建议已接受，不能重新生成。"
                f" / Article 12: the {fiscal_year} proposal of {department} is accepted and cannot be regenerated.",
                code="accepted",
            )
        if existing:
            existing.lines.all().delete()
            proposal = update_object(
                actor=actor,
                obj=existing,
                changes={"as_of": as_of, "generated_by": actor},
                expected_version=None,
                reason="regenerate",
            )
        else:
            proposal = create_object(
                actor=actor,
                model=OmProposal,
                data={"department": department, "fiscal_year": fiscal_year, "as_of": as_of, "generated_by": actor},
            )
        _write_lines(proposal, preview)
        _refresh_totals(proposal)
        audit.record(
            actor=actor, action=AuditAction.DECIDE, obj=proposal, after={"lines": len(preview)}, reason="generate"
        )
    return proposal


def _write_lines(proposal: OmProposal, preview: list[PreviewLine]) -> None:
    budget = {b.pk: b for b in BudgetLine.objects.filter(pk__in=[p.line.line_id for p in preview])}
    rows = [_line_for(proposal, p, budget.get(p.line.line_id)) for p in preview]
    created = OmProposalLine.objects.bulk_create(rows)
    through = OmProposalLine.items.through
    through.objects.bulk_create(
        [
            through(omproposalline_id=row.pk, migrationitem_id=item_id)
            for row, p in zip(created, preview, strict=True)
            for item_id in p.result.item_ids
        ]
    )


def _final_amount(line: OmProposalLine) -> Decimal:
    return line.decided_amount if line.decided_amount is not None else line.proposed_amount


def _refresh_totals(proposal: OmProposal) -> None:
    lines = list(proposal.lines.only("current_amount", "proposed_amount", "decided_amount"))
    proposal.current_total = sum((x.current_amount for x in lines), Decimal("0"))
    proposal.proposed_total = sum((_final_amount(x) for x in lines), Decimal("0"))
    proposal.save(update_fields=["current_total", "proposed_total"])


def _require_open(proposal: OmProposal) -> None:
    if proposal.status != ProposalStatus.DRAFT:
        raise ServiceError(
            "第十二条：该调整建议已接受，不可再修改。 / Article 12: this proposal is accepted and read-only.",
            code="accepted",
        )


def line_decide(
    *,
    actor: Any,
    line: OmProposalLine,
    expected_version: int | None,
    accept: bool,
    amount: Decimal | None = None,
    reason: str = "",
) -> OmProposalLine:
    """A finance officer accepts the proposed amount, or amends it with a reason."""
    proposal = line.proposal
    permissions.authorize_for_org(actor, "decide", OmProposal, proposal.department)
    _require_open(proposal)
    if accept:
        changes = {"decision": LineDecision.ACCEPTED, "decided_amount": line.proposed_amount, "amendment_reason": ""}
    else:
        if amount is None or amount < 0:
            raise ValidationError({"amount": "修改须填写不小于 0 的金额。 / An amendment needs an amount ≥ 0."})
        if not reason.strip():
            raise ValidationError(
                {"reason": "第十二条：修改建议金额须说明理由。 / Article 12: an amendment needs a reason."}
            )
        changes = {"decision": LineDecision.AMENDED, "decided_amount": amount, "amendment_reason": reason}
    changes.update(decided_by=actor, decided_at=timezone.now())
    with transaction.atomic():
        line = update_object(actor=actor, obj=line, changes=changes, expected_version=expected_version, reason=reason)
        _refresh_totals(proposal)
    return line


def proposal_accept(*, actor: Any, proposal: OmProposal, expected_version: int | None) -> OmProposal:
    permissions.authorize_for_org(actor, "decide", OmProposal, proposal.department)
    _require_open(proposal)
    pending = proposal.lines.filter(decision=LineDecision.PENDING).count()
    if pending:
        raise ServiceError(
            f"第十二条：还有 {pending} 行未审核（接受或修改），不能接受整份建议。"
            f" / Article 12: {pending} line(s) are still pending; accept or amend each line first.",
            code="pending_lines",
            details={"pending": pending},
        )
    return update_object(
        actor=actor,
        obj=proposal,
        changes={"status": ProposalStatus.ACCEPTED, "accepted_by": actor, "accepted_at": timezone.now()},
        expected_version=expected_version,
        reason="accept",
    )
