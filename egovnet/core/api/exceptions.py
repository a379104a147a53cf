"""Map service errors to HTTP answers with field-level messages."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..errors import ServiceError

IN_USE = (
    "该记录仍被 {n} 条其他记录引用，无法删除；请先删除或改挂这些记录。"
    " / This record is still referenced by {n} other record(s) and cannot be deleted; delete or reassign them first."
)


def _validation_detail(exc: DjangoValidationError) -> dict:
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    detail = exc.message_dict
    if NON_FIELD_ERRORS in detail:
        detail["non_field_errors"] = detail.pop(NON_FIELD_ERRORS)
    return detail


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif isinstance(exc, ProtectedError | RestrictedError):
        blockers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        message = IN_USE.format(n=len(blockers))
        return Response({"detail": message, "code": "in_use", "details": []}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, ServiceError):
        return Response({"detail": exc.message, "code": exc.code, "details": exc.details}, status=exc.status_code)
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_400_BAD_REQUEST and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return response
