"""A user's inbox from the derivation: 待我办理, 已逾期, 等待他方 — each item once, each with its link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .derive import ACTOR, WAITING, Scope, Task, may_act, tasks_for, waits


@dataclass(frozen=True)
class Inbox:
    todo: list[Task]  # the user must act, not yet late
    overdue: list[Task]  # the user must act, past the deadline
    waiting: list[Task]  # the user's organisation submitted it; another party must act

    @property
    def count(self) -> int:
        return len(self.todo) + len(self.overdue)


def inbox(user: Any, today: dt.date | None = None) -> Inbox:
    """Only items where one of the user's roles may act for the expected organisation (``may_act``);
    an overdue item appears under 已逾期 only."""
    today = today or timezone.localdate()
    if user is None or not user.is_authenticated:
        return Inbox([], [], [])
    scope = Scope(user)
    mine = [t for t in tasks_for(scope, today, ACTOR) if may_act(user, t)]
    keys = {t.key for t in mine}
    waiting = [t for t in tasks_for(scope, today, WAITING) if t.key not in keys and waits(user, t)]
    return Inbox(
        todo=[t for t in mine if not t.overdue(today)],
        overdue=[t for t in mine if t.overdue(today)],
        waiting=waiting,
    )


def all_open(today: dt.date | None = None) -> list[Task]:
    """Every open task in the country (the notifications sweep and the tests)."""
    return tasks_for(Scope(None), today or timezone.localdate(), ACTOR)


def project_waiting(project: Any, today: dt.date | None = None, verdict: Any = None) -> list[Task]:
    """What the project is waiting for, and from whom (the project page's panel; ``verdict``: the page's own
    verdict on the project's gate, so it is not judged twice)."""
    return tasks_for(Scope(None, project_id=project.pk, verdict=verdict), today or timezone.localdate(), ACTOR)
