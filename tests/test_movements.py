from __future__ import annotations

import pytest

from conflictkit import (
    MilitaryMovement,
    MovementKind,
    MovementStatus,
    Qualifier,
    Quantity,
    ValidationError,
    from_json,
    to_json,
)


def test_a_movement_can_be_stopped_before_it_is_done() -> None:
    captured = MilitaryMovement(
        id="move:captured",
        actor="actor:afghan-security-forces",
        kind=MovementKind.RETREAT,
        status=MovementStatus.STOPPED,
        size=Quantity(low=12, qualifier=Qualifier.DOZENS, unit="members", text="dozens"),
    )
    assert MovementStatus.STOPPED.value == "stopped"
    assert '"status":"stopped"' in to_json(captured)
    assert from_json(to_json(captured), MilitaryMovement) == captured


def test_an_unknown_status_is_rejected_naming_the_field() -> None:
    text = '{"type": "movement", "id": "m", "actor": "a", "kind": "retreat", "status": "halted"}'
    with pytest.raises(ValidationError) as caught:
        from_json(text, MilitaryMovement)
    assert [problem.json_path for problem in caught.value.problems] == ["$.status"]
