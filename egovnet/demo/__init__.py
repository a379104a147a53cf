"""Demo dataset: realistic synthetic data on the real divisions, every record marked ``is_demo``."""

from __future__ import annotations

from .loader import DEMO_PASSWORD, demo_present, load_demo
from .logins import demo_logins

__all__ = ["DEMO_PASSWORD", "demo_logins", "demo_present", "load_demo"]
