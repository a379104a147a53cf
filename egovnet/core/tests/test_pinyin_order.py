"""Names sort by pinyin (阿坝 < 北京 < 丁青 < 七台河 < 重庆), not by code point, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from egovnet.core.collation import pinyin
from egovnet.orgs.models import Organisation

pytestmark = pytest.mark.django_db

NAMES = ["七台河市政务办", "丁青县政务办", "重庆市政务办", "北京市政务办", "阿坝州政务办"]
PINYIN_ORDER = ["阿坝州政务办", "北京市政务办", "重庆市政务办", "丁青县政务办", "七台河市政务办"]


def test_queryset_orders_by_pinyin(divisions, make_org):
    for name in NAMES:
        make_org(name)
    names = list(Organisation.objects.filter(name__in=NAMES).order_by(pinyin("name"), "id").values_list("name", flat=True))
    assert names == PINYIN_ORDER
    assert sorted(NAMES) != PINYIN_ORDER  # code-point order differs (丁 < 七 < 北 < 重 < 阿)


def test_organisation_list_is_in_pinyin_order(divisions, make_org, make_user):
    for name in NAMES:
        make_org(name)
    client = Client()
    client.force_login(make_user("pinyin_admin", "admin"))
    html = client.get("/orgs/", {"q": "政务办", "sort": "name"}).content.decode()
    shown = [n for n in re.findall(r">([^<>]+政务办)<", html) if n in NAMES]
    assert shown == PINYIN_ORDER
    html = client.get("/orgs/", {"q": "政务办", "sort": "-name"}).content.decode()
    assert [n for n in re.findall(r">([^<>]+政务办)<", html) if n in NAMES] == PINYIN_ORDER[::-1]
