from django.apps import AppConfig


class MigrationConfig(AppConfig):
    name = "egovnet.migration"
    label = "migration"
    verbose_name = "专网迁移与运维经费 Migration and O&M"
