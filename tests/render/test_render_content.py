"""What the documents say: params filled in, versions on every output, quiz seeds, flashcards, scenarios."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.project import open_project
from aftersales_std.render.context import fill, quantity, scenarios
from aftersales_std.render.flashcards import flashcards_csv
from aftersales_std.render.quiz import make_quiz

MARKDOWN = ["scripts/repair.md", "training/handbook.md", "training/quiz.md", "training/quiz-answers.md",
            "manuals/service-manual.md"]


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render"
    return load_model(open_project(FIXTURE / "project"))


@pytest.mark.parametrize(("value", "unit", "lang", "shown"), [
    (24, "h", "zh-Hans", "24 小时"), (24, "h", "zh-Hant", "24 小時"), (24, "h", "en", "24 h"),
    (1, "d", "en", "1 day"), (7, "d", "en", "7 days"), (3, "wd", "zh-Hans", "3 个工作日"),
    (95, "%", "zh-Hans", "95%"), (99.5, "%", "en", "99.5%"), (2.0, "year", "zh-Hans", "2 年"),
    (200, "CNY", "zh-Hans", "200 元"), (30, "min", "en", "30 min"), (5, None, "en", "5"),
])
def test_quantity(value: float, unit: str | None, lang: str, shown: str) -> None:
    assert quantity(value, unit, lang) == shown


def test_fill_replaces_placeholders_with_params(model) -> None:  # type: ignore[no-untyped-def]
    std = model.standard("repair")
    assert fill("应在 {{ onsite }} 内、{{turnaround}}内", std.params, "zh-Hans") == "应在 24 小时 内、7 天内"
    assert fill("within {{ onsite }}", std.params, "en") == "within 24 h"
    assert fill("{{ unknown }}", std.params, "en") == "{{ unknown }}"


@pytest.mark.parametrize("name", [m for m in MARKDOWN if m != "training/quiz.md"])
def test_every_output_shows_glossary_and_standard_versions(built: Path, name: str) -> None:
    text = (built / name).read_text(encoding="utf-8")
    assert "| 术语库版本 | 测试术语库 2.1.0 |" in text
    assert "| T-STD-01 | 维修服务 | 1.2.0 | 现行 | 2026-04-01 |" in text
    assert "{{ onsite }}" not in text and "{{ turnaround }}" not in text  # clause placeholders are filled


def test_script_sections(built: Path) -> None:
    text = (built / "scripts/repair.md").read_text(encoding="utf-8")
    for heading in ("## 1 开场白", "### 1.1 来电接听", "### 1.2 在线客服", "## 2 身份与诉求核实", "## 3 了解情况",
                    "## 4 判断与处理", "## 5 承诺与时限", "## 6 推荐话术", "## 7 禁用说法", "## 8 升级",
                    "## 9 结束语"):
        assert heading in text
    assert "请问有什么可以帮您" in text and "感谢您的来电" in text  # an inbound scenario
    assert "1. 故障是什么样的？有没有故障代码？（4.1 受理）" in text  # diagnosis, cited by number and title
    assert "### 4.1 是否需要上门？" in text and "（4.2 上门）" in text  # a decision point and its clause
    assert "- **如果 需要**：服务工程师在 24 小时 内上门。" in text  # the branch with the param filled in
    assert "| 上门时限 | 24 小时 | 4.2 上门 |" in text
    assert "> 【客户称呼】您好，您的报修已登记，服务工单编号【工单编号】。" in text  # slots in words
    assert "{{" not in text and "{evidence}" not in text and "{replacement}" not in text
    assert "- 您的商品在保修期内，这次维修不收取费用。（“保修期”）" in text  # phrasing.approved
    avoid = text.split("## 7 禁用说法")[1].split("## 8")[0]
    assert "| 过了保质期就不管了 | 超出保修期的维修需要按报价收费，我先为您说明费用。 |" in avoid  # phrasing.avoid
    assert "| 保质期 | 保修期 | 不规范用语：" in avoid  # deprecated designation
    # the scenario's own line, the rule's message for that very line, and an alternative for the same situation
    assert "| 这个问题我们研究一下。 | 服务工程师会在 24 小时 内上门检测。 | VG01 “研究一下”" in avoid
    assert "| 无法按时上门 | 客服组长 | 在工单中标记并电话通知组长 | 24 小时 | 4.2 上门 |" in text


def test_one_script_per_scenario(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = scenarios(model)
    assert [s.id for s in found] == ["repair"]
    assert [r.id for r in found[0].replies] == ["repair-ack"]
    assert [c.id for c in found[0].concepts] == ["service-ticket", "onsite-service", "warranty-period"]


def test_handbook_orders_the_glossary_by_pinyin(built: Path) -> None:
    text = (built / "training/handbook.md").read_text(encoding="utf-8")
    glossary = text.split("## 2 术语表")[1].split("## 3")[0]
    terms = re.findall(r"^\| \*\*(.+?)\*\*", glossary, re.M)
    assert terms == ["保修期", "服务工单", "客服组长", "上门服务"]
    assert "| **保修期** bǎo xiū qī | warranty period |" in glossary
    assert [line for line in glossary.splitlines() if line.startswith("### ")] == ["### B", "### F", "### K", "### S"]


def test_handbook_role_play_has_situation_goal_steps_and_scoring_sheet(built: Path) -> None:
    text = (built / "training/handbook.md").read_text(encoding="utf-8")
    play = text.split("## 4 角色扮演")[1]
    assert "**客户情境（给扮演客户的人）**" in play and "**服务人员的目标**" in play
    assert "1. 提问：故障是什么样的？有没有故障代码？（4.1 受理）" in play
    assert "1. 判断：是否需要上门？（4.2 上门）" in play
    assert "| **合计** | **100** |   |" in play


def test_english_handbook_sorts_the_glossary_alphabetically(built_en: Path) -> None:
    text = (built_en / "training/handbook.md").read_text(encoding="utf-8")
    glossary = text.split("## 2 Glossary")[1].split("## 3")[0]
    terms = re.findall(r"^\| \*\*(.+?)\*\*", glossary, re.M)
    assert terms == sorted(terms, key=str.casefold) and len(terms) == 4


def test_quiz_is_deterministic_for_a_seed(model) -> None:  # type: ignore[no-untyped-def]
    assert make_quiz(model, seed=7) == make_quiz(model, seed=7)
    variants = {make_quiz(model, seed=s).questions for s in range(1, 6)}
    assert len(variants) > 1
    quiz = make_quiz(model, seed=3)
    kinds = {q.kind for q in quiz.questions}
    assert kinds == {"term", "limit", "decision", "compliant"}
    for q in quiz.questions:
        assert len(set(q.options)) == len(q.options) == 4
        assert q.explanation
    limit = quiz.of("limit")
    assert {q.options[q.answer] for q in limit} == {"24 小时", "7 天"}
    assert all("T-STD-01 4." in q.explanation for q in limit + quiz.of("decision"))  # clause number in words
    compliant = quiz.of("compliant")[0]
    assert compliant.options[compliant.answer] in {"服务工程师会在 24 小时 内上门检测。", "我现在为您登记，7 天 内修好寄回。",
                                                   "我会在明天 18:00 前给您明确的处理方案。", "检测后由工程师当天告诉您结果。"}


def test_quiz_answers_are_not_given_away_by_position_or_length() -> None:
    from collections import Counter
    repo = load_model(open_project(Path(__file__).resolve().parents[2]))
    for seed in (1, 2, 3):
        quiz = make_quiz(repo, seed=seed)
        assert len(quiz.questions) == 20
        assert {q.kind for q in quiz.questions} == {"term", "preferred", "limit", "decision", "escalation", "compliant"}
        letters = Counter(q.letter for q in quiz.questions)
        assert max(letters.values()) - min(letters.values()) <= 1, letters  # dealt evenly over A-D
        longest = sum(max(q.options, key=len) == q.options[q.answer] for q in quiz.questions)
        assert longest <= 8, longest  # the answer is the longest option no more often than chance allows
        shown = [o for q in quiz.questions for i, o in enumerate(q.options) if i != q.answer and q.kind != "limit"]
        assert len(shown) == len(set(shown))  # no wording twice in one paper (time limits may recur)
        assert not any(re.search("[哋唔冇嘅咗]", o) for o in shown)


def test_quiz_seed_from_the_command_line(render_project: Path, tmp_path: Path) -> None:
    from aftersales_std.cli import main

    for seed in ("5", "5", "6"):
        assert main(["build", "--project", str(render_project), "--out", str(tmp_path / seed), "--only",
                     "training", "--seed", seed]) == 0
    five = (tmp_path / "5/training/quiz-answers.md").read_text(encoding="utf-8")
    assert "AS-TRN-QUIZ-5-KEY" in five and "题目编号（随机种子）：5" in five
    assert (tmp_path / "6/training/quiz-answers.md").read_text(encoding="utf-8") != five


def test_answer_key_has_answers_and_quiz_does_not(built: Path) -> None:
    quiz = (built / "training/quiz.md").read_text(encoding="utf-8")
    key = (built / "training/quiz-answers.md").read_text(encoding="utf-8")
    assert "答案：" not in quiz.split("## 一")[1]
    assert "随机种子" not in quiz and "| 标准编号 |" not in quiz  # nothing internal on the student's paper
    questions = re.findall(r"^\*\*(\d+)\.\*\*", quiz, re.M)
    assert questions == [str(i) for i in range(1, len(questions) + 1)] and len(questions) >= 8
    assert quiz.count("答：________") == len(questions) and quiz.count("（5 分）") == len(questions)
    assert key.count("> 答案：**") == len(questions)


def test_flashcards_are_anki_csv(built: Path) -> None:
    raw = (built / "training/flashcards.csv").read_text(encoding="utf-8")
    header = [line for line in raw.splitlines() if line.startswith("#")]
    assert header == ["#separator:Comma", "#html:true", "#guid column:1", "#tags column:4", "#deck:测试术语库",
                      "#columns:GUID,Front,Back,Tags"]
    rows = list(csv.reader(io.StringIO("\n".join(l for l in raw.splitlines() if not l.startswith("#")))))
    assert len(rows) == 4 and all(len(r) == 4 for r in rows)
    first = rows[0]
    assert first[0] == "aftersales:warranty-period:zh-Hans"
    assert first[1] == "保修期<br><small>bǎo xiū qī</small>"
    assert first[2].startswith("经营者对商品承担免费修理责任的期限。<br><i>warranty period</i>")
    assert first[3] == "aftersales 维修"
    assert len({r[0] for r in rows}) == 4  # unique GUIDs: re-import updates instead of duplicating


def test_flashcards_escape_html_and_quote_commas(model) -> None:  # type: ignore[no-untyped-def]
    text = flashcards_csv(model, "en")
    rows = list(csv.reader(io.StringIO("\n".join(l for l in text.splitlines() if not l.startswith("#")))))
    back = {r[0]: r[2] for r in rows}["aftersales:team-lead:en"]
    assert back.startswith("The person who leads a group of agents and handles escalations.")


def test_traditional_chinese_documents(render_project: Path, tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    build(render_project, tmp_path / "out", lang="zh-Hant")
    text = (tmp_path / "out/scripts/repair.md").read_text(encoding="utf-8")
    assert text.startswith("# 維修服務 話術手冊")
    assert "24 小時" in text and "術語庫版本" in text
    assert "> 【客戶稱呼】您好，您的報修已登記" in text  # reply text converted with OpenCC
    handbook = (tmp_path / "out/training/handbook.md").read_text(encoding="utf-8")
    assert "| **保固期**" in handbook  # the written zh-Hant designation wins over conversion


def test_script_follows_a_superseded_concept(render_project: Path, build: Any, tmp_path: Path) -> None:
    """A superseded concept named by a clause is taught through its replacement; its term goes under 'do not say'."""
    concepts = render_project / "glossary" / "concepts"
    old = concepts / "onsite-service.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace("status: valid", "status: superseded\nreplaced_by: service-ticket"),
                   encoding="utf-8")
    written = build(render_project, tmp_path / "out")
    (script,) = [p for p in written["scripts"] if p.suffix == ".md" and p.name != "index.md"]
    text = script.read_text(encoding="utf-8")
    terms_table = text.split("### 6.3 本场景用语", 1)[1].split("## 7", 1)[0]
    assert "| 服务工单 |" in terms_table and "上门服务" not in terms_table  # taught through the replacement
    assert "| 上门服务 | 服务工单 | 已被取代的术语 |" in text
