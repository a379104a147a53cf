"""Report and export reads go to the replica alias when one is configured; writes and transactions never do."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egovnet.core.db_router import ReplicaRouter, replica_reads
from egovnet.orgs.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica_on(settings):
    settings.DATABASE_READ_REPLICA = "replica"


def test_reads_go_to_the_replica_only_inside_replica_reads(replica_on, make_org):
    router = ReplicaRouter()
    assert router.db_for_read(Organisation) is None  # default: the primary
    with replica_reads():
        assert router.db_for_read(Organisation) == "replica"
        assert router.db_for_write(Organisation) == "default"
        with transaction.atomic():  # read-your-writes: inside a transaction everything stays on the primary
            assert router.db_for_read(Organisation) is None


def test_no_replica_configured_means_primary_everywhere(settings):
    settings.DATABASE_READ_REPLICA = ""
    with replica_reads():
        assert ReplicaRouter().db_for_read(Organisation) is None


def test_export_streams_its_rows_from_the_replica(replica_on, client, divisions, make_org, make_user):
    from egovnet.core.choices import Role

    make_org("复制库里的部")
    client.force_login(make_user("exporter", Role.ADMIN, superuser=True))
    with CaptureQueriesContext(connections["replica"]) as on_replica, CaptureQueriesContext(
        connections["default"]
    ) as on_primary:
        response = client.get(reverse("exchange:export", args=["organisations", "csv"]))
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "复制库里的部" in body
    assert any("orgs_organisation" in q["sql"] for q in on_replica.captured_queries)
    assert not any("orgs_organisation" in q["sql"] for q in on_primary.captured_queries)
