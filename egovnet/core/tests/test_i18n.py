"""The 简体中文 catalogues: complete, compilable, and the committed .mo files match the .po files."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

import egovnet

ROOT = Path(egovnet.__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("egovnet_i18n_script", ROOT / "scripts" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)

PO_FILES = i18n.po_files()


def test_every_managed_catalogue_exists():
    assert len(PO_FILES) == len(i18n.APPS) + 1  # one per app plus the project-wide templates
    missing = [str(p) for p in PO_FILES if not p.exists()]
    assert missing == []


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_fully_translated(po):
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text and "#| msgid" not in text  # no guesses left over from msgmerge
    entries = i18n.parse_po(po)
    blocks = [b for b in text.split("\n\n") if "\nmsgid " in "\n" + b and 'msgid ""\nmsgstr ""\n"' not in b]
    assert len(entries) == len(blocks), "every msgid needs a 简体中文 msgstr"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_compiles(po, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_committed_mo_files_are_up_to_date():
    assert i18n.stale_catalogues() == []


def test_parse_po_matches_gettext_for_plurals(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(n)s record"\nmsgid_plural "%(n)s records"\nmsgstr[0] "%(n)s 条"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n',
        encoding="utf-8",
    )
    assert i18n.parse_po(po) == {"%(n)s record\x00%(n)s records": "%(n)s 条", "menu\x04Open": "打开"}
