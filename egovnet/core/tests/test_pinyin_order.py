"""Names sort by pinyin (阿坝 < 北京 < 丁青 < 七台河 < 重庆), not by code point, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from egovnet.core.collation import pinyin, pinyin_sort_key
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


def test_the_stored_key_reads_place_names_as_phrases() -> None:
    assert pinyin_sort_key("重庆市") == "chong2qing4shi4"  # 重 alone reads zhong4
    assert pinyin_sort_key("厦门市") == "xia4men2shi4"
    assert pinyin_sort_key("六安市") == "lu4an1shi4"
    assert pinyin_sort_key("12345热线（北京）") == "12345re4xian4bei3jing1"  # punctuation dropped, ASCII only


def test_every_write_path_keeps_the_stored_key(divisions, make_org) -> None:
    org = make_org("七台河市政务办")
    assert Organisation.objects.get(pk=org.pk).name_pinyin == pinyin_sort_key("七台河市政务办")
    org.name = "阿坝州政务办"
    org.save(update_fields=["name"])
    assert Organisation.objects.get(pk=org.pk).name_pinyin.startswith("a1ba4")
    [bulk] = Organisation.objects.bulk_create(
        [Organisation(name="重庆市政务办", kind=org.kind, level=org.level, division=org.division)]
    )
    assert Organisation.objects.get(pk=bulk.pk).name_pinyin.startswith("chong2qing4")
    bulk.name = "北京市政务办"
    Organisation.objects.bulk_update([bulk], ["name"])
    Organisation.objects.filter(pk=org.pk).update(name="丁青县政务办")
    assert dict(Organisation.objects.filter(pk__in=[org.pk, bulk.pk]).values_list("name", "name_pinyin")) == {
        "北京市政务办": pinyin_sort_key("北京市政务办"),
        "丁青县政务办": pinyin_sort_key("丁青县政务办"),
    }


def test_the_name_sort_is_served_by_the_stored_key(divisions, make_org) -> None:
    for name in NAMES:
        make_org(name)
    names = list(Organisation.objects.filter(name__in=NAMES).order_by("name_pinyin", "id").values_list("name", flat=True))
    assert names == PINYIN_ORDER
