"""Article 8 over dossiers: a review counts once held (dated on or before the act, opinion recorded, not
cancelled), and the latest held review of its kind is the one judged."""

from __future__ import annotations

from egovnet.policy.dossier import check_dossier
from egovnet.policy.engine.model import Outcome
from egovnet.policy.tests.helpers import FOUR, base

LATE = [{"body": b, "sent_date": "2012-12-01"} for b in FOUR]  # sent on the meeting's day: late


def _needs(*reviews) -> dict:
    d = base(stage="needs_analysis", date="2013-01-15")
    d["reviews"] = list(reviews)
    return d


def _r81(d):
    report = check_dossier(d)
    return [f for f in report.findings if f.rule == "R-8.1"], report


def test_a_review_after_the_act_or_without_opinion_or_cancelled_does_not_count():
    for review in (
        {"type": "needs_deliberation", "date": "2030-04-10", "invited": list(FOUR)},
        {"type": "needs_deliberation", "date": "2012-12-01", "invited": list(FOUR), "opinion_recorded": False},
        {"type": "needs_deliberation", "date": "2012-12-01", "invited": list(FOUR), "cancelled": True},
    ):
        [f], report = _r81(_needs(review))
        assert f.outcome == Outcome.FAIL and f.subject == "project", review
        assert not report.can_advance and "R-8.1" in report.verdict.blocking


def test_the_latest_held_review_counts():
    late = {"type": "needs_deliberation", "date": "2012-12-01", "invited": LATE}
    good = {"type": "needs_deliberation", "date": "2013-01-10", "invited": list(FOUR)}
    [f], _ = _r81(_needs(late, good))
    assert f.outcome == Outcome.PASS and f.subject == "needs_deliberation-2"
    [f], _ = _r81(_needs(good | {"date": "2012-11-01"}, late))  # a correct one superseded by a flawed later one
    assert f.outcome == Outcome.FAIL
    [f], _ = _r81(_needs(late, good | {"cancelled": True}))  # the correct one was cancelled
    assert f.outcome == Outcome.FAIL
