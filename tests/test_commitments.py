"""AS314: numbers in reply templates and glossary examples checked against the standards' params."""
from __future__ import annotations

import shutil
from pathlib import Path

from aftersales_std.commitments import Governing, contradictions
from aftersales_std.project import open_project
from aftersales_std.validate import validate

REPO = Path(__file__).resolve().parents[1]
REFUND = Governing("returns-refunds", "refund", 7, "d", ("退款",))
WARRANTY = Governing("repair-service", "repair_warranty", 90, "d", ("更换的部位",))


def stated(text: str, *params: Governing) -> list[str]:
    return [s for _, s, _, _ in contradictions(text, list(params))]


def test_a_number_next_to_a_keyword_must_equal_the_param() -> None:
    assert stated("仓库验收后 3 个工作日内原路退款。", REFUND) == ["3 个工作日"]
    assert stated("仓库验收后 7 天内原路退款。", REFUND) == []
    assert stated("收到后 {{ refund }} 内退款。", REFUND) == []  # the param itself
    assert stated("这次更换的部位享有一年保修。", WARRANTY) == ["一年"]
    assert stated("这次更换的部位享有三个月保修。", WARRANTY) == ["三个月"]
    assert stated("这次更换的部位自今天起享有 90 天保修。", WARRANTY) == []


def test_other_clauses_ordinals_and_dates_are_not_commitments() -> None:
    assert stated("退款已发起，银行卡一般 1 至 3 个工作日到账。", REFUND) == []  # keyword in another clause
    assert stated("购买第 10 天退款。", REFUND) == []  # an ordinal day
    assert stated("2027 年 3 月 5 日前退款。", REFUND) == []  # a date
    assert stated("退款 299 元。", REFUND) == []  # an amount against a duration param


def test_the_bundled_content_passes_and_a_contradiction_is_reported(tmp_path: Path) -> None:
    assert [f for f in validate(open_project(REPO)).findings if f.code == "AS314"] == []
    root = tmp_path / "p"
    root.mkdir()
    for name in ("aftersales.yaml", "glossary", "standards", "checks", "templates"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    replies = root / "templates/replies/repair.yaml"
    text = replies.read_text(encoding="utf-8")
    replies.write_text(text.replace("在收到产品后 {{ repair_turnaround }} 内修好并寄回", "在 2 个工作日内修好并寄回"),
                       encoding="utf-8")
    (finding,) = [f for f in validate(open_project(root)).findings if f.code == "AS314"]
    line = next(i for i, text in enumerate(replies.read_text(encoding="utf-8").splitlines(), 1) if "2 个工作日内修好" in text)
    assert finding.path.endswith("templates/replies/repair.yaml") and finding.line == line
    assert "2 个工作日" in finding.message and "repair-service.repair_turnaround = 7 d" in finding.message
    assert "{{ repair_turnaround }}" in finding.message


FEE = Governing("repair-service", "onsite_fee", 50, "CNY", ("上门费",))


def test_fees_and_warranty_periods_are_commitments_too() -> None:
    assert stated("保外上门费 80 元，检测后先报价。", FEE) == ["80 元"]
    assert stated("保外上门费 50 元，检测后先报价。", FEE) == []
    assert stated("这次更换的部位保修两年。", WARRANTY) == ["两年"]


def test_a_param_without_keywords_is_governed_by_the_words_of_its_label() -> None:
    from aftersales_std.commitments import label_words
    terms = {"上门时段", "标准回复", "纠正措施", "服务工单"}
    assert label_words("上门时段最长跨度", terms) == ("上门时段",)
    assert label_words("关闭确认等待时限", terms) == ("关闭", "确认", "等待")
    closure = Governing("service-requests", "closure_wait", 72, "h", (), label_words("关闭确认等待时限", terms))
    assert stated("您确认后我们关闭工单，48 小时内没有确认的也会关闭。", closure) == ["48 小时"]
    assert stated("您确认后我们关闭工单，72 小时内没有确认的也会关闭。", closure) == []
    assert stated("我们 48 小时内关闭这个问题。", closure) == []  # one word of the label is not enough
    review = Governing("communication", "template_review", 10, "wd", (), label_words("标准回复复核时限", terms))
    assert stated("这条标准回复还写着 5 个工作日。", review) == []  # the term alone: a reply about refunds
    assert stated("标准回复应在 5 个工作日内复核。", review) == ["5 个工作日"]


def _project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    root.mkdir()
    for name in ("aftersales.yaml", "glossary", "standards", "checks", "templates"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    return root


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    first = new.strip().splitlines()[0]
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if first in line)


def test_every_kind_of_param_is_checked_with_file_line_and_param(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    standards, concepts = root / "standards", root / "glossary/concepts"
    # a param without keywords, marked by the glossary term in its label (上门时段): in a glossary example
    example = _edit(concepts / "visit-time-window.yaml", "从半天缩短为 2 小时后", "从半天缩短为 4 小时后")
    # a param without keywords, marked by two words of its label (关闭, 确认): in a reply template
    intake = root / "templates/replies/intake.yaml"
    lines = intake.read_text(encoding="utf-8").splitlines()
    intake.write_text("\n".join(lines + [
        "  - id: closure-wait-sms", "    title: 关闭确认", "    channel: sms", '    refs: ["service-requests:4.2"]',
        '    text: "您好，问题已经解决，请您回复确认；48 小时内未回复确认的工单会自动关闭。"']) + "\n", encoding="utf-8")
    reply = len(lines) + 5
    # what to say instead, in a concept the standard's clauses use
    instead = _edit(concepts / "spare-parts-supply.yaml", "预计 72 小时内到货", "预计 5 天内到货")
    # a fee param that lists keywords
    _edit(standards / "repair-service.yaml", "params:\n", "params:\n  onsite_fee:\n    value: 50\n    unit: CNY\n"
          "    label: {zh-Hans: 保外上门费, en: call-out fee out of warranty}\n    keywords: [上门费]\n")
    fee = _edit(concepts / "onsite-fee.yaml", "本次上门费 50 元，工程师", "本次上门费 80 元，工程师")
    findings = sorted((f.path.rsplit("/", 1)[-1], f.line, f.message.split(" where")[0], f.message.split("sets ")[1].split(";")[0])
                      for f in validate(open_project(root)).findings if f.code == "AS314")
    assert findings == sorted([
        ("visit-time-window.yaml", example, "states 4 小时",
         "installation.visit_window = 2 h, repair-service.visit_window = 2 h"),
        ("intake.yaml", reply, "states 48 小时", "service-requests.closure_wait = 72 h"),
        ("spare-parts-supply.yaml", instead, "states 5 天", "spare-parts.parts_arrival = 72 h"),
        ("onsite-fee.yaml", fee, "states 80 元", "repair-service.onsite_fee = 50 CNY"),
    ])


def test_empty_keywords_say_no_customer_text_states_the_param(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    _edit(root / "glossary/concepts/visit-time-window.yaml", "从半天缩短为 2 小时后", "从半天缩短为 4 小时后")
    assert [f for f in validate(open_project(root)).findings if f.code == "AS314"]
    for name in ("repair-service", "installation"):
        _edit(root / f"standards/{name}.yaml", "label: {zh-Hans: 上门时段最长跨度", "keywords: []\n    label: {zh-Hans: 上门时段最长跨度")
    assert validate(open_project(root)).findings == []


def test_a_param_nothing_would_find_is_named(tmp_path: Path) -> None:
    """A duration or amount param without keywords whose label gives no words to find it (纠正时限: one
    ordinary word) would be checked against nothing: params_by_standard names it, until it lists keywords
    or says `keywords: []`."""
    from aftersales_std.commitments import glossary_terms, params_by_standard
    root = _project_copy(tmp_path)
    standard = root / "standards/corrective-action.yaml"
    text = standard.read_text(encoding="utf-8")
    assert text.count("    keywords: [更正, 改正, 纠正差错, 纠正错误]\n") == 1
    standard.write_text(text.replace("    keywords: [更正, 改正, 纠正差错, 纠正错误]\n", ""), encoding="utf-8")

    def unmarked() -> list[tuple[str, str]]:
        content = validate(open_project(root))
        found: list = []
        params_by_standard(content.standards, glossary_terms(content.concepts), found)
        return [(doc.data["id"], name) for doc, name in found]
    assert unmarked() == [("corrective-action", "correction")]
    _edit(standard, "    label: {zh-Hans: 纠正时限, en: time limit for correction}\n",
          "    label: {zh-Hans: 纠正时限, en: time limit for correction}\n    keywords: []\n")
    assert unmarked() == []


def test_every_bundled_duration_or_amount_param_is_checked_or_opted_out() -> None:
    from aftersales_std.commitments import DIMENSION, glossary_terms, params_by_standard
    content = validate(open_project(REPO))
    unmarked: list = []
    governing = params_by_standard(content.standards, glossary_terms(content.concepts), unmarked)
    assert unmarked == []
    checked = {(g.standard, g.name) for gs in governing.values() for g in gs}
    for doc in content.standards:
        for name, p in (doc.data.get("params") or {}).items():
            if p.get("unit") in DIMENSION and isinstance(p.get("value"), (int, float)):
                assert (doc.data["id"], name) in checked or p.get("keywords") == [], (doc.data["id"], name)


def test_the_three_params_once_unchecked_now_catch_a_contradiction(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    replies = root / "templates/replies/improvement.yaml"
    lines = replies.read_text(encoding="utf-8").splitlines()
    replies.write_text("\n".join(lines + [
        "  - id: correction-sms", "    title: 更正", "    channel: sms", '    refs: ["corrective-action:4.2"]',
        '    text: "您好，账单上的差错我们会在 72 小时内更正，并短信告诉您结果。"',
        "  - id: survey-quiet-sms", "    title: 调查", "    channel: sms", '    refs: ["satisfaction-measurement:4.5"]',
        '    text: "感谢您参加调查，30 天内我们不会再打扰您。"',
        "  - id: mentor-chat", "    title: 新工程师", "    channel: chat", '    refs: ["competence-training:4.5"]',
        '    text: "工程师刚上岗，由资深工程师带教 3 个月。"',
        "  - id: fine-sms", "    title: 更正", "    channel: sms", '    refs: ["corrective-action:4.2"]',
        '    text: "您好，账单上的差错我们会在 {{ correction }} 内更正，90 天内不会再打扰您。"']) + "\n",
        encoding="utf-8")
    findings = sorted((f.line - len(lines), f.message.split(" where")[0], f.message.split("sets ")[1].split(";")[0])
                      for f in validate(open_project(root)).findings if f.code == "AS314")
    assert findings == [(5, "states 72 小时", "corrective-action.correction = 48 h"),
                        (10, "states 30 天", "satisfaction-measurement.survey_quiet_period = 90 d"),
                        (15, "states 3 个月", "competence-training.mentor_period = 1 month")]
