"""``egovnet project …``: list, show, gate, move, decide, commission, withdraw-commission — the same services as
the UI and the API."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from egovnet.core.errors import ServiceError
from egovnet.projects import gates, queries, services, workflow
from egovnet.projects.choices import Qualification
from egovnet.projects.models import AssessmentAgency, AssessmentCommission, AuthorityRequest, Project, ReviewMeeting


class Command(BaseCommand):
    help = (
        "Project lifecycle: list | show ID | gate ID | move ID TRANSITION | decide REQUEST (--approve|--reject) | "
        "commission ID --agency AGENCY --type TYPE | withdraw-commission COMMISSION --reason TEXT | "
        "cancel-meeting MEETING --reason TEXT | reschedule-meeting MEETING --date YYYY-MM-DD --reason TEXT."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list")
        ls.add_argument("--user", required=True, help="list what this user may see")
        ls.add_argument("--stage")
        for name in ("show", "gate"):
            p = sub.add_parser(name)
            p.add_argument("id", type=int)
            p.add_argument("--user", required=True)
        mv = sub.add_parser("move")
        mv.add_argument("id", type=int)
        mv.add_argument("transition", choices=sorted(workflow.BY_NAME))
        mv.add_argument("--user", required=True)
        mv.add_argument("--note", default="")
        mv.add_argument("--version", type=int, help="the version you read (optimistic locking)")
        de = sub.add_parser("decide")
        de.add_argument("id", type=int)
        de.add_argument("--user", required=True)
        group = de.add_mutually_exclusive_group(required=True)
        group.add_argument("--approve", action="store_true")
        group.add_argument("--reject", action="store_true")
        de.add_argument("--ref", required=True, help="decision reference number")
        de.add_argument("--conditions", default="")
        de.add_argument("--version", type=int)
        co = sub.add_parser("commission", help="commission a registered assessment agency (article 11)")
        co.add_argument("id", type=int)
        co.add_argument("--user", required=True)
        co.add_argument("--agency", type=int, required=True, help="the agency qualification's id")
        co.add_argument("--type", dest="assessment_type", required=True, choices=Qualification.values)
        co.add_argument("--note", default="")
        wd = sub.add_parser("withdraw-commission", help="withdraw a commission that has no result yet")
        wd.add_argument("id", type=int)
        wd.add_argument("--user", required=True)
        wd.add_argument("--reason", required=True)
        wd.add_argument("--version", type=int)

        cm = sub.add_parser("cancel-meeting", help="cancel a review meeting (it no longer counts, article 8)")
        cm.add_argument("id", type=int)
        cm.add_argument("--user", required=True)
        cm.add_argument("--reason", required=True)
        cm.add_argument("--version", type=int)
        rm = sub.add_parser("reschedule-meeting", help="move a review meeting to another date")
        rm.add_argument("id", type=int)
        rm.add_argument("--user", required=True)
        rm.add_argument("--date", required=True, type=dt.date.fromisoformat)
        rm.add_argument("--reason", required=True)
        rm.add_argument("--version", type=int)

    def handle(self, *args, action: str, **o):
        user = self._user(o.pop("user"))
        try:
            getattr(self, f"do_{action.replace('-', '_')}")(user, **o)
        except (ServiceError, PermissionDenied, ValidationError) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from exc

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"--user: no active user {username!r}") from None

    def _project(self, user, pk: int) -> Project:
        try:
            return queries.visible_projects(user).select_related("owner", "approver").get(pk=pk)
        except Project.DoesNotExist:
            raise CommandError(f"project {pk}: not found or outside your scope") from None

    def do_list(self, user, stage=None, **_):
        qs = queries.visible_projects(user).select_related("owner").order_by("-id")
        if stage:
            qs = qs.filter(stage=stage)
        for p in qs.iterator(chunk_size=500):
            self.stdout.write(f"{p.pk}\t{p.stage}\t{p.status}\tv{p.version}\t{p.owner.name}\t{p.name}")

    def do_show(self, user, id: int, **_):
        p = self._project(user, id)
        self.stdout.write(f"{p.pk} {p.name} · {p.owner.name} · {p.stage} ({p.status}) · v{p.version}")
        for t in p.transitions.select_related("actor").order_by("at", "id"):
            self.stdout.write(f"  {t.at:%Y-%m-%d %H:%M} {t.actor} {t.from_stage} → {t.to_stage} {t.gate} {t.note}")
        self.stdout.write("next: " + ", ".join(t.name for t in workflow.available(user, p)))
        self.do_gate(user, id)

    def do_gate(self, user, id: int, **_):
        v = gates.judge(self._project(user, id))
        self.stdout.write(f"{v.gate}: {'PASS 可通过' if v.can_advance else 'BLOCKED 未通过'}")
        for f in v.failing:
            self.stdout.write(f"  {f.line()}")

    def do_move(self, user, id: int, transition: str, note: str, version=None, **_):
        p = self._project(user, id)
        p = workflow.transition(actor=user, project=p, name=transition, note=note,
                                expected_version=version if version is not None else p.version)  # fmt: skip
        self.stdout.write(f"{p.pk}\t{p.stage}\t{p.status}\tv{p.version}")

    def do_decide(self, user, id: int, approve: bool, reject: bool, ref: str, conditions: str, version=None, **_):
        try:
            req = AuthorityRequest.objects.select_related("authority").get(pk=id)
        except AuthorityRequest.DoesNotExist:
            raise CommandError(f"request {id}: not found") from None
        req = services.request_decide(actor=user, request=req, approve=approve, decision_ref=ref, conditions=conditions,
                                      expected_version=version if version is not None else req.version)  # fmt: skip
        self.stdout.write(f"{req.pk}\t{req.status}\tevidence doc-{req.evidence_id}")

    def do_commission(self, user, id: int, agency: int, assessment_type: str, note: str, **_):
        project = self._project(user, id)
        try:
            chosen = AssessmentAgency.objects.select_related("organisation").get(pk=agency)
        except AssessmentAgency.DoesNotExist:
            raise CommandError(f"--agency: no registered agency qualification {agency}") from None
        c = services.commission_create(actor=user, project=project, agency=chosen,
                                       assessment_type=assessment_type, note=note)  # fmt: skip
        self.stdout.write(f"{c.pk}	{c.status}	{c.assessment_type}	{chosen.organisation.name}")

    def do_withdraw_commission(self, user, id: int, reason: str, version=None, **_):
        owned = AssessmentCommission.objects.filter(project__in=queries.visible_projects(user, reported=False))
        try:
            c = owned.select_related("project__owner").get(pk=id)
        except AssessmentCommission.DoesNotExist:
            raise CommandError(f"commission {id}: not found or outside your scope") from None
        c = services.commission_withdraw(actor=user, commission=c, reason=reason,
                                         expected_version=version if version is not None else c.version)  # fmt: skip
        self.stdout.write(f"{c.pk}	{c.status}	v{c.version}")

    def _meeting(self, user, pk: int) -> ReviewMeeting:
        visible = ReviewMeeting.objects.filter(project__in=queries.visible_projects(user))
        try:
            return visible.select_related("organiser").get(pk=pk)
        except ReviewMeeting.DoesNotExist:
            raise CommandError(f"meeting {pk}: not found or outside your scope") from None

    def do_cancel_meeting(self, user, id: int, reason: str, version=None, **_):
        m = self._meeting(user, id)
        m = services.meeting_cancel(actor=user, meeting=m, reason=reason,
                                    expected_version=version if version is not None else m.version)  # fmt: skip
        self.stdout.write(f"{m.pk}\tcancelled\tv{m.version}")

    def do_reschedule_meeting(self, user, id: int, date: dt.date, reason: str, version=None, **_):
        m = self._meeting(user, id)
        m = services.meeting_reschedule(actor=user, meeting=m, date=date, reason=reason,
                                        expected_version=version if version is not None else m.version)  # fmt: skip
        self.stdout.write(f"{m.pk}\t{m.date}\tv{m.version}")
