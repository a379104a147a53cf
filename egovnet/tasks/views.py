"""Inbox, notices, the invitation answer page and the local DRC's approval — all read the derivation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from egovnet.core.view_helpers import attempt
from egovnet.projects import queries, services
from egovnet.projects.models import LocalPart

from . import notify
from .context_processors import store_counts
from .inbox import inbox as build_inbox
from .models import Notification


@login_required
def inbox(request):
    today = timezone.localdate()
    box = build_inbox(request.user, today)
    notify.sweep_user(request.user, box)  # arrivals and overdue items become notices once
    store_counts(request, box)
    return render(request, "tasks/inbox.html", {"box": box, "today": today})


@login_required
def notifications(request):
    qs = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "tasks/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    request.session.pop("egovnet_inbox_counts", None)
    return redirect("tasks:notifications")


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label="答复 / Answer",
        choices=[("", "——请选择——"), ("nominated", "派员 / 推荐专家"), ("declined", "不派员（说明理由）")],
    )
    expert_name = forms.CharField(label="专家姓名 / Expert", required=False, max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput)


@login_required
def invitation(request, pk: int):
    """One invitation, addressed to one body: say which, and let its officer nominate an expert or decline."""
    inv = get_object_or_404(
        queries.open_invitations(request.user).select_related("meeting__project__owner", "meeting__organiser"), pk=pk
    )
    form = AnswerForm(request.POST or None, initial={"version": inv.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        answered = attempt(
            request,
            lambda: services.invitation_respond(
                actor=request.user, invitation=inv, response=d["response"], expert_name=d["expert_name"],
                expert_org=inv.invitee if d["response"] == "nominated" else None, expected_version=d["version"],
            ),
            success="已答复 / Answered.",
            permission_as_message=True,
        )  # fmt: skip
        if answered:
            return redirect("tasks:inbox")
    return render(request, "tasks/invitation.html", {"inv": inv, "form": form})


class LocalApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", _("— choose —")), ("1", _("Approve")), ("0", _("Refuse"))]
    )
    approves = forms.ChoiceField(
        label=_("Approved document"),
        choices=[("feasibility_study_report", _("local feasibility study")),
                 ("preliminary_design", _("local preliminary design and budget estimate"))],
    )
    ref_no = forms.CharField(label=_("Approval reference"), max_length=120)
    date = forms.DateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason (required for a refusal)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


@login_required
@require_POST
def local_part_approve(request, pk: int):
    lp = get_object_or_404(
        LocalPart.objects.filter(project__in=queries.visible_projects(request.user)).select_related(
            "project", "local_drc"
        ),
        pk=pk,
    )
    form = LocalApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        d = form.cleaned_data
        attempt(
            request,
            lambda: services.local_part_approve(
                actor=request.user, local_part=lp, approves=d["approves"], approve=d["decision"] == "1",
                ref_no=d["ref_no"], date=d["date"], reason=d["reason"],
            ),
            success="地方部分批复已登记 / Local approval recorded.",
            permission_as_message=True,
        )  # fmt: skip
    return redirect("projects:project_detail", pk=lp.project_id)
