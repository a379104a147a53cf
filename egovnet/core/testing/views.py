"""View test cases for a registry: list, detail, create, edit and delete, each for allowed and refused users.

A registry's test class subclasses :class:`RegistryViewCases`, names its URLs and provides ``cast()`` (who
acts, on what) and the form data. Every case checks what happened to the data, not only the status: the owner
does what the others are refused, so a route that disappears, or a refusal that also stops the owner, fails.

Roles in a cast:
- ``owner``: may view, add and change ``obj`` (a role granting them, scoped to the object's owner);
- ``deleter``: may delete ``obj`` (the owner when its role grants ``delete``);
- ``refused``: same scope, a role without add/change/delete (403, nothing changes);
- ``outsider``: the owner's role in another scope (the object is not found: 404, nothing changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

NEW_NAME = "测试改名后的名称"


@dataclass
class Cast:
    owner: Any
    refused: Any
    outsider: Any
    obj: Any
    deleter: Any = None

    def __post_init__(self) -> None:
        self.deleter = self.deleter or self.owner


@pytest.mark.django_db
class RegistryViewCases:
    app: str  # URL namespace, e.g. "orgs"
    name: str  # URL name stem, e.g. "organisation" (organisation_list, _detail, _add, _edit, _delete)

    def cast(self) -> Cast:
        raise NotImplementedError

    def create_data(self, cast: Cast) -> dict[str, Any]:
        """A valid new object owned in the owner's scope, named ``created_name``."""
        raise NotImplementedError

    def edit_data(self, cast: Cast, obj: Any) -> dict[str, Any]:
        """The object's form with its name changed to ``NEW_NAME`` (and its version)."""
        raise NotImplementedError

    created_name = "测试新建的对象"

    # --- helpers -----------------------------------------------------------------------------------------
    def url(self, action: str, obj: Any = None) -> str:
        return reverse(f"{self.app}:{self.name}_{action}", args=[obj.pk] if obj is not None else [])

    @pytest.fixture
    def c(self, db) -> Cast:
        return self.cast()

    def _model(self, c: Cast) -> Any:
        return type(c.obj)

    def _get(self, client, user, url):
        client.force_login(user)
        return client.get(url)

    def _post(self, client, user, url, data):
        client.force_login(user)
        return client.post(url, data)

    # --- cases ---------------------------------------------------------------------------------------------
    def test_list_shows_the_object_in_scope_only(self, client, c):
        assert c.obj.name in self._get(client, c.owner, self.url("list")).content.decode()
        response = self._get(client, c.outsider, self.url("list"))
        assert response.status_code == 200 and c.obj.name not in response.content.decode()

    def test_detail_for_the_scope_and_404_outside(self, client, c):
        response = self._get(client, c.owner, self.url("detail", c.obj))
        assert response.status_code == 200 and c.obj.name in response.content.decode()
        assert self._get(client, c.outsider, self.url("detail", c.obj)).status_code == 404

    def test_create_by_the_owner_only(self, client, c):
        model = self._model(c)
        assert self._get(client, c.refused, self.url("add")).status_code == 403
        self._post(client, c.refused, self.url("add"), self.create_data(c))
        self._post(client, c.outsider, self.url("add"), self.create_data(c))
        assert not model.objects.filter(name=self.created_name).exists()
        assert self._get(client, c.owner, self.url("add")).status_code == 200
        response = self._post(client, c.owner, self.url("add"), self.create_data(c))
        assert response.status_code == 302, getattr(response, "context", {}) and response.context.get("form").errors
        assert model.objects.filter(name=self.created_name).count() == 1

    def test_edit_by_the_owner_only(self, client, c):
        model = self._model(c)
        response = self._post(client, c.refused, self.url("edit", c.obj), self.edit_data(c, c.obj))
        assert response.status_code == 403
        response = self._post(client, c.outsider, self.url("edit", c.obj), self.edit_data(c, c.obj))
        assert response.status_code == 404
        assert model.objects.get(pk=c.obj.pk).name == c.obj.name
        response = self._post(client, c.owner, self.url("edit", c.obj), self.edit_data(c, c.obj))
        assert response.status_code == 302, response.context and response.context.get("form").errors
        assert model.objects.get(pk=c.obj.pk).name == NEW_NAME

    def test_delete_by_the_deleter_only(self, client, c):
        model = self._model(c)
        data = {"version": c.obj.version}
        assert self._post(client, c.refused, self.url("delete", c.obj), data).status_code == 403
        assert self._post(client, c.outsider, self.url("delete", c.obj), data).status_code in (403, 404)
        assert model.objects.filter(pk=c.obj.pk).exists()
        assert self._post(client, c.deleter, self.url("delete", c.obj), data).status_code == 302
        assert not model.objects.filter(pk=c.obj.pk).exists()
