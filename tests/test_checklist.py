"""Claim checklists: the seed's claims, each with a status, proved against the report and the dataset."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from conflictkit import (
    Checklist,
    Claim,
    ClaimCapture,
    ClaimStatus,
    ValidationError,
    from_dict,
    load_seed,
    seed_checklist,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_build_for_checklist", SEEDS / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_seed_checklist_fits_the_seed_and_every_claim_has_a_status() -> None:
    checklist = seed_checklist()
    assert checklist.problems(load_seed()) == ()
    assert len(checklist.claims) >= 55
    assert all(isinstance(claim.status, ClaimStatus) for claim in checklist.claims)
    coverage = checklist.coverage()
    assert (coverage.captured, coverage.partly, coverage.not_modelled) == (41, 21, 2)
    assert str(coverage) == "64 claims: 41 captured, 21 partly, 2 not modelled"


def test_every_record_the_checklist_lists_exists_and_every_quote_is_in_the_report() -> None:
    seed, checklist = load_seed(), seed_checklist()
    text = seed[checklist.document].text  # type: ignore[attr-defined]
    for claim in checklist.claims:
        assert claim.quote in text, claim.id
        for capture in claim.captures:
            assert capture.record in seed, (claim.id, capture.record)


def test_a_wrong_record_id_a_missing_field_and_a_quote_not_in_the_report_are_all_reported() -> None:
    checklist = seed_checklist()
    first, second = checklist.claims[0], checklist.claims[1]
    broken = attrs.evolve(
        checklist,
        claims=(
            attrs.evolve(first, captures=(ClaimCapture(record="move:no-such-record"),)),
            attrs.evolve(
                second, captures=(ClaimCapture(record=second.captures[0].record, fields=("colour",)),)
            ),
            attrs.evolve(first, id="claim:invented", quote="Tajikistan invaded the Moon"),
        ),
    )
    problems = broken.problems(load_seed())
    assert [problem.json_path for problem in problems] == [
        "$.claims[0].captures[0].record",
        "$.claims[1].captures[0].fields[0]",
        "$.claims[2].quote",
    ]
    with pytest.raises(ValidationError) as error:
        broken.validate(load_seed())
    assert len(error.value.problems) == 3


def test_a_claim_not_wholly_captured_says_why_and_a_captured_one_names_its_records() -> None:
    with pytest.raises(ValidationError) as error:
        Claim(id="claim:x", quote="q", status=ClaimStatus.PARTLY)
    assert [problem.json_path for problem in error.value.problems] == ["$.captures", "$.why"]


def test_a_checklist_rejects_duplicate_ids_and_unknown_keys() -> None:
    claim = {"id": "claim:a", "quote": "q", "status": "not_modelled", "why": "w"}
    with pytest.raises(ValidationError) as error:
        from_dict({"document": "d", "claims": [claim, claim]}, Checklist)
    assert [problem.json_path for problem in error.value.problems] == ["$.claims[1].id"]
    with pytest.raises(ValidationError):
        from_dict({"document": "d", "claims": [{**claim, "stauts": "captured"}]}, Checklist)


def test_the_build_fails_on_a_checklist_that_does_not_fit_the_report(tmp_path: Path) -> None:
    build = _build_script()
    source = json.loads(build.CHECKLIST_PATH.read_text(encoding="utf-8"))
    source["claims"][0]["captures"][0]["record"] = "move:misspelt"
    source["claims"][1]["quote"] = "a quote the report never makes"
    bad = tmp_path / "claims.json"
    bad.write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(build.ChecklistError) as error:
        build.checklist_json(bad)
    message = str(error.value)
    assert "$.claims[0].captures[0].record: no record 'move:misspelt'" in message
    assert "$.claims[1].quote" in message


def test_the_packaged_checklist_is_what_the_source_builds() -> None:
    build = _build_script()
    packaged = build.DATA_DIR / f"{build.source.REPORT_NAME}.claims.json"
    assert packaged.read_text(encoding="utf-8") == build.checklist_json()
