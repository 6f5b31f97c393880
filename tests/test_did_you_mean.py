"""One ValidationError with every problem, and "did you mean" for misspellings, in Python and the CLI."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import conflictkit as ck
from conflictkit import ActorKind, Incident, IncidentKind
from conflictkit.cli.command import main
from conflictkit.core.errors import _REMEMBERED_CANDIDATES, _closest, did_you_mean


def test_a_misspelt_keyword_is_one_error_with_every_problem_and_a_suggestion() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        Incident(id="inc:1", kind="atack", casualites=[])  # type: ignore[call-arg,arg-type]
    messages = {problem.json_path: problem.message for problem in caught.value.problems}
    assert messages["$.casualites"] == "is not a field of Incident (did you mean 'casualties'?)"
    assert messages["$.kind"].endswith("got str 'atack' (did you mean 'attack'?)")


def test_evolve_with_a_misspelt_keyword_suggests_the_field() -> None:
    actor = ck.Actor(id="actor:x", name="X", kind=ActorKind.PERSON)
    with pytest.raises(
        ck.ValidationError, match=r"\$\.nmae: is not a field of Actor \(did you mean 'name'\?\)"
    ):
        attrs.evolve(actor, nmae="Y")  # type: ignore[call-arg]


def test_loading_suggests_fields_enum_values_and_type_tags() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": "incident", "id": "inc:1", "kind": "atack", "casualites": []}, ck.Record)
    text = str(caught.value)
    assert "$.casualites: is not a known field (did you mean 'casualties'?)" in text
    assert "got 'atack' (did you mean 'attack'?)" in text
    with pytest.raises(
        ck.ValidationError, match=r"unknown type tag 'incidnet' \(did you mean 'incident'\?\)"
    ):
        ck.from_dict({"type": "incidnet", "id": "inc:1"}, ck.Record)


def test_long_enum_lists_are_cut_so_the_value_given_is_still_shown() -> None:
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_dict({"type": "incident", "id": "inc:1", "kind": "atack"}, ck.Record)
    assert str(caught.value).endswith("got 'atack' (did you mean 'attack'?)")
    assert "and 23 more (34 values)" in str(caught.value)


def test_a_dangling_id_suggests_the_id_it_may_misspell() -> None:
    data = ck.Dataset(
        records=[
            ck.Actor(id="actor:stanikzai", name="Stanikzai", kind=ActorKind.PERSON),
            Incident(id="inc:1", kind=IncidentKind.ATTACK, perpetrators=["actor:stanikzay"]),
            Incident(id="inc:2", kind=IncidentKind.ATTACK, perpetrators=["actor:ghost"]),
        ]
    )
    first, second = data.problems()
    assert first.message.endswith("not in the dataset (did you mean 'actor:stanikzai'?)")
    assert second.message == "refers to 'actor:ghost', which is not in the dataset"


def test_the_command_line_suggests_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"type": "actor", "id": "actor:stanikzai", "name": "S", "kind": "person"}\n'
        '{"type": "incident", "id": "inc:1", "kind": "attack", "perpetrators": ["actor:stanikzay"]}\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    assert "(did you mean 'actor:stanikzai'?)" in capsys.readouterr().out


def test_messages_use_an_before_a_vowel() -> None:
    data = ck.Dataset(
        records=[
            Incident(id="inc:1", kind=IncidentKind.ATTACK),
            ck.Interaction(id="int:1", kind=ck.InteractionKind.OTHER, sources=["actor:a"]),
            ck.Actor(id="actor:a", name="A", kind=ActorKind.UNIDENTIFIED),
            ck.Relation(
                id="rel:1",
                source="inc:1",
                kind=ck.RelationKind.SAME_EVENT,
                target="int:1",
                inferred=[ck.Inference(field="kind", reason="test")],
            ),
        ]
    )
    [problem] = data.problems()
    assert "'inc:1' is an incident and 'int:1' an interaction" in problem.message


def test_a_suggestion_asked_for_again_is_remembered_and_the_same() -> None:
    candidates = ["casualties", "date", "kind", "tests_did_you_mean.remembered"]
    first = did_you_mean("casualites", candidates)
    hits = _closest.cache_info().hits
    assert did_you_mean("casualites", candidates) == first == " (did you mean 'casualties'?)"
    assert _closest.cache_info().hits == hits + 1


def test_suggestions_among_many_candidates_are_not_remembered() -> None:
    candidates = [f"field_{index}" for index in range(_REMEMBERED_CANDIDATES + 1)]
    size = _closest.cache_info().currsize
    assert did_you_mean("field_7x", candidates) == " (did you mean 'field_7'?)"
    assert _closest.cache_info().currsize == size
