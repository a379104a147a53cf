"""Every template compiles, so a broken page fails here rather than for the first user who opens it."""

from pathlib import Path

import pytest
from django.template import engines

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")


def _name(path: Path) -> str:
    return path.as_posix().split("/templates/", 1)[1]


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_template_compiles_and_has_no_merge_leftovers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not any(line.startswith(CONFLICT_MARKERS) for line in text.splitlines()), path
    engines["django"].from_string(text)


def test_templates_were_found() -> None:
    assert len(TEMPLATES) > 50
