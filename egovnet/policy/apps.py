from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class PolicyConfig(AppConfig):
    name = "egovnet.policy"
    label = "policy"
    verbose_name = "规则引擎 Policy engine"
    nav_items = [
        NavItem(label=_("Rule catalogue"), url_name="policy:rule_catalogue", group="policy", order=10),
        NavItem(label=_("Dossier self-check"), url_name="policy:dossier_check", group="policy", order=20),
        NavItem(label=_("Findings"), url_name="policy:findings_list", group="policy", order=30),
        NavItem(label=_("Policy sweeps"), url_name="policy:sweep_list", group="policy", order=40),
    ]

    def ready(self) -> None:
        from .exchange_specs import register_specs

        register_specs()

        from egovnet.core import jobs as background

        from .refresh import register_enqueue_batch
        from .tasks import REFRESH_ATTEMPTS, refresh_findings_batch

        background.register(refresh_findings_batch.module_path, max_attempts=REFRESH_ATTEMPTS)
        register_enqueue_batch(lambda keys: refresh_findings_batch.enqueue(keys=keys))
