"""Root URL configuration: each app mounts its UI under /<app>/ and its API under /api/<app>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from egovnet.core import health, metrics
from egovnet.core import views as core_views

APPS = ["core", "geo", "orgs", "networks", "systems", "projects", "migration", "policy", "reports", "exchange"]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("readyz/workers", health.workers, name="readyz_workers"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # Signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]); the docs page loads its start-up script
    # from a URL of its own (no inline script: Content-Security-Policy, docs/decisions/0022).
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
]
urlpatterns += [path(f"api/{app}/", include(f"egovnet.{app}.api.urls")) for app in APPS]
urlpatterns += [path(f"{app}/", include(f"egovnet.{app}.urls", namespace=app)) for app in APPS]
urlpatterns += [path("tasks/", include("egovnet.tasks.urls", namespace="tasks"))]

handler400 = "egovnet.core.views.bad_request"
handler403 = "egovnet.core.views.permission_denied"
handler404 = "egovnet.core.views.page_not_found"
handler500 = "egovnet.core.views.server_error"
