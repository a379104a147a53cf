"""Policy API: the dossier self-check and the rule catalogue (thin: parse, call the pure check, serialise)."""

from __future__ import annotations

import yaml
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from egovnet.core.api.parsers import BoundedJSONParser, checked_body
from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.engine.registry import all_packs, get_pack
from egovnet.policy.rules_catalogue import rule_as_dict


class YAMLParser(BaseParser):
    """Accept a dossier as YAML (``Content-Type: application/yaml``)."""

    media_type = "application/yaml"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = yaml.safe_load(stream.read().decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ParseError(f"YAML parse error / YAML解析错误: {exc}") from exc
        except RecursionError as exc:
            raise ParseError("YAML 嵌套过深。 / The YAML body is nested too deep.") from exc
        return checked_body(data)


class PolicyCheckView(APIView):
    """POST a dossier (egovnet-dossier/1, JSON or YAML): 200 with the verdict, 400 naming field paths."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser, YAMLParser]

    @extend_schema(
        request={"application/json": dict, "application/yaml": dict},
        responses={200: dict, 400: dict},
        parameters=[OpenApiParameter("gate", str, description="judge this gate instead of the stage's gate")],
    )
    def post(self, request: Request) -> Response:
        try:
            report = check_dossier(request.data, gate=request.query_params.get("gate") or None)
        except DossierError as exc:
            errors = [{"path": e.path, "message": e.message} for e in exc.errors]
            return Response({"valid": False, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        except ValueError as exc:  # unknown gate
            return Response({"valid": False, "errors": [{"path": "gate", "message": str(exc)}]}, status=400)
        return Response(report.as_dict())


class RulePackSerializer(serializers.Serializer):
    """Documentation shape of one pack in ``GET rules/``: the pack, its title and validity, its rules."""

    pack = serializers.CharField()
    title = serializers.DictField(child=serializers.CharField())
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    rules = serializers.ListField(child=serializers.DictField())


class PolicyRulesView(APIView):
    """GET the rule catalogue (every rule with article, strength, gates, effective dates, interpretation)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: RulePackSerializer(many=True)}, parameters=[OpenApiParameter("pack", str)])
    def get(self, request: Request) -> Response:
        pack_id = request.query_params.get("pack")
        try:
            packs = [get_pack(pack_id)] if pack_id else all_packs()
        except KeyError as exc:
            return Response({"detail": str(exc.args[0])}, status=status.HTTP_404_NOT_FOUND)
        return Response(
            [
                {
                    "pack": p.id,
                    "title": {"zh": p.title.zh, "en": p.title.en},
                    "effective_from": p.effective_from.isoformat(),
                    "effective_to": p.effective_to.isoformat() if p.effective_to else None,
                    "rules": [rule_as_dict(r, p) for r in p.rules.values()],
                }
                for p in packs
            ]
        )
