"""Small pure parts of the derivation."""

from __future__ import annotations

import datetime as dt

from egovnet.tasks.derive import _first_article


def test_resolver_basis_becomes_articles_of_the_notice():
    assert (
        _first_article("… [§7¶1 / §9(4)]") == "第七条第一款（发改高技[2012]1986号） / 第九条（发改高技[2012]1986号）(4)"
    )
    assert _first_article("… [§6 / 公通字[2007]43号 第十五条]").startswith(
        "第六条（发改高技[2012]1986号） / 公通字[2007]43号"
    )
    assert _first_article("no basis") == "—"


def test_overdue_is_strictly_after_the_deadline():
    from egovnet.tasks.derive import Task

    t = Task(key="k", kind="request", actor=None, actor_org="x", roles=frozenset(), grant=("decide", None),
             action_zh="", action_en="", rule="", article="", subject="", url="/", due=dt.date(2013, 3, 15))  # fmt: skip
    assert not t.overdue(dt.date(2013, 3, 15)) and t.overdue(dt.date(2013, 3, 16))
