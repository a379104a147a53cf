"""The sweep: counts by article, outcome and province on a crafted dataset; one audit event; fail closed."""

import dataclasses
import json
from io import StringIO

import pytest
from django.core.management import call_command

from egovnet.core.models import AuditEntry
from egovnet.core.tests.world import build_world
from egovnet.policy.choices import FindingOutcome, SubjectType, SweepStatus
from egovnet.policy.engine.registry import get_pack
from egovnet.policy.models import Finding, SweepRun
from egovnet.policy.sweep import run_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def db_count(**kw):
    return Finding.objects.filter(**kw).count()


def test_sweep_counts_match_the_stored_findings(world):
    run = run_sweep(actor=world.admin, batch_size=2)
    assert run.status == SweepStatus.DONE and run.findings == Finding.objects.count() > 0
    assert run.batches > 4  # 5 systems in batches of 2, plus organisations, networks, provinces
    # every fail is stored; not-applicable findings and advisory passes are only counted
    for article, by_outcome in run.counts["by_article"].items():
        for outcome, n in by_outcome.items():
            stored = db_count(article=int(article), outcome=outcome)
            assert n == stored if outcome == FindingOutcome.FAIL else n >= stored
    for province, by_outcome in run.counts["by_province"].items():
        for outcome, n in by_outcome.items():
            stored = db_count(province_code="" if province == "—" else province, outcome=outcome)
            assert n == stored if outcome == FindingOutcome.FAIL else n >= stored
    assert not Finding.objects.filter(outcome=FindingOutcome.NOT_APPLICABLE).exists()
    assert not Finding.objects.filter(outcome=FindingOutcome.PASS, strength__in=["INFO", "GOAL"]).exists()
    assert run.counts["by_rule"]["R-3.4"][FindingOutcome.PASS] == 3  # counted, not stored
    assert set(run.timings) == {"read", "evaluate", "write", "delete"}


def test_sweep_counts_on_the_crafted_world(world):
    from egovnet.policy.tests.test_real_models import connect

    connect(world.henan_drc, world.net_henan)
    run = run_sweep(actor=world.admin)
    by_rule = run.counts["by_rule"]
    # placement: both classified systems have no target, 乙部 and 河南 systems neither
    assert by_rule["R-4.2"] == {FindingOutcome.FAIL: 2}
    assert by_rule["R-4.3"] == {FindingOutcome.FAIL: 2, FindingOutcome.PASS: 1}
    # two dedicated networks without a migration plan
    assert by_rule["R-4.1"] == {FindingOutcome.FAIL: 2}
    assert run.counts["by_article"]["4"][FindingOutcome.FAIL] == 6
    # 河南: the provincial extranet has no attested link to the centre, the system has no target
    henan = run.counts["by_province"]["410000"]
    assert db_count(province_code="410000", rule="R-5.3", outcome=FindingOutcome.FAIL) == 1
    assert db_count(province_code="410000", rule="R-4.3", outcome=FindingOutcome.FAIL) == 1
    assert henan[FindingOutcome.FAIL] == db_count(province_code="410000", outcome=FindingOutcome.FAIL)
    # 乙部 runs a non-classified system but is not connected to the extranet; 河南省发改委 is
    assert db_count(subject_id=str(world.ministry_b.pk), rule="R-3.2", outcome=FindingOutcome.FAIL) == 1
    assert db_count(subject_id=str(world.henan_drc.pk), rule="R-3.2") == 0  # a pass: counted, not stored
    assert run.counts["by_rule"]["R-3.2"][FindingOutcome.PASS] >= 1


def test_second_sweep_replaces_findings_and_is_audited_once_each(world):
    first = run_sweep(actor=world.admin)
    before = AuditEntry.objects.count()
    second = run_sweep(actor=world.admin)
    assert Finding.objects.count() == second.findings == first.findings
    assert not Finding.objects.filter(sweep_id=first.pk).exists()
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.object_type == "policy.sweep" and entry.object_id == str(second.pk)


def test_province_sweep_touches_only_that_province(world):
    run_sweep(actor=world.admin)
    other = set(Finding.objects.exclude(province_code__startswith="41").values_list("pk", flat=True))
    run = run_sweep(actor=world.admin, province="410000")
    assert set(run.counts["by_province"]) == {"410000"}
    assert set(Finding.objects.exclude(province_code__startswith="41").values_list("pk", flat=True)) == other


def test_a_rule_that_raises_is_stored_indeterminate_on_every_subject(world, monkeypatch):
    pack = get_pack("ndrc-2012-1986")

    def boom(s, ctx):
        raise RuntimeError("broken rule")

    monkeypatch.setitem(pack.rules, "R-3.4", dataclasses.replace(pack.rules["R-3.4"], func=boom))
    run_sweep(actor=world.admin)
    rows = Finding.objects.filter(rule="R-3.4")
    assert rows.count() == 5  # every system of the batch, never dropped
    assert set(rows.values_list("outcome", flat=True)) == {FindingOutcome.INDETERMINATE}
    assert "broken rule" in rows.first().error


def test_command_json_and_text(world):
    out = StringIO()
    call_command("sweep", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "done" and data["findings"] == Finding.objects.count()
    assert {"by_article", "by_province", "by_rule", "packs"} <= set(data)
    out = StringIO()
    call_command("sweep", "--province", "410000", stdout=out)
    assert "第四条" in out.getvalue() and "410000" in out.getvalue()
    assert SweepRun.objects.count() == 2
    assert Finding.objects.filter(subject_type=SubjectType.PROVINCE).exists()


def test_command_rejects_a_bad_province(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--province"):
        call_command("sweep", "--province", "Henan")


def test_insert_findings_writes_every_row_exactly(db):
    from django.db import connection
    from django.utils import timezone

    from egovnet.policy.findings_store import COLUMNS, insert_findings

    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        ("system", str(i), f"系统{i}", None, "410000", 0, "R-4.3", 4, None, "fail", "IN_PRINCIPLE", True,
         f"应用sys-{i}未部署在政务外网\\t", "en", "改", "fix", f'["sys-{i}"]', "", "", "ndrc-2012-1986", "v", stamp, None)
        for i in range(100)
    ]  # fmt: skip
    assert len(rows[0]) == len(COLUMNS)
    insert_findings(rows)
    got = list(Finding.objects.order_by("id").values_list("subject_id", "message_zh", "evidence"))
    assert got == [(str(i), f"应用sys-{i}未部署在政务外网\\t", [f"sys-{i}"]) for i in range(100)]
