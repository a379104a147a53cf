"""Article 10: central–local co-built projects — local approvals against the national network-use requirement."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import LocalPart, Snapshot
from egovnet.policy.packs.ndrc_2012_1986.definitions import dedication_fix, dedication_open, is_new_dedicated_network
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule
NOT_COBUILT = ("非中央和地方共建项目。", "Not a central–local co-built project.")


def _cobuilt(s) -> bool:
    return s.project is not None and s.project.cobuilt


@R(
    "R-10.1",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR",),
    title=(
        "地方可研征求意见时，中央部门须就网络使用出具意见",
        "The central department's opinion on the local FSR addresses network use",
    ),
    message=(
        "地方可研缺少中央部门关于网络使用的意见。",
        "The local FSR lacks the central department's opinion on network use.",
    ),
    remediation=(
        "请中央部门就内网、外网部署和有无新建专网出具意见。",
        "Ask the central department for an opinion covering intranet/extranet deployment and any new private network.",
    ),
    interpretation="A-10.1: the opinion must explicitly address network use (apps → network, coverage, no new private network, access evidence).",
)
def r_10_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    for lp in s.local_parts:
        if not s.docs("feasibility_study_report", local_part=lp.id):
            yield not_applicable(lp.id, "地方可研尚未报送。", "The local FSR is not yet submitted.")
            continue
        ops = [
            d
            for d in s.docs("central_department_opinion", local_part=lp.id)
            if d.issuer and d.issuer.level == "central"
        ]
        if ops and any(d.addresses_network_use for d in ops):
            yield passed(
                lp.id, "中央部门意见已就网络使用把关。", "The central opinion addresses network use.", [ops[0].id]
            )
        elif ops:
            yield failed(
                lp.id,
                f"{lp.name}的中央部门意见未涉及网络使用。",
                f"The central opinion on {lp.name} does not address network use.",
                "中央部门意见须就国家电子政务网络的使用把关；意见已涉及的，在该文件上注明 addresses_network_use: true（第十条）。",
                "The central opinion must vet the use of the national network; if it does, mark the document "
                "addresses_network_use: true (art. 10).",
            )
        else:
            yield failed(
                lp.id,
                f"{lp.name}的地方可研缺少中央部门意见。",
                f"The local FSR of {lp.name} has no central department opinion.",
            )


@R(
    "R-10.2",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR", "G-LOCAL-DESIGN"),
    title=(
        "地方部分须使用国家电子政务网络，不得另建专网",
        "Local parts use the national network; no separate private network",
    ),
    message=(
        "地方部分拟建设与国家批复相冲突的专用网络，应退回修改。",
        "The local part plans a private network contrary to the national approval; return for revision.",
    ),
    remediation=(
        "改为使用政务外网（专用网络区VPN）或政务内网，修改后重新报批。",
        "Use the extranet (private-zone VPN) or the intranet instead and resubmit.",
    ),
    interpretation="A local component meeting the A-12.1 definition conflicts with the national approval's network-use requirement.",
)
def r_10_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    apps = {a.id: a for a in s.applications}
    for lp in s.local_parts:
        own = [c for c in s.network_components if c.local_part == lp.id]
        bad = [c.id for c in own if is_new_dedicated_network(c, apps)]
        open_ = [c for c in own if dedication_open(c, apps)]
        if bad or open_:
            fixes = [dedication_fix(c) for c in own if c.id in bad or c in open_]
            yield failed(
                lp.id,
                f"{lp.name}拟新建专用网络（{', '.join(bad + [c.id for c in open_])}），与国家批复要求使用国家电子政务网络相冲突，退回修改。",
                f"{lp.name} plans new private networks ({', '.join(bad + [c.id for c in open_])}) contrary to the "
                "national approval: return for revision.",
                *(("；".join(z for z, _ in fixes), " ".join(e for _, e in fixes)) if fixes else ()),
            )
        else:
            yield passed(lp.id, "地方部分使用国家电子政务网络。", "The local part uses the national network.")


@R(
    "R-10.3",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR", "G-LOCAL-DESIGN"),
    title=("地方发展改革部门的批复须依据国家批复的网络使用要求", "Local DRC approvals reference the national approval"),
    message=(
        "地方批复缺失或未引用国家项目建议书批复。",
        "The local approval is missing or does not reference the national approval.",
    ),
    remediation=(
        "地方发展改革部门依据国家批复文号审批地方可研/初设概算。",
        "The local DRC approves against the national approval's reference number.",
    ),
    interpretation="Feasibility stage: the local FSR approval; preliminary-design stage: also the design/estimate approval. "
    "The approval counts only when issued by the provincial DRC of the local part's province; the local part's owner "
    "must be a local government department of that province (subject lp-N:owner).",
)
def r_10_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    p = s.project
    needed = (
        ["feasibility_study_report"] if p.stage == "feasibility" else ["feasibility_study_report", "preliminary_design"]
    )
    for lp in s.local_parts:
        yield _local_owner(s, lp)
        approvals = [d for d in s.docs("local_drc_approval", local_part=lp.id) if d.positive]
        for what in needed:
            yield _approval(p, lp, what, approvals)


def _province(lp: LocalPart) -> str:
    code = lp.division or (lp.owner.division if lp.owner else "")
    return code[:2]


def _province_name(lp: LocalPart) -> str:
    return f"{lp.name}所在省（{lp.division or '未注明'}）"


def _local_owner(s: Snapshot, lp: LocalPart) -> Draft:
    """The local part is built by a local government department of its own province (第十条: 地方部分由地方建设)."""
    subject = f"{lp.id}:owner"
    o = lp.owner
    if o is None:
        return not_applicable(subject, "未注明地方部分的建设单位，未核对。", "The local part's owner is not stated.")
    central = s.project.owner
    problems_zh, problems_en = [], []
    if o.level == "central":
        problems_zh.append("是中央单位而非地方部门")
        problems_en.append("is a central body, not a local department")
    if o.kind != "government_department":
        problems_zh.append(f"不是地方政府部门（类别：{o.kind}）")
        problems_en.append(f"is not a government department (kind {o.kind})")
    if not o.division or o.division[:2] != _province(lp):
        problems_zh.append(f"不在{_province_name(lp)}（所在地：{o.division or '未注明'}）")
        problems_en.append(
            f"is not in the province of {lp.name} ({lp.division}; it is in {o.division or 'an unstated place'})"
        )
    if not problems_zh:
        return passed(
            subject,
            f"地方部分由本省地方部门{o.name}建设（对应中央部门{central.name}）。",
            f"The local part is built by {o.name}, a local department of its province.",
        )
    return failed(
        subject,
        f"{lp.name}的建设单位{o.name}{'；'.join(problems_zh)}。地方部分须由该省的地方部门（中央部门{central.name}在该省的对口部门）建设（第十条）。",
        f"The owner of {lp.name}, {o.name}, {'; '.join(problems_en)}. A local part is built by a local department of "
        f"its province (the counterpart of {central.name} there), art. 10.",
        f"将建设单位改为该省对应{central.name}的地方部门。",
        f"Make the province's counterpart department of {central.name} the local owner.",
    )


def _competent_drc(d, lp: LocalPart) -> bool:
    i = d.issuer
    return bool(
        i and i.kind == "development_reform" and i.level == "provincial" and i.division[:2] == _province(lp) != ""
    )


def _approval(p, lp: LocalPart, what: str, approvals: list) -> Draft:
    subject = f"{lp.id}:{what}"
    label = (
        ("地方可研", "local FSR")
        if what == "feasibility_study_report"
        else ("地方初步设计和概算", "local design and estimate")
    )
    hits = [d for d in approvals if (d.approves or "feasibility_study_report") == what]
    if not hits:
        return failed(
            subject,
            f"{lp.name}的{label[0]}尚未经地方发展改革部门批复。",
            f"The {label[1]} of {lp.name} has no local DRC approval.",
        )
    competent = [d for d in hits if _competent_drc(d, lp)]
    if not competent:
        d = hits[0]
        who = d.issuer.name if d.issuer else "（未注明出具单位）"
        where = d.issuer.division if d.issuer and d.issuer.division else "未注明"
        return failed(
            subject,
            f"{lp.name}的{label[0]}批复由{who}（所在地{where}）出具，不是{_province_name(lp)}的发展改革委；地方部分须由本省发展改革部门审批（第十条）。",
            f"The approval of the {label[1]} of {lp.name} was issued by {who} ({where}), not by the development and "
            f"reform commission of the part's province ({lp.division}); art. 10 has the province's DRC approve it.",
            f"请{lp.name}所在省的发展改革委依据国家批复审批。",
            f"Have the DRC of the province of {lp.name} approve it against the national approval.",
        )
    if not p.national_approval_ref or p.national_approval_ref not in competent[0].references:
        return failed(
            subject,
            f"{lp.name}的{label[0]}批复未引用国家批复（{p.national_approval_ref or '未登记'}）。",
            f"The approval of the {label[1]} of {lp.name} does not reference the national approval ({p.national_approval_ref or 'not recorded'}).",
            f"地方发展改革部门依据国家批复文号审批，并在该批复上注明 references: [{p.national_approval_ref or '国家批复文号'}]"
            "（第十条）。",
            f"The local DRC approves against the national approval; list it on the approval as references: "
            f"[{p.national_approval_ref or 'national approval ref'}] (art. 10).",
        )
    return passed(subject, "批复引用国家批复。", "The approval references the national approval.", [competent[0].id])
