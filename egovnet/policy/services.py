"""The findings services other apps call: refresh after a write, the current findings of a subject.

A facade over :mod:`egovnet.policy.refresh` (when to re-evaluate) and :mod:`egovnet.policy.findings_store`
(evaluate and store); deviations are written by :mod:`egovnet.policy.deviations`.
"""

from __future__ import annotations

from egovnet.policy.findings_store import current_findings, refresh_subjects
from egovnet.policy.refresh import (
    refresh_created_on_commit,
    refresh_findings_for,
    refresh_findings_on_commit,
    refresh_keys,
    refresh_on_commit,
    register_dependants,
    register_feeds,
)

__all__ = [
    "current_findings",
    "refresh_created_on_commit",
    "refresh_findings_for",
    "refresh_findings_on_commit",
    "refresh_keys",
    "refresh_on_commit",
    "refresh_subjects",
    "register_dependants",
    "register_feeds",
]
