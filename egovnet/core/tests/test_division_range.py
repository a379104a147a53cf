"""A division scope as a range of codes: the same rows as a prefix match, answered from the index."""

from __future__ import annotations

import pytest
from django.db import connection

from egovnet.core.permissions import division_code_q
from egovnet.geo.models import Division

CODES = ["410000", "410100", "410102", "410900", "410922", "411000", "419001", "420000", "420100", "999999"]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["41", "4101", "4109", "410922", "42", "99", "9999", "4"])
def test_range_selects_exactly_the_prefix(prefix):
    for code in CODES:
        Division.objects.create(code=code, name=code, level="county", province_code=code[:2] + "0000")
    by_range = set(Division.objects.filter(division_code_q(prefix, "code")).values_list("code", flat=True))
    assert by_range == {c for c in CODES if c.startswith(prefix)}


@pytest.mark.django_db
def test_a_province_scope_uses_the_division_index():
    from egovnet.orgs.models import Organisation

    qs = Organisation.objects.filter(division_code_q("44", "division__code")).values("pk")
    sql, params = qs.query.sql_with_params()
    assert "LIKE" not in sql.upper()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "INDEX" in plan and "division_id>?" in plan
