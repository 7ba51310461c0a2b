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
                                     + [k.name.get("en") + k.formula.get("en") for k in s.kpis])))
        if s.script:
            out.append((s.id, repr(s.script)))
    out += [(r.id, json.dumps(dict(r.english))) for r in model.replies if r.in_english]
    return out


def test_one_spelling_convention_in_the_content() -> None:
    found = [(where, m.group(0)) for where, text in english_strings() for m in AMERICAN.finditer(text or "")]
    assert found == []


def test_one_spelling_convention_in_the_english_documents(english: Path) -> None:
    for path in sorted(english.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        # the glossary lists American variants as admitted terms; quiz sources are ids
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
