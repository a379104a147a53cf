"""Counting a class finding by province: per class once, the same as counting every member."""

from collections import Counter

from egovnet.policy.engine.grouped import ItemClass
from egovnet.policy.findings_store import _ClassProvinces
from egovnet.policy.subjects import Subject


def test_runs_of_whole_classes_and_any_other_member_list_count_alike():
    subjects = {f"sys-{i}": Subject("system", str(i), f"s{i}", None, f"{11 + i % 3}0000") for i in range(9)}
    a, b, c = (ItemClass(None, [f"sys-{i}" for i in r]) for r in (range(0, 4), range(4, 6), range(6, 9)))
    provinces = _ClassProvinces([a, b, c], subjects)

    def expected(members):
        return Counter(subjects[k].province for k in members)

    for members in (a.members + c.members, b.members, a.members + b.members + c.members, c.members + a.members):
        assert provinces.of(list(members)) == expected(members)
    for members in (a.members[:2], a.members[1:] + b.members, ["sys-8", "sys-0"], a.members + ["sys-4"]):
        assert provinces.of(list(members)) == expected(members)  # not whole classes: counted one by one
    assert provinces.of([]) == Counter()
