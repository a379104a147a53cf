"""One way for a page to call a service and show its refusal.

Services authorise, validate and refuse; a page only runs the call and tells the reader what happened. Keeping
that in one place means every page words a refusal the same way: a ``ValidationError`` with fields names each
field, other refusals show the service's bilingual "中文 / English" message (or, on pages that read in one
language, the reader's half of it), and an exception that knows how to explain itself to a reader
(``for_reader()``, e.g. a blocked gate listing its rules) does so. ``PermissionDenied`` stays a 403 unless the
page asks for it to be shown as a message (pages whose actions are offered to users who may turn out not to hold
the role, such as a project's workflow buttons).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from .errors import ServiceError
from .templatetags.egovnet_ui import one_language

__all__ = ["attempt", "attempt_call", "refusal_text"]


def refusal_text(exc: Exception, *, in_one_language: bool = False) -> str:
    """A refusal as one line for a page message."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
        return " ".join(exc.messages)
    for_reader = getattr(exc, "for_reader", None)
    if callable(for_reader):
        return for_reader()
    text = getattr(exc, "message", None) or str(exc)
    return one_language(text) if in_one_language else text


def attempt_call(
    request: Any,
    call: Callable[[], Any],
    *,
    success: str | None = None,
    form: Any = None,
    permission_as_message: bool = False,
    in_one_language: bool = False,
) -> tuple[bool, Any]:
    """Run ``call``; on success add ``success`` (if any) and return ``(True, its result)``.

    On a refusal return ``(False, None)`` after adding it as an error message; with ``form``, a field-by-field
    ``ValidationError`` goes onto the form instead (unknown fields as non-field errors) so the page re-renders
    it next to the inputs.
    """
    refusals: tuple[type[Exception], ...] = (ServiceError, ValidationError)
    if permission_as_message:
        refusals += (PermissionDenied,)
    try:
        result = call()
    except refusals as exc:
        if form is not None and isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, refusal_text(exc, in_one_language=in_one_language))
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def attempt(
    request: Any,
    call: Callable[[], Any],
    *,
    success: str | None = None,
    form: Any = None,
    permission_as_message: bool = False,
    in_one_language: bool = False,
) -> bool:
    """``attempt_call`` for pages that need only whether the call went through."""
    ok, _result = attempt_call(
        request,
        call,
        success=success,
        form=form,
        permission_as_message=permission_as_message,
        in_one_language=in_one_language,
    )
    return ok
