"""Forms of the projects UI. They only parse input; services validate, authorize and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.forms import ObjectRefField
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.policy.choices import SubjectType
from egovnet.policy.forms import waivable_rules

from .choices import (
    ApprovalPath,
    DocumentResult,
    DocumentType,
    FilingStage,
    NetworkUseSubCheck,
    PlanStage,
    ProjectKind,
    Qualification,
    RequestKind,
    ReviewType,
    RiskPart,
)
from .models import AssessmentAgency, LocalPart


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    owner = ObjectRefField(
        label=_("Owner department"),
        queryset_for=lambda user: permissions.restrict(Organisation.objects.all(), user, "view"),
        lookup_url_name="orgs:organisation_lookup",
        help_text=_("Type a name to get suggestions from the organisations in your scope."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    approval_path = forms.ChoiceField(label=_("Approval path"), choices=ApprovalPath.choices)
    cobuilt = forms.BooleanField(label=_("Central–local co-built"), required=False)
    act_date = forms.DateField(label=_("Date of the act judged"), required=False)
    national_approval_ref = forms.CharField(label=_("National approval reference"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].bind("owner", user)  # any organisation in the user's scope, searched as one types


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    ref_no = forms.CharField(label=_("Reference number"), required=False)
    date = forms.DateField(label=_("Date"), required=False)
    result = forms.ChoiceField(label=_("Result"), choices=[("", "—"), *DocumentResult.choices], required=False)
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Organisation.objects.none(), required=False)
    applications = forms.ModelMultipleChoiceField(label=_("Applications covered"), queryset=None, required=False)
    filing_stage = forms.ChoiceField(label=_("Filing stage"), choices=[("", "—"), *FilingStage.choices], required=False)
    plan_stage = forms.ChoiceField(label=_("Plan stage"), choices=[("", "—"), *PlanStage.choices], required=False)
    sections = forms.MultipleChoiceField(
        label=_("Plan sections"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("intranet", _("Intranet")), ("extranet", _("Extranet")),
                 ("dedicated_network_migration", _("Dedicated-network migration"))],
    )  # fmt: skip
    local_part = forms.ModelChoiceField(label=_("Local part"), queryset=None, required=False)
    addresses_network_use = forms.BooleanField(label=_("Addresses network use"), required=False)
    approves = forms.ChoiceField(label=_("Approves"), required=False, choices=[
        ("", "—"), (DocumentType.FEASIBILITY_STUDY_REPORT, DocumentType.FEASIBILITY_STUDY_REPORT.label),
        (DocumentType.PRELIMINARY_DESIGN, DocumentType.PRELIMINARY_DESIGN.label)])  # fmt: skip
    references = forms.CharField(
        label=_("References (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    in_lieu_of_proposal = forms.BooleanField(label=_("Stands in for the proposal"), required=False)
    agency = forms.ModelChoiceField(label=_("Assessment agency qualification"), queryset=AssessmentAgency.objects.none(),
                                    required=False)  # fmt: skip
    risk_parts = forms.MultipleChoiceField(label=_("Risk assessment parts"), required=False,
                                           widget=forms.CheckboxSelectMultiple, choices=RiskPart.choices)  # fmt: skip
    classified = forms.BooleanField(label=_("Classified material (reference only)"), required=False)
    file = forms.FileField(label=_("File (PDF / Office; not for classified material)"), required=False)

    def __init__(self, *args, applications=None, issuers=None, local_parts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications
        if issuers is not None:
            self.fields["issuer"].queryset = issuers
        self.fields["local_part"].queryset = local_parts if local_parts is not None else LocalPart.objects.none()
        self.fields["agency"].queryset = AssessmentAgency.objects.select_related("organisation")

    def clean_references(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("references", "").splitlines() if line.strip()]


def issuer_choices(project) -> object:
    """Issuers offered on the form: the owner, and authorities/agencies at central or provincial level
    (never the whole registry: ~100k organisations nationally)."""
    from django.db.models import Q

    authorities = Q(level__in=[Level.CENTRAL, Level.PROVINCIAL]) & ~Q(kind=OrgKind.GOVERNMENT_DEPARTMENT)
    return (
        Organisation.objects.filter(authorities | Q(pk=project.owner_id)).only("id", "name").order_by("level", "name")
    )


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=RequestKind.choices)
    applications = forms.ModelMultipleChoiceField(label=_("Applications"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # No default: the officer chooses (an empty choice first; a rejection needs its reason in "conditions").
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("", "——请选择——"), ("1", _("Approve")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    decision_ref = forms.CharField(label=_("Decision reference number"))
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ApplicationForm(forms.Form):
    system = forms.ModelChoiceField(label=_("Application system"), queryset=None)

    def __init__(self, *args, systems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems


class MeetingForm(forms.Form):
    review_type = forms.ChoiceField(label=_("Review type"), choices=ReviewType.choices)
    date = forms.DateField(label=_("Meeting date"))
    invite_on = forms.DateField(label=_("Invitations sent on"), required=False)


class ConcludeForm(forms.Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.CharField(label=_("Panel opinion"), widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingChangeForm(forms.Form):
    """Reschedule (with a new date) or cancel a meeting; the reason is required either way."""

    meeting = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("reschedule", _("Reschedule")), ("cancel", _("Cancel the meeting"))])
    date = forms.DateField(label=_("New date"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("action") == "reschedule" and not data.get("date"):
            self.add_error("date", _("Give the new date."))
        return data


class AcceptanceCheckForm(forms.Form):
    ref_no = forms.CharField(label=_("Reference number"))
    secrecy_review_conditions_met = forms.BooleanField(label=NetworkUseSubCheck.SECRECY.label, required=False)
    graded_filed_tested = forms.BooleanField(label=NetworkUseSubCheck.MLPS.label, required=False)
    deployment_matches_approval = forms.BooleanField(label=NetworkUseSubCheck.DEPLOYMENT.label, required=False)


class LocalPartForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("Local owner department"),
        queryset=Organisation.objects.filter(level="provincial", kind="government_department").order_by(
            "division", "name"
        ),
    )


class ProjectEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    act_date = forms.DateField(label=_("Date of the act judged"), required=False,
                               help_text=_("Empty: today. Selects the policy packs in force."))  # fmt: skip
    national_approval_ref = forms.CharField(label=_("National approval reference"), required=False)
    network_use_requirements = forms.CharField(label=_("Network-use requirements of the national approval"),
                                               required=False, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    network_use_na_reason = forms.CharField(label=_("Reason no e-gov network is used"), required=False)


class CommissionForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Assessment agency qualification"), queryset=AssessmentAgency.objects.none()
    )
    assessment_type = forms.ChoiceField(label=_("Assessment type"), choices=Qualification.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the registry of qualifications is small (hundreds of rows nationally); show them all, qualified or not:
        # the service refuses an unqualified or expired one with the article and the reason
        self.fields["agency"].queryset = AssessmentAgency.objects.select_related("organisation").order_by(
            "organisation__name", "qualification"
        )


class AssessmentResultForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.TypedChoiceField(
        label=_("Conclusion"), choices=[("pass", _("Pass")), ("fail", _("Fail"))], coerce=lambda v: v == "pass"
    )
    ref_no = forms.CharField(label=_("Report reference number"), max_length=120)
    date = forms.DateField(label=_("Report date"))
    issues = forms.CharField(label=_("Issues found"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    risk_parts = forms.MultipleChoiceField(label=_("Risk assessment parts"), required=False,
                                           widget=forms.CheckboxSelectMultiple, choices=RiskPart.choices)  # fmt: skip

    def __init__(self, *args, risk: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not risk:  # only a risk assessment is split into classified / non-classified parts (P-2071)
            del self.fields["risk_parts"]


def waivable_project_rules() -> list[tuple[str, str]]:
    """The project rules a deviation can waive: IN-PRINCIPLE and waivable (R-12.1 in ndrc-2012-1986)."""
    return waivable_rules(SubjectType.PROJECT)


class DeviationForm(forms.Form):
    """An approved exception to an IN-PRINCIPLE rule for this project (reason, basis, approving DRC, expiry)."""

    rule = forms.ChoiceField(label=_("Rule"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=200)
    approver = forms.ModelChoiceField(label=_("Approved by"), queryset=Organisation.objects.none())
    expires = forms.DateField(label=_("Expires"))

    def __init__(self, *args, project=None, **kwargs):
        from django.db.models import Q

        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = waivable_project_rules()
        # the national DRC, or the project's own approving DRC (not every county DRC of the nation)
        approvers = Q(kind=OrgKind.DEVELOPMENT_REFORM, level=Level.CENTRAL)
        if project is not None and project.approver_id:
            approvers |= Q(pk=project.approver_id)
        self.fields["approver"].queryset = Organisation.objects.filter(approvers).order_by("path")
