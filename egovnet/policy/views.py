"""Policy pages: rule catalogue, dossier self-check, stored findings (scoped, redacted), sweep summaries."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovnet.core import permissions
from egovnet.core.view_helpers import attempt
from egovnet.policy import check_display, sweep_requests
from egovnet.policy import dossier_guide as guide
from egovnet.policy.choices import FindingOutcome, RuleStrength, SubjectType
from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.dossier.labels import field_label
from egovnet.policy.dossier.schema import SCHEMA
from egovnet.policy.engine.model import article_zh, rule_sort_key
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import Finding, SweepRun
from egovnet.policy.rules_catalogue import rule_as_dict

PAGE_SIZE = 25  # each finding row carries a message and a remediation: 25 keep the page within ~3 screens
MAX_DOSSIER_BYTES = 1_000_000
OUTCOME_ORDER = [o.value for o in FindingOutcome]


def _all_rules() -> list[dict[str, Any]]:
    return [rule_as_dict(r, p) for p in all_packs() for r in p.rules.values()]


def _for_display(rule: dict[str, Any]) -> dict[str, Any]:
    """A catalogue row with its clause and interpretation note in both languages (the page shows one)."""
    from egovnet.policy.interpretations_zh import INTERPRETATION_ZH

    note = rule["interpretation"]
    return rule | {"clause_en": rule["clause"], "interpretation_en": note,
                   "interpretation_zh": INTERPRETATION_ZH.get(note, "")}


@login_required
def rule_catalogue(request: HttpRequest) -> HttpResponse:
    rules = _all_rules()
    gates = sorted({g for r in rules for g in r["gates"]})
    article, gate, strength = (request.GET.get(k, "") for k in ("article", "gate", "strength"))
    if not (article or gate or strength):  # one article per screen by default; the tabs lead to the others
        wanted = [r["article"] for r in rules if r["id"] == request.GET.get("rule")]
        article = str(wanted[0] if wanted else min(r["article"] for r in rules))
    shown = [
        r
        for r in rules
        if (not article or str(r["article"]) == article)
        and (not gate or (gate in r["gates"] if gate != "none" else not r["gates"]))
        and (not strength or r["strength"] == strength)
    ]
    context = {
        "title": _("Rule catalogue"),
        "rules": [_for_display(r) for r in shown],
        "total": len(rules),
        "packs": all_packs(),
        "articles": [(a, article_zh(a)) for a in range(1, 13)],
        "gates": gates,
        "strengths": RuleStrength.choices,
        "selected": {"article": article, "gate": gate, "strength": strength},
    }
    return render(request, "policy/rules.html", context)


def _parse_dossier(text: str) -> Any:
    return yaml.safe_load(text)  # YAML is a superset of JSON


@login_required
def dossier_check(request: HttpRequest) -> HttpResponse:
    """The self-check: a guided form, a pasted or uploaded dossier, or a shipped example; nothing is stored."""
    from egovnet.policy.engine.gates import GATES

    guided = request.method == "POST" and request.POST.get("mode") == "guided"
    project_form = guide.GuidedProjectForm(request.POST if guided else None, user=request.user)
    app_forms = guide.ApplicationFormSet(request.POST if guided else None, prefix="apps")
    context: dict[str, Any] = {
        "title": _("Dossier self-check"),
        "text": guide.example_text(request.GET.get("example", "")) or "",
        "errors": [],
        "report": None,
        "gates": list(GATES),
        "project_form": project_form,
        "app_forms": app_forms,
        "examples": guide.examples(),
        "guided": guided,
    }
    if request.method != "POST":
        return render(request, "policy/check.html", context)
    if guided:
        if not (project_form.is_valid() and app_forms.is_valid()):
            return render(request, "policy/check.html", context, status=400)
        rows = [f.cleaned_data for f in app_forms.forms if f.cleaned_data]
        text = guide.as_yaml(guide.build_dossier(project_form.cleaned_data, rows))
    else:
        upload = request.FILES.get("file")
        if upload is not None and upload.size > MAX_DOSSIER_BYTES:
            context["errors"] = [_field_error("file", "文件过大（上限1MB）。 / File too large (1 MB max).")]
            return render(request, "policy/check.html", context, status=400)
        text = upload.read().decode("utf-8", errors="replace") if upload else request.POST.get("dossier", "")
    context["text"] = text
    status = 200
    try:
        report = check_dossier(_parse_dossier(text), gate=request.POST.get("gate") or None)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行 " if mark else ""
        where_en = f" at line {mark.line + 1}" if mark else ""
        message = f"{where}不是有效的 YAML 或 JSON。 / Not valid YAML or JSON{where_en}."
        context["errors"], status = [_field_error("(file)", message)], 400
    except DossierError as exc:
        context["errors"], status = [_field_error(e.path, e.message) for e in exc.errors], 400
    except ValueError as exc:
        context["errors"], status = [_field_error("gate", str(exc))], 400
    else:
        data = report.as_dict()
        context["json"] = json.dumps(data, ensure_ascii=False, indent=2)
        context["report"] = check_display.humanise(data, _parse_dossier(text))
        context["by_article"] = check_display.group_by_article(data["findings"])
    return render(request, "policy/check.html", context, status=status)


def _field_error(path: str, message: str) -> dict[str, str]:
    """An error for the page: the field in words in the reader's language, the path for those editing YAML."""
    zh, en = field_label(path)
    return {"path": path, "field": en if check_display.english() else zh, "message": message}


@login_required
def dossier_format(request: HttpRequest) -> HttpResponse:
    """The format's documentation and JSON Schema as shipped, to read or download next to the form."""
    if request.GET.get("schema"):
        return HttpResponse(json.dumps(SCHEMA, ensure_ascii=False, indent=2), content_type="application/schema+json")
    if not guide.FORMAT_DOC.exists():
        raise Http404
    return HttpResponse(guide.FORMAT_DOC.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")


def scoped_findings(user: Any) -> QuerySet:
    """Findings the user may see: through the subject's owner (``permissions.restrict``); findings without an
    owner (provinces) only for national readers. Annotated by ``systems.redaction.annotate_findings``."""
    from egovnet.systems import redaction as system_redaction

    return system_redaction.annotate_findings(permissions.restrict(Finding.objects.all(), user, "view"), user)


def redact(rows: list[Finding], user: Any) -> list[Finding]:
    """Findings about a subject hidden from the reader keep only the rule's generic text of their outcome
    (``systems.redaction``, the one redaction path)."""
    from egovnet.systems import redaction as system_redaction

    return system_redaction.redact_stored_findings(rows, user)


FILTERS = ("rule", "article", "outcome", "province", "subject_type", "strength")


def filter_findings(qs: QuerySet, params: Any) -> QuerySet:
    if v := params.get("rule"):
        qs = qs.filter(rule=v.strip().upper())
    if (v := params.get("article")) and str(v).isdigit():
        qs = qs.filter(article=int(v))
    if (v := params.get("outcome")) in FindingOutcome.values:
        qs = qs.filter(outcome=v)
    if (v := params.get("province")) and str(v).isdigit():
        qs = qs.filter(province_code=f"{str(v)[:2]}0000")
    if (v := params.get("subject_type")) in SubjectType.values:
        qs = qs.filter(subject_type=v)
    if (v := params.get("strength")) in RuleStrength.values:
        qs = qs.filter(strength=v)
    if params.get("subject_id"):
        qs = qs.filter(subject_id=str(params["subject_id"]))
    return qs


@login_required
def findings_list(request: HttpRequest) -> HttpResponse:
    qs = filter_findings(scoped_findings(request.user), request.GET).order_by("id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "title": _("Findings"),
        "page": page,
        "findings": redact(list(page.object_list), request.user),
        "page_query": params.urlencode(),
        "selected": {k: request.GET.get(k, "") for k in FILTERS},
        "outcomes": FindingOutcome.choices,
        "subject_types": SubjectType.choices,
        "articles": [(a, article_zh(a)) for a in range(1, 13)],
        "strengths": RuleStrength.choices,
        "provinces": _provinces(),
    }
    return render(request, "policy/findings.html", context)


def _provinces() -> list[tuple[str, str]]:
    """The province filter's choices by name (34 rows, GB/T 2260 order), not a code to type."""
    from egovnet.geo.choices import DivisionLevel
    from egovnet.geo.models import Division

    return list(Division.objects.current().filter(level=DivisionLevel.PROVINCE).order_by("code").values_list("code", "name"))


def _matrix(counts: dict[str, dict[str, int]], key_label) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": key_label(key), "cells": [by.get(o, 0) for o in OUTCOME_ORDER], "total": sum(by.values())}
        for key, by in counts.items()
    ]


def _article_label(key: str) -> str:
    return f"{article_zh(int(key))} / Art. {key}" if key.isdigit() else key


@login_required
def sweep_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(SweepRun.objects.all(), 20).get_page(request.GET.get("page"))
    latest = SweepRun.objects.filter(status="done").first()
    runs = list(page.object_list)
    for run in runs:
        run.province_name = _province_label(run.province) if run.province else _("nationwide")
    queued = sweep_requests.queued_sweeps()
    for q in queued:
        q.province_name = _province_label(q.province) if q.province else _("nationwide")
    startable = [(code, name) for code, name in _provinces() if sweep_requests.may_start_sweep(request.user, code)]
    context = {
        "title": _("Policy sweeps"),
        "page": page,
        "runs": runs,
        "latest": latest,
        "page_query": "",
        "queued": queued,
        "can_start_national": sweep_requests.may_start_sweep(request.user),
        "startable_provinces": startable,
        # While a sweep waits or runs, the page reloads itself so its progress shows without a click.
        "refresh_seconds": 5 if queued or any(r.status == "running" for r in runs) else 0,
    }
    return render(request, "policy/sweeps.html", context)


@login_required
@require_POST
def sweep_start(request: HttpRequest) -> HttpResponse:
    province = request.POST.get("province", "").strip()
    attempt(
        request,
        lambda: sweep_requests.request_sweep(actor=request.user, province=province),  # PermissionDenied → 403
        success=_("The sweep is queued; a worker will run it and this page shows its progress."),
    )
    return redirect("policy:sweep_list")


@login_required
def sweep_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(SweepRun, pk=pk)
    counts = run.counts or {}
    articles = sorted(counts.get("by_article", {}).items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 99)
    context = {
        "title": _("Policy sweep #%(n)s") % {"n": run.pk},
        "run": run,
        "outcomes": OUTCOME_ORDER,
        "by_article": _matrix(dict(articles), _article_label),
        "by_province": _matrix(dict(sorted(counts.get("by_province", {}).items())), _province_label),
        "province_name": _province_label(run.province) if run.province else "",
        "by_rule": _matrix(dict(sorted(counts.get("by_rule", {}).items(), key=lambda kv: rule_sort_key(kv[0]))), str),
    }
    return render(request, "policy/sweep_detail.html", context)


def _province_label(code: str) -> str:
    from egovnet.policy.divisions import csv_directory

    if code == "—":
        return _("central (no division)")
    return csv_directory().name(code) or code


DEVIATION_SUBJECTS = {
    "system": "systems:system_detail",
    "network": "networks:network_detail",
    "organisation": "orgs:organisation_detail",
}


@login_required
@require_POST
def deviation_add(request: HttpRequest, subject_type: str, subject_id: int) -> HttpResponse:
    """Record an approved exception for a registry object from its page (``deviation_create`` authorizes it in
    the owner's scope and refreshes the object's findings after commit)."""
    from egovnet.policy.deviations import _subject_owner, deviation_create
    from egovnet.policy.forms import RegistryDeviationForm

    if subject_type not in DEVIATION_SUBJECTS:
        raise Http404
    back = redirect(DEVIATION_SUBJECTS[subject_type], pk=subject_id)
    try:
        owner, _authority = _subject_owner(subject_type, subject_id)
    except ValidationError as exc:
        raise Http404 from exc
    form = RegistryDeviationForm(request.POST, subject_type=subject_type, owner=owner)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return back
    try:
        attempt(
            request,
            lambda: deviation_create(
                actor=request.user, subject_type=subject_type, subject_id=subject_id, **form.cleaned_data
            ),
            success="例外已登记，检查结论随之更新 / Deviation recorded; the findings follow.",
        )
    except PermissionDenied:  # said in words on the object's page, which offers the form to its readers
        messages.error(request, "无权为该对象登记例外。 / You may not record a deviation for this object.")
    return back
