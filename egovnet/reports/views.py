"""Dashboards: coverage map of China with drill-down, province table, six-organ matrix, targets, hot spots."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from egovnet.core.db_router import reads_from_replica

from . import services, summaries

HOT_SPOTS = 10


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
    }
    return render(request, "reports/dashboard.html", context)


def _capacity(reader, day, limit=None):
    stored = summaries.stored_capacity(reader, day, limit=limit)
    return stored[0] if stored else services.capacity_payload(reader, limit=limit)


@login_required
@require_http_methods(["GET", "POST"])
def capacity(request: HttpRequest) -> HttpResponse:
    what_if_text = request.POST.get("what_if", "") if request.method == "POST" else ""
    errors: list[str] = []
    what_if = None
    if what_if_text.strip():
        try:
            what_if = json.loads(what_if_text)
        except json.JSONDecodeError as exc:
            errors.append(f"what_if: 不是有效的 JSON（第 {exc.lineno} 行） / not valid JSON (line {exc.lineno})")
    page = request.GET.get("page")
    stored = None if what_if is not None else summaries.stored_capacity(request.user, dt.date.today(), page=page)
    try:
        report = stored[0] if stored else services.capacity_payload(request.user, what_if=what_if)
    except ValidationError as exc:
        errors += [f"{k}: {'; '.join(v)}" for k, v in exc.message_dict.items()]
        report = services.capacity_payload(request.user)
    if not stored:
        report = summaries.paginate_links(report, page=page)
    status = 400 if errors else 200
    return render(
        request,
        "reports/capacity.html",
        {
            "capacity": report,
            "what_if_text": what_if_text,
            "errors": errors,
            "summary_computed_at": stored[1] if stored else None,
            "links_page": report.get("links_page"),
        },
        status=status,
    )


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
