"""``egovnet project …``: list, show, gate, move, decide — the same services as the UI and the API."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from egovnet.core.errors import ServiceError
from egovnet.projects import gates, queries, services, workflow
from egovnet.projects.models import AuthorityRequest, Project


class Command(BaseCommand):
    help = "Project lifecycle: list | show ID | gate ID | move ID TRANSITION | decide REQUEST (--approve|--reject)."

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

    def handle(self, *args, action: str, **o):
        user = self._user(o.pop("user"))
        try:
            getattr(self, f"do_{action}")(user, **o)
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
