"""Web UI of the project lifecycle: my projects, the project page, my tasks, decide, add evidence/requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from egovnet.core import permissions
from egovnet.orgs.models import Organisation
from egovnet.policy.choices import SubjectType
from egovnet.policy.deviations import deviation_create
from egovnet.policy.models import PolicyDeviation
from egovnet.systems import redaction
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, annotate_visibility, visible_systems

from . import forms, labels, queries, services, workflow
from .choices import NetworkUseSubCheck, ProjectStatus, Stage
from .models import (
    AssessmentCommission,
    AuthorityRequest,
    Evidence,
    ExpertInvitation,
    Project,
    ProjectApplication,
    ReviewMeeting,
)
from .view_helpers import attempt as _attempt
from .view_helpers import attempt_call
from .view_helpers import project_or_404 as _project_or_404
from .views_agency import agency_project_page


@login_required
def project_list(request):
    qs = queries.visible_projects(request.user).select_related("owner").order_by("-id")
    stage, status, blocked = request.GET.get("stage"), request.GET.get("status"), request.GET.get("blocked")
    owner = request.GET.get("owner", "").strip()
    if stage:
        qs = qs.filter(stage=stage)
    if status:
        qs = qs.filter(status=status)
    if owner:  # the picked organisation's id (or "<id> <name>"); its subtree, within the reader's scope
        key = owner.split()[0]
        org = Organisation.objects.filter(pk=key).only("path").first() if key.isdigit() and len(key) <= 18 else None
        qs = qs.filter(owner__path__startswith=org.path) if org is not None else qs.none()
    if blocked:
        qs = qs.filter(Exists(queries.blocking_findings().filter(subject_id=Cast(OuterRef("pk"), CharField()))))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    queries.attach_blocking_rules(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    context = {"page": page, "stage": stage, "status": status, "blocked": blocked, "owner": owner,
               "may_add": may_add(request.user), "stages": Stage.choices, "statuses": ProjectStatus.choices,
               "page_query": params.urlencode()}  # fmt: skip
    return render(request, "projects/project_list.html", context)


def may_add(user) -> bool:
    """Whether the user holds a role that may register projects (``project_create`` authorizes the owner)."""
    return permissions.has_any_grant(user, "add", Project)


def may(user, project: Project) -> dict[str, bool]:
    """The actions the project page offers: those its services would authorize (fail closed)."""
    owners = [project.owner] + [lp.owner for lp in project.local_parts.select_related("owner")]
    return {
        "edit": permissions.can_for_org(user, "change", Project, project.owner),
        "request": any(permissions.can_for_org(user, "add", AuthorityRequest, o) for o in owners),
        "meeting": project.approver is not None
        and permissions.can_for_org(user, "add", ReviewMeeting, project.approver),
    }


@login_required
def project_detail(request, pk: int):
    project = _project_or_404(request, pk, commissioned=True)
    if queries.agency_only(request.user, project):
        return agency_project_page(request, project)
    systems = annotate_visibility(ApplicationSystem.objects.all(), request.user)
    apps = (
        ProjectApplication.objects.filter(project=project)
        .select_related("local_part")
        .prefetch_related(Prefetch("system", queryset=systems))
        .order_by("id")
    )
    evidence = (
        Evidence.objects.filter(project=project).select_related("issuer", "local_part").order_by("doc_type", "id")
    )
    reqs = AuthorityRequest.objects.filter(project=project).select_related("authority").order_by("-id")
    meetings = (
        ReviewMeeting.objects.filter(project=project)
        .select_related("organiser")
        .prefetch_related(Prefetch("invitations", queryset=ExpertInvitation.objects.select_related("invitee")))
    )
    apps, evidence = list(apps), list(evidence)
    local_parts = list(project.local_parts.select_related("owner", "local_drc")) if project.cobuilt else []
    names = labels.fact_names(apps, local_parts, evidence, REDACTED_NAME)
    raw_verdict = workflow.next_gate(project, request.user)
    verdict = labels.readable_verdict(raw_verdict, names)
    transitions = workflow.available(request.user, project)
    context = {
        "redacted": REDACTED_NAME,
        "project": project,
        "applications": apps,
        "evidence": evidence,
        "requests": reqs,
        "meetings": meetings,
        "timeline": project.transitions.select_related("actor").order_by("at", "id"),
        "verdict": verdict,
        "raw_verdict": raw_verdict,  # with fact ids, as the tasks derivation reads it
        "transitions": transitions,
        "actions": labels.gated_actions(transitions, verdict),
        "steps": labels.stage_steps(project),
        "local_parts": local_parts,
        "evidence_form": forms.EvidenceForm(
            applications=project.applications.all(),
            issuers=forms.issuer_choices(project),
            local_parts=project.local_parts.all(),
        ),
        "request_form": forms.RequestForm(applications=project.applications.all()),
        "application_form": forms.ApplicationForm(systems=visible_systems(request.user).filter(owner=project.owner)),
        "meeting_form": forms.MeetingForm(),
        "local_part_form": forms.LocalPartForm() if project.cobuilt else None,
        "acceptance_form": forms.AcceptanceCheckForm(),
        "commissions": project.commissions.select_related("agency__organisation", "report").order_by("id"),
        "commission_form": forms.CommissionForm(),
        "may_commission": permissions.can_for_org(request.user, "add", AssessmentCommission, project.owner),
        "may": may(request.user, project),
        "deviations": project_deviations(project),
        "deviation_form": forms.DeviationForm(project=project) if may_record_deviation(request.user, project) else None,
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def project_transition(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        _attempt(request, lambda: workflow.transition(actor=request.user, project=project, name=d["transition"],
                                                      note=d["note"], expected_version=d["version"]),
                 success="已办理 / Done.")  # fmt: skip
    return redirect("projects:project_detail", pk=pk)


@login_required
def project_add(request):
    if not may_add(request.user):
        raise PermissionDenied("无权登记建设项目 / You may not register projects.")
    form = forms.ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        ok, p = attempt_call(request, lambda: services.project_create(actor=request.user, owner=d.pop("owner"),
                                                                      name=d.pop("name"), **d))  # fmt: skip
        if ok:
            return redirect("projects:project_detail", pk=p.pk)
    return render(request, "projects/project_form.html", {"form": form})


@login_required
@require_POST
def evidence_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.EvidenceForm(request.POST, request.FILES, applications=project.applications.all(),
                              issuers=forms.issuer_choices(project), local_parts=project.local_parts.all())  # fmt: skip
    if form.is_valid():
        d = {k: v for k, v in form.cleaned_data.items() if v not in ("", None, [], False) or k == "classified"}
        _attempt(request, lambda: services.evidence_create(actor=request.user, project=project, doc_type=d.pop("doc_type"),
                                                           applications=list(d.pop("applications", [])),
                                                           upload=d.pop("file", None),
                                                           classified=d.pop("classified", False), **d),
                 success="证据已登记 / Evidence recorded.")  # fmt: skip
    else:
        messages.error(request, form.errors.as_text())
    return redirect("projects:project_detail", pk=pk)


@login_required
def evidence_download(request, pk: int):
    ev = get_object_or_404(Evidence.objects.filter(project__in=queries.visible_projects(request.user)), pk=pk)
    if not ev.file_path:
        raise Http404
    return FileResponse(default_storage.open(ev.file_path, "rb"), as_attachment=True,
                        filename=ev.file_name or ev.file_sha256, content_type=ev.file_content_type)  # fmt: skip


@login_required
@require_POST
def request_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.RequestForm(request.POST, applications=project.applications.all())
    if form.is_valid():
        d = form.cleaned_data
        _attempt(request, lambda: services.request_submit(actor=request.user, project=project, kind=d["kind"],
                                                          applications=list(d["applications"]), note=d["note"]),
                 success="申请已提交 / Request submitted.")  # fmt: skip
    return redirect("projects:project_detail", pk=pk)


@login_required
def request_decide(request, pk: int):
    qs = queries.with_related(queries.decidable_requests(request.user)).prefetch_related("applications__system")
    req = get_object_or_404(qs, pk=pk)
    form = forms.DecisionForm(request.POST or None, initial={"version": req.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _attempt(request, lambda: services.request_decide(actor=request.user, request=req, approve=d["approve"],
                                                             decision_ref=d["decision_ref"], conditions=d["conditions"],
                                                             expected_version=d["version"]),
                    success="已办结 / Decided."):  # fmt: skip
            return redirect("projects:tasks")
    return render(request, "projects/request_decide.html", {"req": req, "form": form, **decision_facts(request, req)})


def decision_facts(request, req: AuthorityRequest) -> dict:
    """What the officer decides on, on one page: the systems (classified names and grades only for the cleared),
    the evidence covering them, the request's history and the deadline on the working-day calendar."""
    from django.utils import timezone

    from egovnet.core.models import AuditEntry

    from .calendar import coverage_warning, working_days_between
    from .services.requests import DEADLINE_BASIS

    # ``req`` comes from decidable_requests(reader): the request addressed to the reader's body is its need to know
    systems = redaction.annotate(ApplicationSystem.objects.all(), request.user, need_to_know=True)
    apps = list(ProjectApplication.objects.filter(requests=req).prefetch_related(Prefetch("system", queryset=systems)))
    evidence = (
        Evidence.objects.filter(project_id=req.project_id, applications__in=[a.pk for a in apps])
        .select_related("issuer")
        .distinct()
        .order_by("date", "id")
    )
    today = timezone.localdate()
    return {
        "redacted": REDACTED_NAME,
        "apps": apps,
        "evidence": evidence[:50],
        "history": AuditEntry.objects.filter(object_type="projects.authorityrequest", object_id=str(req.pk)).order_by(
            "seq"
        )[:50],
        "earlier": AuthorityRequest.objects.filter(project_id=req.project_id, kind=req.kind)
        .exclude(pk=req.pk)
        .order_by("-id")[:20],
        "days_left": working_days_between(today, req.due_on),
        "calendar_warning": coverage_warning(req.submitted_on, req.due_on),
        "deadline_basis": DEADLINE_BASIS[req.kind],
    }


def project_deviations(project: Project):
    return PolicyDeviation.objects.filter(subject_type=SubjectType.PROJECT, subject_id=project.pk).select_related(
        "approver"
    )


def may_record_deviation(user, project: Project) -> bool:
    """As ``deviation_create`` authorizes: in the owner's scope or the approving DRC's."""
    orgs = [o for o in (project.owner, project.approver) if o is not None]
    return any(permissions.can_for_org(user, "add", PolicyDeviation, o) for o in orgs)


@login_required
@require_POST
def deviation_add(request, pk: int):
    """Record an approved exception to an IN-PRINCIPLE rule for this project; its findings follow on commit."""
    project = _project_or_404(request, pk)
    form = forms.DeviationForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    return _run(request, pk, lambda: deviation_create(actor=request.user, subject_type=SubjectType.PROJECT,
                                                      subject_id=project.pk, **d),
                "例外已登记，项目核查结论随之更新 / Deviation recorded; the project's findings follow.")  # fmt: skip


@login_required
def tasks(request):
    """The inbox (``/tasks/``: one derivation of who must act, ADR 0441), kept at its old address."""
    from egovnet.tasks.views import inbox

    return inbox(request)


def _run(request, pk: int, fn, ok_message: str):
    _attempt(request, fn, success=ok_message)
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def application_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.ApplicationForm(request.POST, systems=visible_systems(request.user))
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    system = form.cleaned_data["system"]
    return _run(request, pk, lambda: services.project_add_application(actor=request.user, project=project, system=system),
                "应用已加入 / Application added.")  # fmt: skip


@login_required
@require_POST
def meeting_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    return _run(request, pk, lambda: services.meeting_create(actor=request.user, project=project, **d),
                "评审会已安排，已通知四方派员 / Meeting scheduled; the four bodies are notified.")  # fmt: skip


@login_required
@require_POST
def meeting_conclude(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    meeting = get_object_or_404(ReviewMeeting, pk=d["meeting"], project=project)
    return _run(request, pk, lambda: services.meeting_conclude(
        actor=request.user, meeting=meeting, opinion=d["opinion"], conditions=d["conditions"],
        expected_version=d["version"]), "专家组意见已登记 / Opinion recorded.")  # fmt: skip


@login_required
@require_POST
def meeting_change(request, pk: int):
    """Reschedule or cancel a meeting (reason required) through the same services as the API and the CLI."""
    project = _project_or_404(request, pk)
    form = forms.MeetingChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    meeting = get_object_or_404(ReviewMeeting, pk=d["meeting"], project=project)
    if d["action"] == "cancel":
        return _run(request, pk, lambda: services.meeting_cancel(
            actor=request.user, meeting=meeting, reason=d["reason"], expected_version=d["version"]),
            "会议已取消 / Meeting cancelled.")  # fmt: skip
    return _run(request, pk, lambda: services.meeting_reschedule(
        actor=request.user, meeting=meeting, date=d["date"], reason=d["reason"], expected_version=d["version"]),
        "会议已改期 / Meeting rescheduled.")  # fmt: skip


@login_required
@require_POST
def acceptance_check(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.AcceptanceCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    checks = {k: bool(d.get(k)) for k in NetworkUseSubCheck.values}
    return _run(request, pk, lambda: services.acceptance_check_sign(actor=request.user, project=project, checks=checks,
                                                                    ref_no=d["ref_no"]),
                "网络使用检查已签署 / Network-use check signed.")  # fmt: skip


@login_required
@require_POST
def invitation_respond(request, pk: int):
    inv = get_object_or_404(queries.open_invitations(request.user), pk=pk)
    response = request.POST.get("response", "")
    version = int(request.POST.get("version") or 0) or None
    _attempt(request, lambda: services.invitation_respond(actor=request.user, invitation=inv, response=response,
                                                          expert_name=request.POST.get("expert_name", ""),
                                                          expert_org=inv.invitee, expected_version=version),
             success="已答复 / Answered.")  # fmt: skip
    return redirect("projects:tasks")


@login_required
@require_POST
def local_part_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.LocalPartForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    owner = form.cleaned_data["owner"]
    province = owner.division
    return _run(request, pk, lambda: services.local_part_create(actor=request.user, project=project, division=province,
                                                                owner=owner, name=form.cleaned_data["name"]),
                "地方部分已登记 / Local part added.")  # fmt: skip


@login_required
def project_edit(request, pk: int):
    project = _project_or_404(request, pk)
    if not permissions.can_for_org(request.user, "change", Project, project.owner):
        raise PermissionDenied("无权修改该项目（不在您的角色或管辖范围内） / You may not change this project.")
    initial = {f: getattr(project, f) for f in forms.ProjectEditForm.base_fields if f != "version"}
    form = forms.ProjectEditForm(request.POST or None, initial={**initial, "version": project.version})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version")
        if _attempt(request, lambda: services.project_update(actor=request.user, project=project,
                                                             expected_version=version, **d),
                    success="已保存 / Saved."):  # fmt: skip
            return redirect("projects:project_detail", pk=pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})
