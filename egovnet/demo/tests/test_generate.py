"""The synthetic generator: deterministic per seed, valid tree and paths, one audit event, refusals."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.core.services import system_actor
from egovnet.demo.generate import EVENT_TYPE, GenerateRefused, generate
from egovnet.geo.choices import DivisionLevel
from egovnet.geo.models import KINMEN_CODE, Division
from egovnet.geo.services import divisions_load
from egovnet.networks.models import Connection, Network
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

ORGS, SYSTEMS = 4_000, 2_000
LEVEL_TO_DIVISION = {
    Level.PROVINCIAL: DivisionLevel.PROVINCE,
    Level.PREFECTURE: DivisionLevel.PREFECTURE,
    Level.COUNTY: DivisionLevel.COUNTY,
}


def _dump() -> tuple[list, list, list, list]:
    skip = {"created", "last_updated"}

    def rows(model):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        return list(model.objects.order_by("id").values_list(*fields))

    return rows(Organisation), rows(Network), rows(ApplicationSystem), rows(Connection)


def _clear() -> None:
    Connection.objects.all().delete()
    ApplicationSystem.objects.all().delete()
    Network.objects.all().delete()
    for depth in (3, 2, 1):  # children before parents (PROTECT)
        Organisation.objects.filter(path__regex=r"^(/\d+){" + str(depth) + "}/$").delete()


@pytest.fixture
def divisions(db):
    divisions_load(actor=system_actor())


def test_same_seed_same_data_other_seed_other_data(divisions):
    first = generate(actor=None, seed=7, scale="small", orgs=ORGS, systems=SYSTEMS)
    data = _dump()
    assert len(data[0]) == ORGS and len(data[2]) == SYSTEMS and len(data[3]) == first.connections
    _clear()  # the audit log is append-only: the rerun adds a second generation event (hence force)
    again = generate(actor=None, seed=7, scale="small", orgs=ORGS, systems=SYSTEMS, force=True)
    assert _dump() == data
    assert again.digest == first.digest
    _clear()
    other = generate(actor=None, seed=8, scale="small", orgs=ORGS, systems=SYSTEMS, force=True)
    assert other.digest != first.digest and _dump() != data


def test_tree_paths_levels_and_one_audit_event(divisions):
    before = AuditEntry.objects.count()
    report = generate(actor=system_actor(), seed=1, scale="small", orgs=ORGS, systems=SYSTEMS)
    assert AuditEntry.objects.count() == before + 1
    event = AuditEntry.objects.get(object_type=EVENT_TYPE)
    assert event.after["organisations"] == ORGS and event.after["systems"] == SYSTEMS
    assert event.after["digest"] == report.digest
    assert verify_chain() is None
    # Every division holds organisations; levels match division levels; paths are "<parent path><id>/".
    # (except 金门县, out of reach of mainland e-government).
    assert Organisation.objects.values("division").distinct().count() == Division.objects.count() - 1
    assert not Organisation.objects.filter(division_id=KINMEN_CODE).exists()
    orgs = {o.pk: o for o in Organisation.objects.select_related("division")}
    for org in orgs.values():
        parent_path = orgs[org.parent_id].path if org.parent_id else "/"
        assert org.path == f"{parent_path}{org.pk}/"
        if org.level != Level.CENTRAL:
            assert org.division.level == LEVEL_TO_DIVISION[org.level], org.name
        if org.parent_id:
            assert orgs[org.parent_id].level == org.level
    # A subtree query by path prefix returns exactly the descendants.
    root = Organisation.objects.filter(level=Level.CENTRAL, parent__isnull=True, children__isnull=False).first()
    subtree = set(Organisation.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    expected = {root.pk} | {o.pk for o in orgs.values() if o.parent_id == root.pk}
    assert subtree == expected and len(subtree) > 1
    assert ApplicationSystem.objects.filter(owner__path__startswith=root.path).exists()
    # Every province has its core organs; all rows are demo rows; the classification mix is present.
    for kind in (OrgKind.DEVELOPMENT_REFORM, OrgKind.PUBLIC_SECURITY, OrgKind.FINANCE):
        assert Organisation.objects.filter(level=Level.PROVINCIAL, kind=kind).count() == 31
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert set(ApplicationSystem.objects.values_list("secrecy_grade", flat=True)) == {"", "mimi", "jimi", "juemi"}
    assert not ApplicationSystem.objects.filter(is_classified=True, mlps_level__isnull=False).exists()
    assert (
        ApplicationSystem.objects.filter(current_network="dedicated", current_dedicated_network__isnull=True).count()
        == 0
    )
    # A later service create gets a fresh id (sequences are past the generated ids).
    assert Organisation.objects.create(
        name="x", kind=OrgKind.OTHER, level=Level.CENTRAL, division_id="110000"
    ).pk > max(orgs)


def test_refuses_non_demo_data_and_a_second_run(divisions):
    Organisation.objects.create(name="真实单位", kind=OrgKind.OTHER, level=Level.CENTRAL, division_id="110000")
    with pytest.raises(GenerateRefused):
        generate(actor=None, seed=1, scale="small", orgs=50, systems=10)
    with pytest.raises(CommandError, match="non-demo"):
        call_command("generate", "--scale", "small", "--seed", "1", "--orgs", "50", "--systems", "10")
    assert Organisation.objects.count() == 1 and not AuditEntry.objects.filter(object_type=EVENT_TYPE).exists()
    generate(actor=None, seed=1, scale="small", orgs=400, systems=10, force=True)
    Organisation.objects.filter(is_demo=False).delete()
    with pytest.raises(GenerateRefused, match="already generated"):
        generate(actor=None, seed=1, scale="small", orgs=400, systems=10)


def test_command_validates_numbers(divisions):
    with pytest.raises(CommandError, match="--orgs"):
        call_command("generate", "--scale", "small", "--seed", "1", "--orgs", "0")


def test_most_departments_connect_to_the_extranet_platform_of_their_division(divisions):
    from egovnet.networks.choices import ComponentKind, NetworkFamily

    report = generate(actor=None, seed=3, scale="small", orgs=ORGS, systems=SYSTEMS)
    conns = list(Connection.objects.select_related("organisation", "platform"))
    assert len(conns) == report.connections and 0.75 * ORGS < len(conns) < 0.9 * ORGS
    assert {c.organisation.kind for c in conns}.isdisjoint({OrgKind.EXTRANET_OPERATOR, OrgKind.ASSESSMENT_AGENCY})
    for c in conns:
        assert (c.platform.family, c.platform.kind) == (NetworkFamily.EXTRANET, ComponentKind.PLATFORM)
        org, platform = c.organisation, c.platform
        if org.level == Level.CENTRAL:
            assert platform.level == Level.CENTRAL
        else:  # its own division's platform, or one above it in the same province
            assert platform.division_id is None or org.division_id.startswith(platform.division_id.rstrip("0")[:2])
