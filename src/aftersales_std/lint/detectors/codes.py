"""Unexplained codes: internal abbreviations and status codes left for the customer to decode.

    >>> [c.text for c in unexplained_codes("已经给您转2L了，状态是PEND，RMA（退货授权）号稍后发您")]
    ['2L', 'PEND']

Clause 4.9 of the communication standard: internal terms and abbreviations are explained at once in
plain words, or replaced by them. A list of jargon can never hold every trade's codes (FCR, OOW, 2L,
T+1, PEND, E07 ...), so this detector works on their shape: a run of capital letters (2 or more), a
mix of letters and digits, or a settlement code such as T+1 / D+3, standing in Chinese text, that is
not explained right after it (brackets, 即 / 也就是 / 意思是 / 指的是, or the explanation set off by a
dash or colon) and is not one the customer knows (APP, Wi-Fi, USB, SIM, 5G, units, currencies, the
caller's own allowed list, e.g. the glossary's customer-facing abbreviations).

Identifiers the customer was given are not jargon: a code after 订单号, 单号, 工单号, 型号, 编号, 序列号,
快递单号 or a ticket-style id with 6 or more digits. Lower-case words in Hong Kong replies (check,
confirm, order) are code-mixing, not codes, and text that is not mostly Chinese is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["CodeSpan", "unexplained_codes", "KNOWN"]

# Abbreviations customers use themselves, units and currencies (compared in upper case).
KNOWN = frozenset("""
APP APPS OK ID WIFI WI-FI WLAN USB SIM ESIM PIN PUK VIP QQ QR GPS TV PC CPU GPU LED LCD OLED HDMI PDF
EMAIL E-MAIL SMS MMS DIY AI IOS ANDROID MAC IPAD IPHONE 3G 4G 5G NFC DVD CD SD TF BT AC DC PM AM
KG G MG CM MM KM ML L W KW KWH V A MAH HZ GB MB KB TB DPI HD UHD 4K 8K RMB CNY HKD NTD TWD USD MOP
FAQ CEO UV PM2.5 SUV ETC ATM POS LINE HOMEKIT WHATSAPP WECHAT 7-11 7-ELEVEN OTP
""".split())

_CODE = re.compile(
    r"(?<![A-Za-z0-9+\-])("
    r"[TD]\s?\+\s?\d{1,2}"                        # settlement / dispatch codes: T+1, D+3
    r"|[A-Z]{2,}[0-9]*(?:-[A-Z0-9]+)*"            # FCR, OOW, PEND, ER21, SLA-2
    r"|[0-9]{1,2}[A-Z]{1,3}(?![a-z])"             # 2L, 3C
    r"|[A-Z][0-9]{1,4}(?:-[0-9]+)?"               # E07, L2, P1
    r")(?![A-Za-z0-9+])"
)
_ID_BEFORE = re.compile(r"(?:订单|單|单|工单|工單|型号|型號|编号|編號|序列号|序號|序列號|快递单|快遞單|运单|運單|"
                        r"受理号|受理號|发票|發票|密码|密碼|账号|帳號|航班|班次|房号|房號|车牌|車牌|门牌|票号|"
                        r"model|no\.?|#)\s*[：:号號]?\s*$", re.IGNORECASE)
_GLOSS_AFTER = re.compile(r"^\s*(?:[（(【\[]|[—–-]{1,2}|[:：]|[，,]?\s*(?:即|也就是|意思是|指的是|是指|就是指|意即|亦即|"
                          r"即是|就係|即係|也就是說|也就是说))")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, order=True)
class CodeSpan:
    start: int
    end: int
    text: str


def _mostly_chinese(text: str) -> bool:
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk >= 4 and cjk >= latin


def unexplained_codes(text: str, allowed: Iterable[str] = ()) -> list[CodeSpan]:
    """Codes in `text` that a customer cannot read and that are not explained right after them."""
    if not _mostly_chinese(text):
        return []
    ok = KNOWN | {a.upper() for a in allowed}
    out: list[CodeSpan] = []
    for m in _CODE.finditer(text):
        code = m.group(1)
        if code.upper().replace(" ", "") in ok:
            continue
        if _ID_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        if _GLOSS_AFTER.match(text[m.end():m.end() + 8]):
            continue
        if _explained_before(text, m.start()):
            continue
        out.append(CodeSpan(m.start(), m.end(), code))
    return out


def _explained_before(text: str, start: int) -> bool:
    """"退货授权（RMA）": the code is itself the bracketed gloss of the words before it."""
    before = text[max(0, start - 2):start]
    return bool(before) and before[-1] in "（([【" and bool(_CJK.search(text[max(0, start - 12):start]))
