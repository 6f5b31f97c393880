from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictkit import (
    EventContext,
    Record,
    SpeechAct,
    Statement,
    StatementChannel,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)

DATA = Path(__file__).parent / "data"


def statement(**changes: object) -> Statement:
    values: dict[str, object] = {"id": "stmt:x", "speaker": "actor:a", "paraphrase": "said something"}
    return Statement(**(values | changes))  # type: ignore[arg-type]


def test_a_statement_carries_its_speech_act_and_addressee() -> None:
    call = statement(act=SpeechAct.CONSULT, channel=StatementChannel.PHONE_CALL, addressee="actor:b")
    assert to_dict(call)["act"] == "consult"
    assert from_json(to_json(call), Record) == call


def test_the_act_is_optional_and_left_out_when_missing() -> None:
    assert "act" not in to_dict(statement())
    assert statement().act is None


def test_a_consultation_told_to_a_reporter_does_not_fit() -> None:
    with pytest.raises(ValidationError) as caught:
        statement(act=SpeechAct.CONSULT, channel=StatementChannel.TOLD_REPORTER)
    assert [problem.json_path for problem in caught.value.problems] == ["$.act"]


def test_an_assurance_needs_someone_assured() -> None:
    with pytest.raises(ValidationError) as caught:
        statement(act=SpeechAct.ASSURE)
    assert [problem.json_path for problem in caught.value.problems] == ["$.addressee"]


def test_an_unknown_act_is_refused_with_every_other_problem() -> None:
    data = {"type": "statement", "id": "stmt:x", "speaker": "actor:a", "act": "shout", "channel": "telepathy"}
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Record)
    assert sorted(problem.json_path for problem in caught.value.problems) == ["$.act", "$.channel"]


def test_statements_of_version_1_0_load_without_an_act() -> None:
    document = json.loads((DATA / "dataset-1.0-seed-2021-07-05.json").read_text(encoding="utf-8"))
    statements = [from_dict(item, Record) for item in document["records"] if item["type"] == "statement"]
    assert statements
    assert all(isinstance(item, Statement) and item.act is None for item in statements)


def test_a_statement_carries_plover_contexts_once_each() -> None:
    agreed = statement(act=SpeechAct.AGREE, contexts=(EventContext.DIPLOMATIC, EventContext.MILITARY))
    assert to_dict(agreed)["contexts"] == ["diplomatic", "military"]
    assert from_json(to_json(agreed), Record) == agreed
    with pytest.raises(ValidationError) as caught:
        statement(contexts=(EventContext.MILITARY, EventContext.MILITARY))
    assert [problem.json_path for problem in caught.value.problems] == ["$.contexts[1]"]
