"""Home page and error pages (the registry pages live in each app's views)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "core/home.html", {})


def _error(request, status: int, title_zh: str, title_en: str, hint: str = ""):
    return render(
        request,
        "core/error.html",
        {"status": status, "title_zh": title_zh, "title_en": title_en, "hint": hint},
        status=status,
    )


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "Bad request", "请检查输入后重试。 Check your input and try again.")


def permission_denied(request, exception=None):
    return _error(request, 403, "无权访问", "Permission denied", str(exception or ""))


def page_not_found(request, exception=None):
    return _error(request, 404, "页面不存在或不在您的管辖范围内", "Not found, or outside your scope")


def server_error(request):
    return _error(request, 500, "系统内部错误，已记录", "Internal error; it has been logged")
