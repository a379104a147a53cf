from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "egovnet.geo"
    label = "geo"
    verbose_name = "行政区划 Divisions"
