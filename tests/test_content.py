"""The bundled content: counts, languages and completeness (issue 3)."""
from __future__ import annotations

from collections import Counter

import pytest

from aftersales_std.assemble import load_model
from aftersales_std.model import Model
from aftersales_std.project import open_project
from repo_paths import REPO

ISO9001_SERVICE_CLAUSES = {"7.2", "7.5", "8.2.1", "8.5.5", "9.1.2", "10.2", "10.3"}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(open_project(REPO))


def test_counts(model: Model) -> None:
    assert len(model.glossary.concepts) >= 120
    assert len(model.standards) >= 10
    assert len(model.replies) >= 80


def test_every_concept_has_three_languages(model: Model) -> None:
    for c in model.glossary.concepts:
        for lang in ("zh-Hans", "zh-Hant", "en"):
            assert c.designations(lang, "preferred"), (c.id, lang)
            assert c.definition.get(lang), (c.id, lang)
        assert c.definition.text("zh-Hans") and not c.definition.text("zh-Hans").derived
        assert c.definition.text("en") and not c.definition.text("en").derived
        assert c.examples.get("zh-Hans"), c.id
        assert c.sources, c.id
        assert len(c.designations("zh-Hans", "preferred")) == 1, c.id


def test_regional_zh_hant_is_written_where_usage_differs(model: Model) -> None:
    period = model.concept("warranty-period")
    assert period is not None
    hant = [d.text for d in period.designations("zh-Hant")]
    assert any("保固" in t for t in hant) and not period.preferred("zh-Hant").derived


def test_standards_are_complete(model: Model) -> None:
    for s in model.standards:
        assert s.scope.get("zh-Hans") and s.scope.get("en"), s.id
        assert s.params and s.kpis and s.roles and s.normative_references, s.id
        assert any(c.records for c in s.clauses), s.id
        assert any(c.terms for c in s.clauses), s.id
        assert set(s.maps_to.get("iso9001", ())) <= ISO9001_SERVICE_CLAUSES | {"8.2.2", "8.2.3", "8.4", "8.5.1",
                                                                             "8.5.2", "8.5.4", "8.7", "9.1.3",
                                                                             "7.1.6", "7.3", "7.4", "8.1"}, s.id
        assert s.maps_to.get("iso9001") and s.maps_to.get("gbt27922"), s.id
        assert {c.modality for c in s.clauses} & {"shall"}, s.id
        for k in s.kpis:
            assert k.formula.get("zh-Hans") and k.formula.get("en"), (s.id, k.id)


def test_required_scenarios_and_seed_commitments(model: Model) -> None:
    scenarios = {s.scenario for s in model.standards}
    for needed in ("intake", "service-level", "repair", "return", "installation", "complaint", "follow-up",
                   "satisfaction", "spare-parts", "communication", "training", "improvement"):
        assert needed in scenarios, needed
    sla = model.standard("response-times")
    assert sla is not None
    assert (sla.params["first_response"].value, sla.params["first_response"].unit) == (24, "h")
    assert (sla.params["resolution"].value, sla.params["resolution"].unit) == (48, "h")


def test_replies_cover_scenarios_and_channels(model: Model) -> None:
    channels = Counter(r.channel for r in model.replies)
    assert set(channels) == {"chat", "email", "sms", "phone"}
    assert all(n >= 8 for n in channels.values()), channels
    assert all(r.subject for r in model.replies if r.channel == "email")
    scenarios = {r.scenario for r in model.replies}
    assert {s.scenario for s in model.standards} - scenarios <= {"training", "improvement"}
    for r in model.replies:
        assert "{{" in r.text, r.id  # a template, with placeholders
        assert "您" in r.text, r.id  # polite address
