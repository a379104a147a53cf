"""Dashboards: coverage map of China with drill-down, province table, six-organ matrix, targets, hot spots."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from egovnet.core.db_router import reads_from_replica

from . import services, summaries

HOT_SPOTS = 10
TABS = [
    ("overview", _("Overview")),
    ("provinces", _("Provinces")),
    ("findings", _("Findings")),
    ("intranet", _("Intranet interconnection")),
    ("capacity", _("Capacity hot spots")),
]


@login_required
@reads_from_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        day = services.parse_date(request.GET.get("date"))
    except ValidationError as exc:
        return render(request, "reports/error.html", {"messages_list": exc.messages}, status=400)
    stored = summaries.stored_reports(day)
    figures, computed_at = stored if stored else (summaries.reports_payload(day), None)
    matrix = figures["matrix"]
    pairs = {frozenset((p["a"], p["b"])): p for p in matrix["pairs"]}
    rows = [
        {
            "organ": a,
            "cells": [
                None if a["code"] == b["code"] else pairs[frozenset((a["code"], b["code"]))] for b in matrix["organs"]
            ],
        }
        for a in matrix["organs"]
    ]
    capacity = _capacity(request.user, day, limit=HOT_SPOTS)
    context = {
        "day": day,
        **figures,
        "matrix_rows": rows,
        "capacity": capacity,
        "summary_computed_at": computed_at,
        "tabs": TABS,
        "tab": request.GET.get("tab") if request.GET.get("tab") in dict(TABS) else "overview",
    }
    return render(request, "reports/dashboard.html", context)


def _capacity(reader, day, limit=None):
    stored = summaries.stored_capacity(reader, day, limit=limit)
    return stored[0] if stored else services.capacity_payload(reader, limit=limit)


@login_required
@require_http_methods(["GET", "POST"])
def capacity(request: HttpRequest) -> HttpResponse:
    from .forms import CapacityWhatIfForm

    what_if_text = request.POST.get("what_if", "") if request.method == "POST" else ""
    errors: list[str] = []
    what_if = None
    form_posted = request.method == "POST" and not what_if_text
    form = CapacityWhatIfForm(request.POST if form_posted else None, user=request.user)
    if form_posted:
        if form.is_valid():
            what_if = form.scenario()
        else:
            errors.append(_("Correct the marked fields of the what-if."))
    if what_if_text.strip():  # the scenario as JSON (scripts; the API takes the same)
        try:
            what_if = json.loads(what_if_text)
        except json.JSONDecodeError as exc:
            errors.append(f"what_if: 不是有效的 JSON（第 {exc.lineno} 行） / not valid JSON (line {exc.lineno})")
    stored = None if what_if is not None else summaries.stored_capacity(
        request.user, dt.date.today(), page=request.GET.get("page")
    )
    try:
        report = stored[0] if stored else services.capacity_payload(request.user, what_if=what_if)
    except ValidationError as exc:
        errors += [f"{k}: {'; '.join(v)}" for k, v in exc.message_dict.items()]
        report = services.capacity_payload(request.user)
    if not stored:  # the live report, filtered then paged like the stored one
        if request.GET.get("over") == "1":
            report["links"] = [link for link in report["links"] if link["oversubscribed"]]
        report = summaries.paginate_links(report, page=request.GET.get("page"))
    status = 400 if errors else 200
    context = {"capacity": report, "what_if_form": form, "errors": errors,
               "summary_computed_at": stored[1] if stored else None}
    return render(request, "reports/capacity.html", context | _links_page(request, report), status=status)


LINKS_PER_PAGE = 20  # with the what-if form folded, one page stays within about three screens


def _links_page(request: HttpRequest, report: dict) -> dict:
    """One page of the links (busiest first, as the report orders them); ``?over=1`` keeps the
    over-subscribed ones only. The what-if effect lists its first changed links."""
    from django.core.paginator import Paginator

    what_if = report.get("what_if") or {}
    changed = what_if.get("links", [])[:LINKS_PER_PAGE]
    over = request.GET.get("over") == "1"
    if report.get("links_page") is not None:  # already paged (stored baseline, or a live report over one page)
        query = "over=1" if over else ""
        return {"page": report["links_page"], "page_query": query, "over": over, "changed_links": changed}
    links = [link for link in report["links"] if link["oversubscribed"]] if over else report["links"]
    page = Paginator(links, LINKS_PER_PAGE).get_page(request.GET.get("page"))
    return {"page": page, "page_query": "over=1" if over else "", "over": over, "changed_links": changed}


@login_required
def provinces_geojson(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(services.provinces_geojson(), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
def prefectures_geojson(request: HttpRequest, province: str) -> HttpResponse:
    if not (province.isdigit() and len(province) == 6 and province.endswith("0000")):
        raise Http404("province code")
    response = HttpResponse(services.prefectures_geojson(province), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def geo_licence(request: HttpRequest) -> HttpResponse:
    return HttpResponse(services.licence_text(), content_type="text/plain; charset=utf-8")
