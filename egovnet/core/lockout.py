"""The answer to a locked-out sign-in (django-axes calls :func:`lockout_response`): 429, in Chinese and English.

GB/T 22239-2019 8.1.4.1 b) asks for 登录失败处理 (limit failed sign-ins); 发改高技[2012]1986号 第三条 asks that the
extranet be built and run to the graded-protection (等级保护) requirements.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def lockout_message() -> str:
    minutes = round(float(settings.AXES_COOLOFF_TIME or 0) * 60)
    return (
        f"登录失败次数过多，该账号或该客户端已被暂时锁定，请 {minutes} 分钟后再试，或联系系统管理员解锁"
        "（GB/T 22239-2019 8.1.4.1 登录失败处理；发改高技[2012]1986号 第三条 等级保护要求）。"
        f" / Too many failed sign-ins: this account or this client is locked for {minutes} minutes; "
        "try again later or ask an administrator to unlock it (GB/T 22239-2019 8.1.4.1, failed-login handling)."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message(), "code": "login_locked"}, status=status)
    return render(request, "core/login_locked.html", {"message": lockout_message()}, status=status)


def client_address(request: HttpRequest) -> str:
    """The address failed sign-ins are counted against: the socket's peer, unless that peer is one of the
    operator's proxies (``EGOVNET_FORWARDED_ALLOW_IPS``); then the right-most X-Forwarded-For entry that is not a
    proxy. A header from anyone else is ignored, so a client cannot choose the address it is counted under."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if peer not in proxies:
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in proxies:
            return hop
    return peer
