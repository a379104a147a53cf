"""Judging equal applications once (engine.grouped) gives exactly the findings of judging each one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from egovnet.policy.engine import Outcome, Pack, RuleContext, Strength, Text
from egovnet.policy.engine.evaluate import run_rule
from egovnet.policy.engine.grouped import (
    TOKEN,
    UNREAD,
    classes_of,
    declared_fields,
    evaluate_grouped,
    for_member,
    members_of,
    prototype_of,
)
from egovnet.policy.engine.model import passed
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.facts import (
    NETWORKS,
    SECRECY_GRADES,
    TARGET_NETWORKS,
    Application,
    DepartmentConnection,
    Snapshot,
)

ON = dt.date(2026, 6, 1)
PER_APPLICATION = [r for p in all_packs() for r in p.rules.values() if r.app_fields is not None]


def random_apps(n: int, seed: int) -> list[Application]:
    rng = random.Random(seed)
    apps = []
    for i in range(n):
        classified = rng.choice([True, False, False, None])
        apps.append(
            Application(
                id=f"sys-{i}",
                name=f"sys-{i}",
                classified=classified,
                secrecy_grade=rng.choice([*SECRECY_GRADES, None]) if classified else None,
                mlps_level=rng.choice([1, 2, 3, 4, None]),
                current_network=rng.choice([*NETWORKS, None]),
                target_network=rng.choice([*TARGET_NETWORKS, None, "bogus"]),
                coverage_levels=tuple(rng.sample(["central", "provincial", "prefecture", "county"], rng.randint(0, 3))),
                bandwidth_mbps=rng.choice([None, 2.0, 10.0, 100.0]),
                public_facing=rng.random() < 0.3,
                cross_region=rng.random() < 0.3,
                cross_department=rng.random() < 0.3,
                shares_basic_info=rng.random() < 0.3,
            )
        )
    return apps


def _plain(rule, apps):
    ctx = RuleContext(params={}, pack_id=rule.pack)
    found = run_rule(rule, Snapshot(evaluation_date=ON, applications=tuple(apps)), ctx)
    ids = {a.id for a in apps}
    return sorted(_key(f) for f in found if f.subject in ids)


def _grouped(rule, classes):
    ctx = RuleContext(params={}, pack_id=rule.pack)
    return sorted(_key(for_member(f, m)) for f, members in evaluate_grouped(rule, classes, ctx, ON) for m in members)


def _key(f):
    return (f.subject, f.rule, f.outcome, f.message.zh, f.message.en, f.remediation.zh, f.remediation.en, f.evidence)


def test_the_pack_declares_its_per_application_rules():
    assert {r.id for r in PER_APPLICATION} >= {"R-1.1", "R-3.4", "R-4.2", "R-4.3"}


@pytest.mark.parametrize("rule", PER_APPLICATION, ids=lambda r: r.id)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouped_equals_plain_evaluation(rule, seed):
    apps = random_apps(400, seed)
    expected = _plain(rule, apps)
    assert expected  # the random applications exercise the rule
    assert _grouped(rule, classes_of(apps)) == expected
    # classes defined on the declared fields only (as the system source builds them) give the same result
    fields = declared_fields(PER_APPLICATION)
    narrow = {}
    for a in apps:
        key = tuple(getattr(a, f) for f in fields)
        narrow.setdefault(key, dataclasses.replace(classes_of([a])[0], prototype=prototype_of(a, fields), members=[]))
        narrow[key].members.append(a.id)
    assert len(narrow) < len(apps)  # fewer classes than applications
    assert _grouped(rule, list(narrow.values())) == expected


PER_DEPARTMENT = [r for p in all_packs() for r in p.rules.values() if r.department_fields is not None]


@pytest.mark.parametrize("rule", PER_DEPARTMENT, ids=lambda r: r.id)
def test_grouped_equals_plain_evaluation_for_departments(rule):
    rng = random.Random(11)
    deps = [DepartmentConnection(f"org-{i}", rng.random() < 0.4, rng.choice([0, 0, 1, 2, 7])) for i in range(300)]
    ctx = RuleContext(params={}, pack_id=rule.pack)
    ids = {d.department for d in deps}
    plain = sorted(_key(f) for f in run_rule(rule, Snapshot(ON, departments=tuple(deps)), ctx) if f.subject in ids)
    assert plain
    grouped = evaluate_grouped(rule, classes_of(deps), ctx, ON)
    assert len(grouped) == len(classes_of(deps)) == 8  # 2 (connected) × 4 counts: 300 departments judged 8 times
    assert sorted(_key(for_member(f, m)) for f, members in grouped for m in members) == plain


def test_sources_judge_by_class_only_what_their_rules_allow():
    """The system source judges by class every application but 绝密 ones and those named by a deviation:
    its whole-snapshot rules must read only those (R-4.4, R-4.5). A rule added to the source must be
    per-application or be reviewed here."""
    from egovnet.orgs.fact_source import OrganisationSource
    from egovnet.systems.fact_source import SystemSource

    rules = {r.id: r for p in all_packs() for r in p.rules.values()}
    whole = {rid for rid in SystemSource.rule_ids if rules[rid].app_fields is None}
    assert whole == {"R-4.4", "R-4.5"}
    assert all(rules[rid].department_fields is not None for rid in OrganisationSource.rule_ids)


def test_members_of_inverts_classes_of():
    apps = random_apps(50, 7)
    assert sorted(members_of(classes_of(apps)), key=lambda a: a.id) == sorted(apps, key=lambda a: a.id)


def _toy_rule(func, app_fields):
    pack = Pack(id="t-grouped", title=Text("t", "t"), effective_from=dt.date(2000, 1, 1))
    pack.rule(
        "R-1.9",
        article=1,
        strength=Strength.MUST,
        title=("t", "t"),
        message=("m", "m"),
        remediation=("r", "r"),
        app_fields=app_fields,
    )(func)
    return pack.rules["R-1.9"]


def test_a_rule_reading_an_undeclared_field_is_indeterminate_for_the_whole_class():
    def sneaky(s, ctx):
        for a in s.applications:
            if a.bandwidth_mbps > 10:  # not declared
                yield passed(a.id)

    rule = _toy_rule(sneaky, ("classified",))
    apps = random_apps(30, 3)
    out = evaluate_grouped(rule, classes_of(apps), RuleContext(params={}, pack_id="t-grouped"), ON)
    assert {f.outcome for f, _ in out} == {Outcome.INDETERMINATE}
    assert sorted(m for _, members in out for m in members) == sorted(a.id for a in apps)  # none dropped
    assert "did not declare" in out[0][0].error


def test_unknown_declared_fields_are_refused_when_the_pack_loads():
    with pytest.raises(ValueError, match="unknown Application fields"):
        _toy_rule(lambda s, ctx: iter(()), ("bandwith",))


def test_unread_refuses_every_use():
    for use in (
        lambda: UNREAD == 1,
        lambda: bool(UNREAD),
        lambda: f"{UNREAD}",
        lambda: str(UNREAD),
        lambda: 1 in UNREAD,
    ):
        with pytest.raises(AttributeError):
            use()


def test_the_token_never_leaks_into_a_member_finding():
    apps = random_apps(200, 5)
    for rule in PER_APPLICATION:
        for f, members in evaluate_grouped(rule, classes_of(apps), RuleContext(params={}, pack_id=rule.pack), ON):
            for m in members:
                g = for_member(f, m)
                assert TOKEN not in "".join([g.subject, g.message.zh, g.message.en, g.remediation.zh, *g.evidence])


def test_member_rows_equal_the_rows_of_the_member_findings():
    from django.utils import timezone

    from egovnet.policy.engine.model import Finding, Outcome, Strength
    from egovnet.policy.findings_store import Plan, _member_rows, _row
    from egovnet.policy.subjects import Subject

    f = Finding(
        rule="R-4.3", article=4, paragraph=None, outcome=Outcome.FAIL, strength=Strength.IN_PRINCIPLE, subject=TOKEN,
        message=Text(f"应用{TOKEN}不符合", f"app {TOKEN} fails"), remediation=Text("改", "fix"),
        evidence=(f"{TOKEN}:target", "plain"), pack="ndrc-2012-1986",
    )  # fmt: skip
    plan = Plan(on=ON, rules=(), contexts={}, versions={"ndrc-2012-1986": "v1"})
    subjects = {k: Subject("system", k[4:], f"名称{k}", 7, "410000", 0) for k in ("sys-1", "sys-2")}
    now = timezone.now()
    got = list(_member_rows(f, ["sys-1", "sys-2"], subjects, plan, now, 3))
    assert got == [_row(for_member(f, k), subjects[k], plan, now, 3) for k in ("sys-1", "sys-2")]
    assert "sys-2:target" in got[1][16] and TOKEN not in "".join(str(c) for c in got[1])
