"""The actor of trusted command-line loaders (demo data, national generator).

``system_actor()`` is stored inactive and without roles, so the services' authorization would refuse it.
Loaders started by an operator on the server's shell are trusted: they act as the system user with an
in-memory superuser grant and clearance. Nothing is saved on the user row, so the grant never outlives the command
and no one can log in with it; the audit log still names the ``system`` actor.
"""

from __future__ import annotations

from typing import Any

from egovnet.core.services import system_actor
from egovnet.systems.choices import GRADE_RANK


def trusted_system_actor() -> Any:
    actor = system_actor()
    actor.is_active = True
    actor.is_superuser = True
    # Above every human clearance (Clearance tops at 机密): the loader registers the demo's 绝密 system's
    # grade-only metadata, which no user of the platform can do through the services.
    actor.clearance = max(GRADE_RANK.values())
    return actor
