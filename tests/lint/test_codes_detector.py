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
    # a trade's own codes, any trade: a status, an error code without its meaning, a priority
    ("该件显示状态码 S07，已留仓，待处理。", ["S07"]),
    ("MR报了ERR 7731，按KB-0392处理，工程师排期中。", ["MR", "ERR 7731", "KB-0392"]),
    ("已按P1处理，4H内响应。", ["P1"]),
    ("查了，是PSU的问题，已经下单CRU了，等到了通知你。", ["PSU", "CRU"]),
    ("按SLA Gold，NBD上门。", ["SLA", "NBD"]),  # short, but Chinese
    ("我们这季度的MTTR是3.2小时，已经优于行业水平了。", ["MTTR"]),  # 是 + a value defines nothing
    ("该梯故障码为E35，已按流程提交RMA。", ["E35", "RMA"]),
    ("您的订单已T+1入账，如有疑问请联系客服。", ["T+1"]),
    ("工单已转L2，状态Pending，后续有进展会同步。", ["L2", "Pending"]),
    ("已复现，hotfix 会随下个版本推送，先用 workaround 顶一下。", ["hotfix", "workaround"]),
    ("状态是PEND，这个我们看不到", ["PEND"]),  # 这个 without a defining verb explains nothing
    ("已经给您开了ＲＭＡ，等审核", ["ＲＭＡ"]),  # typed with a full-width IME; the span is the original's
    ("定的是P2级别 SLA是四小时", ["P2", "SLA"]),
    # typed in lower case (chat), in a code's slot: before 号/码/流程 or after 走/转/按
    ("请提供rma号，我帮您查", ["rma"]),
    ("这单走rma流程 按sla处理", ["rma", "sla"]),
    ("已经转l2了，等回复", ["l2"]),  # 是 + a value (in Chinese numerals too) defines nothing
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
    "Your complaint was escalated to the manager; the request is pending.",
    "呢單我哋已經escalate咗去主管跟進，聽日回覆您",  # Hong Kong code-mixing, not a status
    "5G套餐已开通，充电宝10000mAh，请扫描QR码下载PDF说明书",
    "航班CX123延误，改签后的航班明天10:00起飞",
    # explained a few words later, or the code is the gloss of the words before it
    "您的手机已进入 RMA 流程（即寄回厂家维修中心维修）",
    "嗯 您短信里看到的那个 DR 开头的编号呢 就是争议受理单号",
    "您好，洗衣机显示「E21」表示排水超时，如仍显示 E21，请联系我们",  # explained once covers later uses
    "状态码S07的意思是收件人不在，包裹暂存网点",
    "变频器报OC3是过电流保护，就是电机电流超过上限",
    "积分是确认收货后第二天到账 也就是T+1",
    "工单状态已更新为“等备件”（系统里显示为 WFP，Waiting For Parts）",
    "附件是本次停机的根因分析报告（RCA）",
    "SN码（机身底部的序列号）请拍照发我一下",
    "状态是PEND，这个状态是指在等配件",  # a back-reference that defines it
    "ＲＭＡ（退货授权）号稍后发您，订单号ＡＢ12345678已受理",
    "我們會ASAP處理您的案件，今晚8點前覆您。",  # an everyday acronym
    "qq号发我一下，app里面也能看",  # lower case, but words customers know
    "rma（退货授权）号稍后发您",
    "您嘅 case 我哋已經跟進緊，請 check 下 email",  # lower-case English outside a code's slot
    # letters glued to three or four digits: a flight, batch or ticket number, not a code
    "已經安排上今晚 TG638，預計明早9點到港",
    "您搭乘的CI-102班機因飛機零件故障延誤5小時",  # a flight number before 班機
    "批次是EB0915 我把您的照片转给品牌的皮肤科顾问",
    # identifiers, quantities, versions, products, public words
    "您的理赔案件CL-88213已结案，请查收",
    "RMA（返修授权编号）已经开好：RMA-2024-08817，明天取件",
    "工单号（就是您的报修编号）是A1029，今晚9点前回复您",
    "单号是SF1234****5678 到了记得给个好评哦",
    "您的车辆（车牌尾号38K）已完成保养",
    "橱柜需预留16A插座，64G版本与30GB流量均已到账，4H内响应",
    "升级到 V3.2.1 固件后，兼容性列表要求 BIOS 2.14.3、BMC 4.40 以上",
    "您于12月1日签收的糖安G3血糖仪，这台CNC用的是绝对值编码器，UPS电池组已更换",
    "平台记录显示，沪A·X3***这台车的终端昨天断电",
    "这里是XX售后，请确认漏电开关在ON的位置，并把VIN码发给我们",
    "退款HK$1,299会在3至5个工作天内退回，维修费用是 NT$800",
    "鑑定證書是GIA出具的，可到GIA官網查核",
    "请把按摩椅屏幕上的故障代码E3拍给我看下",
    "根据故障代码E3，可能是排水泵堵塞，工程师明天上门",
    "从您描述的E1代码看，可能是点火针故障",
    "星驰4S店售后的小陈，贵司IT同事可以远程协助，详见 https://example.com/FAQ/ABC",
    "请在{DEADLINE}前回复，尺码XL和2XL都有货",
    "依据 ISO 9001 和 GB/T 27922 的要求执行",
    "| 4.8 改进评审 |  | C | C | RA |  |",
    "洗衣机最近洗到一半显示 E3 并停机，已经出现三次",
    # places and blocks: anonymised place names of public letters, estates' block numbers
    "主办单位是B3县水务局，2020年9月调到D5县第二中学",
    "E6栋至E8之间的门店，车可以停到B2区",
    "<!-- aftersales: disable-next-line=TF01,UC01 -->\n稍后回复。",
    "[TOC]\n\n本站从术语库的 YAML 文件生成",
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
