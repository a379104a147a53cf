"""The registry facts builder: a fixed number of queries per batch, whatever the batch size."""

import datetime as dt

import pytest

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world
from egovnet.networks.choices import ComponentKind, NetworkFamily
from egovnet.orgs.choices import Level
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.grouped import UNREAD, members_of
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.subjects import source_for
from egovnet.systems.choices import SecrecyGrade

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 1, 1)


@pytest.fixture
def world():
    return build_world()


def grow(world, n):
    """n more systems (some classified, some with deviations), orgs and dedicated networks."""
    for i in range(n):
        org = f.make_org()
        f.make_system(owner=org, is_classified=i % 3 == 0, secrecy_grade=SecrecyGrade.MIMI if i % 3 == 0 else "")
        f.make_network(owner=org, family=NetworkFamily.DEDICATED, kind=ComponentKind.WAN_BACKBONE)
        if i % 4 == 0:
            s = f.make_system(owner=org, is_classified=True, secrecy_grade=SecrecyGrade.JUEMI)
            PolicyDeviation.objects.create(
                rule="R-4.4",
                subject_type=SubjectType.SYSTEM,
                subject_id=s.pk,
                owner=org,
                reason="r",
                legal_basis="b",
                approver=world.ndrc,
            )


@pytest.mark.parametrize(
    ("subject_type", "province", "upfront", "queries"),
    [
        (SubjectType.SYSTEM, "", 2, 0),  # national: deviations read once, the rows streamed
        (SubjectType.SYSTEM, "110000", 1, 1),  # one province: deviations per batch
        # national: connections and counts read once, grouped, and the rows streamed
        (SubjectType.ORGANISATION, "", 3, 0),
        (SubjectType.ORGANISATION, "110000", 1, 2),  # one province: facts per batch, filtered on its ids
        (SubjectType.NETWORK, "", 0, 2),
    ],
)
@pytest.mark.parametrize("n", [4, 40])
def test_queries_per_batch_do_not_grow_with_the_batch(
    world, django_assert_num_queries, subject_type, province, upfront, queries, n
):
    grow(world, n)
    source = source_for(subject_type)
    paged = subject_type == SubjectType.NETWORK  # keyset pages end with an empty page; a stream does not
    with django_assert_num_queries(upfront + queries + paged):  # one batch
        batches = list(source.batches(on=ON, batch_size=1000, province=province))
    assert len(batches) == 1 and len(batches[0].subjects) >= n
    with django_assert_num_queries(upfront + 2 * queries + paged):  # two batches
        size = (len(batches[0].subjects) + 1) // 2
        batches = list(source.batches(on=ON, batch_size=size, province=province))
    assert len(batches) == 2


def test_province_batch_is_four_queries_at_most(world, django_assert_max_num_queries):
    grow(world, 10)
    f.make_network(
        "河南某专网",
        owner=world.henan_drc,
        family=NetworkFamily.DEDICATED,
        kind=ComponentKind.WAN_BACKBONE,
        level=Level.PROVINCIAL,
    )
    with django_assert_max_num_queries(4):
        [batch] = list(source_for(SubjectType.PROVINCE).batches(on=ON, batch_size=1000))
    snap = batch.snapshots[0]
    assert {c.province for c in snap.coverage} >= {"410000", "420000"}
    henan = [n for n in snap.provincial_networks if n.province == "410000"]
    assert {n.carries for n in henan} == {"non_classified"} and len(henan) == 2


def test_system_facts(world):
    batch = source_for(SubjectType.SYSTEM).batch_for([world.sys_a.pk, world.sys_a_jimi.pk], on=ON)
    [snap] = batch.snapshots
    assert not snap.applications  # no deviation names them: both are judged by class
    apps = {a.id: a for a in members_of(batch.classes)}
    a = apps[f"sys-{world.sys_a.pk}"]
    assert a.classified is False and a.target_network == "extranet"
    assert a.mlps_level is UNREAD  # no per-application rule of the source reads it: not part of the class
    j = apps[f"sys-{world.sys_a_jimi.pk}"]
    assert j.classified and j.secrecy_grade == "jimi" and j.current_network is UNREAD and j.name == j.id
    assert batch.subjects[j.id].label == f"涉密系统 #{world.sys_a_jimi.pk}" and batch.subjects[j.id].secrecy_rank == 2


def test_a_system_named_by_a_deviation_is_judged_on_its_own_full_facts(world):
    PolicyDeviation.objects.create(
        rule="R-4.3",
        subject_type=SubjectType.SYSTEM,
        subject_id=world.sys_a.pk,
        owner=world.ministry_a,
        reason="r",
        legal_basis="b",
        approver=world.ndrc,
        expires=ON + dt.timedelta(days=9),
    )
    batch = source_for(SubjectType.SYSTEM).batch_for([world.sys_a.pk, world.sys_a_jimi.pk], on=ON)
    [snap] = batch.snapshots
    [a] = snap.applications
    assert a.id == f"sys-{world.sys_a.pk}" and a.mlps_level == 3 and a.current_network is not UNREAD
    assert [d.subject for d in snap.deviations] == [a.id]
    assert [m.id for m in members_of(batch.classes)] == [f"sys-{world.sys_a_jimi.pk}"]


def test_dedicated_network_facts(world):
    from egovnet.policy.tests.test_real_models import approve_plan

    approve_plan(world.net_a, world.sys_a_jimi)
    world.net_a.established_on = dt.date(2015, 1, 1)
    world.net_a.annual_om_cost_10k_yuan = 120
    world.net_a.save()
    [snap] = source_for(SubjectType.NETWORK).batch_for([world.net_a.pk, world.net_b.pk], on=ON).snapshots
    nets = {n.id: n for n in snap.dedicated_networks}
    assert nets[f"net-{world.net_a.pk}"].has_migration_plan and not nets[f"net-{world.net_b.pk}"].has_migration_plan
    [line] = snap.budget_lines  # no budget line recorded: the O&M cost stands in, named as such
    assert line.id == f"om-{world.net_a.pk}"
    assert line.object_id == f"net-{world.net_a.pk}" and line.amount_10k_yuan == 120


def test_refreshing_several_provinces_touches_only_them_and_never_duplicates(world):
    from django.db.models import Count

    from egovnet.policy.models import Finding
    from egovnet.policy.services import refresh_subjects

    refresh_subjects(SubjectType.PROVINCE, ["410000", "420000"], on=ON)
    rows = Finding.objects.filter(rule__in=source_for(SubjectType.PROVINCE).rule_ids)
    assert rows.exists() and set(rows.values_list("province_code", flat=True)) <= {"410000", "420000"}
    before = rows.count()
    refresh_subjects(SubjectType.PROVINCE, ["410000", "420000"], on=ON)
    assert rows.count() == before
    twice = rows.values("subject_type", "subject_id", "rule").annotate(n=Count("id")).filter(n__gt=1)
    assert not twice.exists()
