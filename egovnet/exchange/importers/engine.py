"""The import engine: validate every row (pass 1), then write all of them in one transaction (pass 2).

Both passes stream the file in chunks of ``CHUNK`` rows; memory is bounded by the chunk and by the
distinct references of the file, never by its number of rows (docs/decisions/0700, 0701).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import ServiceError

from .cells import CellError, empty_value, parse_cell, parse_int
from .reader import FileFormatError, RowProblem, SheetSource
from .resolve import Resolver
from .rows import CREATE, UNCHANGED, UPDATE, RowOutcome, check_row, create_diff, header_index
from .spec import DIVISION, ID_HEADER, MULTI, REF, VERSION_HEADER, RegistrySpec
from .spool import ValidatedSpool, restore

CHUNK = 1000
BULK_THRESHOLD = 200  # more creates than this in one file take the bulk path (docs/decisions/0701)
MAX_REPORTED_ERRORS = 5000
MAX_SAMPLES = 200
Progress = Callable[[str, int, int], None]
CHANGED = "（数据在校验后被修改 / data changed since validation）"


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    registry: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    samples: list[RowOutcome] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message))

    def summary(self) -> str:
        head = "试运行 dry run" if self.dry_run else ("已导入 imported" if self.applied else "未导入 not imported")
        return (
            f"{head}: {self.rows} 行 rows — 新建 create {self.created}, 修改 update {self.updated}, "
            f"未变 unchanged {self.unchanged}, 错误 errors {self.error_count}"
        )


class ImportAborted(Exception):
    """Pass 2 met an error (data changed since pass 1, or a service refused): everything is rolled back."""

    def __init__(self, row: int, column: str, message: str) -> None:
        super().__init__(f"row {row}: {message}")
        self.row, self.column, self.message = row, column, message


class RowParser:
    """Turns a row's cells into values, column by column; the columns, their positions and lookup tables are
    worked out once per file, not per row."""

    def __init__(self, spec: RegistrySpec, index: dict[str, int]) -> None:
        self.id_at, self.version_at = index.get(ID_HEADER), index.get(VERSION_HEADER)
        self.columns = [
            (c.header, c.field, index[c.header], c, c.lookup_table(), c.required, c.kind == MULTI, empty_value(c))
            for c in spec.importable_columns()
            if c.header in index
        ]

    def __call__(self, number: int, cells: list) -> RowOutcome:
        out = RowOutcome(row=number)
        size, errors, values = len(cells), out.errors, out.values
        for header, at, target in ((ID_HEADER, self.id_at, "pk"), (VERSION_HEADER, self.version_at, "version")):
            raw = cells[at] if at is not None and at < size else None
            if raw not in (None, ""):
                try:
                    setattr(out, target, parse_int(raw))
                except CellError as exc:
                    errors.append((header, str(exc)))
        if out.pk is not None and out.version is None and not errors:
            errors.append(
                (VERSION_HEADER, "修改已有记录须填写导出时的版本号 / an update needs the version it was exported with")
            )
        for header, name, at, column, table, required, multi, empty in self.columns:
            value = cells[at] if at < size else None
            if value is None and not required:  # the commonest blank: no call
                values[name] = [] if multi else empty
                continue
            try:
                values[name] = parse_cell(column, table, value)
            except CellError as exc:
                errors.append((header, str(exc)))
        return out


def _resolve_chunk(spec: RegistrySpec, resolver: Resolver, chunk: list[RowOutcome]) -> None:
    refs = [c for c in spec.importable_columns() if c.kind == REF]
    for kind in {c.ref for c in refs}:
        raws = {o.values.get(c.field) for o in chunk for c in refs if c.ref == kind}
        resolver.prefetch(kind, {r for r in raws if r})
    for out in chunk:
        for column in spec.importable_columns():
            if column.field not in out.values or column.kind not in (REF, DIVISION):
                continue
            raw = out.values[column.field]
            try:
                if column.kind == DIVISION:
                    out.values[column.field] = resolver.division(raw)
                else:
                    out.values[column.field] = resolver.ref(column.ref, raw)
            except CellError as exc:
                out.errors.append((column.header, str(exc)))
                out.values.pop(column.field)
            if column.required and out.values.get(column.field, True) is None:
                out.errors.append((column.header, "必填项为空 / required value is missing"))


def _existing(spec: RegistrySpec, actor: Any, chunk: list[RowOutcome]) -> dict[int, Any]:
    ids = {o.pk for o in chunk if o.pk is not None}
    if not ids:
        return {}
    qs = permissions.restrict(spec.model.objects.filter(pk__in=ids), actor, "view")
    related = [spec.owner_field] if spec.owner_field else []
    if related or spec.select_related:
        qs = qs.select_related(*related, *spec.select_related)
    return {obj.pk: obj for obj in qs}


def iter_outcomes(
    source: SheetSource,
    spec: RegistrySpec,
    actor: Any,
    resolver: Resolver,
    progress: Progress | None,
    phase: str,
    known_total: int = 0,
    spool: ValidatedSpool | None = None,
) -> Iterator[RowOutcome]:
    """Every data row of the file, parsed, resolved, authorized and validated, chunk by chunk."""
    rows = source.rows()
    try:
        _, header = next(rows)
    except StopIteration:
        raise FileFormatError("文件为空 / the file is empty") from None
    if isinstance(header, RowProblem):
        raise FileFormatError(f"表头行无法读取 / the header row cannot be read: {header.message}")
    parse_row = RowParser(spec, header_index(spec, header))
    if spool is not None:
        spool.parser = parse_row
    total, done, cache = known_total or source.estimate, 0, {}
    chunk: list[RowOutcome] = []

    def flush() -> Iterator[RowOutcome]:
        _resolve_chunk(spec, resolver, chunk)
        existing = _existing(spec, actor, chunk)
        for out in chunk:
            check_row(spec, actor, out, existing, resolver, cache)
        yield from chunk
        chunk.clear()

    for number, cells in rows:
        if isinstance(cells, RowProblem):
            column = header[cells.column] if cells.column is not None and cells.column < len(header) else ""
            chunk.append(RowOutcome(row=number, errors=[(str(column or ""), cells.message)]))
        else:
            chunk.append(out := parse_row(number, cells))
            if out.pk is not None:
                out.cells = cells  # pass 2 checks an update against the database again
        if len(chunk) >= CHUNK:
            done += len(chunk)
            yield from flush()
            if progress:
                progress(phase, done, total if total >= done else 0)
    done += len(chunk)
    yield from flush()
    if progress:
        progress(phase, done, done)


def run_import(
    path: Any,
    registry: RegistrySpec,
    *,
    actor: Any,
    dry_run: bool = False,
    fmt: str | None = None,
    progress: Progress | None = None,
    reason: str = "",
) -> ImportReport:
    """Validate the whole file; unless ``dry_run`` and only when no row failed, write it all at once."""
    if not registry.importable:
        raise ServiceError(
            f"登记簿“{registry.name}”只能导出，不能导入 / registry {registry.name!r} is export-only and cannot be imported",
            code="export_only",
        )
    source = SheetSource.open(path, fmt)
    report = ImportReport(registry=registry.name, dry_run=dry_run)
    spool = None if dry_run else ValidatedSpool(CHUNK)
    try:
        try:
            _validate(source, registry, actor, report, progress, spool)
        except FileFormatError as exc:
            report.add_error(1, "", str(exc))
        if report.ok and spool is not None:
            try:
                bulk = registry.bulk_create is not None and report.created > BULK_THRESHOLD
                _apply(spool, registry, actor, progress, reason or f"导入 import {source.path.name}", bulk, source)
                report.applied = True
            except ImportAborted as exc:
                report.add_error(exc.row, exc.column, exc.message)
    finally:
        if spool is not None:
            spool.close()
    return report


def _validate(
    source: SheetSource, spec: RegistrySpec, actor: Any, report: ImportReport, progress, spool: ValidatedSpool | None
) -> None:
    for out in iter_outcomes(source, spec, actor, Resolver(), progress, "validate", spool=spool):
        report.rows += 1
        for column, message in out.errors:
            report.add_error(out.row, column, message)
        if out.errors:
            continue
        report.created += out.action == CREATE
        report.updated += out.action == UPDATE
        report.unchanged += out.action == UNCHANGED
        if out.action != UNCHANGED and len(report.samples) < MAX_SAMPLES:  # light copy: no instance, no values
            diff = create_diff(spec, out.values) if out.action == CREATE else out.diff
            report.samples.append(RowOutcome(row=out.row, pk=out.pk, action=out.action, diff=diff))
        if spool is not None and report.ok and out.action != UNCHANGED:
            spool.add(out)
    if spool is not None:
        spool.finish()


def _apply(
    spool: ValidatedSpool, spec: RegistrySpec, actor: Any, progress, reason: str, bulk: bool, source: SheetSource
) -> None:
    """Pass 2, in one transaction: the validated rows from the spool, not from the file. New rows' references
    are loaded again by id and their authorization and registry checks repeated (the data may have changed since
    pass 1); updates are checked again in full. What was checked on the cells alone is not repeated."""
    resolver, pending, cache, done = Resolver(validate_models=False), [], {}, 0
    with transaction.atomic():
        for records in spool.chunks():
            for out in _recheck(spec, actor, resolver, spool.parser, records, cache):
                if out.errors:
                    column, message = out.errors[0]
                    raise ImportAborted(out.row, column, message + CHANGED)
                if out.action == CREATE and bulk:
                    pending.append(out)
                    if len(pending) >= CHUNK:
                        _flush_bulk(spec, actor, pending, reason)
                elif out.action != UNCHANGED:
                    _write_one(spec, actor, out, reason)
            done += len(records)
            if progress:
                progress("write", done, spool.count)
        if pending:
            _flush_bulk(spec, actor, pending, reason)
        audit.record_event(
            actor=actor,
            action=AuditAction.IMPORT,
            object_type=f"exchange.import.{spec.name}",
            description=f"导入 import {source.path.name}",
            reason=reason,
        )


def _recheck(spec: RegistrySpec, actor: Any, resolver: Resolver, parser: Any, records: list, cache: dict) -> list:
    """One chunk of the spool as outcomes ready to write, in file order; what changed since pass 1 is an error."""
    creates = [restore(record) for record in records if record[0] == CREATE]
    for column in spec.importable_columns():
        if column.kind == REF:
            ids = {str(o.values[column.field]) for o in creates if o.values.get(column.field) is not None}
            resolver.prefetch(column.ref, ids)
    for out in creates:
        _restore_refs(spec, resolver, out)
        if not out.errors:
            check_row(spec, actor, out, {}, resolver, cache)
    updates = [parser(row, cells) for kind, row, cells in records if kind == UPDATE]
    if updates:
        _resolve_chunk(spec, resolver, updates)
        existing = _existing(spec, actor, updates)
        for out in updates:
            check_row(spec, actor, out, existing, resolver, cache)
    return sorted([*creates, *updates], key=lambda o: o.row)


def _restore_refs(spec: RegistrySpec, resolver: Resolver, out: RowOutcome) -> None:
    """Ids back to the rows they name, as loaded now: a row deleted since pass 1 is this row's error."""
    for column in spec.importable_columns():
        value = out.values.get(column.field)
        if value is None or column.kind not in (REF, DIVISION):
            continue
        found = resolver.divisions.get(value) if column.kind == DIVISION else resolver.by_id[column.ref].get(value)
        if found is None:
            out.errors.append((column.header, f"编号 {value} 已不存在 / {value} no longer exists"))
        out.values[column.field] = found


def _flush_bulk(spec: RegistrySpec, actor: Any, pending: list[RowOutcome], reason: str) -> None:
    try:
        spec.bulk_create(actor=actor, outcomes=pending, reason=reason)
    except (ValidationError, PermissionDenied, ServiceError, DatabaseError) as exc:
        rows = f"{pending[0].row}–{pending[-1].row}"
        raise ImportAborted(
            pending[0].row, "", f"第 {rows} 行批量写入失败 / rows {rows}: bulk write failed: {exc}"
        ) from exc
    pending.clear()


def _write_one(spec: RegistrySpec, actor: Any, out: RowOutcome, reason: str) -> None:
    try:
        if out.action == "create":
            spec.create(actor=actor, reason=reason, **out.values)
        else:
            spec.update(
                actor=actor, expected_version=out.version, reason=reason, **{spec.obj_kw: out.obj}, **out.changes
            )
    except ValidationError as exc:
        raise ImportAborted(out.row, "", "; ".join(exc.messages)) from exc
    except (PermissionDenied, ServiceError, DatabaseError) as exc:
        raise ImportAborted(out.row, "", str(exc)) from exc
