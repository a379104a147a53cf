import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from egovnet.core import audit
from egovnet.core.models import AuditEntry
from egovnet.core.services import system_actor
from egovnet.orgs.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(divisions, admin_user_):
    org = organisation_create(
        actor=admin_user_,
        name="某部",
        kind="government_department",
        level="central",
        division=divisions["110000"],
        in_beijing=True,
    )
    organisation_update(actor=admin_user_, organisation=org, expected_version=1, short_name="某")
    audit.record_event(actor=system_actor(), object_type="test.event", description="a CLI run")
    return list(AuditEntry.objects.order_by("seq"))


def _raw(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_every_service_write_is_chained(chain):
    assert [e.action for e in chain] == ["create", "update", "system"]
    assert chain[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(chain, chain[1:], strict=False))
    assert chain[1].before["short_name"] == "" and chain[1].after["short_name"] == "某"
    assert chain[2].actor_name == "system"
    assert audit.verify_chain() is None
    call_command("audit", "verify")


def test_orm_cannot_edit_or_delete_entries(chain):
    entry = chain[0]
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(seq=1).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_edited_entry_is_detected(chain):
    _raw("UPDATE core_auditentry SET reason = %s WHERE seq = %s", ["tampered", chain[1].seq])
    broken = audit.verify_chain()
    assert broken is not None and broken.seq == chain[1].seq and "edited" in broken.problem
    with pytest.raises(CommandError, match=f"#{chain[1].seq}"):
        call_command("audit", "verify")


def test_deleted_entry_is_detected(chain):
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [chain[1].seq])
    broken = audit.verify_chain()
    assert broken is not None and broken.seq == chain[1].seq and "missing" in broken.problem


def test_reordered_entries_are_detected(chain):
    a, b = chain[0], chain[1]
    # Swap the contents of two rows while keeping their sequence numbers.
    _raw("UPDATE core_auditentry SET seq = -1 WHERE seq = %s", [a.seq])
    _raw("UPDATE core_auditentry SET seq = %s WHERE seq = %s", [a.seq, b.seq])
    _raw("UPDATE core_auditentry SET seq = %s WHERE seq = -1", [b.seq])
    broken = audit.verify_chain()
    assert broken is not None and broken.seq == a.seq


def test_classified_name_never_in_object_repr(divisions, admin_user_):
    from egovnet.systems.services import system_create

    org = organisation_create(
        actor=admin_user_, name="某部", kind="government_department", level="central", division=divisions["110000"]
    )
    system = system_create(actor=admin_user_, name="绝密案件系统", owner=org, is_classified=True, secrecy_grade="jimi")
    entry = AuditEntry.objects.get(object_type="systems.applicationsystem", object_id=str(system.pk))
    assert "绝密案件系统" not in entry.object_repr
