"""``egovnet om-proposal --year YYYY [--department ID] [--format text|json|xlsx --output FILE] [--save --user NAME]``.

Without ``--save`` the proposal is computed and shown, nothing is written. With ``--save`` it is
generated and stored for review, by the named finance officer (第十二条).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from egovnet.core import permissions
from egovnet.core.errors import ServiceError
from egovnet.migration.export import object_name, proposals_xlsx
from egovnet.migration.models import BudgetLine
from egovnet.migration.services import funding
from egovnet.orgs.models import Organisation

from ._cli import dump_json, reader


class Command(BaseCommand):
    help = "运维经费调整建议 / O&M adjustment proposals per department and year (article 12)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--department", type=int, help="organisation id; default: every department with budget lines"
        )
        parser.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
        parser.add_argument("--output", help="file for --format xlsx")
        parser.add_argument("--as-of", help="date for overdue status (YYYY-MM-DD), default today")
        parser.add_argument("--save", action="store_true", help="store the proposal for review (needs --user)")
        parser.add_argument("--user", help="act / read as this user")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["format"] == "xlsx" and not opts["output"]:
            raise CommandError("--format xlsx 需要 --output 文件 / --format xlsx needs --output FILE")
        if opts["save"] and not opts["user"]:
            raise CommandError("--save 需要 --user（财务人员） / --save needs --user (a finance officer)")
        user = reader(opts["user"])
        try:
            as_of = dt.date.fromisoformat(opts["as_of"]) if opts["as_of"] else dt.date.today()
        except ValueError:
            raise CommandError("--as-of 须为 YYYY-MM-DD / --as-of must be YYYY-MM-DD") from None
        sheets = [self._one(user, dept, opts["year"], as_of, opts["save"]) for dept in self._departments(user, opts)]
        if opts["format"] == "xlsx":
            with open(opts["output"], "wb") as fh:
                fh.write(proposals_xlsx(sheets, user))
            self.stdout.write(f"已写出 written: {opts['output']} ({len(sheets)} 份 proposals)")
        elif opts["format"] == "json":
            self.stdout.write(dump_json([self._as_dict(p, lines, user) for p, lines in sheets]))
        else:
            for p, lines in sheets:
                self._print(p, lines, user)

    def _departments(self, user: Any, opts: dict[str, Any]) -> list[Organisation]:
        orgs = permissions.restrict(Organisation.objects.all(), user, "view")
        if opts["department"]:
            found = list(orgs.filter(pk=opts["department"]))
            if not found:
                raise CommandError(
                    f"部门 {opts['department']} 不存在或不在范围内 / department not found or out of scope"
                )
            return found
        years = [opts["year"], opts["year"] - 1]
        ids = BudgetLine.objects.filter(fiscal_year__in=years).values("department_id")
        return list(orgs.filter(pk__in=ids).order_by("name", "id"))

    def _one(self, user: Any, dept: Organisation, year: int, as_of: dt.date, save: bool) -> tuple[Any, list[Any]]:
        try:
            if save:
                stored = funding.proposal_generate(actor=user, department=dept, fiscal_year=year, as_of=as_of)
                return stored, list(stored.lines.select_related("network", "system").prefetch_related("items"))
            preview = funding.proposal_preview(actor=user, department=dept, fiscal_year=year, as_of=as_of)
        except (PermissionDenied, ServiceError, ValidationError) as exc:
            raise CommandError(f"{dept}: {exc}") from exc
        return funding.preview_as_proposal(department=dept, fiscal_year=year, as_of=as_of, preview=preview)

    def _as_dict(self, p: Any, lines: list[Any], user: Any) -> dict[str, Any]:
        from egovnet.migration.export import item_ids

        return {
            "department_id": p.department_id,
            "department": p.department.name,
            "fiscal_year": p.fiscal_year,
            "stored": p.pk is not None,
            "current_total": str(p.current_total),
            "proposed_total": str(p.proposed_total),
            "lines": [
                {
                    "object_kind": x.object_kind,
                    "object": object_name(x, user),
                    "current_amount": str(x.current_amount),
                    "proposed_amount": str(x.proposed_amount),
                    "change": str(x.proposed_amount - x.current_amount),
                    "rule": x.rule,
                    "article": x.article,
                    "flag_review": x.flag_review,
                    "reason_zh": x.reason_zh,
                    "reason_en": x.reason_en,
                    "items": item_ids(x),
                }
                for x in lines
            ],
        }

    def _print(self, p: Any, lines: list[Any], user: Any) -> None:
        self.stdout.write(
            f"== {p.department.name} {p.fiscal_year} 年度运维经费调整建议 O&M proposal: "
            f"{p.current_total} → {p.proposed_total} 万元 (10k yuan)"
        )
        for x in lines:
            flag = " [复核 review]" if x.flag_review else ""
            self.stdout.write(
                f"  {object_name(x, user)}\t{x.current_amount} → {x.proposed_amount}\t{x.rule} {x.article}{flag}\n"
                f"    {x.reason_zh}\n    {x.reason_en}"
            )
