"""The one way a page runs a service call and shows its refusal (``core.view_helpers``)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from egovnet.core.errors import ServiceError
from egovnet.core.view_helpers import attempt, attempt_call, refusal_text


def _request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def _shown(request) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in request._messages]


def _raise(exc: Exception):
    def call():
        raise exc

    return call


class _Form(forms.Form):
    name = forms.CharField()


def test_success_returns_the_result_and_adds_the_success_message():
    request = _request()
    assert attempt_call(request, lambda: 42, success="已保存 / Saved.") == (True, 42)
    assert attempt(request, lambda: None) is True  # no success text: no message
    assert _shown(request) == [(constants.SUCCESS, "已保存 / Saved.")]


BILINGUAL = "该项目已关闭，不能再办理。 / The project is closed; nothing more can be done."


def test_service_error_is_shown_as_the_service_worded_it_and_nothing_succeeds():
    request = _request()
    assert attempt_call(request, _raise(ServiceError(BILINGUAL)), success="已办理 / Done.") == (False, None)
    assert _shown(request) == [(constants.ERROR, BILINGUAL)]


def test_a_page_in_one_language_shows_the_readers_half():
    request = _request()
    with translation.override("zh-hans"):
        assert attempt(request, _raise(ServiceError(BILINGUAL)), in_one_language=True) is False
    with translation.override("en"):
        assert attempt(request, _raise(ServiceError(BILINGUAL)), in_one_language=True) is False
    assert _shown(request) == [
        (constants.ERROR, "该项目已关闭，不能再办理。"),
        (constants.ERROR, "The project is closed; nothing more can be done."),
    ]


def test_validation_error_with_fields_names_each_field():
    request = _request()
    exc = ValidationError({"ref_no": ["必填。"], "date": ["日期无效。", "不能晚于今天。"]})
    assert attempt(request, _raise(exc)) is False
    assert _shown(request) == [(constants.ERROR, "ref_no: 必填。; date: 日期无效。 不能晚于今天。")]
    assert refusal_text(ValidationError(["一", "二"])) == "一 二"


def test_validation_error_with_fields_goes_onto_a_given_form():
    request, form = _request(), _Form({"name": "x"})
    assert form.is_valid()
    exc = ValidationError({"name": ["名称已存在。"], "elsewhere": ["对象已变更。"]})
    assert attempt(request, _raise(exc), form=form) is False
    assert form.errors == {"name": ["名称已存在。"], "__all__": ["对象已变更。"]}
    assert _shown(request) == []


def test_permission_denied_is_a_403_unless_the_page_shows_it():
    request = _request()
    with pytest.raises(PermissionDenied):
        attempt(request, _raise(PermissionDenied("无权办理 / You may not.")), success="已办理 / Done.")
    assert _shown(request) == []
    ok = attempt(request, _raise(PermissionDenied("无权办理 / You may not.")), permission_as_message=True)
    assert ok is False
    assert _shown(request) == [(constants.ERROR, "无权办理 / You may not.")]


def test_other_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError):
        attempt(_request(), lambda: 1 / 0)


def test_an_exception_that_explains_itself_is_shown_its_way():
    class Explained(ServiceError):
        def for_reader(self) -> str:
            return "关口未通过：缺少可行性研究报告（第十一条）"

    request = _request()
    assert attempt(request, _raise(Explained("raw / raw"))) is False
    assert _shown(request) == [(constants.ERROR, "关口未通过：缺少可行性研究报告（第十一条）")]
