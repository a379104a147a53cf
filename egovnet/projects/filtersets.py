"""FilterSets of the projects API (every filter is backed by an index or a short per-project scan)."""

from __future__ import annotations

import django_filters

from egovnet.core.filtersets import FilterSet

from .models import AuthorityRequest, Evidence, Project, ReviewMeeting


class ProjectFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="name contains")

    class Meta:
        model = Project
        fields = ["stage", "status", "owner", "approver", "approval_path", "cobuilt", "is_demo"]


class EvidenceFilterSet(FilterSet):
    class Meta:
        model = Evidence
        fields = ["project", "doc_type", "local_part", "result"]


class AuthorityRequestFilterSet(FilterSet):
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = AuthorityRequest
        fields = ["project", "kind", "status", "authority"]


class ReviewMeetingFilterSet(FilterSet):
    class Meta:
        model = ReviewMeeting
        fields = ["project", "review_type"]
