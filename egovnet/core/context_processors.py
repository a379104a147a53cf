from django.conf import settings

from . import permissions


def platform(request):
    user = getattr(request, "user", None)
    return {
        "EGOVNET_MODE": settings.MODE,
        "user_roles": sorted(permissions.user_roles(user)) if user and user.is_authenticated else [],
    }
