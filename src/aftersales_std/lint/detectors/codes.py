"""Unexplained codes: internal abbreviations and status codes left for the customer to decode.

    >>> [c.text for c in unexplained_codes("已经给您转2L了，状态是PEND，RMA（退货授权）号稍后发您")]
    ['2L', 'PEND']

Clause 4.9 of the communication standard: internal terms and abbreviations are explained at once in
plain words, or replaced by them. A list of jargon can never hold every trade's codes (FCR, OOW, 2L,
T+1, PEND, E07 ...), so this detector works on their shape: a run of capital letters (2 or more,
with a number after a space: ERR 7731, ALM 9012), a number with a letter (2L), a letter with a
number (E07, P1) or a settlement code such as T+1 / D+3, standing in Chinese text. A code is fine when

- it is explained: right after it (brackets, 即 / 也就是 / 意思是 / 表示 / 代表 / 指的是, a dash or
  colon, or "X 是 ..." defining it), a few words later (`RMA 流程（即…`, `DR 开头的编号呢 就是…`), or it is
  itself the explanation of the words before it (`退货授权（RMA）`, `第二天到账 也就是T+1`,
  `业内叫PM kit`, an aside in brackets after Chinese words: `（系统里显示为 WFP，…）`);
- it is one the customer knows: APP, Wi-Fi, USB, IMEI, 4S, sizes (XL), units after a number (16A,
  64G, 4H), currencies, the caller's allowed list (the glossary's customer-facing designations);
- it is an identifier the customer was given: after 订单号, 单号, 工单号, 编号是, 尾号, 型号 ...; with
  five or more digits, or a dashed number (CL-88213, RMA-2024-08817); masked (SF1234****5678);
  a version (V3.2.1); inside a URL, an e-mail address or a template placeholder; a keyword the customer
  is told to send (续费请回复XF, 改约请回复GY);
- it names a place: a letter and a number before 县 / 市 / 区 / 栋 / 号楼 / 路 ... (B3县, E6栋);
- it is printed where the customer sees it: a button (按 SET 键), the first or last characters of an
  identifier (序列号以 SN 开头); a code handed over for use (兑换码：VIP30-8842); digits masked with X (5123 XXXX);
- it names a product: a model before a product word (G3血糖仪, UPS电池组, RAID卡) or after a classifier
  (这台CNC); a single letter with a number (G3, X50) counts as a code only where it reads as a status,
  error, priority or support tier (报E07, 状态码 S07, E1 报警, P1, L2).

Lower-case words in Hong Kong replies (check, confirm, order) are code-mixing, not codes, and text that
is not mostly Chinese is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["CodeSpan", "unexplained_codes", "KNOWN"]

# Abbreviations customers use themselves, units, sizes, currencies, carriers and public technical
# words (compared in upper case).
KNOWN = frozenset("""
APP APPS OK ID WIFI WI-FI WLAN USB SIM ESIM PIN PUK VIP QQ QR GPS TV PC CPU GPU LED LCD OLED HDMI PDF
EMAIL E-MAIL SMS MMS DIY AI IOS ANDROID MAC IPAD IPHONE 3G 4G 5G NFC DVD CD SD TF BT AC DC PM AM
KG G MG CM MM KM ML L W KW KWH V A MAH HZ GB MB KB TB DPI HD UHD 4K 8K RMB CNY HKD NTD TWD USD MOP
FAQ CEO UV PM2.5 SUV ETC ATM POS LINE HOMEKIT WHATSAPP WECHAT 7-11 7-ELEVEN OTP ASAP
IMEI MEID 4S 3C CCC 3D VR AR IT IP API URL HTTP HTTPS DNS VPN LAN WAN SSL TLS RAM ROM SSD HDD UPS PPT
CT MRI ECG ICU MPV ABS PVC EMS SF JD DHL FEDEX TNT NO TEL FAX UI OCR BIOS DHCP VLAN VIN
XS S M L XL XXL XXXL 2XL 3XL 4XL 5XL PRO MAX MINI PLUS ULTRA LITE SE ON OFF OTA BB XX XXX
LOGO TYPE-C PD MP3 MP4 N95 KN95 HDR SPF PA VC CC DHA KTV VX WX PS HIFI AA AAA DJ
YAML JSON CSV XML HTML TXT DOC DOCX XLS XLSX PPTX PNG JPG JPEG GIF MP4 MOV ZIP RAR EXE TBX
ISO IEC GB GB/T EN UL CE FCC ROHS ZTO YTO STO JT TOP NEW HOT IMAX HTC XP
""".split())
# Letters that make a number a quantity: 16A, 64G, 30GB, 4H, 5ATM, 1080P, 200M
_UNITS = frozenset("A G GB M MB K KB KG H W KW V T TB ATM L ML MM CM P HZ MAH MBPS X S D".split())

# English status and process words of ticket and release systems, written into a Chinese reply (in an
# English reply they are plain English)
_STATUS_WORDS = r"(?i:pending|on-?hold|hotfix|workaround|chargeback|backlog|rollback|wip)"
_CODE = re.compile(
    r"(?<![A-Za-z0-9+\-_.@/#*])("
    + _STATUS_WORDS + r"(?![A-Za-z])|"
    r"[TD]\s?\+\s?\d{1,2}"                                         # settlement / dispatch codes: T+1, D+3
    r"|[A-Z]{2,}[0-9]*(?:[-/][A-Z0-9]+)*(?:\s?[0-9]{2,5}(?![0-9.]))?"  # FCR, PEND, ER21, SLA-2, MID/TID, ERR 7731
    r"|[0-9]{1,2}[A-Z]{1,3}(?![a-z])"                              # 2L, 3C
    r"|[A-Z][0-9]{1,4}(?:-[0-9]+)?"                                # E07, L2, P1
    r")(?![A-Za-z0-9+])"
)
# Every match of _CODE starts an ASCII letter-and-digit run that no character of its lookbehind precedes
# (the lookbehind excludes letters and digits). _CODE starts with that lookbehind, so `re` has no first
# character to skip ahead with and tries it at every character; _code_matches tries it only at run starts.
_RUN = re.compile(r"[A-Za-z0-9]+")
_NOT_BEFORE_CODE = frozenset("+-_.@/#*")


def _code_matches(text: str) -> list[re.Match[str]]:
    """_CODE.finditer(text), as a list: the same matches, tried only where one can start."""
    out = []
    last = 0
    for run in _RUN.finditer(text):
        p = run.start()
        if p < last or (p > 0 and text[p - 1] in _NOT_BEFORE_CODE):
            continue
        m = _CODE.match(text, p)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_ID_BEFORE = re.compile(r"(?:订单|工单|工單|型号|型號|编号|編號|序列号|序號|序列號|快递单|快遞單|运单|運單|"
                        r"受理号|受理號|发票|發票|密码|密碼|账号|帳號|航班|班次|房号|房號|车牌|車牌|门牌|票号|"
                        r"尾号|尾號|号码|號碼|单号|單號|案号|案號|批号|批號|货号|貨號|号|號|"
                        # a code handed to the customer to use (兑换码：VIP30-8842, 取件码 A12), not a status code
                        r"兑换码|兌換碼|优惠码|優惠碼|折扣码|折扣碼|券码|券碼|激活码|激活碼|验证码|驗證碼|取件码|取件碼|"
                        r"取货码|取貨碼|提货码|提貨碼|邀请码|邀請碼|礼品码|禮品碼|核销码|核銷碼|序号|"
                        r"model|no\.?|#)\s*[：:号號]?\s*(?:是|为|為|係)?\s*[：:]?\s*$", re.IGNORECASE)
# Explained right after: a bracket, a dash or colon, a gloss word, or "X 是 ..." defining it
_GLOSS_AT = re.compile(r"^\s*[”」』\"'’]?\s*(?:[（(【\[]|[—–]|-{1,2}\s|[:：](?!\s*\d)|是(?!不是|否|我|您|你|他|她|在|因为|由于|为了|\s*[\d一二两三四五六七八九十几半])|"
                       r"[，,]?\s*(?:即|也就是|意思是|的意思是|的意思|指的是|是指|就是指|意即|亦即|即是|就係|即係|"
                       r"也就是說|也就是说|表示|代表|意思係|係指|解释一下|解釋一下|全称|全稱|意为|意為|意指)|"
                       # a back-reference that defines it: 返回码51，这个码是发卡银行返回的“余额不足”
                       r"[，,]?\s*(?:这个|這個|该|該|此|呢个|呢個)(?:码|碼|代码|代碼|词|詞|叫法|状态|狀態)\s*(?:是指|是|指|表示|代表|的意思|意思)|"
                       # the code named as one and defined: E1代码是室内机的温度传感器报的故障
                       r"(?:代码|代碼|故障码|故障碼|码|碼)\s*(?:是指|是(?!不是|否|多少|什么|什麼)|表示|代表|指的是))")
# ... or a few words later (RMA 流程（即…, DR 开头的编号呢 就是…, E21」表示…): no sentence break between
_GLOSS_NEAR = re.compile(r"^[^。！？!?；;，,\n（(]{0,6}[（(]|"
                         r"^[^。！？!?；;，,\n]{0,10}?[，,]?\s*(?:也就是|就是|即是|即|意思是|的意思|指的是|是指|表示|代表|即係|就係|意思係)")
# a fault code the customer sees on the device, said with what it means: 屏幕上的故障代码E3, 根据故障代码E3，可能是…
_ON_DISPLAY = re.compile(r"(?:屏幕|显示屏|顯示屏|面板|屏)上?(?:的|显示的?|顯示的?|出现的?|出現的?)?[^。！？!?，,]{0,4}$")
_FAULT_CODE = re.compile(r"(?:故障|错误|錯誤|报错|報錯)(?:代码|代碼|码|碼)\s*(?:为|為|是)?\s*$")
_MEANING = re.compile(r"^[^。！？!?；;]{0,6}?(?:可能是|说明|說明|表示|代表|是)")
_TABLE_CELL_BEFORE = re.compile(r"\|[ \t]*$")
_TABLE_CELL_AFTER = re.compile(r"^[ \t]*\|")
_DEVICE_EVENT_BEFORE = re.compile(r"(?:显示|顯示|出现|出現|亮起|闪烁|閃爍|跳出|弹出|彈出)\s*$")
_DEVICE_EVENT_AFTER = re.compile(r"^\s*(?:并|並|后|後|然后|然後|就|又|之后|之後)")
# a keyword the customer is told to send back by SMS or type in: 回复XF办理, 改约请回复GY, 编辑TD发送到
_KEYWORD_BEFORE = re.compile(r"(?:回复|回覆|回覆|發送|发送|编辑|編輯|输入|輸入)(?:字母|代码|代碼|指令)?\s*[“「\"]?\s*$")
# the customer's own words restated: 从您描述的E1代码看
_RESTATED_BEFORE = re.compile(r"(?:您|你)(?:描述|说|說|提到|反映|看到|问|問|反馈|反饋)的?[^。！？!?，,]{0,6}$")
# The code is the explanation of the words before it: 也就是T+1, 业内叫PM kit, 显示为 WFP
_GLOSSES_BEFORE = re.compile(r"(?:也就是|也就是说|即|又称|也叫|简称|簡稱|叫做|叫|称为|稱為|俗称|俗稱|英文|缩写|縮寫|"
                             r"写的|寫的|显示为|顯示為|写着|寫著|标着|標著|标的|標的|显示的|顯示的)\s*[“「\"]?\s*$")
_PRODUCT_AFTER = re.compile(r"^\s?(?:血糖仪|血壓計|血压计|仪|儀|机(?!会|會|制|製)|機(?!会|會|制|製)|表(?![示明达達格单單态態])|錶|卡(?!住|顿|頓)|棉|电池|電池|探测器|探測器|球管|版本?|店|芯|"
                            r"型|款|系列|手机|手機|电脑|電腦|平板|耳机|耳機|手表|路由器|冰箱|空调|空調|洗衣机|电视|電視|"
                            r"车|車|轮胎|固件|驱动|驅動|接口|端口|芯片|屏|主板|电源|電源|模块|模組|套餐|会员|會員|线|線|"
                            r"插头|插頭|灯|燈|镜头|鏡頭|相机|相機|主机|主機|面板|键盘|鍵盤|鼠标|滑鼠|音箱|柜|櫃|"
                            r"官网|官網|官方|公司|集团|集團|认证|認證|出具|证书|證書|标准|標準|"
                            r"班机|班機|航班|次航班|次列车|次列車)")
# A place or an address: a letter and a number before an administrative or address unit (B3县, C2区, D5县第二中学,
# E6栋, C2号楼): anonymised place names of public letters and block numbers of estates, not codes
_PLACE_AFTER = re.compile(r"^\s?(?:县|縣|市|区|區|镇|鎮|乡|鄉|村|省|州|街道|社区|社區|小区|小區|栋|棟|幢|座|号楼|號樓|"
                          r"单元|單元|楼|樓|路|街|大道|片区|片區|地块|地塊|出口|入口|站|馆|館|厅|廳|航站楼)")
_PRODUCT_BEFORE = re.compile(r"(?:这台|那台|這台|该台|該台|一台|这款|那款|這款|该款|該款|这部|那部|這部|这个型号的|"
                             r"买的|買的|购买的|購買的|新款|旧款|舊款|贵院|貴院|贵司|貴司|贵店|貴店)\s?$")
# A single letter with a number reads as a code (not a model such as G3 or X50) in these contexts
_STATUS_BEFORE = re.compile(r"(?:报|報|显示|顯示|提示|状态|狀態|码|碼|代码|代碼|故障|按|转|轉|升级|升級|升|为|為|是|"
                            r"级别|級別|等级|等級|到|给|給|交|派|走|进入|進入|处于|處於)\s*[“「\"]?\s*$")
_STATUS_AFTER = re.compile(r"^\s?(?:报警|報警|故障|异常|異常|错误|錯誤|级|級|工单|工單|状态|狀態|代码|代碼|码|碼|"
                           r"跟进|跟進|处理|處理|团队|團隊|工程师|工程師|支持|审核|審核)")
_TIER = re.compile(r"^[PL][0-4]$")
_TIER_BEFORE = re.compile(r"(?:转|轉|升级|升級|升|到|给|給|交|派|由)\s*$")
_SPANS_SKIPPED = re.compile(r"<!--(?s:.*?)-->|\{#.*?#\}|\{%.*?%\}|\[[A-Z]{2,}\]|\]\([^)\s]*\)|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\$?\{[^{}]{0,60}\}|[A-Za-z0-9.-]+\.(?:com|cn|net|org|hk|tw)\S*",
                            re.IGNORECASE)
_ID_WORD = re.compile(r"(?:号|號|编号|編號|单号|單號)[^。！？!?\n]*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"[ \t\u3000]+")
# a licence plate: 沪A·X3***, 粤B12345
_PLATE = re.compile(r"[京津沪滬渝冀豫云雲辽遼黑湘皖鲁魯新苏蘇浙赣贛鄂桂甘晋晉蒙陕陝吉闽閩贵貴粤粵青藏川宁寧琼瓊港澳][A-Z]?[·.\s]?$")
_SETTLES = re.compile(r"^(?:到账|到賬|入账|入賬|到|出|生效|寄出|发货|發貨|发出|發出|处理|處理|日内|日內|天内|天內|工作日|内|內|退回|原路)")
# full-width letters, digits and + - . / (not the full-width brackets, colon and comma the glosses read)
_WIDE = re.compile(r"[\uff0b\uff0d\uff0e\uff0f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HALF = {c: c - 0xFEE0 for c in [0xFF0B, 0xFF0D, 0xFF0E, 0xFF0F, *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                 *range(0xFF41, 0xFF5B)]}
_OPEN = "（([【"
_CLOSE = "）)]】"


@dataclass(frozen=True, order=True)
class CodeSpan:
    start: int
    end: int
    text: str


def _mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin words (a short reply such as 按SLA Gold，NBD上门 counts)."""
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]+", text))
    return cjk >= 2 and cjk >= latin


def unexplained_codes(text: str, allowed: Iterable[str] = ()) -> list[CodeSpan]:
    """Codes in `text` that a customer cannot read and that are not explained right after them."""
    ok = KNOWN | {a.upper() for a in allowed} if allowed else KNOWN
    original = text
    if _WIDE.search(text):
        text = text.translate(_HALF)  # ＲＭＡ typed with a full-width IME: same length, same positions
    # the cheap tests first (most texts hold only a known word or an identifier such as SF1234567890)
    found = [(m.group(1), m.start(1), m.end(1)) for m in _code_matches(text)]
    if _LOWER_CUE.search(text):
        found = sorted(found + _lower_codes(text), key=lambda f: f[1])
    found = [(code, start, end) for code, start, end in found
             if not (_known(code, ok) or _identifier(text, code, start, end) or _quantity(text, code, start))]
    if not found or not _mostly_chinese(text):
        return []
    skipped = [(m.start(), m.end()) for m in _SPANS_SKIPPED.finditer(text)]
    # explained once, a code needs no explaining again in the text: later (RMA（退货授权）… RMA 号), nor
    # earlier (用TDS笔测一下 TDS就是水里的杂质含量: the explanation came one sentence late)
    explained = {code for code, start, end in found if _explained_after(text, end) or _explained_before(text, start)}
    out: list[CodeSpan] = []
    for code, start, end in found:
        if any(s <= start < e for s, e in skipped) or code in explained:
            continue
        if _product(text, code, start, end):
            continue
        before, after = _before(text, start, 12), _after(text, end, 12)
        if _TABLE_CELL_BEFORE.search(before) and _TABLE_CELL_AFTER.match(after):
            continue  # a table cell of letters alone (RACI: RA) is a label, not a sentence
        if _DEVICE_EVENT_BEFORE.search(before) and _DEVICE_EVENT_AFTER.match(after):
            continue  # what the device did, as the customer tells it: 洗到一半显示 E3 并停机
        if _KEYWORD_BEFORE.search(before):
            continue  # a keyword the customer is told to send: 续费请回复XF, 改约请回复GY
        if _SEAT.fullmatch(code) and (_SEAT_BEFORE.search(before) or _SEAT_AFTER.match(after)):
            continue  # a seat: 8 车 12F, 第 3 排 5C
        if code.isalpha() and _PINYIN_NAME.fullmatch(code.lower()) and _NAME_CUE.search(text):
            continue  # a name in pinyin, where the reply speaks of names: 把 ZHANG 写成了 ZANG
        if _RESTATED_BEFORE.search(before) or _ON_DISPLAY.search(before) or (
                _FAULT_CODE.search(before) and _MEANING.match(after)):
            continue
        out.append(CodeSpan(start, end, original[start:end]))
    return out


# A seat on a train, plane or in a hall: a number and a letter after 车 / 排 / 座 (8 车 12F) or before 座 / 靠窗
_SEAT = re.compile(r"[0-9]{1,2}[A-F]")
_SEAT_BEFORE = re.compile(r"(?:车|車|车厢|車廂|排|座位?|舱|艙|号|號)\s?$")
_SEAT_AFTER = re.compile(r"^\s?(?:座|号座|號座|靠窗|靠过道|靠走道|靠通道)")
# A name spelled in pinyin (ZHANG, ZHANG SAN): one to three syllables, read as a name only where the reply
# speaks of names, spellings or passports
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu"
                    r"|ua|uo|ue|ui|ve|a|o|e|i|u|v)")
_PINYIN_NAME = re.compile(rf"{_PINYIN_SYLLABLE}{{1,3}}")
_NAME_CUE = re.compile(r"拼音|姓名|名字|英文名|护照|護照|证件|證件|身份证|身份證|登机牌|登機牌|乘机人|乘機人|乘客姓|旅客姓")


# A code typed in lower case (chat: 走rma流程, 按sla处理, 转l2) reads as one only in a code's slot: before
# 号 / 码 / 单 / 流程 ... or after 走 / 转 / 按 / 升级到 ...; elsewhere lower-case words are English (check, order)
_LOWER = re.compile(r"(?<![A-Za-z0-9+\-_.@/#*])([a-z]{2,4}|[a-z][0-9])(?![A-Za-z0-9+])")
_LOWER_CUE = re.compile(r"[a-z]")
_LOWER_SLOT_AFTER = re.compile(r"^\s?(?:号|號|码|碼|单|單|编号|編號|流程|级|級|组|組|审批|審批|审核|審核|状态|狀態|工单|工單)")
_LOWER_SLOT_BEFORE = re.compile(r"(?:走|转|轉|按|开|開|升级到|升級到|升级至|升級至|升到|提交|建|申请|申請)\s?$")


def _lower_codes(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _LOWER.finditer(text):
        start, end = m.span(1)
        if _LOWER_SLOT_AFTER.match(text[end:end + 4]) or _LOWER_SLOT_BEFORE.search(text[max(0, start - 4):start]):
            out.append((m.group(1).upper(), start, end))
    return out


def _before(text: str, start: int, n: int) -> str:
    """The `n` characters before `start`, spaces left out (a transcript with spaces between words reads the same)."""
    return _SPACE.sub("", text[max(0, start - 3 * n):start])[-n:]


def _after(text: str, end: int, n: int) -> str:
    return _SPACE.sub("", text[end:end + 3 * n])[:n]


_KNOWN_NUMBERED = re.compile(r"([A-Z]{2,}(?:/[A-Z])?)\s?[0-9]+")


def _known(code: str, ok: frozenset[str]) -> bool:
    upper = code.upper().replace(" ", "")
    if upper in ok:
        return True
    # VLAN 20, USB3: a known word with a number after it
    letters = _KNOWN_NUMBERED.fullmatch(code.upper())
    return bool(letters) and letters.group(1) in ok


def _identifier(text: str, code: str, start: int, end: int) -> bool:
    # five digits or more; two or three letters glued to three or four digits, the shape of a flight (CX101,
    # TG638), batch (EB0915) or ticket number: internal codes are letters alone or with a digit or two (E07, L2)
    if re.search(r"\d{5,}", code) or re.fullmatch(r"[A-Z]{2,3}[0-9]{3,4}", code) or code.count("-") >= 2 or re.match(r"\s*-\s*\d{4,}", text[end:end + 12]):
        return True
    if text[end:end + 1] in ("*", "$") or (text[end:end + 1] == "." and text[end + 1:end + 2].isdigit()):
        return True  # masked (SF1234****5678), a currency (HK$, NT$) or a version (V3.2.1)
    if re.fullmatch(r"X{4,}", code) or (re.fullmatch(r"X{2,}", code) and _MASK_DIGITS.search(text[max(0, start - 2):start])):
        return True  # digits masked with X: 5123 XXXX, 138XXXX1234
    if _ID_BEFORE.search(_before(text, start, 10)) or _PLATE.search(text[max(0, start - 2):start]):
        return True
    # a number of four digits or more named as one earlier in the sentence: 工单号（…）是A1029
    return bool(re.search(r"\d{4}", code)) and bool(_ID_WORD.search(_before(text, start, 24)))


_MASK_DIGITS = re.compile(r"[0-9]\s?$")


def _quantity(text: str, code: str, start: int) -> bool:
    """16A, 64G, 4H: a number and a unit; not 转2L (a support tier)."""
    m = re.fullmatch(r"([0-9]{1,2})([A-Z]{1,3})", code)
    if m is None or m.group(2) not in _UNITS:
        return False
    return not _TIER_BEFORE.search(_before(text, start, 4))


# What is printed on the product or the label the customer holds, named as such: a button (按 SET 键 3 秒,
# RESET 按钮) or the characters an identifier begins or ends with (序列号以 SN 开头, 单号 JD 开头的)
_PRINTED_AFTER = re.compile(r"^\s?(?:键(?!盘)|鍵(?!盤)|按键|按鍵|按钮|按鈕|钮|鈕|开头|開頭|打头|打頭|结尾|結尾)")


def _product(text: str, code: str, start: int, end: int) -> bool:
    if code.startswith(("T+", "D+")) or _TIER.match(code):
        return False
    if _PRODUCT_AFTER.match(_after(text, end, 6)) or _PRODUCT_BEFORE.search(_before(text, start, 8)):
        return True
    if _PRINTED_AFTER.match(_after(text, end, 4)):
        return True
    if re.match(r"\s?[vV]?\d+\.\d", text[end:end + 6]):
        return True  # a component with its version: BIOS 2.14.3, BMC 4.40

    if re.fullmatch(r"[A-Z][0-9]{1,2}", code) and _PLACE_AFTER.match(_after(text, end, 4)):
        return True  # a place or a block: B3县, E6栋
    if re.fullmatch(r"[A-Z][0-9]{1,4}", code):
        # a letter and a number: a status or error code only where the words around say so
        if re.fullmatch(r"[TD][0-9]{1,2}", code) and _SETTLES.match(_after(text, end, 6)):
            return False  # T+1 written without its plus (unpunctuated chat): T1到账
        return not (_STATUS_BEFORE.search(_before(text, start, 6)) or _STATUS_AFTER.match(_after(text, end, 6)))
    return False


def _explained_after(text: str, end: int) -> bool:
    after = _after(text, end, 24)
    return bool(_GLOSS_AT.match(after) or _GLOSS_NEAR.match(after))


def _explained_before(text: str, start: int) -> bool:
    """The code is itself the gloss of the words before it: 退货授权（RMA）, 也就是T+1, an aside in brackets."""
    if _GLOSSES_BEFORE.search(_before(text, start, 8)):
        return True
    # inside brackets opened right after Chinese words: （RMA）, （系统里显示为 WFP，Waiting For Parts）
    window = _before(text, start, 16)
    depth = 0
    for i in range(len(window) - 1, -1, -1):
        ch = window[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i > 0 and bool(_CJK.match(window[i - 1]))
            depth -= 1
        elif ch in "。！？!?\n":
            return False
    return False
