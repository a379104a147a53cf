"""One vocabulary for target networks: the registry's (``legacy_dedicated``), in the dossier, the database
facts and the rules; the dossier format version 1 still accepts the old spelling ``dedicated``."""

from __future__ import annotations

import datetime as dt

import pytest

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world
from egovnet.policy.choices import SubjectType
from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.dossier.convert import to_snapshot
from egovnet.policy.engine.grouped import members_of
from egovnet.policy.facts import TARGET_NETWORKS
from egovnet.policy.subjects import source_for
from egovnet.policy.tests.helpers import app, base
from egovnet.systems.choices import TargetNetwork


def _dossier(target: str) -> dict:
    d = base(stage="needs_analysis")
    app(d, "app-2")["target_network"] = target
    return d


def test_the_facts_use_the_registry_vocabulary():
    assert set(TARGET_NETWORKS) - {"none"} == set(TargetNetwork.values)


def test_legacy_dedicated_is_accepted_and_the_old_spelling_is_its_alias():
    new = check_dossier(_dossier("legacy_dedicated"))
    old = check_dossier(_dossier("dedicated"))
    assert to_snapshot(_dossier("dedicated")).applications[1].target_network == "legacy_dedicated"
    r43 = [x for x in new.findings if x.rule == "R-4.3"]
    assert r43 and r43[0].outcome == "fail" and "保留业务专网" in r43[0].message.zh
    assert [(x.rule, x.subject, x.outcome, x.message) for x in new.findings] == [
        (x.rule, x.subject, x.outcome, x.message) for x in old.findings
    ]


def test_an_unknown_target_is_still_invalid():
    with pytest.raises(DossierError):
        check_dossier(_dossier("dedicated_network"))


@pytest.mark.django_db
def test_database_facts_keep_the_registry_value():
    build_world()
    system = f.make_system(owner=f.make_org(), target_network=TargetNetwork.LEGACY_DEDICATED)
    batch = source_for(SubjectType.SYSTEM).batch_for([system.pk], on=dt.date(2026, 1, 1))
    [a] = [x for x in members_of(batch.classes)] or list(batch.snapshots[0].applications)
    assert a.target_network == "legacy_dedicated"
