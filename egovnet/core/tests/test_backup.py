"""Backup and restore round trip: counts, media hashes and the audit chain come back exactly."""

import io
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from egovnet.core import audit
from egovnet.core.backup import audit_head, media_fingerprint, model_counts, read_manifest
from egovnet.core.models import AuditEntry
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def installation(divisions, admin_user_, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "批复.pdf").write_bytes(b"%PDF-1.4 evidence bytes")
    for name in ("某部", "另一部"):
        organisation_create(
            actor=admin_user_, name=name, kind="government_department", level="central",
            division=divisions["110000"], in_beijing=True,
        )
    return settings.MEDIA_ROOT


def test_round_trip_restores_rows_media_and_the_audit_chain(installation, tmp_path, admin_user_, divisions):
    counts, head, media = model_counts(), audit_head(), media_fingerprint()
    snapshot = tmp_path / "snap.tar"
    call_command("backup", str(snapshot))
    manifest = read_manifest(snapshot)
    assert manifest["counts"] == counts and manifest["audit"] == head and head["entries"] >= 2

    # Life goes on after the snapshot: a new audited write, a lost row, a lost and a changed file.
    organisation_create(
        actor=admin_user_, name="第三部", kind="government_department", level="central",
        division=divisions["110000"], in_beijing=True,
    )
    Organisation.objects.filter(name="某部").delete()
    (installation / "evidence" / "批复.pdf").write_bytes(b"changed")
    (installation / "stray.txt").write_text("x")
    assert model_counts() != counts

    call_command("restore", str(snapshot), "--yes")
    assert model_counts() == counts
    assert audit_head() == head
    assert media_fingerprint() == media
    assert audit.verify_chain() is None
    assert set(Organisation.objects.values_list("name", flat=True)) >= {"某部", "另一部"}


def test_restore_refuses_a_tampered_snapshot(installation, tmp_path):
    snapshot = tmp_path / "snap.tar"
    call_command("backup", str(snapshot))
    manifest = read_manifest(snapshot)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(snapshot) as src, tarfile.open(tampered, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == manifest["database"]:
                data = data[:-16] + bytes(b ^ 0xFF for b in data[-16:])  # a change whatever the bytes were
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(tampered), "--yes")


def test_restore_reports_failure_when_the_restored_chain_is_broken(installation, tmp_path):
    first = AuditEntry.objects.order_by("seq").first()
    with connection.cursor() as cursor:  # an edit made behind the platform's back before the snapshot
        cursor.execute(f'UPDATE "{AuditEntry._meta.db_table}" SET object_repr = %s WHERE seq = %s', ["forged", first.seq])
    snapshot = tmp_path / "snap.tar"
    call_command("backup", str(snapshot))
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("restore", str(snapshot), "--yes")


def test_restore_needs_confirmation(installation, tmp_path):
    snapshot = tmp_path / "snap.tar"
    call_command("backup", str(snapshot))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(snapshot))
