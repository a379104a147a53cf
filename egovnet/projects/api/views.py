"""API viewsets: parse, call a service, serialise. Reads go through the projects' visibility queries."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from egovnet.core import permissions
from egovnet.core.api.parsers import BoundedJSONParser
from egovnet.core.api.schema import EgovnetAutoSchema
from egovnet.core.api.selection import FieldSelectionMixin
from egovnet.systems import redaction
from egovnet.systems.models import ApplicationSystem

from .. import queries, services, workflow
from ..filtersets import AuthorityRequestFilterSet, EvidenceFilterSet, ProjectFilterSet, ReviewMeetingFilterSet
from ..gates import judge
from ..models import (
    AssessmentAgency,
    AuthorityRequest,
    Evidence,
    ExpertInvitation,
    Project,
    ProjectApplication,
    ReviewMeeting,
)
from . import serializers as s

MISSING_FILE = (
    "该证明材料的文件已不在存储中，请重新上传。 / The file of this evidence is no longer in storage; upload it again."
)


def _version(request, data) -> int | None:
    raw = request.headers.get("If-Match") or data.get("version")
    try:
        return int(str(raw).strip('"W/')) if raw not in (None, "") else None
    except ValueError:
        return None


def gate_payload(project: Project, reader: Any) -> dict:
    v = workflow.next_gate(project, reader)
    if v is None:
        return {"gate": None, "can_advance": None, "failing": []}
    return {"gate": v.gate, "stage": v.stage, "can_advance": v.can_advance, "failing": [f.as_dict() for f in v.failing]}


class ProjectViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        return queries.visible_projects(self.request.user).select_related("owner", "approver").order_by("-id")

    def create(self, request):
        ser = s.ProjectWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        project = services.project_create(actor=request.user, owner=data.pop("owner"), name=data.pop("name"), **data)
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        project = self.get_object()
        ser = s.ProjectWriteSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        changes = {k: v for k, v in ser.validated_data.items() if k != "owner"}
        project = services.project_update(
            actor=request.user, project=project, expected_version=_version(request, request.data), **changes
        )
        return Response(s.ProjectSerializer(project).data)

    @extend_schema(responses=s.GateSerializer)
    @action(detail=True, methods=["get"])
    def gate(self, request, pk=None):
        return Response(gate_payload(self.get_object(), request.user))

    @extend_schema(request=s.TransitionSerializer, responses=s.ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        project = self.get_object()
        ser = s.TransitionSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        project = workflow.transition(
            actor=request.user,
            project=project,
            name=ser.validated_data["transition"],
            note=ser.validated_data["note"],
            expected_version=_version(request, request.data),
        )
        return Response(s.ProjectSerializer(project).data)

    @extend_schema(responses=s.StageTransitionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        rows = self.get_object().transitions.select_related("actor").order_by("at", "id")
        return Response(s.StageTransitionSerializer(rows, many=True).data)

    @extend_schema(methods=["GET"], responses=s.ApplicationSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.ApplicationAddSerializer, responses={201: s.ApplicationSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def applications(self, request, pk=None):
        project = self.get_object()
        if request.method == "POST":
            ser = s.ApplicationAddSerializer(data=request.data)
            ser.is_valid(raise_exception=True)
            pa = services.project_add_application(actor=request.user, project=project, **ser.validated_data)
            return Response(s.ApplicationSerializer(pa, context={"request": request}).data, status=201)
        systems = redaction.annotate(ApplicationSystem.objects.all(), request.user)
        rows = (
            ProjectApplication.objects.filter(project=project)
            .prefetch_related(Prefetch("system", queryset=systems))
            .order_by("id")
        )
        return Response(s.ApplicationSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(request=s.LocalPartSerializer, responses={201: s.LocalPartSerializer})
    @action(detail=True, methods=["post"], url_path="local-parts")
    def local_parts(self, request, pk=None):
        project = self.get_object()
        ser = s.LocalPartSerializer(data={**request.data, "project": project.pk})
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        lp = services.local_part_create(
            actor=request.user, project=project, division=d["division"], owner=d["owner"], name=d["name"]
        )
        return Response(s.LocalPartSerializer(lp).data, status=201)

    @extend_schema(request=s.NetworkComponentSerializer, responses={201: s.NetworkComponentSerializer})
    @action(detail=True, methods=["post"], url_path="network-components")
    def network_components(self, request, pk=None):
        project = self.get_object()
        ser = s.NetworkComponentSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        component = services.network_component_add(actor=request.user, project=project, **d)
        return Response(s.NetworkComponentSerializer(component).data, status=201)

    @extend_schema(request=s.AcceptanceCheckSerializer, responses={201: s.EvidenceSerializer})
    @action(detail=True, methods=["post"], url_path="acceptance-check")
    def acceptance_check(self, request, pk=None):
        project = self.get_object()
        ser = s.AcceptanceCheckSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        ev = services.acceptance_check_sign(actor=request.user, project=project, **ser.validated_data)
        return Response(s.EvidenceSerializer(ev).data, status=201)


class EvidenceViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.EvidenceSerializer
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]
    filterset_class = EvidenceFilterSet

    def get_queryset(self):
        visible = queries.visible_projects(self.request.user)
        return (
            Evidence.objects.filter(project__in=visible)
            .select_related("issuer")
            .prefetch_related(Prefetch("applications", queryset=ProjectApplication.objects.only("id")))
            .order_by("id")
        )

    def create(self, request):
        ser = s.EvidenceWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        project = d.pop("project")  # the service authorizes: owner side, or the issuer of the document
        ev = services.evidence_create(
            actor=request.user,
            project=project,
            doc_type=d.pop("doc_type"),
            applications=d.pop("applications", []),
            upload=d.pop("file", None),
            classified=d.pop("classified", False),
            **d,
        )
        return Response(s.EvidenceSerializer(ev).data, status=201)

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        ev = self.get_object()  # only evidence of projects in the user's scope
        if not ev.file_path:
            raise Http404("no file")
        try:
            stream = default_storage.open(ev.file_path, "rb")
        except (FileNotFoundError, ValueError) as exc:  # gone from storage (or a path storage refuses)
            raise Http404(MISSING_FILE) from exc
        return FileResponse(stream, as_attachment=True, filename=ev.file_name or ev.file_sha256,
                            content_type=ev.file_content_type)  # fmt: skip


class RequestViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RequestSerializer
    filterset_class = AuthorityRequestFilterSet

    def get_queryset(self):
        user = self.request.user
        qs = AuthorityRequest.objects.filter(
            pk__in=queries.decidable_requests(user).values("pk")
        ) | AuthorityRequest.objects.filter(project__in=queries.visible_projects(user))
        return qs.select_related("authority", "project").prefetch_related("applications").order_by("due_on", "id")

    def create(self, request):
        ser = s.RequestWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        project = get_object_or_404(queries.visible_projects(request.user), pk=d.pop("project").pk)
        req = services.request_submit(actor=request.user, project=project, **d)
        return Response(s.RequestSerializer(req).data, status=201)

    @extend_schema(responses=s.RequestSerializer(many=True))
    @action(detail=False, methods=["get"])
    def inbox(self, request):
        qs = queries.with_related(queries.decidable_requests(request.user)).prefetch_related("applications")
        page = self.paginate_queryset(qs.order_by("status", "due_on", "id"))
        return self.get_paginated_response(s.RequestSerializer(page, many=True).data)

    @extend_schema(request=s.DecisionSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        req = self.get_object()
        ser = s.DecisionSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        req = services.request_decide(
            actor=request.user, request=req, approve=d["approve"], decision_ref=d["decision_ref"],
            conditions=d["conditions"], expected_version=_version(request, request.data),
            decided_on=d.get("decided_on"),
        )  # fmt: skip
        return Response(s.RequestSerializer(req).data)

    @extend_schema(request=None, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        req = services.request_withdraw(
            actor=request.user, request=self.get_object(), expected_version=_version(request, request.data)
        )
        return Response(s.RequestSerializer(req).data)


class MeetingViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MeetingSerializer
    filterset_class = ReviewMeetingFilterSet

    def get_queryset(self):
        visible = queries.visible_projects(self.request.user)
        invitations = Prefetch("invitations", queryset=ExpertInvitation.objects.select_related("invitee"))
        return (
            ReviewMeeting.objects.filter(project__in=visible)
            .select_related("organiser")
            .prefetch_related(invitations)
            .order_by("id")
        )

    def create(self, request):
        ser = s.MeetingWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        project = get_object_or_404(queries.visible_projects(request.user), pk=d.pop("project").pk)
        meeting = services.meeting_create(actor=request.user, project=project, **d)
        return Response(s.MeetingSerializer(meeting).data, status=201)

    @extend_schema(request=s.ConcludeSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        ser = s.ConcludeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        m = services.meeting_conclude(
            actor=request.user, meeting=self.get_object(), opinion=ser.validated_data["opinion"],
            conditions=ser.validated_data["conditions"], expected_version=_version(request, request.data),
        )  # fmt: skip
        return Response(s.MeetingSerializer(m).data)

    @extend_schema(request=s.MeetingCancelSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        ser = s.MeetingCancelSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        m = services.meeting_cancel(actor=request.user, meeting=self.get_object(), reason=ser.validated_data["reason"],
                                    expected_version=_version(request, request.data))  # fmt: skip
        return Response(s.MeetingSerializer(m).data)

    @extend_schema(request=s.MeetingRescheduleSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        ser = s.MeetingRescheduleSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        m = services.meeting_reschedule(actor=request.user, meeting=self.get_object(), date=d["date"],
                                        reason=d["reason"], expected_version=_version(request, request.data))  # fmt: skip
        return Response(s.MeetingSerializer(m).data)


class InvitationViewSet(FieldSelectionMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.InvitationSerializer
    queryset = ExpertInvitation.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return ExpertInvitation.objects.none()
        mine = permissions.restrict(ExpertInvitation.objects.all(), user, "view")
        invited = ExpertInvitation.objects.none()
        scope = queries._scope_q(user, queries.OFFICER_ROLES, "invitee__")
        if scope is not None:
            invited = ExpertInvitation.objects.filter(scope)
        organised = ExpertInvitation.objects.filter(meeting__project__in=queries.visible_projects(user))
        return (mine | invited | organised).select_related("invitee", "meeting__project__owner", "meeting__organiser")

    @extend_schema(request=s.RespondSerializer, responses=s.InvitationSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        ser = s.RespondSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        inv = services.invitation_respond(
            actor=request.user, invitation=self.get_object(), response=d["response"], expert_name=d["expert_name"],
            expert_org=d.get("expert_org"), expected_version=_version(request, request.data),
        )  # fmt: skip
        return Response(s.InvitationSerializer(inv).data)


class AgencyViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.AgencySerializer
    queryset = AssessmentAgency.objects.select_related("organisation").order_by("id")

    def create(self, request):
        ser = s.AgencySerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        agency = services.agency_register(actor=request.user, **ser.validated_data)
        return Response(s.AgencySerializer(agency).data, status=201)


class OneObjectSchema(EgovnetAutoSchema):
    """``tasks/`` is routed as a list but answers one object (the five task groups), never a page."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class TaskViewSet(viewsets.ViewSet):
    schema = OneObjectSchema()

    @extend_schema(responses=s.TasksSerializer)
    def list(self, request):
        tasks = queries.my_tasks(request.user)
        return Response(
            {
                "to_decide": s.RequestSerializer(tasks["to_decide"], many=True).data,
                "overdue": s.RequestSerializer(tasks["overdue"], many=True).data,
                "waiting": s.RequestSerializer(tasks["waiting"], many=True).data,
                "invitations": s.InvitationSerializer(tasks["invitations"], many=True).data,
                "transitions": [
                    {"project": p.pk, "name": p.name, "stage": p.stage, "transitions": [t.name for t in ts]}
                    for p, ts in tasks["transitions"]
                ],
            }
        )


__all__ = ["judge"]
