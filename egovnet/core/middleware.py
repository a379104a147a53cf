import re
import uuid

from django.conf import settings

from .audit import request_id_var

# What a proxy's or client's request id may look like to be kept: short, and only characters that cannot
# inject anything into a log line, an HTML page or a CSV cell.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")


def clean_request_id(value: str | None) -> str:
    """The client's X-Request-ID when it is well-formed, otherwise a fresh UUID (never stored verbatim)."""
    if value and REQUEST_ID_PATTERN.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Tag each request with an id that audit entries written during it carry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = clean_request_id(request.headers.get("X-Request-ID"))
        token = request_id_var.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = rid
        return response


class PermissionsPolicyMiddleware:
    """Deny browser features the platform never uses (camera, microphone, geolocation …) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.setdefault("Permissions-Policy", self.policy)
        return response
