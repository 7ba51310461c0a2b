"""Session 12 (issue 14, h14-l): shapes of acceptable replies the default rules flagged in w21 and w22 (rural
phone transcripts; Taiwan and Hong Kong shops and helpdesk macros), each next to the fault it must still
catch. The sentences are written for these tests, not copied from the sets."""
from __future__ import annotations

from aftersales_std.lint import lint_text
from aftersales_std.lint.detectors.codes import unexplained_codes
from aftersales_std.lint.detectors.offers import concrete_offers
from aftersales_std.lint.matchers.engine import RuleSet
from aftersales_std.lint.rules import in_context, _contexts


def codes(text: str, rules: RuleSet, code: str) -> list[str]:
    return [f.match for f in lint_text(text, rules) if f.code == code]


def found(text: str) -> list[str]:
    return [c.text for c in unexplained_codes(text)]


# -- codes (JG01's matcher): what is printed for the customer, or handed over for use, is no jargon

def test_a_code_handed_to_the_customer_is_an_identifier() -> None:
    assert found("已给您补发一张优惠码：SAVE20-7731，下单时填写即可。") == []
    assert found("您的取件码 A1203 已发到手机。") == []
    # a status code is still a code
    assert found("您的账户状态码 E2047，暂时不能转出。") == ["E2047"]


def test_digits_masked_with_x_are_not_a_code() -> None:
    assert found("有疑问请致电 6234 XXXX 找门店。") == []
    assert found("回电号码是138XXXX5678，请留意接听。") == []
    assert found("工单已转 PEND，请等待。") == ["PEND"]


def test_a_button_or_the_first_letters_of_an_identifier_are_printed_words() -> None:
    assert found("请长按遥控器上的 MODE 键 5 秒。") == []
    assert found("按一下机身侧面的 RESET 按钮就能恢复。") == []
    assert found("保修卡编号以 WK 开头，一共十位。") == []
    # the same letters in a code's slot are still a code
    assert found("您的工单现在是 WK 状态。") == ["WK"]


def test_sn_said_with_its_chinese_name(repo_rules: RuleSet) -> None:
    assert codes("机身背面贴纸上的序列号以 SN 开头，请拍给我。", repo_rules, "JG01") == []
    assert codes("请把机器的SN发给我。", repo_rules, "JG01") != []


# -- TF01: a wait for the customer's own reply is not our timeframe

def test_waiting_for_the_customers_reply_is_no_timeframe(repo_rules: RuleSet) -> None:
    assert codes("新报价已经发到您邮箱，现在等待您回复。", repo_rules, "TF01") == []
    assert codes("方案已给出，目前状态：待您确认回复。", repo_rules, "TF01") == []
    # waiting on someone else's step, undated, still is
    assert codes("已开二级工单，等待技术支持回复。", repo_rules, "TF01") != []


# -- VG01: a hedge followed at once by numbered choices

def test_numbered_choices_after_a_colon_are_options() -> None:
    kinds = [o.kind for o in concrete_offers("我尽量帮您想办法：一、换成灰色，今天发；二、等下周补货。", owned=False)]
    assert "options" in kinds
    # one numbered heading is no list of choices
    assert "options" not in [o.kind for o in concrete_offers("回复如下：一、关于噪音的问题。", owned=False)]


def test_a_hedge_with_numbered_choices_is_fine(repo_rules: RuleSet) -> None:
    assert codes("这个颜色断货了，我会尽量帮您安排：1、换灰色今天发；2、等补货后优先发；3、直接退款。", repo_rules, "VG01") == []
    assert codes("这个颜色断货了，我会尽量帮您安排。", repo_rules, "VG01") != []


# -- TM01 (glossary term_context): a sentence that tells the two periods apart mentions the other one

def test_a_sentence_telling_two_periods_apart_is_not_a_wrong_term() -> None:
    ctx = _contexts({"保质期": (("维修", "保修"), ("生产日期",))})["保质期"]
    assert not in_context(ctx, "保修期是免费维修的期限,和盒子上的保质期是两回事")
    assert in_context(ctx, "保质期内可以免费维修")


def test_shelf_life_printed_on_the_pack(repo_rules: RuleSet) -> None:
    assert codes("这袋肥料的保质期是两年，保修期的事和它不是一回事。", repo_rules, "TM01") == []
    assert codes("罐底印的保质期到明年五月，放心用。", repo_rules, "TM01") == []
    assert codes("这台吹风机保质期一年，坏了免费换。", repo_rules, "TM01") != []


# -- session 12, second step: misses of blame and vague in speech, and two more false-alarm shapes

def test_a_cause_put_on_the_customers_step_that_failed_or_went_too_far(repo_rules: RuleSet) -> None:
    from aftersales_std.lint.detectors.attribution import attributions
    assert [a.party for a in attributions("是您装的时候没拧紧螺丝。")] == ["customer"]
    assert [a.party for a in attributions("那是您米放得太多了，锅才溢出来。")] == ["customer"]
    assert [a.party for a in attributions("是你设置的时候没选好模式。")] == ["customer"]
    # praise and our own slip are not
    assert attributions("是您太客气了，这是我们应该做的。") == []
    assert attributions("是我们装的时候没拧紧，明天上午免费上门重装。") == []
    assert codes("如果是您装的时候没拧紧，我们上门帮您拧好。", repo_rules, "BL03") == []


def test_not_our_fault_said_flatly(repo_rules: RuleSet) -> None:
    assert codes("水泵烧了不怪我们，是没水还一直开着。", repo_rules, "BL01") != []
    # taking the blame off the customer is fine
    assert codes("这个不怪您，是我们发货前没检查好，明天上午给您换新。", repo_rules, "BL01") == []


def test_an_unnamed_someone_after_a_vague_time_word_without_hui(repo_rules: RuleSet) -> None:
    assert codes("快递到了，回头有人通知您。", repo_rules, "VG02") != []
    assert codes("退款办好了，到时有人联系你。", repo_rules, "VG02") != []
    assert codes("已经有人联系您了吗？", repo_rules, "VG02") == []
    assert codes("之前没有人联系您，是我们的问题，王工今天下午5点前给您打电话。", repo_rules, "VG02") == []


def test_thanks_for_contacting_us_is_no_sending_away(repo_rules: RuleSet) -> None:
    assert codes("感谢您联系安家家电客服，您的维修单已经登记，师傅明天上午10点上门。", repo_rules, "DS01") == []
    assert codes("有问题您去联系厂家客服吧。", repo_rules, "DS01") != []


def test_teaching_the_fix_is_what_we_do_after_calling_it_normal(repo_rules: RuleSet) -> None:
    from aftersales_std.lint.detectors.offers import handovers
    assert handovers("我教您开一下电辅热") != []
    assert codes("屏幕发暗是正常的，我教您调一下亮度：点设置，再点显示。", repo_rules, "DS03") == []
    assert codes("屏幕发暗是正常的，用久了都这样。", repo_rules, "DS03") != []


def test_dispatch_said_with_our_doer_is_plain(repo_rules: RuleSet) -> None:
    assert codes("如果还漏水，请打客服电话，客服当天派单，师傅两天内上门。", repo_rules, "JG01") == []
    # a status, with or without its recipient, is still jargon
    assert codes("您的报修已派单至合作网点。", repo_rules, "JG01") != []
    assert codes("您的报修已经派单给师傅了。", repo_rules, "JG01") != []


def test_how_come_you_still_do_not_get_it_in_northern_speech(repo_rules: RuleSet) -> None:
    assert codes("开关就在侧面，您咋还不明白呢？", repo_rules, "DS02") != []
    assert codes("您咋这么早就到了，我马上下楼接您。", repo_rules, "DS02") == []


def test_the_answer_left_to_a_third_party(repo_rules: RuleSet) -> None:
    assert codes("退款已经提交了，什么时候到账要看银行。", repo_rules, "BL01") != []
    assert codes("螺丝少了的话得问厂家。", repo_rules, "BL01") != []
    # our own step is not: 我们要问一下厂家 (a check of ours), nor a bank named in passing with a time
    assert codes("这个我们要问厂家，明天上午10点前给您回电。", repo_rules, "BL01") == []
    assert codes("退款今天退回，银行3个工作日内到账。", repo_rules, "BL01") == []
