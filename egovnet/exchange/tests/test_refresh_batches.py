"""Findings refresh of many subjects: above ``FINDINGS_REFRESH_INLINE_MAX`` it is queued as task batches (not run
in the request), below it runs inline; either way the stored findings are the same."""

from __future__ import annotations

import json

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core.jobs import EgovnetWorker
from egovnet.exchange.importers import get_spec, run_import
from egovnet.policy import refresh
from egovnet.policy.choices import SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.tasks import refresh_findings_batch
from egovnet.systems.models import ApplicationSystem

from .conftest import system_row, write_sheet

pytestmark = pytest.mark.django_db(transaction=True)  # real commits: the refresh runs after the import commits
TASK = refresh_findings_batch.module_path


def _import(world, tmp_path, names: list[str]) -> None:
    # non-classified systems that target the intranet: each fails R-4.3 (a stored finding)
    rows = [system_row(n, world["henan"], target_network="政务内网") for n in names]
    path = write_sheet(tmp_path / f"{names[0]}.csv", get_spec("systems").headers(), rows)
    report = run_import(str(path), get_spec("systems"), actor=world["root"], dry_run=False, fmt="csv")
    assert report.ok, report.errors


def _stored() -> set[tuple]:
    rows = Finding.objects.values_list("subject_type", "subject_id", "rule", "outcome", "message_zh", "evidence")
    return {(*row[:-1], json.dumps(row[-1], sort_keys=True)) for row in rows}


def _queued() -> list[dict]:
    return [r.args_kwargs["kwargs"]["keys"] for r in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at")]


def test_a_refresh_above_n_is_queued_in_batches_and_ends_identical_to_the_inline_one(world, tmp_path, settings,
                                                                                     monkeypatch):
    settings.FINDINGS_REFRESH_INLINE_MAX = 3
    monkeypatch.setattr(refresh, "CHUNK", 2)
    _import(world, tmp_path, ["批量一", "批量二", "批量三", "批量四"])
    ids = sorted(str(pk) for pk in ApplicationSystem.objects.values_list("pk", flat=True))
    assert not Finding.objects.filter(subject_type=SubjectType.SYSTEM).exists()  # not evaluated in the caller
    queued = _queued()
    assert {t for batch in queued for t in batch} >= {SubjectType.SYSTEM}
    assert sorted(i for b in queued for i in b.get(SubjectType.SYSTEM, [])) == ids
    assert all(len(ids_) <= 2 for b in queued for ids_ in b.values())  # batches of CHUNK subjects

    EgovnetWorker(batch=True, interval=0).run()
    results = DBTaskResult.objects.filter(task_path=TASK)
    assert {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}, [r.traceback for r in results]
    by_worker = _stored()
    assert {f[1] for f in by_worker if f[0] == SubjectType.SYSTEM} == set(ids)

    Finding.objects.all().delete()
    settings.FINDINGS_REFRESH_INLINE_MAX = 1000
    keys: dict[str, set[str]] = {}
    for batch in queued:
        for subject_type, batch_ids in batch.items():
            keys.setdefault(subject_type, set()).update(batch_ids)
    assert refresh.refresh_keys(keys) == len(by_worker)  # inline: evaluated now
    assert _stored() == by_worker
    assert DBTaskResult.objects.filter(task_path=TASK).count() == len(queued)  # nothing more queued


def test_a_refresh_of_n_subjects_or_fewer_stays_inline(world, tmp_path, settings):
    settings.FINDINGS_REFRESH_INLINE_MAX = 3
    _import(world, tmp_path, ["小批一", "小批二"])  # two systems + their owner: three subjects
    assert not DBTaskResult.objects.filter(task_path=TASK).exists()
    stored = {i for t, i in Finding.objects.values_list("subject_type", "subject_id") if t == SubjectType.SYSTEM}
    assert stored == {str(pk) for pk in ApplicationSystem.objects.values_list("pk", flat=True)}
