"""Excel export of O&M adjustment proposals (第十二条): a summary sheet and one sheet per proposal."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from egovnet.systems.queries import shown_name

from .models import OmProposal, OmProposalLine

SUMMARY_HEADERS = ["部门", "年度", "状态", "现有合计（万元）", "建议合计（万元）", "增减（万元）", "行数", "需复核行数"]
LINE_HEADERS = [
    "序号",
    "对象类型",
    "对象名称",
    "预算依据",
    "现有金额（万元）",
    "建议金额（万元）",
    "增减（万元）",
    "规则",
    "条款",
    "理由",
    "Reason",
    "需复核",
    "关联迁移事项",
    "审核结论",
    "审定金额（万元）",
    "修改理由",
]
_BAD = re.compile(r"[\[\]:*?/\\]")
_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")


def object_name(line: OmProposalLine, user: Any) -> str:
    if line.network_id:
        return line.network.name
    if line.system_id:
        return shown_name(user, line.system)
    return ""


def item_ids(line: OmProposalLine) -> list[int]:
    """Justifying item ids of a stored line, or of an unsaved preview line (what-if, CLI preview)."""
    preview = getattr(line, "preview_item_ids", None)
    return list(preview) if preview is not None else [i.pk for i in line.items.all()]


def item_labels(line: OmProposalLine, user: Any) -> list[str]:
    """ "#id name" of the justifying items (names redacted as for any reader; ids only for previews)."""
    preview = getattr(line, "preview_item_ids", None)
    if preview is not None:
        return [f"#{i}" for i in preview]
    return [f"#{i.pk} {shown_name(user, i.system)}" for i in line.items.all()]


def stored_sheets(proposals: Iterable[OmProposal]) -> list[tuple[OmProposal, list[OmProposalLine]]]:
    """Stored proposals with their lines in three queries (proposals must be restricted already)."""
    proposals = list(proposals)
    lines = (
        OmProposalLine.objects.filter(proposal__in=proposals)
        .select_related("network", "system")
        .prefetch_related("items__system")
        .order_by("proposal_id", "id")
    )
    by_proposal: dict[int, list[OmProposalLine]] = {}
    for line in lines:
        by_proposal.setdefault(line.proposal_id, []).append(line)
    return [(p, by_proposal.get(p.pk, [])) for p in proposals]


def _header(ws: Any, headers: list[str]) -> None:
    ws.append(headers)
    for col, _ in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = _HEAD, _FILL
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = "A2"


def _sheet_title(proposal: OmProposal, used: set[str]) -> str:
    base = (
        _BAD.sub("", f"{proposal.department.short_name or proposal.department.name}")[:24] + f"-{proposal.fiscal_year}"
    )
    title, n = base, 1
    while title in used:
        n += 1
        title = f"{base[:28]}~{n}"
    used.add(title)
    return title


def _line_row(n: int, line: OmProposalLine, user: Any) -> list[Any]:
    return [
        n,
        line.get_object_kind_display(),
        object_name(line, user),
        line.basis,
        float(line.current_amount),
        float(line.proposed_amount),
        float(line.proposed_amount - line.current_amount),
        line.rule,
        line.article,
        line.reason_zh,
        line.reason_en,
        "是" if line.flag_review else "否",
        "、".join(item_labels(line, user)),
        line.get_decision_display(),
        float(line.decided_amount) if line.decided_amount is not None else None,
        line.amendment_reason,
    ]


def proposals_workbook(sheets: list[tuple[OmProposal, list[OmProposalLine]]], user: Any) -> Workbook:
    """Build the workbook from (proposal, lines) pairs already restricted to the reader's scope."""
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    _header(summary, SUMMARY_HEADERS)
    used = {"汇总"}
    for proposal, rows in sheets:
        summary.append(
            [
                proposal.department.name,
                proposal.fiscal_year,
                proposal.get_status_display(),
                float(proposal.current_total),
                float(proposal.proposed_total),
                float(proposal.proposed_total - proposal.current_total),
                len(rows),
                sum(1 for r in rows if r.flag_review),
            ]
        )
        ws = wb.create_sheet(_sheet_title(proposal, used))
        _header(ws, LINE_HEADERS)
        for n, line in enumerate(rows, start=1):
            ws.append(_line_row(n, line, user))
        for row in ws.iter_rows(min_row=2, min_col=10, max_col=11):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions["J"].width = ws.column_dimensions["K"].width = 60
    return wb


def proposals_xlsx(sheets: list[tuple[OmProposal, list[OmProposalLine]]], user: Any) -> bytes:
    buffer = io.BytesIO()
    proposals_workbook(sheets, user).save(buffer)
    return buffer.getvalue()
