"""What changed between two glossaries, and how much it matters (semantic versioning).

major: a concept is removed, retired, superseded or renamed (its id, the URL, goes away), or a
       designation is demoted or removed from preferred (text that was right is now flagged);
minor: a concept, a designation or a language is added, or a term is promoted;
patch: rewording: definitions, notes, examples, situations, sources, phrasing, related concepts, domain, tags.
Derived zh-Hant text (OpenCC) is not compared when both sides derive it: the zh-Hans change says it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from aftersales_std.model import Concept, Designation, Glossary, Localized, LocalizedList

LEVELS = ("none", "patch", "minor", "major")
RANK = {"preferred": 2, "admitted": 1, "deprecated": 0}
LANG_ORDER = ("zh-Hans", "zh-Hant", "en")
# kind -> level when fixed; the order is the order of reports and of the changelog
KINDS = ("removed", "retired", "superseded", "renamed", "status", "added", "designation-status",
         "designation-removed", "designation-added", "designation-note", "definition", "field", "manifest")


@dataclass(frozen=True)
class Change:
    kind: str
    concept: str  # the concept id (the new id when renamed); "" for manifest changes
    level: str
    lang: str | None = None
    term: str | None = None  # the designation, for designation-* changes
    field: str | None = None
    old: str | None = None
    new: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class GlossaryDiff:
    old: Glossary | None
    new: Glossary
    old_label: str
    new_label: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def bump(self) -> str:
        return max((c.level for c in self.changes), key=LEVELS.index, default="none")

    def of(self, *kinds: str) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]

    def concept_ids(self) -> list[str]:
        """Concepts of the new glossary touched by a change, in id order."""
        present = {c.id for c in self.new.concepts}
        return sorted({c.concept for c in self.changes if c.concept in present})

    def label(self, concept_id: str) -> str:
        """`id` 首选术语 (preferred term), from whichever side still has the concept."""
        concept = self.new.get(concept_id) or (self.old.get(concept_id) if self.old else None)
        if concept is None:
            return f"`{concept_id}`"
        en = concept.designations("en", "preferred")
        return f"`{concept_id}` {concept.term}" + (f" ({en[0].text})" if en else "")


def compare(old: Glossary | None, new: Glossary, old_label: str = "old", new_label: str = "new") -> GlossaryDiff:
    old_c = {c.id: c for c in old.concepts} if old else {}
    new_c = {c.id: c for c in new.concepts}
    gone = [i for i in sorted(old_c) if i not in new_c]
    fresh = [i for i in sorted(new_c) if i not in old_c]
    renames = _renames(gone, fresh, old_c, new_c)
    changes: list[Change] = []
    for old_id, new_id in renames.items():
        changes.append(Change("renamed", new_id, "major", old=old_id, new=new_id))
        changes += _concept_changes(old_c[old_id], new_c[new_id])
    changes += [Change("removed", i, "major") for i in gone if i not in renames]
    changes += [Change("added", i, "minor") for i in fresh if i not in renames.values()]
    for cid in sorted(set(old_c) & set(new_c)):
        changes += _concept_changes(old_c[cid], new_c[cid])
    if old is not None:
        changes += _manifest_changes(old, new)
    changes.sort(key=lambda c: (KINDS.index(c.kind), c.concept, LANG_ORDER.index(c.lang) if c.lang in LANG_ORDER
                                else -1, c.term or "", c.field or ""))
    return GlossaryDiff(old, new, old_label, new_label, tuple(changes))


def _renames(gone: list[str], fresh: list[str], old_c: dict[str, Concept], new_c: dict[str, Concept]) -> dict[str, str]:
    """old id -> new id: the new concept supersedes the old one, the old one named it as replacement,
    or both have the same zh-Hans definition."""
    out: dict[str, str] = {}
    for new_id in fresh:
        new = new_c[new_id]
        supersedes = {r.ref for r in new.related if r.type == "supersedes"}
        for old_id in gone:
            if old_id in out:
                continue
            old = old_c[old_id]
            if (old_id in supersedes or old.replaced_by == new_id
                    or old.definition.get("zh-Hans") == new.definition.get("zh-Hans")):
                out[old_id] = new_id
                break
    return out


def _status(a: Concept, b: Concept) -> list[Change]:
    out = []
    if a.status != b.status:
        if b.status == "retired":
            out.append(Change("retired", b.id, "major", old=a.status, new=b.status))
        elif b.status == "superseded":
            out.append(Change("superseded", b.id, "major", old=a.status, new=b.replaced_by))
        else:
            withdrawn = a.status == "valid" and b.status == "draft"
            out.append(Change("status", b.id, "major" if withdrawn else "minor", old=a.status, new=b.status))
    elif a.replaced_by != b.replaced_by:
        out.append(Change("superseded", b.id, "major", old=a.replaced_by, new=b.replaced_by))
    return out


def _concept_changes(a: Concept, b: Concept) -> list[Change]:
    out = _status(a, b)
    for lang in LANG_ORDER:
        olds, news = a.terms.get(lang, ()), b.terms.get(lang, ())
        if _all_derived(olds) and _all_derived(news):
            continue
        out += _designation_changes(b.id, lang, olds, news)
        old_def, new_def = a.definition.text(lang), b.definition.text(lang)
        if old_def and new_def and old_def.derived and new_def.derived:
            continue
        if (old_def.value if old_def else None) != (new_def.value if new_def else None):
            out.append(Change("definition", b.id, "patch", lang=lang, old=old_def.value if old_def else None,
                              new=new_def.value if new_def else None))
    for name in ("domain", "tags", "notes", "examples", "situations", "sources", "approved", "avoid", "related"):
        if _plain(getattr(a, name)) != _plain(getattr(b, name)):
            out.append(Change("field", b.id, "patch", field="phrasing" if name in ("approved", "avoid") else name))
    return list(dict.fromkeys(out))  # phrasing may appear twice


def _all_derived(items: tuple[Designation, ...]) -> bool:
    return bool(items) and all(d.derived for d in items)


def _designation_changes(cid: str, lang: str, olds: tuple[Designation, ...],
                         news: tuple[Designation, ...]) -> list[Change]:
    out = []
    before = {d.text: d for d in olds}
    after = {d.text: d for d in news}
    for text, d in before.items():
        if text not in after:
            level = "major" if d.status == "preferred" else "minor"
            out.append(Change("designation-removed", cid, level, lang=lang, term=text, old=d.status))
    for text, d in after.items():
        if text not in before:
            out.append(Change("designation-added", cid, "minor", lang=lang, term=text, new=d.status))
            continue
        prev = before[text]
        if prev.status != d.status:
            level = "major" if RANK[d.status] < RANK[prev.status] else "minor"
            out.append(Change("designation-status", cid, level, lang=lang, term=text, old=prev.status, new=d.status))
        for attr in ("abbreviation", "in_house", "pinyin", "sort_key", "region", "usage_note"):
            if getattr(prev, attr) != getattr(d, attr):
                out.append(Change("designation-note", cid, "patch", lang=lang, term=text, field=attr,
                                  old=_text(getattr(prev, attr)), new=_text(getattr(d, attr))))
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _plain(value: Any) -> Any:
    """Comparable form; derived zh-Hant texts are left out."""
    if isinstance(value, Localized):
        return {k: t.value for k, t in value.texts.items() if not t.derived}
    if isinstance(value, LocalizedList):
        return {k: [t.value for t in ts] for k, ts in value.items.items() if not all(t.derived for t in ts)}
    return value


def _manifest_changes(old: Glossary, new: Glossary) -> list[Change]:
    out = []
    for name in ("name", "description", "publisher", "license"):
        if _plain(getattr(old, name)) != _plain(getattr(new, name)):
            out.append(Change("manifest", "", "patch", field=name))
    added = [lang for lang in new.languages if lang not in old.languages]
    removed = [lang for lang in old.languages if lang not in new.languages]
    if removed:
        out.append(Change("manifest", "", "major", field="languages", old=", ".join(removed)))
    if added:
        out.append(Change("manifest", "", "minor", field="languages", new=", ".join(added)))
    return out
