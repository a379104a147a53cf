"""Typed errors raised by services. Messages are public API: what happened, why, how to fix it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["ConcurrentEditError", "PermissionDenied", "ServiceError", "ValidationError"]


class ServiceError(Exception):
    """A refusal by a service that is neither bad input nor a permission problem."""

    status_code = 409

    def __init__(self, message: str, *, code: str = "refused", details: list | dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or []


class ConcurrentEditError(ServiceError):
    def __init__(self, *, obj: object, expected: int | None, current: int):
        super().__init__(
            f"该记录已被他人修改（您编辑的是第 {expected} 版，当前为第 {current} 版），未保存任何内容。请刷新后重新编辑。"
            f" / {obj} was changed by someone else (you edited version {expected}, it is now version "
            f"{current}); nothing was saved. Reload and edit again.",
            code="stale",
        )
        self.current = current
