# ruff: noqa: F811 - pytest fixtures imported from egovnet.reports.tests.factories
"""Coverage on the real division list with crafted platforms and connections."""

from __future__ import annotations

import datetime as dt

import pytest

from egovnet.geo.models import Division
from egovnet.networks.choices import NetworkStatus
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.orgs.choices import Level, OrgKind
from egovnet.reports.tests.factories import D0, all_divisions, connect, org, planner, platform  # noqa: F401

pytestmark = pytest.mark.django_db
DAY = dt.date(2016, 1, 1)


def _prov(report, code):
    return next(p for p in report.provinces if p.code == code)


def _region(prov, code):
    return next(r for r in prov.regions if r.code == code)


def test_national_denominators_follow_the_special_cases(all_divisions):
    report = compute_coverage(DAY)
    assert len(report.provinces) == 31
    # 2,845 counties − 金门 + 东莞/中山/儋州/嘉峪关 as their own county-level units
    assert report.national.counties_total == 2845 - 1 + 4
    assert report.national.prefectures_total == 333
    assert report.national.counties_covered == report.national.prefectures_covered == 0
    assert _prov(report, "350000").counts.counties_total == 84 - 1  # 金门 excluded
    assert _prov(report, "440000").counts.counties_total == 122 + 2  # 东莞, 中山
    assert _prov(report, "460000").counts.counties_total == 25 + 1  # 儋州
    assert _prov(report, "620000").counts.counties_total == 86 + 1  # 嘉峪关


def test_municipality_districts_are_county_units_without_prefecture_level(all_divisions, planner):
    platform(planner, Level.PROVINCIAL, "110000")
    for code in ("110101", "110102", "110105"):
        platform(planner, Level.COUNTY, code)
    dept_a, dept_b = org(planner, "110101"), org(planner, "110101")
    connect(planner, dept_a, platform(planner, Level.COUNTY, "110106"))
    org(planner, "110101", kind=OrgKind.EXTRANET_OPERATOR)  # operators are not departments
    beijing = _prov(compute_coverage(DAY), "110000")
    assert beijing.is_municipality and beijing.platform_present
    assert beijing.counts.prefectures_total == 0
    assert beijing.counts.shares()["prefecture_coverage"] is None
    assert (beijing.counts.counties_total, beijing.counts.counties_covered) == (16, 4)
    assert (beijing.counts.departments_total, beijing.counts.departments_connected) == (2, 1)
    assert beijing.regions == []  # no drill-down regions below a municipality
    assert dept_b.pk


def test_units_directly_under_a_province_are_their_own_regions(all_divisions, planner):
    platform(planner, Level.COUNTY, "419001")  # 济源
    platform(planner, Level.PREFECTURE, "410100")  # 郑州
    platform(planner, Level.COUNTY, "410102")
    henan = _prov(compute_coverage(DAY), "410000")
    jiyuan = _region(henan, "419001")
    assert jiyuan.level == "county" and jiyuan.platform_present and jiyuan.counts.counties_covered == 1
    assert (henan.counts.prefectures_total, henan.counts.prefectures_covered) == (17, 1)
    assert (henan.counts.counties_total, henan.counts.counties_covered) == (157, 2)
    zhengzhou = _region(henan, "410100")
    assert zhengzhou.counts.counties_covered == 1
    assert zhengzhou.counts.counties_total == Division.objects.filter(parent_id="410100").count()


def test_prefecture_without_counties_counts_as_its_own_county_unit(all_divisions, planner):
    platform(planner, Level.PREFECTURE, "441900")  # 东莞
    dept = org(planner, "441900", level=Level.PREFECTURE)
    connect(planner, dept, platform(planner, Level.PREFECTURE, "442000"))  # 中山's platform
    guangdong = _prov(compute_coverage(DAY), "440000")
    dongguan, zhongshan = _region(guangdong, "441900"), _region(guangdong, "442000")
    assert (dongguan.counts.prefectures_covered, dongguan.counts.counties_total, dongguan.counts.counties_covered) == (
        1,
        1,
        1,
    )
    assert (dongguan.counts.departments_total, dongguan.counts.departments_connected) == (1, 1)
    assert zhongshan.counts.counties_covered == 1
    assert guangdong.counts.counties_covered == 2


def test_kinmen_never_counts(all_divisions, planner):
    platform(planner, Level.COUNTY, "350527")
    fujian = _prov(compute_coverage(DAY), "350000")
    assert fujian.counts.counties_covered == 0
    assert all(r.code != "350527" for r in fujian.regions)


def test_history_uses_dates_of_platforms_connections_and_divisions(all_divisions, planner):
    pf = platform(planner, Level.COUNTY, "130102", established_on=dt.date(2015, 6, 1))
    dept = org(planner, "130102")
    connect(planner, dept, pf, on=dt.date(2015, 6, 1), disconnected_on=dt.date(2017, 1, 1))
    platform(planner, Level.COUNTY, "130104", status=NetworkStatus.PLANNED)
    before, after, later = (compute_coverage(d) for d in (dt.date(2015, 1, 1), DAY, dt.date(2018, 1, 1)))
    assert _prov(before, "130000").counts.counties_covered == 0
    assert _prov(after, "130000").counts.counties_covered == 1  # the planned platform never counts
    assert _prov(after, "130000").counts.departments_connected == 1
    assert _prov(later, "130000").counts.departments_connected == 0
    Division.objects.filter(pk="130102").update(valid_to=dt.date(2017, 6, 1))
    assert _prov(compute_coverage(dt.date(2018, 1, 1)), "130000").counts.counties_total == 166
    assert _prov(compute_coverage(dt.date(2016, 1, 1)), "130000").counts.counties_total == 167


def test_coverage_takes_a_fixed_number_of_queries(all_divisions, planner, django_assert_num_queries):
    for code in ("130102", "130104", "410102", "110101"):
        connect(planner, org(planner, code), platform(planner, Level.COUNTY, code))
    with django_assert_num_queries(5):
        report = compute_coverage(DAY)
    assert report.national.counties_covered == 4
    assert report.as_dict()["national"]["county_coverage"] == round(100 * 4 / 2848, 2)
