"""Column and registry specifications shared by templates, imports and exports.

One ``RegistrySpec`` per registry lists its columns in sheet order. The same headers are written by
the template, by the exporter and read back by the importer, so an exported workbook imports again
("round trip"): the ``id`` column empty means create, an id means update with the ``version`` read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

# Column kinds: how a cell is parsed, validated and written back.
TEXT, INT, DECIMAL, BOOL, DATE, CHOICE, MULTI, DIVISION, REF = (
    "text",
    "int",
    "decimal",
    "bool",
    "date",
    "choice",
    "multi",
    "division",
    "ref",
)
ID_HEADER = "编号 ID"
VERSION_HEADER = "版本 Version"
TRUE_WORDS = {"是", "true", "1", "y", "yes", "√", "✓"}
FALSE_WORDS = {"否", "false", "0", "n", "no", ""}


@dataclass(frozen=True)
class Column:
    """One sheet column mapped to one model field.

    ``choices`` maps stored value → 简体中文 label (the drop-down shows the labels; the importer also
    accepts the stored value and the English label). ``ref`` names the lookup that resolves a REF
    column (``"org"`` or ``"network"``); a REF cell holds an id or an exact name.
    """

    field: str
    header: str
    kind: str = TEXT
    required: bool = False
    help: str = ""
    choices: Mapping[str, str] | None = None
    english: Mapping[str, str] | None = None
    ref: str = ""
    max_length: int | None = None
    export_field: str = ""  # the queryset field read by the exporter ("" = ``field``)
    importable: bool = True

    @property
    def source(self) -> str:
        return self.export_field or self.field

    def label_for(self, value: Any) -> Any:
        if self.kind == CHOICE and self.choices is not None:
            return self.choices.get(value, value) if value else ""
        if self.kind == MULTI and self.choices is not None:
            return "、".join(self.choices.get(v, v) for v in value or [])
        if self.kind == BOOL:
            return "是" if value else "否"
        return "" if value is None else value

    def lookup_table(self) -> dict[str, str]:
        """Every accepted spelling of each choice (value, 中文, English; case-insensitive) → value."""
        table: dict[str, str] = {}
        for value, zh in (self.choices or {}).items():
            table[value.lower()] = value
            table[zh.lower()] = value
            if self.english and value in self.english:
                table[str(self.english[value]).lower()] = value
        return table


@dataclass
class RegistrySpec:
    """How one registry is imported and exported."""

    name: str  # CLI / URL name: organisations, networks, systems
    title: str  # 简体中文 title of the sheet and report
    model: type[models.Model]
    columns: list[Column]
    create: Callable[..., Any]  # service: create(actor=…, reason=…, **data)
    update: Callable[..., Any]  # service: update(actor=…, <obj_kw>=obj, expected_version=…, reason=…, **changes)
    obj_kw: str  # keyword of the object in ``update``: organisation / network / system
    # field (or ``__`` path, e.g. ``plan_version__plan__department``) naming the owning organisation;
    # "" = the row is an organisation
    owner_field: str
    instructions: list[str] = field(default_factory=list)
    bulk_create: Callable[..., int] | None = None  # optional fast path (docs/decisions/0701)
    redact: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None  # reader, exported row → row
    prepare_existing: Callable[[Any, Any, dict[str, Any]], dict[str, Any]] | None = None
    # (queryset, reader) → queryset: extra annotations the export columns read (e.g. redacted related names)
    annotate: Callable[[Any, Any], Any] | None = None
    select_related: tuple[str, ...] = ()  # loaded with the rows to update (what ``extra_check`` reads)
    filterset: Any = None  # the list view's FilterSet class: exports honour the same query parameters
    # (actor, existing object or None, values) → [(header, message)]: registry rules beyond the model's clean()
    extra_check: Callable[[Any, Any, dict[str, Any]], list[tuple[str, str]]] | None = None
    importable: bool = True  # False: export-only (list views' exports); imports refuse it, the import page hides it
    # reader → queryset of the rows the reader may see, when the list view scopes by more than ``restrict``
    scope: Callable[[Any], Any] | None = None

    def importable_columns(self) -> list[Column]:
        return [c for c in self.columns if c.importable]

    def headers(self) -> list[str]:
        return [ID_HEADER, VERSION_HEADER, *(c.header for c in self.columns)]

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


_REGISTRY: dict[str, RegistrySpec] = {}


def register(spec: RegistrySpec) -> RegistrySpec:
    """Add a registry (other apps call this from their ``AppConfig.ready()``, e.g. migration items)."""
    _REGISTRY[spec.name] = spec
    return spec


def get_spec(name: str) -> RegistrySpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "(none)"
        raise LookupError(f"未知的登记簿“{name}”，可用：{known} / unknown registry {name!r}; known: {known}") from None


def all_specs() -> Iterator[RegistrySpec]:
    yield from (_REGISTRY[k] for k in sorted(_REGISTRY))


def choice_map(choices: Iterable[tuple[str, Any]], zh: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(value → 中文, value → English) for a TextChoices' ``choices`` and a 中文 glossary."""
    english = {value: str(label) for value, label in choices}
    return {value: zh.get(value, english[value]) for value in english}, english
