"""Web UI routes of the migration app (namespace `migration`)."""

from django.urls import path

from .views import budget, funding, plans, progress

app_name = "migration"
urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("plans/add/", plans.plan_create, name="plan_add"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/timeline/", plans.plan_timeline, name="plan_timeline"),
    path("versions/<int:pk>/edit/", plans.version_edit, name="version_edit"),
    path("versions/<int:pk>/items/add/", plans.item_add, name="item_add"),
    path("versions/<int:pk>/<str:verb>/", plans.version_action, name="version_action"),
    path("items/<int:pk>/edit/", plans.item_edit, name="item_edit"),
    path("items/<int:pk>/progress/", plans.item_progress, name="item_progress"),
    path("progress/", progress.dashboard, name="dashboard"),
    path("overdue/", progress.overdue, name="overdue"),
    path("without-plan/", progress.departments_without_plan, name="departments_without_plan"),
    path("proposals/", funding.proposal_list, name="proposal_list"),
    path("proposals/generate/", funding.proposal_generate, name="proposal_generate"),
    path("proposals/<int:pk>/", funding.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/accept/", funding.proposal_accept, name="proposal_accept"),
    path("proposal-lines/<int:pk>/decide/", funding.line_decide, name="line_decide"),
    path("what-if/", funding.what_if, name="what_if"),
    path("new-networks/", funding.new_networks, name="new_networks"),
    path("new-networks/<int:pk>/exception/", budget.network_exception, name="network_exception"),
    path("budget-lines/", budget.budget_list, name="budget_list"),
    path("budget-lines/add/", budget.budget_add, name="budget_add"),
    path("budget-lines/<int:pk>/edit/", budget.budget_edit, name="budget_edit"),
]
