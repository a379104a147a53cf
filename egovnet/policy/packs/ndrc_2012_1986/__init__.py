"""Pack ``ndrc-2012-1986``: the twelve articles of 发改高技[2012]1986号 as rules (context.md §3)."""

from egovnet.policy.engine.registry import register_pack
from egovnet.policy.packs.ndrc_2012_1986 import (  # noqa: F401  (importing registers the rules)
    a01,
    a02,
    a03,
    a04,
    a05,
    a06,
    a07,
    a08,
    a09,
    a10,
    a11,
    a12,
)
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

register_pack(PACK)

__all__ = ["PACK"]
