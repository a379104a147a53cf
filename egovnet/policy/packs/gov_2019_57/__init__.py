"""Pack ``gov-2019-57``: 国办发〔2019〕57号 as rules (stages, NDRC filing, crypto, budget review, acceptance,
sharing), in force from 2020-01-01. Plugged in as a module only: the engine is unchanged (ADR 0312)."""

from egovnet.policy.engine.registry import register_pack
from egovnet.policy.packs.gov_2019_57 import rules  # noqa: F401  (importing registers the rules)
from egovnet.policy.packs.gov_2019_57.pack import PACK

register_pack(PACK)

__all__ = ["PACK"]
