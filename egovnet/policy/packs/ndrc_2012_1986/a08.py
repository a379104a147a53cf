"""Article 8: the four bodies are notified to send experts to the three reviews."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import INVITEE_BODIES, Review, Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import authority
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule

BODY = {
    "secrecy_administration": ("保密行政管理部门", "secrecy administration"),
    "public_security": ("公安部门", "public security"),
    "intranet_operator": ("政务内网建设和运维管理单位", "intranet build/operate unit"),
    "extranet_operator": ("政务外网建设和运维管理单位", "extranet build/operate unit"),
}
REVIEW = {
    "needs_deliberation": ("需求分析报告评议", "needs-analysis deliberation"),
    "proposal_appraisal": ("项目建议书评审", "proposal appraisal"),
    "fsr_appraisal": ("可研报告评审", "feasibility-study appraisal"),
}
FIX = (
    "组织评议/评审时书面通知保密、公安及政务内网、外网建设和运维管理单位派专家参加（通知日期须早于会议）。",
    "Notify the secrecy administration, public security and the intranet and extranet operators in writing to send experts, before the meeting.",
)


def counted_review(s: Snapshot, review_type: str) -> Review | None:
    """The review of this type that counts: the latest one held by the act's date (dated on or before it, the
    panel's opinion recorded, not cancelled). A later, correct review supersedes an earlier, flawed one."""
    held = [r for r in s.reviews if r.type == review_type and r.held_by(s.evaluation_date)]
    return max(held, key=lambda r: r.date) if held else None


def _not_held(r: Review, day) -> tuple[str, str]:
    if r.cancelled:
        return "已取消", "was cancelled"
    if r.date is None or r.date > day:
        return f"定于{r.date}召开，尚未举行", f"is scheduled for {r.date} and has not taken place"
    return "未记录专家组意见", "has no recorded panel opinion"


def _check(s: Snapshot, review_type: str):
    zh_t, en_t = REVIEW[review_type]
    r = counted_review(s, review_type)
    if r is None:
        pending = [x for x in s.reviews if x.type == review_type]
        said = [(x.id, *_not_held(x, s.evaluation_date)) for x in pending]
        yield failed(
            "project",
            f"未见已召开并记录专家组意见的{zh_t}"
            + (f"（{'；'.join(f'{i}{z}' for i, z, _ in said)}）" if said else "")
            + "。评议/评审须已召开（日期不晚于本次行为日期）且记录专家组意见方可计入。",
            f"No {en_t} that has taken place with the panel's opinion recorded"
            + (f" ({'; '.join(f'{i} {e}' for i, _, e in said)})" if said else "")
            + f"; a review counts once held on or before {s.evaluation_date} with its opinion recorded.",
            f"召开{zh_t}并记录专家组意见，并{FIX[0]}",
            f"Hold the {en_t} and record the panel's opinion. {FIX[1]}",
        )
        return
    invited = {i.body for i in r.invitations}
    missing = [b for b in INVITEE_BODIES if b not in invited]
    late = [i.body for i in r.invitations if i.sent_date and r.date and i.sent_date >= r.date]
    if not missing and not late:
        yield passed(r.id, f"{zh_t}（{r.date}）已通知四方派员。", f"The {en_t} ({r.date}) notified all four bodies.")
        return
    parts_zh, parts_en = [], []
    if missing:
        parts_zh.append(f"未通知{'、'.join(BODY[b][0] for b in missing)}派员")
        parts_en.append(f"did not notify {', '.join(BODY[b][1] for b in missing)}")
    if late:
        parts_zh.append(f"对{'、'.join(BODY[b][0] for b in late)}的通知晚于会议日期")
        parts_en.append(f"notified {', '.join(BODY[b][1] for b in late)} only on or after the meeting date")
    yield failed(
        r.id, f"{zh_t}（{r.date}）{'；'.join(parts_zh)}。", f"The {en_t} ({r.date}) {'; '.join(parts_en)}.", *FIX
    )


_COMMON = {
    "article": 8,
    "strength": Strength.MUST,
    "message": ("评审未通知四方派专家参加。", "The review did not notify the four bodies to send experts."),
    "remediation": FIX,
}


@R(
    "R-8.1",
    gates=("G-NEEDS-REVIEWED",),
    title=("需求分析报告评议须通知四方派专家", "Needs-analysis deliberation notifies the four bodies"),
    interpretation="All four bodies are notified whatever the project's content (A-8.1); attendance is not required. Invitations given as a list of bodies are taken as sent before the meeting (attested by the organiser). A review counts once held (dated on or before the act, panel opinion recorded, not cancelled); the latest held review of its kind is the one judged.",
    **_COMMON,
)
def r_8_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield from _check(s, "needs_deliberation")


@R(
    "R-8.2",
    gates=("G-PROPOSAL-APPRAISED",),
    title=("项目建议书评审须通知四方派专家", "Proposal appraisal notifies the four bodies"),
    interpretation="Not applicable on the simplified path (no separate proposal).",
    **_COMMON,
)
def r_8_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if s.project and s.project.approval_path == "simplified":
        yield not_applicable(
            "project", "简化程序无单独的项目建议书评审。", "The simplified path has no separate proposal appraisal."
        )
        return
    yield from _check(s, "proposal_appraisal")


@R(
    "R-8.3",
    gates=("G-FSR",),
    title=("可研报告评审须通知四方派专家", "Feasibility-study appraisal notifies the four bodies"),
    interpretation="Design (初设) reviews are not covered (A-8.2).",
    **_COMMON,
)
def r_8_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield from _check(s, "fsr_appraisal")


@R(
    "R-8.4",
    article=8,
    strength=Strength.MUST,
    gates=("G-NEEDS-REVIEWED", "G-PROPOSAL-APPRAISED", "G-FSR"),
    title=("被邀请单位的层级按同级原则确定", "Invitees are at the level the resolver gives"),
    message=("被邀请单位层级不对。", "An invitee is at the wrong level."),
    remediation=("邀请同级单位。", "Invite the same-level bodies."),
    interpretation="Central projects invite national bodies (NAPSS, MPS, coordination side, extranet center); local projects same-level secrecy, public-security and extranet bodies, and the provincial intranet operator (the intranet has no tier below the province). Judged only where the invitation states a level.",
)
def r_8_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    judged = False
    counted = (counted_review(s, t) for t in REVIEW)
    for r in (r for r in counted if r is not None):
        for inv in r.invitations:
            if not inv.level:
                continue
            judged = True
            auth = authority(s, ctx, f"expert_{inv.body}")
            subject = f"{r.id}:{inv.body}"
            if inv.level == auth.level or inv.level in {lvl for lvl, _ in auth.alternatives}:
                yield passed(subject)
            else:
                yield failed(
                    subject,
                    f"{REVIEW[r.type][0]}邀请的{BODY[inv.body][0]}层级为{inv.level}，应邀请{auth.name}（{auth.level}）。",
                    f"The {REVIEW[r.type][1]} invited the {BODY[inv.body][1]} at {inv.level} level; it should invite {auth.name} ({auth.level}).",
                    f"改为邀请{auth.name}。",
                    f"Invite {auth.name} instead.",
                )
    if not judged:
        yield not_applicable("project", "邀请未注明层级，不作判断。", "No invitation states a level.")
