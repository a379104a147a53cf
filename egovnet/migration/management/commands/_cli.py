"""Shared helpers of the migration commands: the reader identity and output formats."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


class ServerOperator:
    """Reader of CLI reports run on the server without --user: all rows, no clearance (names redacted)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    clearance = 0
    pk = None
    username = "cli"
    _egovnet_assignments: list = []


def reader(username: str | None) -> Any:
    if not username:
        return ServerOperator()
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"用户不存在或已停用 / no active user {username!r} (--user)") from None


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
