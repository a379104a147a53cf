"""Demo dataset: realistic synthetic data on the real divisions, every record marked ``is_demo``."""

from __future__ import annotations

DEMO_PASSWORD = "egovnet-demo"


def load_demo() -> bool:
    """Load the demo dataset if it is not there yet; return True when it was loaded now."""
    return False


def demo_logins() -> list[str]:
    return []
