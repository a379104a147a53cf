"""Networks: intranet and extranet platforms by level and division, and dedicated business networks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, PinyinNamed, ScopeSpec
from egovnet.orgs.choices import Level

from .choices import (
    BuiltOn,
    Carries,
    ComponentKind,
    IncorporatedInto,
    IntranetNodeCode,
    LinkKind,
    LinkStatus,
    NetworkFamily,
    NetworkScope,
    NetworkStatus,
    NetworkZone,
    SnapshotScope,
    TargetMetric,
)


class Network(PinyinNamed, BaseModel):
    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(_("network"), max_length=12, choices=NetworkFamily.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ComponentKind.choices, default=ComponentKind.PLATFORM)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    division = models.ForeignKey(
        "geo.Division",
        verbose_name=_("division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="networks",
    )
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="networks"
    )
    operator = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_networks",
    )
    scope = models.CharField(_("scope"), max_length=12, choices=NetworkScope.choices, default=NetworkScope.NATIONAL)
    status = models.CharField(_("status"), max_length=12, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    built_on = models.CharField(_("built on"), max_length=16, choices=BuiltOn.choices, default=BuiltOn.SELF_BUILT)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    annual_om_cost_10k_yuan = models.DecimalField(
        _("annual O&M cost (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Intranet: only an attested reference, never topology detail (context.md ).
    attestation_ref = models.CharField(_("attestation reference"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="net_name_id"),
            models.Index(fields=["name_pinyin", "id"], name="net_pinyin_id"),

            models.Index(fields=["family", "level"], name="net_family_level"),
            models.Index(fields=["family", "status"], name="net_family_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.family == NetworkFamily.DEDICATED and self.kind == ComponentKind.PLATFORM:
            raise ValidationError(
                {"kind": _("A dedicated network needs a kind (WAN backbone, metro, access lines, …).")}
            )
        if self.annual_om_cost_10k_yuan is not None and self.annual_om_cost_10k_yuan < 0:
            raise ValidationError({"annual_om_cost_10k_yuan": _("The O&M cost cannot be negative.")})
        if self.level != Level.CENTRAL and self.division_id is None:
            raise ValidationError({"division": _("A provincial, prefecture or county network needs a division.")})


# --- Topology, connections, article-5 profiles, coverage snapshots, programme targets ---


class NetworkLink(BaseModel):
    """A link between two networks (platforms, backbone, metro network).

    Extranet links carry ``capacity_mbps`` and are routed by capacity planning. Intranet links keep only
    the attested fact and its reference (context.md A-2.2): no capacity or path detail is ever stored.
    """

    a = models.ForeignKey(Network, verbose_name=_("from"), on_delete=models.PROTECT, related_name="links_out")
    b = models.ForeignKey(Network, verbose_name=_("to"), on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices, default=LinkKind.BACKBONE)
    status = models.CharField(_("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.ACTIVE)
    capacity_mbps = models.PositiveIntegerField(_("capacity (Mbps)"), null=True, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    attestation_ref = models.CharField(_("attestation reference"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="a__owner__")

    class Meta:
        verbose_name = _("network link")
        verbose_name_plural = _("network links")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["a", "b"], name="netlink_unique_pair")]
        indexes = [models.Index(fields=["kind", "status"], name="netlink_kind_status")]

    def __str__(self) -> str:
        return f"{self.a_id} ↔ {self.b_id}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.a_id and self.a_id == self.b_id:
            errors["b"] = _("A link joins two different networks.")
        if self.a_id and self.b_id:
            families = {self.a.family, self.b.family}
            if len(families) != 1 or NetworkFamily.DEDICATED in families:
                errors["b"] = _(
                    "Links join two extranet or two intranet networks; the intranet and extranet are physically "
                    "isolated (第一条/第五条)."
                )
            elif NetworkFamily.INTRANET in families:
                if self.capacity_mbps is not None:
                    errors["capacity_mbps"] = _("Intranet links keep only an attested reference, no capacity.")
                if self.status == LinkStatus.ACTIVE and not self.attestation_ref:
                    errors["attestation_ref"] = _("An active intranet link needs its attestation reference (第二条).")
            elif self.status == LinkStatus.ACTIVE and not self.capacity_mbps:
                errors["capacity_mbps"] = _("An active extranet link needs its capacity in Mbps (第六条).")
        if errors:
            raise ValidationError(errors)


class IntranetNode(BaseModel):
    """Marks an intranet network as one of the nodes named by article 2 (attested status only)."""

    code = models.CharField(_("node"), max_length=32, choices=IntranetNodeCode.choices, unique=True)
    network = models.OneToOneField(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="intranet_node"
    )

    SCOPE = ScopeSpec(org="network__owner__")

    class Meta:
        verbose_name = _("intranet node")
        verbose_name_plural = _("intranet nodes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_code_display()

    def clean(self) -> None:
        if self.network_id and self.network.family != NetworkFamily.INTRANET:
            raise ValidationError({"network": _("An intranet node must be an intranet network.")})


class Connection(BaseModel):
    """An organisation connected to a platform since a date, through a zone (article 3)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="connections"
    )
    platform = models.ForeignKey(
        Network, verbose_name=_("platform"), on_delete=models.PROTECT, related_name="connections"
    )
    zone = models.CharField(_("zone"), max_length=24, choices=NetworkZone.choices, blank=True)
    connected_on = models.DateField(_("connected on"))
    disconnected_on = models.DateField(_("disconnected on"), null=True, blank=True)
    attestation_ref = models.CharField(_("attestation reference"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="organisation__")

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        ordering = ["organisation_id", "connected_on", "id"]
        indexes = [
            models.Index(fields=["platform", "connected_on"], name="conn_platform_date"),
            models.Index(fields=["organisation", "connected_on"], name="conn_org_date"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.platform_id}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.disconnected_on and self.connected_on and self.disconnected_on <= self.connected_on:
            errors["disconnected_on"] = _("The disconnection date must be after the connection date.")
        if self.platform_id:
            family = self.platform.family
            if family == NetworkFamily.DEDICATED:
                errors["platform"] = _("Connect to an extranet or intranet platform, not a dedicated network.")
            elif family == NetworkFamily.EXTRANET and not self.zone:
                errors["zone"] = _("An extranet connection names its zone (公用网络区 / 专用网络区 / 互联网接入区).")
            elif family == NetworkFamily.INTRANET and self.zone:
                errors["zone"] = _("Zones are extranet functional zones; an intranet connection has none.")
            elif family == NetworkFamily.INTRANET and not self.attestation_ref:
                errors["attestation_ref"] = _("An intranet connection keeps its attestation reference (第二条).")
        if errors:
            raise ValidationError(errors)


class ProvincialNetwork(BaseModel):
    """Article 5 profile of a provincial e-government network: what it carries and where it belongs."""

    network = models.OneToOneField(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="provincial_profile"
    )
    carries = models.CharField(_("carries"), max_length=16, choices=Carries.choices)
    incorporated_into = models.CharField(
        _("incorporated into"), max_length=16, choices=IncorporatedInto.choices, default=IncorporatedInto.NONE
    )
    link_to_central = models.BooleanField(_("linked to the central platform"), default=False)
    link_ref = models.CharField(_("link reference"), max_length=120, blank=True)

    SCOPE = ScopeSpec(org="network__owner__")

    class Meta:
        verbose_name = _("provincial network (article 5)")
        verbose_name_plural = _("provincial networks (article 5)")
        ordering = ["network_id"]

    def __str__(self) -> str:
        return f"{self.network_id}: {self.carries}"

    def clean(self) -> None:
        if self.network_id and (self.network.level != Level.PROVINCIAL or self.network.division_id is None):
            raise ValidationError({"network": _("Article 5 profiles describe provincial networks of a province.")})
        if self.link_to_central and not self.link_ref:
            raise ValidationError({"link_ref": _("A link to the central platform needs its reference.")})


class CoverageSnapshot(models.Model):
    """Coverage computed from the registry on a date (never typed in); one row per scope and date."""

    date = models.DateField(_("date"))
    scope = models.CharField(_("scope"), max_length=12, choices=SnapshotScope.choices)
    division = models.ForeignKey(
        "geo.Division", verbose_name=_("division"), null=True, blank=True, on_delete=models.PROTECT
    )
    platform_present = models.BooleanField(_("platform present"), default=False)
    linked_to_backbone = models.BooleanField(_("linked to the central backbone"), default=False)
    provinces_total = models.PositiveIntegerField(default=0)
    provinces_linked = models.PositiveIntegerField(default=0)
    prefectures_total = models.PositiveIntegerField(default=0)
    prefectures_covered = models.PositiveIntegerField(default=0)
    counties_total = models.PositiveIntegerField(default=0)
    counties_covered = models.PositiveIntegerField(default=0)
    departments_total = models.PositiveIntegerField(default=0)
    departments_connected = models.PositiveIntegerField(default=0)
    intranet_pairs_attested = models.PositiveIntegerField(null=True, blank=True)
    intranet_provincial_links = models.PositiveIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    SCOPE = None  # aggregate reference data

    class Meta:
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        ordering = ["date", "scope", "division_id"]
        constraints = [
            models.UniqueConstraint(fields=["date", "scope", "division"], name="covsnap_unique"),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(division__isnull=True), name="covsnap_unique_national"
            ),
        ]
        indexes = [models.Index(fields=["scope", "date"], name="covsnap_scope_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.scope} {self.division_id or ''}"


class ProgrammeTarget(BaseModel):
    """A programme target an administrator adds (the notice's own targets are built in, see planning.targets)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    article = models.CharField(_("article"), max_length=20, blank=True)
    metric = models.CharField(_("metric"), max_length=32, choices=TargetMetric.choices)
    target_percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2, default=100)
    deadline = models.DateField(_("deadline"))
    notes = models.TextField(_("notes"), blank=True)

    SCOPE = None

    class Meta:
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        ordering = ["deadline", "code"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.target_percent is not None and not (0 < self.target_percent <= 100):
            raise ValidationError({"target_percent": _("A target is a share between 0 and 100 %.")})
