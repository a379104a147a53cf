"""Routes of the inbox (namespace `tasks`)."""

from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("invitations/<int:pk>/", views.invitation, name="invitation"),
    path("local-parts/<int:pk>/approve/", views.local_part_approve, name="local_part_approve"),
]
