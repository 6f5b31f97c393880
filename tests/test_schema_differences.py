"""The schema page lists every difference between the JSON Schema and conflictkit, and no other.

Each difference named (in bold) on the page has an example here: a document the schema accepts and
conflictkit refuses with the problem the entry describes. Then documents made by the strategies and
altered at random must be judged alike by both, except where a listed difference explains it.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictkit as ck
from conflictkit.core.nesting import MAX_NESTING
from conflictkit.strategies import datasets

PAGE = Path(__file__).parent.parent / "docs" / "schema.md"

# What conflictkit says when it refuses a document for each listed difference.
DIFFERENCES: dict[str, str] = {
    "dangling reference": r"which is not in the dataset",
    "reference to the wrong record type": r", but must refer to ",
    "duplicate id": r"^duplicate id ",
    "quote does not match the document": r"^does not match the text of ",
    "same_event between records that cannot be one event": r"^same_event ",
    "part_of cycle": r"^part_of links form a cycle",
    "parent cycle": r"^the chain of parents loops back",
    "low above best": r"^must be <= best",
    "high below best": r"^must be >= (best|low)",
    "qualifier without its number": r"^(is needed for '|best, low or high is needed|is 'exact'|is 'unknown')",
    "latest before earliest": r"^must not be before earliest",
    "evidence end is not start + len(quote)": r"^must be start \+ len\(quote\)",
    "neither text nor sha256": r"^text or sha256 is needed",
    "sha256 does not match the text": r"^does not match the SHA-256 of text",
    "subdivision outside the country": r"(is not in country|^is needed when subdivision is given)",
    "location is its own parent": r"^a location cannot be its own parent",
    "origin equals destination": r"^must differ from origin",
    "statement without quote or paraphrase": r"^(a quote or a paraphrase is|a statement cannot be about)",
    "speech act that does not fit": r"^('consult' needs a phone call or meeting|is needed for 'assure')",
    "no figure at all": r"^at least one of killed, injured, captured, missing is needed",
    "figure that is not a whole number": r"^must be a whole number of people",
    "both perpetrator and target": r"is also a perpetrator",
    "one side's casualties listed twice": r"has casualties listed twice",
    "no source": r"^at least one source actor is needed",
    "mode that does not fit the kind": r"does not fit kind",
    "count exceeds total": r"^(cannot exceed total|is needed when total is given|must match count's unit)",
    "relation of a record to itself": r"^must differ from source",
    "neither evidence nor inference": r"^a relation needs evidence",
    "inference names no field": r"(is not a field of|is listed more than once)",
    "subdivision not in ISO 3166-2": r"^must be an ISO 3166-2 subdivision code",
    "integer written with a fraction": r"^expected int, got float",
    "integer too large for a float64": r"^must be a number a float64 holds exactly",
    "unpaired surrogate in a string": r"unpaired surrogate",
    "duplicate key": r"duplicate key",
    "nested too deeply": r"nested more than",
}


def documented() -> list[str]:
    section = PAGE.read_text().split("## What the schema cannot check")[1].split("\n## ")[0]
    return re.findall(r"\*\*(.+?)\*\*", section.replace("\n  ", " "))


def test_every_listed_difference_has_a_rule_here_and_no_more() -> None:
    assert sorted(documented()) == sorted(DIFFERENCES)


# --- one example of each ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Twig(ck.Model, type_tag="testsuite.twig"):
    """A user's value type that can contain itself."""

    twigs: tuple[Twig, ...] = ()


def seed() -> dict[str, Any]:
    return ck.to_dict(ck.load_seed())


def first(document: dict[str, Any], tag: str) -> dict[str, Any]:
    return next(record for record in document["records"] if record["type"] == tag)


def with_record(
    document: dict[str, Any], tag: str, change: Callable[[dict[str, Any]], object]
) -> dict[str, Any]:
    change(first(document, tag))
    return document


def evidence_of(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(record for record in document["records"] if record.get("evidence"))[
        "evidence"
    ][0]
    return found


def relation_to_itself(record: dict[str, Any]) -> None:
    record["target"] = record["source"]


def parent_cycle(document: dict[str, Any]) -> dict[str, Any]:
    locations = [record for record in document["records"] if record["type"] == "location"]
    locations[0]["parent"], locations[1]["parent"] = locations[1]["id"], locations[0]["id"]
    return document


def part_of_cycle(document: dict[str, Any]) -> dict[str, Any]:
    relation = first(document, "relation")
    reverse = {
        **relation,
        "id": relation["id"] + "-back",
        "source": relation["target"],
        "target": relation["source"],
    }
    relation["kind"] = reverse["kind"] = "part_of"
    document["records"].append(reverse)
    return document


def same_event_mismatch(document: dict[str, Any]) -> dict[str, Any]:
    relation = first(document, "relation")
    relation.update(
        kind="same_event", source=first(document, "actor")["id"], target=first(document, "location")["id"]
    )
    return document


def nested_twigs() -> dict[str, Any]:
    twig: dict[str, Any] = {}
    for _ in range(MAX_NESTING + 2):
        twig = {"twigs": [twig]}
    return twig


def incident(**fields: Any) -> dict[str, Any]:
    kind = next(iter(ck.IncidentKind)).value
    return {"type": "incident", "id": "inc:1", "kind": kind, **fields}


def misfit_interaction() -> dict[str, Any]:
    from conflictkit.records.interactions import MODES_BY_KIND

    kind, mode = next(
        (kind, mode)
        for kind in ck.InteractionKind
        for mode in ck.InteractionMode
        if mode not in MODES_BY_KIND[kind]
    )
    return {
        "type": "interaction",
        "id": "int:1",
        "kind": kind.value,
        "sources": ["actor:a"],
        "mode": mode.value,
    }


KILLED = {"killed": {"best": 2, "unit": "people"}}

EXAMPLES: dict[str, Callable[[], tuple[Any, type[ck.Model]]]] = {
    "speech act that does not fit": lambda: (
        with_record(seed(), "statement", lambda r: r.update(act="consult", channel="official_statement")),
        ck.Dataset,
    ),
    "no figure at all": lambda: ({}, ck.Casualties),
    "figure that is not a whole number": lambda: ({"killed": {"best": 2.5, "unit": "people"}}, ck.Casualties),
    "both perpetrator and target": lambda: (
        incident(perpetrators=["actor:a"], targets=["actor:a"]),
        ck.Record,
    ),
    "one side's casualties listed twice": lambda: (
        incident(casualties=[{"side": "actor:a", **KILLED}, {"side": "actor:a", **KILLED}]),
        ck.Record,
    ),
    "no source": lambda: (
        {"type": "interaction", "id": "int:1", "kind": "cooperate", "sources": []},
        ck.Record,
    ),
    "mode that does not fit the kind": lambda: (misfit_interaction(), ck.Record),
    "dangling reference": lambda: (
        with_record(seed(), "movement", lambda r: r.update(actor="actor:nobody")),
        ck.Dataset,
    ),
    "reference to the wrong record type": lambda: (
        with_record(seed(), "movement", lambda r: r.update(actor=first(seed(), "location")["id"])),
        ck.Dataset,
    ),
    "duplicate id": lambda: (
        (doc := seed(), doc["records"].append(copy.deepcopy(first(doc, "actor"))))[0],
        ck.Dataset,
    ),
    "quote does not match the document": lambda: (
        (doc := seed(), evidence_of(doc).update(quote="x" * len(evidence_of(doc)["quote"])))[0],
        ck.Dataset,
    ),
    "same_event between records that cannot be one event": lambda: (same_event_mismatch(seed()), ck.Dataset),
    "part_of cycle": lambda: (part_of_cycle(seed()), ck.Dataset),
    "parent cycle": lambda: (parent_cycle(seed()), ck.Dataset),
    "low above best": lambda: ({"best": 1, "low": 2, "unit": "x", "qualifier": "about"}, ck.Quantity),
    "high below best": lambda: ({"best": 2, "high": 1, "unit": "x", "qualifier": "about"}, ck.Quantity),
    "qualifier without its number": lambda: ({"unit": "x", "qualifier": "more_than"}, ck.Quantity),
    "latest before earliest": lambda: ({"earliest": "2021-07-05", "latest": "2021-07-01"}, ck.DateSpan),
    "evidence end is not start + len(quote)": lambda: (
        {"document": "d:1", "quote": "ab", "start": 0, "end": 1},
        ck.Evidence,
    ),
    "neither text nor sha256": lambda: ({"type": "document", "id": "d:1", "title": "t"}, ck.Record),
    "sha256 does not match the text": lambda: (
        {"type": "document", "id": "d:1", "title": "t", "text": "a", "sha256": "0" * 64},
        ck.Record,
    ),
    "subdivision outside the country": lambda: (
        {
            "type": "location",
            "id": "l:1",
            "name": "n",
            "kind": "province",
            "country": "AF",
            "subdivision": "TJ-GB",
        },
        ck.Record,
    ),
    "location is its own parent": lambda: (
        {"type": "location", "id": "l:1", "name": "n", "kind": "city", "parent": "l:1"},
        ck.Record,
    ),
    "origin equals destination": lambda: (
        with_record(
            seed(),
            "movement",
            lambda r: r.update(
                origin=first(seed(), "location")["id"], destination=first(seed(), "location")["id"]
            ),
        ),
        ck.Dataset,
    ),
    "statement without quote or paraphrase": lambda: (
        with_record(seed(), "statement", lambda r: [r.pop(key, None) for key in ("quote", "paraphrase")]),
        ck.Dataset,
    ),
    "count exceeds total": lambda: (
        with_record(
            seed(),
            "control",
            lambda r: r.update(
                count={"best": 5, "unit": "districts"}, total={"best": 3, "unit": "districts"}
            ),
        ),
        ck.Dataset,
    ),
    "relation of a record to itself": lambda: (
        with_record(seed(), "relation", relation_to_itself),
        ck.Dataset,
    ),
    "neither evidence nor inference": lambda: (
        with_record(seed(), "relation", lambda r: [r.pop(key, None) for key in ("evidence", "inferred")]),
        ck.Dataset,
    ),
    "inference names no field": lambda: (
        with_record(seed(), "actor", lambda r: r.update(inferred=[{"field": "nothing", "reason": "r"}])),
        ck.Dataset,
    ),
    "subdivision not in ISO 3166-2": lambda: (
        {
            "type": "location",
            "id": "l:1",
            "name": "n",
            "kind": "province",
            "country": "AF",
            "subdivision": "AF-ZZZ",
        },
        ck.Record,
    ),
    "integer written with a fraction": lambda: (
        {"document": "d:1", "quote": "ab", "start": 0.0, "end": 2},
        ck.Evidence,
    ),
    "integer too large for a float64": lambda: ({"best": 2**60 + 1, "unit": "people"}, ck.Quantity),
    "unpaired surrogate in a string": lambda: ({"best": 1, "unit": "\ud800"}, ck.Quantity),
    "nested too deeply": lambda: (nested_twigs(), Twig),
}


def library_problems(value: Any, cls: type[ck.Model]) -> list[ck.Problem]:
    try:
        loaded = ck.from_dict(value, cls)
    except ck.ValidationError as error:
        return list(error.problems)
    return list(loaded.problems()) if isinstance(loaded, ck.Dataset) else []


def schema_validator(cls: type[ck.Model]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        ck.json_schema(None if cls is ck.Dataset else cls),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.mark.parametrize("name", sorted(set(DIFFERENCES) - {"duplicate key"}))
def test_each_difference_is_real(name: str) -> None:
    value, cls = EXAMPLES[name]()
    errors = [error.message for error in schema_validator(cls).iter_errors(value)]
    assert errors == [], errors[:3]
    problems = library_problems(value, cls)
    assert problems
    assert any(re.search(DIFFERENCES[name], problem.message) for problem in problems), problems


def test_duplicate_keys_are_a_difference_of_the_text() -> None:
    text = '{"best": 1, "best": 1, "unit": "x"}'
    assert schema_validator(ck.Quantity).is_valid(json.loads(text))
    with pytest.raises(ck.ValidationError, match=DIFFERENCES["duplicate key"]):
        ck.from_json(text, ck.Quantity)


def test_examples_start_from_a_document_both_accept() -> None:
    assert library_problems(seed(), ck.Dataset) == []
    assert schema_validator(ck.Dataset).is_valid(seed())


# --- and no other difference --------------------------------------------------------------------------------


def paths(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) in ``value``, so that the item can be replaced or removed."""
    pending = [value]
    while pending:
        container = pending.pop()
        keys = container.keys() if isinstance(container, dict) else range(len(container))
        for key in keys:
            yield container, key
            if isinstance(container[key], (dict, list)):
                pending.append(container[key])


REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([2**53, 2**53 - 1, -(2**53), 3.0, 0.5, -1.5, 1e308, 10**400]),
    st.sampled_from(
        ["", " ", "x", "TJ", "tj", "AF-BDS", "af-bds", "AF-ZZZ", "2021-02-30", "2021-02-28", "0" * 64]
    ),
    st.sampled_from(
        ["2021-07-05", "2021-07-05\n", "1.0", "01.0", "1.1", "\ud800", "person", "about", "exact"]
    ),
    st.text(max_size=4),
    st.lists(st.none(), max_size=1),
    st.dictionaries(st.sampled_from(["type", "id", "best", "unit", "x"]), st.none(), max_size=1),
)


@functools.cache
def dataset_validator() -> jsonschema.Draft202012Validator:
    return schema_validator(ck.Dataset)


@settings(max_examples=40)  # each check against the whole schema costs a few tenths of a second
@given(dataset=datasets(max_records=4), data=st.data())
def test_altered_documents_differ_only_as_listed(dataset: ck.Dataset, data: st.DataObject) -> None:
    document = ck.to_dict(dataset)
    for _ in range(data.draw(st.integers(1, 2))):
        container, key = data.draw(st.sampled_from(list(paths(document))))
        taken = [
            value for other, name in paths(document) if not isinstance(value := other[name], (dict, list))
        ]
        if isinstance(container, dict) and data.draw(st.booleans()):
            del container[key]
        else:
            container[key] = data.draw(REPLACEMENTS | st.sampled_from(taken))
    schema_ok = dataset_validator().is_valid(document)
    problems = library_problems(document, ck.Dataset)
    if not problems:
        assert schema_ok, "conflictkit accepts a document the schema refuses"
    elif schema_ok:
        unexplained = [
            p for p in problems if not any(re.search(rule, p.message) for rule in DIFFERENCES.values())
        ]
        assert unexplained == [], "the schema accepts what conflictkit refuses, for a reason not listed"
