"""The unexplained-code detector: internal codes by their shape, unless explained or customer-facing."""
from __future__ import annotations

import pytest

from aftersales_std.lint.detectors.codes import unexplained_codes

FLAGGED = [
    ("已经给您转2L了，状态是PEND，RMA（退货授权）号稍后发您", ["2L", "PEND"]),
    ("您这台是OOW的，需要付费", ["OOW"]),
    ("退款T+1到账", ["T+1"]),
    ("这单我们按FCR处理", ["FCR"]),
    ("工单状态HOLD中请耐心等待", ["HOLD"]),
    ("我们会在SLA内回复", ["SLA"]),
    ("呢單我哋已經escalate咗去L2跟進", ["L2"]),
]
CLEAN = [
    "您的订单号AB12345678已受理",
    "型号X200的滤网",
    "请打开APP查看",
    "RMA（退货授权）号稍后发您",
    "退货授权（RMA）号稍后发您",
    "T+1即下一个工作日到账",
    "E07也就是进水保护，师傅明天上门",
    "请 check 下你嘅 order 再 confirm",
    "Your RMA number is 123 and we will ship it today",
    "5G套餐已开通，充电宝10000mAh，请扫描QR码下载PDF说明书",
    "航班CX123延误，改签后的航班明天10:00起飞",
]


@pytest.mark.parametrize("text,codes", FLAGGED)
def test_codes_found_by_shape(text: str, codes: list[str]) -> None:
    found = unexplained_codes(text)
    assert [c.text for c in found] == codes
    assert all(text[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize("text", CLEAN)
def test_explained_known_or_identifiers_are_fine(text: str) -> None:
    assert unexplained_codes(text) == []


def test_allowed_list_from_the_caller() -> None:
    assert unexplained_codes("您可以给我们的NPS打分", allowed=["NPS"]) == []
    assert [c.text for c in unexplained_codes("您可以给我们的NPS打分")] == ["NPS"]
