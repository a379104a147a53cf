"""The self-check page's guided form: a project and its applications typed into fields, turned into an
``egovnet-dossier/1`` dossier (shown as YAML the user can go on editing) and checked like an upload.

The form asks only what a department knows at the start; documents, reviews and the rest are added to
the YAML afterwards (the examples show how), and the findings say which ones are missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egovnet.core.forms import ObjectRefField
from egovnet.geo.models import Division

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "docs" / "dossier" / "examples"
FORMAT_DOC = EXAMPLES_DIR.parent / "README.md"

LEVELS = [
    ("central", _("central")),
    ("provincial", _("provincial")),
    ("prefecture", _("prefecture")),
    ("county", _("county")),
]
STAGES = [
    ("needs_analysis", _("needs analysis")),
    ("proposal", _("project proposal")),
    ("feasibility", _("feasibility study")),
    ("preliminary_design", _("preliminary design")),
    ("construction", _("construction")),
    ("trial_operation", _("trial operation")),
    ("acceptance_application", _("acceptance application")),
    ("completion_acceptance", _("completion acceptance")),
]
KINDS = [("new", _("new")), ("continued", _("continued")), ("renovation", _("renovation")), ("expansion", _("expansion"))]
CLASSIFICATION = [
    ("", _("not yet determined")),
    ("non_classified", _("non-classified")),
    ("mimi", _("classified: 秘密")),
    ("jimi", _("classified: 机密")),
    ("juemi", _("classified: 绝密")),
]
TARGETS = [
    ("", "—"),
    ("intranet", _("e-government intranet")),
    ("extranet", _("e-government extranet")),
    ("standalone_classified", _("standalone classified system")),
    ("local_classified_network", _("local classified network")),
    ("legacy_dedicated", _("stays on its dedicated network")),
    ("none", _("no network")),
]
MLPS = [("", "—"), *[(str(n), _("level %(n)s") % {"n": n}) for n in range(1, 6)]]


class GuidedProjectForm(forms.Form):
    name = forms.CharField(label=_("Project name"), max_length=200)
    owner_name = forms.CharField(label=_("Owner department"), max_length=200)
    owner_level = forms.ChoiceField(label=_("Owner's level"), choices=LEVELS)
    owner_division = ObjectRefField(
        label=_("Owner's division"),
        lookup_url_name="geo:division_lookup",
        queryset=Division.objects.current(),
        key_digits=6,
        required=False,
        help_text=_("Type a place name and pick it; central departments may leave it empty."),
    )
    owner_in_beijing = forms.BooleanField(label=_("Owner located in Beijing"), required=False, initial=True)
    kind = forms.ChoiceField(label=_("Project kind"), choices=KINDS)
    stage = forms.ChoiceField(label=_("Stage to check"), choices=STAGES)
    date = forms.DateField(label=_("Date of the act"), help_text=_("Selects the rules in force on that day."))
    total_investment = forms.DecimalField(label=_("Total investment (10k yuan)"), min_value=0, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["owner_division"].bind("owner_division", user)


class GuidedApplicationForm(forms.Form):
    name = forms.CharField(label=_("Application"), max_length=200, required=False)
    classification = forms.ChoiceField(label=_("Classified?"), choices=CLASSIFICATION, required=False)
    mlps_level = forms.TypedChoiceField(
        label=_("MLPS level"), choices=MLPS, coerce=int, empty_value=None, required=False
    )
    target_network = forms.ChoiceField(label=_("Target network"), choices=TARGETS, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("mlps_level") and data.get("classification") not in ("non_classified",):
            self.add_error("mlps_level", _("An MLPS level is for non-classified applications only."))
        return data


ApplicationFormSet = forms.formset_factory(GuidedApplicationForm, extra=3, max_num=20)


def build_dossier(project: dict[str, Any], applications: list[dict[str, Any]]) -> dict[str, Any]:
    """The dossier the fields describe (only what was given: empty optional fields stay out)."""
    owner: dict[str, Any] = {"name": project["owner_name"], "kind": "government_department", "level": project["owner_level"]}
    if project.get("owner_division"):
        owner["division"] = project["owner_division"].code
    owner["in_beijing"] = bool(project.get("owner_in_beijing"))
    out_project: dict[str, Any] = {
        "name": project["name"],
        "owner": owner,
        "kind": project["kind"],
        "stage": project["stage"],
        "date": project["date"].isoformat(),
    }
    if project.get("total_investment") is not None:
        out_project["total_investment_10k_yuan"] = float(project["total_investment"])
    apps = []
    for row in applications:
        if not row.get("name"):
            continue
        app: dict[str, Any] = {"id": f"app-{len(apps) + 1}", "name": row["name"]}
        grade = row.get("classification") or ""
        app["classified"] = None if not grade else grade != "non_classified"
        if grade not in ("", "non_classified"):
            app["secrecy_grade"] = grade
        if row.get("mlps_level"):
            app["mlps_level"] = row["mlps_level"]
        if row.get("target_network"):
            app["target_network"] = row["target_network"]
        apps.append(app)
    return {"format": "egovnet-dossier/1", "project": out_project, "applications": apps}


def as_yaml(dossier: dict[str, Any]) -> str:
    return yaml.safe_dump(dossier, allow_unicode=True, sort_keys=False, default_flow_style=False)


EXAMPLE_TITLES = {
    "central-proposal.yaml": _("A central ministry's project at the proposal stage (one 机密 and one public application)"),
    "central-acceptance.yaml": _("The same project applying for completion acceptance"),
    "cobuilt-feasibility.yaml": _("A central–local co-built project at the feasibility stage"),
    "county-needs.yaml": _("A county department's project at needs analysis"),
    "budget-migration.yaml": _("Annual O&M budget of a department still on its dedicated network"),
}


def examples() -> list[tuple[str, str]]:
    """(file name, title) of every shipped example dossier; an example without a title shows its file name."""
    return [(p.name, str(EXAMPLE_TITLES.get(p.name, p.stem))) for p in sorted(EXAMPLES_DIR.glob("*.yaml"))]


def example_text(name: str) -> str | None:
    if name not in {n for n, _ in examples()}:
        return None
    return (EXAMPLES_DIR / name).read_text(encoding="utf-8")


FACT_LABELS: dict[str, Any] = {code: label for code, label in (*LEVELS, *STAGES, *KINDS) if code}
