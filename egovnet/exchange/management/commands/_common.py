"""Shared by the exchange commands: resolving the acting user and printing progress to stderr."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from egovnet.core.services import system_actor


def resolve_actor(username: str | None) -> Any:
    if not username:
        return system_actor()
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"用户“{username}”不存在 / no user {username!r}") from None


class StderrProgress:
    """A progress bar on stderr (one line, redrawn at most every 0.2 s)."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        label = {"validate": "校验 validate", "write": "写入 write"}.get(phase, phase)
        if total:
            pct = 100 * done // total
            bar = "#" * (pct // 4) + "." * (25 - pct // 4)
            self.stream.write(f"\r{label} [{bar}] {pct:3d}% {done}/{total}")
        else:  # size unknown until read (a workbook without <dimension>)
            self.stream.write(f"\r{label} {done} 行 rows …")
        if total and done >= total:
            self.stream.write("\n")
        self.stream.flush()
