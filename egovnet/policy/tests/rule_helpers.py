"""Mutation helpers for the per-rule case tables (pure dict edits of helpers.base())."""

from __future__ import annotations

import dataclasses

from egovnet.policy.tests import helpers as H


def only(*app_ids):
    def m(d):
        d["applications"] = [a for a in d["applications"] if a["id"] in app_ids]
        d["documents"] = [x for x in d["documents"] if not set(x.get("covers", [])) - set(app_ids)]

    return m


def setapp(app_id, **kw):
    def m(d):
        H.app(d, app_id).update(kw)

    return m


def setproj(**kw):
    def m(d):
        d["project"].update(kw)

    return m


def drop(*ids):
    def m(d):
        H.drop_docs(d, *ids)

    return m


def add_docs(*docs):
    def m(d):
        d["documents"].extend(docs)

    return m


def comps(*cs):
    def m(d):
        d["network_components"] = list(cs)

    return m


def registry(**kw):
    def m(d):
        d.setdefault("registry", {}).update(kw)

    return m


def dev(**kw):
    def m(d):
        d.setdefault("deviations", []).append(
            {"reason": "r", "legal_basis": "b", "approver": dict(H.NDRC), "expires": "2030-01-01", **kw}
        )

    return m


def local_owner(d):
    d["project"]["owner"] = {"name": "某市某局", "level": "prefecture", "division": "440300"}


def accept(d):
    d["project"].update(stage="acceptance_application", date="2015-06-15")
    d["documents"].extend(H.acceptance_docs())
    for a in d["applications"]:
        a["current_network"] = a["target_network"]


def chain(*ms):
    def m(d):
        for x in ms:
            x(d)

    return m


def reviews(*rs):
    def m(d):
        d["reviews"] = list(rs)

    return m


def cobuilt(d):
    d["project"].update(cobuilt=True, stage="feasibility", national_approval_ref="N-1")
    d["local_parts"] = [{"id": "lp", "name": "广东省地方部分", "division": "440000"}]
    d["documents"].append({"type": "feasibility_study_report", "local_part": "lp"})


GD_DEPT = {"name": "广东省教育厅", "kind": "government_department", "level": "provincial", "division": "440000"}
GD_DRC = {"name": "广东省发展改革委", "kind": "development_reform", "level": "provincial", "division": "440000"}
WAN = {"id": "wan", "kind": "wan_backbone", "dedicated_to_single_department": True, "built_on": "carrier_leased"}
VPN = {"id": "vpn", "kind": "vpn_on_extranet", "dedicated_to_single_department": True, "built_on": "extranet"}
JUEMI = {
    "id": "tj",
    "name": "绝密",
    "classified": True,
    "secrecy_grade": "juemi",
    "target_network": "standalone_classified",
    "coverage_levels": ["central"],
    "bandwidth_mbps": 1,
}
COV_OK = {
    "province": "广东省",
    "prefectures_total": 21,
    "prefectures_covered": 21,
    "counties_total": 122,
    "counties_covered": 122,
}
COV_BAD = {**COV_OK, "counties_covered": 100}
DN = {
    "id": "dn",
    "owner": "某部",
    "established_on": "2010-01-01",
    "has_migration_plan": True,
    "has_implementation_scheme": True,
    "carried_apps": ["app-2"],
}
PN = {
    "id": "pn",
    "province": "广东省",
    "carries": "non_classified",
    "incorporated_into": "extranet",
    "link_to_central": True,
}
LATE = {"application": "app-2", "to_network": "extranet", "planned_date": "2012-01-01"}
SOON = {"application": "app-2", "to_network": "extranet", "planned_date": "2020-01-01"}
NONE = lambda d: None  # noqa: E731


def no_local_part_check(snap):
    return dataclasses.replace(
        snap, network_components=(dataclasses.replace(snap.network_components[0], local_part="ghost"),)
    )


def na_undetermined(snap):
    return dataclasses.replace(
        snap, applications=tuple(dataclasses.replace(a, classified=None) for a in snap.applications)
    )
