"""WSGI entry point for production servers (gunicorn, waitress, any WSGI server).

After Django is set up, the URL resolver, the templates' loaders and the translation catalogues are warmed and the
heap is frozen (``gc.freeze()``): the cyclic garbage collector then never rescans the long-lived objects, which
removes the 100+ ms full-collection pauses that otherwise land on p99 (architecture.md, "Data at national scale").
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Load what every request needs once, so it lands in the frozen generation."""
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 — imports every URLconf and view module
    for engine in engines.all():
        engine.engine.template_loaders  # noqa: B018
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            translation.gettext("egovnet")


def freeze_heap() -> None:
    gc.collect()
    gc.freeze()


if os.environ.get("EGOVNET_WSGI_FREEZE", "1") != "0":
    warm_up()
    freeze_heap()
