"""API: stored findings (scoped through the subject's owner, redacted above the reader's clearance) and sweep
runs. Read-only: findings are written by the engine only (refresh after an edit, or ``egovnet sweep``)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from egovnet.core.api.viewsets import ReadOnlyRegistryViewSet
from egovnet.policy.models import Finding, SweepRun
from egovnet.policy.views import filter_findings, redact, scoped_findings


class FindingSerializer(serializers.ModelSerializer):
    message = serializers.SerializerMethodField()
    remediation = serializers.SerializerMethodField()
    redacted = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "rule",
            "article",
            "paragraph",
            "outcome",
            "strength",
            "blocking",
            "subject_type",
            "subject_id",
            "subject_label",
            "owner",
            "province_code",
            "message",
            "remediation",
            "evidence",
            "deviation",
            "error",
            "pack",
            "pack_version",
            "evaluated_at",
            "sweep",
            "redacted",
        ]

    def get_message(self, obj: Finding) -> dict[str, str]:
        return {"zh": obj.message_zh, "en": obj.message_en}

    def get_remediation(self, obj: Finding) -> dict[str, str]:
        return {"zh": obj.remediation_zh, "en": obj.remediation_en}

    def get_redacted(self, obj: Finding) -> bool:
        return bool(getattr(obj, "redacted", False))


class FindingViewSet(ReadOnlyRegistryViewSet):
    """``GET /api/policy/findings/?rule=&article=&outcome=&province=&subject_type=&subject_id=&strength=``"""

    queryset = Finding.objects.all()
    serializer_class = FindingSerializer
    filter_backends: list = []
    ordering = ["id"]
    ordering_fields = ["id"]

    def get_queryset(self):
        return filter_findings(scoped_findings(self.request.user), self.request.query_params).order_by("id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return redact(page, self.request.user) if page is not None else None

    def get_object(self) -> Any:
        obj = super().get_object()
        return redact([obj], self.request.user)[0]


class SweepRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SweepRun
        fields = [
            "id",
            "status",
            "started_at",
            "finished_at",
            "province",
            "actor_name",
            "subjects",
            "findings",
            "batches",
            "duration_s",
            "timings",
            "counts",
            "packs",
            "error",
        ]


class SweepRunViewSet(ReadOnlyRegistryViewSet):
    queryset = SweepRun.objects.all()
    serializer_class = SweepRunSerializer
    filter_backends: list = []
    ordering = ["-id"]
    ordering_fields = ["id"]
