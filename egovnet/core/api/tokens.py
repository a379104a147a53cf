"""``/api/core/token/``: obtain (POST with username and password), rotate, or revoke (DELETE) your API token."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from egovnet.core.tokens import issue_token, revoke_token


class TokenLoginThrottle(AnonRateThrottle):
    """Password guessing against the token endpoint: a few attempts a minute per client address."""

    scope = "token"
    rate = "10/min"


class Credentials(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


TokenOut = inline_serializer("ApiToken", {"token": serializers.CharField(), "username": serializers.CharField()})


class TokenView(APIView):
    """POST credentials → a new token (the previous one stops working); DELETE (authenticated) → revoked."""

    permission_classes = [AllowAny]
    throttle_classes = [TokenLoginThrottle]

    @extend_schema(request=Credentials, responses={201: TokenOut, 400: None})
    def post(self, request: Request) -> Response:
        form = Credentials(data=request.data)
        form.is_valid(raise_exception=True)
        user = authenticate(request._request, **form.validated_data)
        if user is None:
            return Response(
                {"detail": "用户名或密码错误。 / Wrong username or password."}, status=status.HTTP_400_BAD_REQUEST
            )
        key = issue_token(actor=user, user=user, reason="通过接口以密码换取 / obtained through the API")
        return Response({"token": key, "username": user.get_username()}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            return Response({"detail": "需要登录。 / Authentication required."}, status=status.HTTP_401_UNAUTHORIZED)
        revoke_token(actor=request.user, user=request.user, reason="本人通过接口吊销 / revoked through the API")
        return Response(status=status.HTTP_204_NO_CONTENT)
