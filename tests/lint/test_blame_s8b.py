"""Session 8b: the system deciding by itself is an attribution (issue 14). Examples written for these tests."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.attribution import attributions


@pytest.mark.parametrize("text,words", [
    ("优惠券过了零点系统默认作废了", "系统默认"),
    ("这个系统自动的哦，我这边改不了", "系统自动"),
    ("系統已經鎖定了座位", "系統已經鎖定"),
    ("退款申请系统已经默认驳回了", "系统已经默认"),
])
def test_system_decides(text: str, words: str) -> None:
    found = attributions(text)
    assert any(words in a.text for a in found) and all(a.party == "third_party" for a in found), (text, found)


@pytest.mark.parametrize("text", [
    "付款后系统会自动给您发短信通知",       # how an order is processed, said ahead: no cause
    "我们会在系统里帮您登记",
    "如果系统默认地址不对，您可以在设置里改",  # a condition
])
def test_system_process_is_no_attribution(text: str) -> None:
    assert attributions(text) == [], text
