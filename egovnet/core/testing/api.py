"""API test cases for a registry: list, retrieve, create, partial update and delete for the roles of a
:class:`~egovnet.core.testing.views.Cast` (owner, refused role, outsider, deleter).

A registry's test class subclasses :class:`RegistryAPICases`, sets ``api_url`` and provides ``cast()`` and
``create_payload()``. Every case checks the rows, not only the status, and the owner always succeeds where the
others are refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from .views import NEW_NAME, Cast


def client_for(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
class RegistryAPICases:
    api_url: str  # e.g. "/api/orgs/organisations/"
    created_name = "接口新建的对象"

    def cast(self) -> Cast:
        raise NotImplementedError

    def create_payload(self, cast: Cast) -> dict[str, Any]:
        """A valid new object in the owner's scope, named ``created_name``."""
        raise NotImplementedError

    @pytest.fixture
    def c(self, db) -> Cast:
        return self.cast()

    def _detail(self, obj: Any) -> str:
        return f"{self.api_url}{obj.pk}/"

    def test_list_in_scope_only(self, c):
        owner = client_for(c.owner).get(self.api_url, {"limit": 500})
        assert owner.status_code == 200 and c.obj.pk in [r["id"] for r in owner.json()["results"]]
        outsider = client_for(c.outsider).get(self.api_url, {"limit": 500})
        assert outsider.status_code == 200 and c.obj.pk not in [r["id"] for r in outsider.json()["results"]]

    def test_retrieve_in_scope_and_404_outside(self, c):
        response = client_for(c.owner).get(self._detail(c.obj))
        assert response.status_code == 200 and response.json()["name"] == c.obj.name
        assert client_for(c.outsider).get(self._detail(c.obj)).status_code == 404

    def test_create_by_the_owner_only(self, c):
        model = type(c.obj)
        assert client_for(c.refused).post(self.api_url, self.create_payload(c), format="json").status_code == 403
        assert client_for(c.outsider).post(self.api_url, self.create_payload(c), format="json").status_code in (
            400,
            403,
        )
        assert not model.objects.filter(name=self.created_name).exists()
        response = client_for(c.owner).post(self.api_url, self.create_payload(c), format="json")
        assert response.status_code == 201, response.json()
        assert model.objects.get(pk=response.json()["id"]).name == self.created_name

    def test_update_by_the_owner_only(self, c):
        model, payload = type(c.obj), {"name": NEW_NAME, "version": c.obj.version}
        assert client_for(c.refused).patch(self._detail(c.obj), payload, format="json").status_code == 403
        assert client_for(c.outsider).patch(self._detail(c.obj), payload, format="json").status_code == 404
        assert model.objects.get(pk=c.obj.pk).name == c.obj.name
        response = client_for(c.owner).patch(self._detail(c.obj), payload, format="json")
        assert response.status_code == 200, response.json()
        assert model.objects.get(pk=c.obj.pk).name == NEW_NAME

    def test_delete_by_the_deleter_only(self, c):
        model = type(c.obj)
        assert client_for(c.refused).delete(self._detail(c.obj)).status_code == 403
        assert client_for(c.outsider).delete(self._detail(c.obj)).status_code in (403, 404)
        assert model.objects.filter(pk=c.obj.pk).exists()
        assert client_for(c.deleter).delete(self._detail(c.obj)).status_code == 204
        assert not model.objects.filter(pk=c.obj.pk).exists()
