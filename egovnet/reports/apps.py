from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "egovnet.reports"
    label = "reports"
    verbose_name = "报表 Reports"
