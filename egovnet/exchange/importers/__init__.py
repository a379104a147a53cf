"""Registry importers: row specs per registry and the all-or-nothing import engine.

Other apps add their registries (migration items, budget lines …) from their ``AppConfig.ready()``::

    from egovnet.exchange.importers import Column, RegistrySpec, register
    register(RegistrySpec(name="migration-items", title="迁移事项 Migration items", model=MigrationItem, ...))
"""

from .engine import ImportReport, RowError, run_import
from .spec import ID_HEADER, VERSION_HEADER, Column, RegistrySpec, all_specs, get_spec, register

__all__ = [
    "ID_HEADER",
    "VERSION_HEADER",
    "Column",
    "ImportReport",
    "RegistrySpec",
    "RowError",
    "all_specs",
    "get_spec",
    "register",
    "run_import",
]
