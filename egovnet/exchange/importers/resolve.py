"""Bulk reference resolution: divisions once, organisations and networks once per chunk of rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from egovnet.geo.models import Division
from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation

from .cells import CellError

REF_MODELS: dict[str, Any] = {"org": Organisation, "network": Network}
REF_WORDS = {"org": "组织 organisation", "network": "网络 network"}
REF_RELATED: dict[str, tuple[str, ...]] = {"network": ("owner",)}
ID_ONLY: set[str] = set()


def register_ref(
    kind: str, model: Any, word: str, *, select_related: tuple[str, ...] = (), by_name: bool = True
) -> None:
    """Let REF columns refer to ``model`` (other apps, e.g. migration: plan versions by id)."""
    REF_MODELS[kind], REF_WORDS[kind], REF_RELATED[kind] = model, word, select_related
    if not by_name:
        ID_ONLY.add(kind)


def split_ref(raw: str) -> tuple[int | None, str, str]:
    """ "123" → (123, "", ""); "名称@410102" → (None, "名称", "410102"); "名称" → (None, "名称", "")."""
    if raw.isdigit():
        return int(raw), "", ""
    name, _, division = raw.rpartition("@") if "@" in raw else (raw, "", "")
    return None, name.strip(), division.strip()


class Resolver:
    """Caches of everything a row may refer to; bounded by the distinct references in the file."""

    def __init__(self, *, validate_models: bool = True) -> None:
        # Pass 2 replays pass 1's cells: the pure per-row model validation is not repeated (docs/decisions/0701).
        self.validate_models = validate_models
        self.divisions: dict[str, Division] = {d.code: d for d in Division.objects.all()}
        self.by_id: dict[str, dict[int, Any]] = {k: {} for k in REF_MODELS}
        self.by_name: dict[str, dict[str, list[Any]]] = {k: {} for k in REF_MODELS}

    def division(self, code: str) -> Division | None:
        if not code:
            return None
        if code.endswith(".0"):
            code = code[:-2]
        division = self.divisions.get(code)
        if division is None:
            raise CellError(
                f"行政区划代码“{code}”不存在（应为 GB/T 2260 六位代码） / unknown division code {code!r} (6-digit GB/T 2260)"
            )
        return division

    def prefetch(self, kind: str, raws: set[str]) -> None:
        """Load every not-yet-cached reference of one chunk in a single query."""
        ids, names = set(), set()
        for raw in raws:
            pk, name, _ = split_ref(raw)
            if pk is not None and pk not in self.by_id[kind]:
                ids.add(pk)
            elif name and name not in self.by_name[kind]:
                names.add(name)
        if kind in ID_ONLY:
            names = set()
        if not ids and not names:
            return
        model = REF_MODELS[kind]
        qs = model.objects.filter(Q(pk__in=ids) | Q(name__in=names) if names else Q(pk__in=ids))
        if REF_RELATED.get(kind):
            qs = qs.select_related(*REF_RELATED[kind])
        for name in names:
            self.by_name[kind][name] = []
        for obj in qs:
            self.by_id[kind][obj.pk] = obj
            if names and obj.name in self.by_name[kind]:
                self.by_name[kind][obj.name].append(obj)

    def ref(self, kind: str, raw: str) -> Any:
        if not raw:
            return None
        pk, name, division = split_ref(raw)
        word = REF_WORDS[kind]
        if pk is not None:
            obj = self.by_id[kind].get(pk)
            if obj is None:
                raise CellError(f"编号为 {pk} 的{word}不存在 / no {word.split()[1]} with id {pk}")
            return obj
        if kind in ID_ONLY:
            raise CellError(f"请填写{word}的编号 / give the id of the {word.split()[1]}")
        found = [o for o in self.by_name[kind].get(name, []) if not division or o.division_id == division]
        if not found:
            raise CellError(f"找不到名称为“{raw}”的{word} / no {word.split()[1]} named {raw!r}")
        if len(found) > 1:
            raise CellError(
                f"名称“{name}”对应 {len(found)} 个{word}，请填写编号或“名称@行政区划代码” / "
                f"{name!r} is ambiguous: give the id or name@division-code"
            )
        return found[0]
