"""The English edition: English text where the content has it, one spelling convention (British: -ise,
-our, -re), the glossary alphabetical."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.project import open_project

REPO = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
# The American spellings of words our English text uses or is likely to use; British ones are the convention.
US = ("center", "centers", "centered", "labor", "organization", "organizations", "organizational", "organize",
      "organized", "authorize", "authorized", "authorization", "unauthorized", "apologize", "apologized", "color",
      "behavior", "favor", "favorable", "honor", "neighbor", "recognize", "recognized", "specialized", "summarize",
      "analyze", "analyzed", "prioritize", "minimize", "maximize", "customize", "customized", "utilize", "realize",
      "finalize", "optimize", "standardize", "standardized", "categorize", "emphasize", "criticize", "catalog",
      "canceled", "canceling", "enrollment", "labeled", "labeling", "dialog", "practicing", "personalized")
AMERICAN = re.compile(r"(?<![-\w/.])(" + "|".join(US) + r")(?![-\w])", re.I)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from building import build_project  # type: ignore[import-not-found]
    out = tmp_path_factory.mktemp("repo-en")
    build_project(REPO, out, lang="en")
    return out


def english_strings() -> list[tuple[str, str]]:
    model = load_model(open_project(REPO))
    out: list[tuple[str, str]] = []
    for c in model.glossary.concepts:
        out += [(c.id, d.text) for d in c.designations("en") if d.status == "preferred"]  # variants may be US
        out += [(c.id, c.definition.get("en"))] + [(c.id, t) for t in c.notes.get("en") + c.examples.get("en")]
    for s in model.standards:
        out.append((s.id, json.dumps([s.title.get("en"), s.scope.get("en")]
                                     + [c.title.get("en") + c.statement.get("en") + c.guidance.get("en") for c in s.clauses]
                                     + [p.label.get("en") for p in s.params.values()]
                                     + [r.name.get("en") + r.description.get("en") for r in s.roles]
                                     + [k.name.get("en") + k.formula.get("en") for k in s.kpis], ensure_ascii=False)))
        if s.script:
            out.append((s.id, repr(s.script)))
    out += [(r.id, json.dumps(dict(r.english), ensure_ascii=False)) for r in model.replies if r.in_english]
    out += [(c.id, " ".join(filter(None, (p.en.text, p.en.instead, p.en.reason))))
            for c in model.glossary.concepts for p in c.approved + c.avoid if p.en]
    return out


def test_one_spelling_convention_in_the_content() -> None:
    found = [(where, m.group(0)) for where, text in english_strings() for m in AMERICAN.finditer(text or "")]
    assert found == []


def test_one_spelling_convention_in_the_english_documents(english: Path) -> None:
    for path in sorted(english.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        # the glossary lists American variants as admitted terms; quiz sources are ids; ISO titles are quoted
        # as ISO publishes them (Guidelines for complaints handling in organizations)
        text = re.sub(r"^- ISO \d+:\d+ .*$", "", text, flags=re.M)
        assert not AMERICAN.findall(re.sub(r"Source: \S+", "", text)), path.name


def test_english_repair_script_is_english(english: Path) -> None:
    lines = (english / "scripts/repair.md").read_text(encoding="utf-8").splitlines()
    chinese = [line for line in lines if CJK.search(line)]
    terms = [line for line in chinese if re.match(r"^\| [^|]+ \| [^|]*[\u4e00-\u9fff][^|]* \| ", line)]
    assert chinese == terms  # only the terms table's "Chinese" column
    text = "\n".join(lines)
    assert "Dear [customer's name]," in text and "a warranty of 90 days" in text  # replies in English, params filled


def test_english_glossary_is_alphabetical(english: Path) -> None:
    text = (english / "training/handbook.md").read_text(encoding="utf-8")
    glossary = text.split("## 2 Glossary")[1].split("## 3")[0]
    terms = re.findall(r"^\| \*\*(.+?)\*\*", glossary, re.M)
    assert len(terms) > 100 and terms == sorted(terms, key=str.casefold)
    letters = [line[4:] for line in glossary.splitlines() if line.startswith("### ")]
    assert letters == sorted(set(letters))  # each initial once


def test_every_bundled_reply_has_english_with_the_same_slots() -> None:
    model = load_model(open_project(REPO))
    slot = re.compile(r"\{\{\s*(\w+)\s*\}\}")
    for reply in model.replies:
        assert reply.in_english, reply.id
        english = reply.english["text"] + reply.english.get("subject", "")
        assert not CJK.search(english + reply.english["title"]), reply.id
        assert set(slot.findall(english)) == set(slot.findall(reply.text + (reply.subject or ""))), reply.id
        assert bool(reply.subject) == bool(reply.english.get("subject")), reply.id


RUN = re.compile(r"[\u3400-\u9fff]+")


def english_of(value: object) -> str:
    """Every English text held anywhere in a model object (a script: its steps, decisions, escalation)."""
    import dataclasses
    from aftersales_std.model import Localized
    if isinstance(value, Localized):
        return value.get("en")
    if dataclasses.is_dataclass(value):
        return " ".join(english_of(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return " ".join(english_of(v) for v in value)
    return ""


def chinese_on_purpose() -> set[str]:
    """The Chinese an English document may show: the glossary's Chinese designations (the terms tables and
    the terms a standard names, 三包), and the words the English content itself quotes (您, 亲亲)."""
    model = load_model(open_project(REPO))
    allowed = {d.text for c in model.glossary.concepts for lang in ("zh-Hans", "zh-Hant")
               for d in c.designations(lang)}
    model_texts = [text for _, text in english_strings() if not text.startswith("Script(")]  # repr has zh too
    english = model_texts + [english_of(s.script) for s in model.standards if s.script]
    for rule in model.rules:
        english += [json.dumps(rule.data.get("description") or {}, ensure_ascii=False), rule.message.get("en")]
    for text in english:
        allowed.update(RUN.findall(text or ""))
    return allowed


def test_english_scripts_and_handbook_have_no_chinese_where_english_is_expected(english: Path) -> None:
    allowed = chinese_on_purpose()
    documents = sorted(english.glob("scripts/*.md")) + [english / "training" / n
                                                         for n in ("handbook.md", "quiz.md", "quiz-answers.md")]
    stray = [(path.name, line) for path in documents for line in path.read_text(encoding="utf-8").splitlines()
             if any(run not in allowed for run in RUN.findall(line))]
    assert stray == []
    # the approved phrasing and the concepts' lines not to say are there, in English
    repair = (english / "scripts/repair.md").read_text(encoding="utf-8")
    assert "### 6.2 Approved wording" in repair
    assert "| Only a paper invoice counts, nothing else. | An electronic invoice" in repair
    assert "三保" not in (english / "scripts/communication.md").read_text(encoding="utf-8")  # a Chinese wording matter


def test_the_check_finds_chinese_left_in_an_english_line() -> None:
    allowed = chinese_on_purpose()
    line = "| Do not say | 过了保修就不归我们管了。 | after-sales warranty service |"
    assert [run for run in RUN.findall(line) if run not in allowed] == ["过了保修就不归我们管了"]


def test_every_bundled_phrase_has_english() -> None:
    model = load_model(open_project(REPO))
    for c in model.glossary.concepts:
        for p in c.approved + c.avoid:
            assert p.en is not None, (c.id, p.text)
            assert bool(p.en.instead) == bool(p.instead) and bool(p.en.reason) == bool(p.reason), (c.id, p.text)
            if not RUN.fullmatch(p.text):  # a sentence, not a Chinese word to avoid (三保)
                assert not RUN.search(p.en.text + (p.en.instead or "")), (c.id, p.en.text)
        for zh, en in ((c.examples.get("zh-Hans"), c.examples.get("en")),):
            assert len(zh) == len(en), c.id
            assert not any(RUN.search(e) for e in en), c.id


def test_english_manual_names_references_and_revisions_in_english(english: Path) -> None:
    text = (english / "manuals/service-manual.md").read_text(encoding="utf-8")
    references = [line for part in text.split("### 2 Normative references")[1:]
                  for line in part.split("\n### ")[0].splitlines() if line.startswith("- ")]
    assert len(references) > 30 and not [line for line in references if CJK.search(line)]
    assert "- Product Quality Law of the People's Republic of China (" in text
    revisions = [line for line in text.splitlines() if re.match(r"^\| 2026-\d\d-\d\d \| AS-STD-", line)]
    assert len(revisions) == 12 and all(line.endswith("| First issue. |") for line in revisions)
    # GB/T 27922's elements keep their Chinese names, glossed
    assert "- gbt27922: 规范要求 (specified requirements), 顾客关系 (customer relations)" in text


def test_every_bundled_reference_and_revision_has_english() -> None:
    model = load_model(open_project(REPO))
    for s in model.standards:
        for r in s.normative_references:
            if CJK.search(r["ref"] + r.get("title", "") + r.get("note", "")):
                en = r.get("en") or {}
                assert en, (s.id, r["ref"])
                for key in ("title", "note"):
                    assert bool(en.get(key)) == bool(r.get(key)), (s.id, r["ref"], key)
                assert not CJK.search(" ".join(en.values())), (s.id, r["ref"])
        for h in s.history:
            assert (h.get("en") or {}).get("summary"), (s.id, h["version"])


def test_english_manual_document_control_is_in_english(english: Path) -> None:
    """`documents:` in aftersales.yaml has English forms (en) that the English manual shows: organisation,
    names, positions, distribution, change summaries; the cover of the Word file too."""
    import docx
    text = (english / "manuals/service-manual.md").read_text(encoding="utf-8")
    control = text.split("## Document control")[1].split("### Standards used")[0]
    assert "| Prepared | Liu Yang | Trainer | 2026-11-20 |" in control
    assert "| 03 | Team leads |" in control and "| Issued by | Example Appliances Co., Ltd. After-sales Service Centre |" in control
    assert "| r1 | 2026-11-22 | First issue; brings together the 12 service standards. |" in control
    assert control.count("\n| ") > 15 and not CJK.search(control), [l for l in control.splitlines() if CJK.search(l)]
    (manual,) = (english / "manuals").glob("AS-MAN-001_r*_en.docx")
    cover = "\n".join(p.text for p in docx.Document(str(manual)).paragraphs[:12])
    assert "Example Appliances Co., Ltd." in cover and not CJK.search(cover)


def test_the_bundled_document_control_has_english_for_every_text() -> None:
    import yaml
    documents = yaml.safe_load((REPO / "aftersales.yaml").read_text(encoding="utf-8"))["documents"]
    assert (documents.get("en") or {}).get("organisation")
    for kind, ctl in documents.items():
        if not isinstance(ctl, dict) or kind == "en":
            continue
        for key in ("prepared", "reviewed", "approved"):
            if key in ctl:
                assert set(ctl[key]["en"]) == {"name", "title"}, (kind, key)
        assert all(isinstance(h, dict) and h.get("en") for h in ctl.get("distribution", [])), kind
        assert all((c.get("en") or {}).get("summary") for c in ctl.get("changes", [])), kind
