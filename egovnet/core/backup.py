"""Consistent snapshots of an installation, and their verified restore.

A snapshot is one ``.tar`` file holding:

- ``manifest.json``: format version, creation time, database vendor, row counts per model, the audit chain's head
  (length and last hash) and the SHA-256 of every other member;
- ``database.sqlite3`` (SQLite online backup API: consistent while the platform runs) or ``database.dump``
  (``pg_dump --format=custom`` in one repeatable-read snapshot);
- ``media.tar``: every file of the media storage (evidence, import uploads, generated documents), read through the
  storage, so a folder and an S3 bucket are backed up alike.

:func:`restore_snapshot` refuses a snapshot whose checksums do not match, restores the database and media, then
checks that the audit chain verifies and that the row counts and the chain head equal the manifest's. It reports
success only when all of that holds (fail closed: a partial restore is reported as a failure with its reason).

A snapshot restores into the same database vendor it was taken from; moving between SQLite and PostgreSQL is an
export/import, not a restore.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction

from egovnet.core import media
from egovnet.core.audit import verify_chain

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.dump"
MEDIA_MEMBER = "media.tar"


class BackupError(Exception):
    """A snapshot could not be written or restored; the message says why (zh / en)."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    counts: dict[str, int]
    audit_entries: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _tables() -> dict[str, str]:
    """``app_label.model`` → table of every concrete, managed model."""
    return {
        m._meta.label_lower: m._meta.db_table
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed
    }


def _counts_and_head(execute) -> tuple[dict[str, int], dict[str, Any]]:
    """Row counts per model and the audit chain's head, read through ``execute(sql) -> rows``."""
    counts = {label: execute(f'SELECT COUNT(*) FROM "{table}"')[0][0] for label, table in _tables().items()}
    audit_table = apps.get_model("core", "AuditEntry")._meta.db_table
    last = execute(f'SELECT seq, hash FROM "{audit_table}" ORDER BY seq DESC LIMIT 1')
    head = {
        "entries": counts["core.auditentry"],
        "last_seq": last[0][0] if last else None,
        "last_hash": last[0][1] if last else None,
    }
    return counts, head


def _django_execute(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def model_counts() -> dict[str, int]:
    """Row counts of every concrete, managed model, keyed by ``app_label.model``."""
    return _counts_and_head(_django_execute)[0]


def audit_head() -> dict[str, Any]:
    """Length and last hash of the audit chain: what a restore must reproduce exactly."""
    return _counts_and_head(_django_execute)[1]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """Path of ``pg_dump`` / ``pg_restore``: ``EGOVNET_PG_BIN``, then PATH, then the newest Debian install."""
    configured = os.environ.get("EGOVNET_PG_BIN")
    if configured:
        return str(Path(configured) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"找不到 {name}，请安装 PostgreSQL 客户端或设置 EGOVNET_PG_BIN / {name} not found: install the "
                      "PostgreSQL client tools or set EGOVNET_PG_BIN")


def _pg_env_and_args(alias: str = "default") -> tuple[dict[str, str], list[str]]:
    db = connections[alias].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return env, args


def _dump_sqlite(target: Path) -> tuple[dict[str, int], dict[str, Any]]:
    connection.ensure_connection()
    out = sqlite3.connect(target / SQLITE_MEMBER)
    try:
        connection.connection.backup(out)  # online backup: a consistent copy while the platform runs
        return _counts_and_head(lambda sql: out.execute(sql).fetchall())  # counted in the copy itself
    finally:
        out.close()


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, Any]]:
    """pg_dump inside a snapshot exported by a repeatable-read transaction that also counts the rows."""
    env, args = _pg_env_and_args()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        cmd = [pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
               f"--snapshot={snapshot_id}", "-f", str(target / PG_MEMBER), connection.settings_dict["NAME"]]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败 / pg_dump failed: {result.stderr.strip()}")
        return _counts_and_head(_django_execute)


def _dump_database(target: Path) -> tuple[str, dict[str, int], dict[str, Any]]:
    if connection.vendor == "sqlite":
        return (SQLITE_MEMBER, *_dump_sqlite(target))
    if connection.vendor == "postgresql":
        return (PG_MEMBER, *_dump_postgresql(target))
    raise BackupError(f"不支持的数据库 / unsupported database vendor: {connection.vendor}")


def _pack_media(target: Path) -> None:
    """Every file of the media storage (a folder or a bucket), read through the storage."""
    with tarfile.open(target / MEDIA_MEMBER, "w") as tar:
        for name in media.walk(default_storage):
            with default_storage.open(name, "rb") as fh:
                info = tarfile.TarInfo(name)
                info.size = fh.size
                tar.addfile(info, fh)


def write_snapshot(destination: Path) -> dict[str, Any]:
    """Write a snapshot to ``destination`` (a ``.tar`` file) and return its manifest."""
    destination = Path(destination)
    with tempfile.TemporaryDirectory(prefix="egovnet-backup-") as tmp:
        work = Path(tmp)
        db_member, counts, head = _dump_database(work)
        _pack_media(work)
        manifest = {
            "format": FORMAT_VERSION,
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": connection.vendor,
            "database": db_member,
            "counts": counts,
            "audit": head,
            "files": {name: _sha256(work / name) for name in (db_member, MEDIA_MEMBER)},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), "utf-8")
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            for name in (MANIFEST, db_member, MEDIA_MEMBER):
                tar.add(work / name, arcname=name)
        partial.replace(destination)  # never leave a half-written snapshot under the final name
    return manifest


def read_manifest(snapshot: Path) -> dict[str, Any]:
    try:
        with tarfile.open(snapshot, "r") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return json.loads(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"不是有效的备份文件 / not a valid snapshot: {snapshot} ({exc})") from exc


def _extract_verified(snapshot: Path, work: Path) -> dict[str, Any]:
    manifest = read_manifest(snapshot)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"备份格式版本不受支持 / unsupported snapshot format: {manifest.get('format')}")
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            f"备份来自 {manifest.get('vendor')}，当前数据库为 {connection.vendor} / the snapshot was taken from "
            f"{manifest.get('vendor')}, this installation runs {connection.vendor}"
        )
    with tarfile.open(snapshot, "r") as tar:
        for name in manifest["files"]:
            tar.extract(name, work, filter="data")
    for name, expected in manifest["files"].items():
        if _sha256(work / name) != expected:
            raise BackupError(f"备份文件 {name} 校验和不符，已拒绝 / checksum mismatch in {name}: refused")
    return manifest


def _restore_database(work: Path, manifest: dict[str, Any]) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(work / SQLITE_MEMBER)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    env, args = _pg_env_and_args()
    name = connection.settings_dict["NAME"]
    for conn in connections.all():
        conn.close()
    cmd = [pg_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
           "--single-transaction", "--exit-on-error", "-d", name, str(work / manifest["database"])]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败 / pg_restore failed: {result.stderr.strip()}")


def _restore_media(work: Path) -> None:
    """Make the media storage hold exactly the snapshot's files: files added since are deleted, the others are
    written back through the storage (a folder or a bucket)."""
    with tarfile.open(work / MEDIA_MEMBER, "r") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        for m in members:
            if os.path.isabs(m.name) or ".." in Path(m.name).parts:
                raise BackupError(f"备份中的媒体文件名不安全 / unsafe media file name in the snapshot: {m.name}")
        wanted = {m.name for m in members}
        for name in list(media.walk(default_storage)):
            if name not in wanted:
                default_storage.delete(name)
        for m in members:
            source = tar.extractfile(m)
            if source is None:
                continue
            default_storage.delete(m.name)
            default_storage.save(m.name, File(source, name=m.name))


def _reanchor_restored_chain() -> None:
    """The restored chain is older than the signed checkpoints outside the database (docs/decisions/0024): when
    it verifies by its keyed hashes alone, anchor its head afresh; a broken one keeps the old anchors and fails."""
    from egovnet.core import audit_anchor
    from egovnet.core.models import AuditEntry

    try:
        legacy = audit_anchor.legacy_until()
    except audit_anchor.AnchorError:
        return
    rows = AuditEntry.objects.order_by("seq").iterator(chunk_size=5000)
    if legacy == 0 and verify_chain(rows) is None:
        last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        if last:
            audit_anchor.reanchor_after_restore(*last)


def restore_snapshot(snapshot: Path) -> RestoreReport:
    """Restore ``snapshot`` over this installation, then verify it; ``report.ok`` is the verdict."""
    with tempfile.TemporaryDirectory(prefix="egovnet-restore-") as tmp:
        work = Path(tmp)
        manifest = _extract_verified(Path(snapshot), work)
        _restore_database(work, manifest)
        _restore_media(work)
    counts = model_counts()
    report = RestoreReport(manifest=manifest, counts=counts, audit_entries=audit_head()["entries"])
    _reanchor_restored_chain()
    broken = verify_chain()
    if broken:
        report.problems.append(f"审计日志链在 #{broken.seq} 处断开 / audit chain broken at #{broken.seq}: {broken.problem}")
    if audit_head() != manifest["audit"]:
        report.problems.append("审计日志链头与备份不符 / the audit chain head differs from the snapshot's")
    for label, expected in sorted(manifest["counts"].items()):
        if counts.get(label) != expected:
            report.problems.append(f"{label}: 应有 {expected} 行，实有 {counts.get(label)} / expected {expected} rows, "
                                   f"found {counts.get(label)}")
    return report


def media_fingerprint() -> dict[str, str]:
    """SHA-256 of every media file by storage name (for comparing an installation before and after)."""
    out = {}
    for name in media.walk(default_storage):
        digest = hashlib.sha256()
        with default_storage.open(name, "rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(chunk)
        out[name] = digest.hexdigest()
    return out


__all__ = [
    "BackupError",
    "RestoreReport",
    "audit_head",
    "media_fingerprint",
    "model_counts",
    "read_manifest",
    "restore_snapshot",
    "write_snapshot",
]
