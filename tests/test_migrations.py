"""Schema versions: newer majors refused, older ones migrated, frozen documents still load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflictkit import (
    SCHEMA_VERSION,
    Actor,
    Dataset,
    EventRole,
    MilitaryMovement,
    SchemaVersionError,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
)
from conflictkit.io import migrations as migrations_module
from conflictkit.io.migrations import migrate, migrations, parse_version, register_migration

DATA = Path(__file__).parent / "data"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty migration registry for the test; monkeypatch restores the real one afterwards."""
    monkeypatch.setattr(migrations_module, "_MIGRATIONS", {})


def test_this_release_writes_its_version() -> None:
    assert to_dict(Dataset())["schema_version"] == SCHEMA_VERSION == "1.2"


@pytest.mark.parametrize("version", ["2.0", "10.3", "999999.0"])
def test_a_newer_major_version_is_refused(version: str) -> None:
    with pytest.raises(SchemaVersionError) as error:
        from_dict({"schema_version": version, "records": []}, Dataset)
    [problem] = error.value.problems
    assert problem.json_path == "$.schema_version"
    assert (
        f"version {version} is newer than this release of conflictkit reads ({SCHEMA_VERSION})"
        in problem.message
    )
    assert "upgrade conflictkit" in problem.message


def test_a_newer_minor_version_loads_when_it_holds_nothing_new() -> None:
    assert from_dict({"schema_version": "1.7", "records": []}, Dataset) == Dataset()


@pytest.mark.parametrize("version", [None, 1.0, "1", "1.0.0", "v1.0", "", "1.x", "1234567.0"])
def test_a_malformed_version_is_refused(version: Any) -> None:
    document = {"records": []} if version is None else {"schema_version": version, "records": []}
    with pytest.raises(SchemaVersionError) as error:
        from_dict(document, Dataset)
    assert error.value.problems[0].json_path == "$.schema_version"
    assert "expected a version 'MAJOR.MINOR'" in error.value.problems[0].message


def test_an_older_major_without_a_migration_is_refused(registry: None) -> None:
    with pytest.raises(SchemaVersionError, match=r"version 0\.9 is older .* no migration upgrades it"):
        from_dict({"schema_version": "0.9", "records": []}, Dataset)


def _old_actor(name: str) -> dict[str, Any]:
    # The fake version 0.9 called an actor's name "label" and its tag "party".
    return {"type": "party", "id": f"actor:{name.lower()}", "label": name, "kind": "state"}


def test_a_fake_older_version_is_migrated_before_loading(registry: None) -> None:
    @register_migration("0.8", "0.9")
    def rename_tag(document: dict[str, Any]) -> dict[str, Any]:
        records = [{**r, "type": "actor" if r["type"] == "party" else r["type"]} for r in document["items"]]
        return {**document, "items": records}

    @register_migration("0.9", "1.0")
    def rename_fields(document: dict[str, Any]) -> dict[str, Any]:
        records = [{k if k != "label" else "name": v for k, v in r.items()} for r in document["items"]]
        upgraded = {k: v for k, v in document.items() if k != "items"}
        return {**upgraded, "records": records}

    old = {"schema_version": "0.8", "items": [_old_actor("Tajikistan"), _old_actor("Russia")]}
    snapshot = json.dumps(old)
    dataset = from_dict(old, Dataset)
    assert [record.name for record in dataset.of_type(Actor)] == ["Tajikistan", "Russia"]
    assert to_dict(dataset)["schema_version"] == SCHEMA_VERSION
    assert json.dumps(old) == snapshot, "migrations must not modify the caller's document"
    assert migrate(old)["schema_version"] == "1.0"
    assert set(migrations()) == {"0.8", "0.9"}


def test_migrated_documents_are_still_validated(registry: None) -> None:
    register_migration("0.9", "1.0")(lambda document: {**document, "records": [{"type": "actor"}]})
    with pytest.raises(ValidationError) as error:
        from_dict({"schema_version": "0.9"}, Dataset)
    assert "$.records[0].id: is required but missing" in str(error.value)


def test_a_failing_migration_is_a_validation_error(registry: None) -> None:
    register_migration("0.9", "1.0")(lambda document: {**document, "records": document["items"]})
    with pytest.raises(SchemaVersionError, match=r"cannot migrate from version 0\.9 to 1\.0: 'items'"):
        from_dict({"schema_version": "0.9", "records": []}, Dataset)


def test_a_migration_that_does_not_reach_the_current_major_is_refused(registry: None) -> None:
    register_migration("0.8", "0.9")(dict)
    with pytest.raises(SchemaVersionError, match=r"version 0\.9 is older"):
        from_dict({"schema_version": "0.8", "records": []}, Dataset)


def test_a_migration_must_return_a_dict(registry: None) -> None:
    register_migration("0.9", "1.0")(lambda document: list(document))  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="returned list, not a dict"):
        migrate({"schema_version": "0.9"})
    with pytest.raises(ValidationError, match="returned list, not a dict"):
        from_dict({"schema_version": "0.9"}, Dataset)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("1.0", "1.0", "must go to a newer version"),
        ("1.1", "1.0", "must go to a newer version"),
        ("1", "2.0", "must be 'MAJOR.MINOR'"),
    ],
)
def test_register_migration_refuses_bad_versions(registry: None, start: str, end: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        register_migration(start, end)


def test_one_migration_per_version(registry: None) -> None:
    register_migration("0.9", "1.0")(dict)
    with pytest.raises(ValueError, match="already registered"):
        register_migration("0.9", "1.1")


def test_1_0_and_1_1_documents_are_migrated_to_1_2_unchanged_but_for_the_version() -> None:
    assert migrations()["1.0"][0] == "1.1"
    assert migrations()["1.1"][0] == "1.2"
    for version in ("1.0", "1.1"):
        old = {
            "schema_version": version,
            "title": "t",
            "records": [{"type": "actor", "id": "a", "name": "A", "kind": "state"}],
        }
        snapshot = json.dumps(old)
        assert migrate(old) == {**old, "schema_version": "1.2"}
        assert json.dumps(old) == snapshot, "the migration must not modify the caller's document"
        assert to_dict(from_dict(old, Dataset)) == {**old, "schema_version": "1.2"}


def test_a_1_1_record_without_a_role_loads_as_an_event() -> None:
    old = {
        "schema_version": "1.1",
        "records": [
            {"type": "movement", "id": "m", "actor": "a", "kind": "retreat", "status": "completed"},
        ],
    }
    [movement] = from_dict(old, Dataset).records
    assert isinstance(movement, MilitaryMovement)
    assert movement.role is EventRole.EVENT
    assert movement.equipment == ()


def test_parse_version() -> None:
    assert parse_version("12.34") == (12, 34)
    assert parse_version("1.0 ") is None
    assert parse_version("\u0661.\u0660") is None  # Arabic-Indic digits are not version digits


# --- frozen documents ------------------------------------------------------------------------------
# A document written by an earlier release must keep loading. tests/data/ keeps frozen copies,
# never to be edited: dataset-1.0.json, built for these tests to use every record type, and
# dataset-1.0-seed-2021-07-05.json, the seed dataset as first shipped. A format change that breaks
# them needs a migration instead.


FROZEN = sorted(DATA.glob("dataset-*.json"))


def test_the_frozen_documents_are_there() -> None:
    assert [path.name for path in FROZEN] == ["dataset-1.0-seed-2021-07-05.json", "dataset-1.0.json"]


@pytest.mark.parametrize("path", FROZEN, ids=lambda path: path.name)
def test_frozen_documents_still_load(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    dataset = from_json(text, Dataset)
    assert dataset.problems() == ()
    original = json.loads(text)
    if original["schema_version"].split(".")[0] == SCHEMA_VERSION.split(".")[0]:
        # Same major version: nothing may be lost or changed, only the version renewed.
        assert to_dict(dataset) == {**original, "schema_version": SCHEMA_VERSION}


def test_the_frozen_1_0_document_is_representative() -> None:
    dataset = from_json((DATA / "dataset-1.0.json").read_bytes(), Dataset)
    tags = {json.loads(json.dumps(record))["type"] for record in to_dict(dataset)["records"]}
    assert tags == {"document", "actor", "location", "movement", "control", "statement"}
    assert len(dataset) == 14
