"""Kinds judged through UCDP GED's type of violence, and user taxonomies (kinds, actor names and kinds)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

import conflictkit as ck
from conflictkit.cli import command
from conflictkit.crosswalk import acled, plover, ucdp
from conflictkit.matching import Match, MatchingError, Taxonomy, match
from conflictkit.matching.engine import prepare

DAY = "2021-07-04"
ISHKASHIM = ("36.7063", "71.5717")


def ucdp_week(*violence: str) -> ck.Dataset:
    """UCDP GED rows at Ishkashim on one day, one per type of violence given."""
    rows = []
    for number, code in enumerate(violence, start=1):
        side_a, side_b = {
            "1": ("Government of Afghanistan", "Taleban"),
            "2": ("Taleban", "IS"),
            "3": ("Taleban", "Civilians"),
        }[code]
        rows.append(
            {
                "id": str(400000 + number), "type_of_violence": code, "side_a": side_a, "side_b": side_b,
                "where_prec": "1", "where_coordinates": "Ishkashim town", "latitude": ISHKASHIM[0],
                "longitude": ISHKASHIM[1], "country": "Afghanistan", "country_id": "700", "date_prec": "1",
                "date_start": DAY, "date_end": DAY, "deaths_a": "0", "deaths_b": "0",
                "deaths_civilians": "0", "deaths_unknown": "4", "best": "4", "high": "4", "low": "4",
            }
        )  # fmt: skip
    return ucdp.import_records(rows)


def acled_week(*categories: tuple[str, str, str, str]) -> ck.Dataset:
    """ACLED rows at Ishkashim on the same day: (event type, sub-event type, inter1, inter2) each."""
    actors = {
        "1": "Military Forces of Afghanistan (2004-2021)",
        "2": "Taliban",
        "7": "Civilians (Afghanistan)",
    }
    return acled.import_records(
        {
            "event_id_cnty": f"AFG{1000 + number}",
            "event_date": DAY,
            "time_precision": "1",
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": actors[inter1],
            "inter1": inter1,
            "actor2": actors[inter2],
            "inter2": inter2,
            "iso": "4",
            "country": "Afghanistan",
            "location": "Ishkashim",
            "latitude": ISHKASHIM[0],
            "longitude": ISHKASHIM[1],
            "geo_precision": "1",
            "notes": f"Event {number}.",
            "fatalities": "4",
        }
        for number, (event_type, sub_event, inter1, inter2) in enumerate(categories, start=1)
    )


AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike", "1", "2")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance", "2", "7")
ARMED_CLASH = ("Battles", "Armed clash", "1", "2")


def kinds(found: list[Match]) -> dict[tuple[str, str], str]:
    return {(pair.left, pair.right): pair.reasons[2] for pair in found}


def test_a_ucdp_record_agrees_with_the_acled_kinds_its_type_of_violence_takes_in() -> None:
    found = list(match(acled_week(AIR_STRIKE, ABDUCTION), ucdp_week("1", "3"), min_score=0.0))
    reasons = kinds(found)
    # A state's air strike on a rebel group is state-based violence (1); an abduction of civilians
    # one-sided violence (3): all UCDP GED says of an event's kind.
    assert reasons["AFG1001", "ucdp:ged:400001"] == (
        "same UCDP GED type of violence 1, state-based conflict (air_strike / armed_clash)"
    )
    assert reasons["AFG1002", "ucdp:ged:400002"] == (
        "same UCDP GED type of violence 3, one-sided violence (abduction / attack)"
    )
    assert reasons["AFG1001", "ucdp:ged:400002"] == "same PLOVER event type ASSAULT (air_strike / attack)"
    assert reasons["AFG1002", "ucdp:ged:400001"] == "different kinds (abduction / armed_clash)"
    by_pair = {(pair.left, pair.right): pair for pair in found}
    assert by_pair["AFG1001", "ucdp:ged:400001"].score > by_pair["AFG1001", "ucdp:ged:400002"].score
    # Each ACLED event finds its UCDP GED counterpart, and only it (the names differ too much for
    # the default threshold: "Taliban" and "Taleban", a government and an army).
    assert match(acled_week(AIR_STRIKE, ABDUCTION), ucdp_week("1", "3")).pairs(0.7) == [
        ("AFG1001", "ucdp:ged:400001"),
        ("AFG1002", "ucdp:ged:400002"),
    ]


def test_a_plover_record_agrees_with_a_ucdp_record_through_the_type_of_violence() -> None:
    aerial = plover.import_records(
        [
            {
                "id": "plover-1", "date": DAY, "event": "ASSAULT", "mode": "aerial",
                "source": [{"actorText": "Afghan Air Force", "code": "AFG", "sector": "MIL"}],
                "target": [{"actorText": "Taliban", "code": "AFG", "sector": "REB"}],
                "eventText": "bombed", "text": "The Afghan Air Force bombed the Taliban near Ishkashim.",
                "eventLoc": {"name": "Ishkashim", "lat": 36.7063, "lon": 71.5717, "countryCode": "AFG"},
                "version": "PLOVER 0.7",
            }
        ]
    )  # fmt: skip
    found = match(aerial, ucdp_week("1", "2"), min_score=0.0)
    reasons = kinds(list(found))
    assert reasons["plover-1", "ucdp:ged:400001"].startswith("same UCDP GED type of violence 1")
    # A non-state conflict (2) is not what a state's air force does.
    assert reasons["plover-1", "ucdp:ged:400002"] == "different kinds (air_strike / armed_clash)"


def test_the_ucdp_level_needs_a_side_read_from_ucdp() -> None:
    # Two ACLED kinds that UCDP would both write as type 1 are still different kinds: only a
    # record whose kind UCDP coded says no more than its type of violence.
    reasons = kinds(list(match(acled_week(AIR_STRIKE), acled_prefixed(ARMED_CLASH), min_score=0.0)))
    assert reasons["AFG1001", "b:AFG1001"] == "different kinds (air_strike / armed_clash)"


def acled_prefixed(*categories: tuple[str, str, str, str]) -> ck.Dataset:
    records = []
    for record in acled_week(*categories):
        if isinstance(record, ck.Incident):
            record = attrs.evolve(record, id=f"b:{record.id}")
        records.append(record)
    return ck.Dataset(records=records)


def test_the_published_type_of_violence_wins_over_the_sides() -> None:
    # A GED row of type 2 whose side A is called a government: its kind is read as UCDP wrote it.
    week = ucdp_week("1")
    rows, judge, _, _ = prepare([week], days=1, km=10.0, episode_days=7, report_date=None)
    assert judge.kinds[rows[0][4]][4:6] == ("1", True)
    relabelled = ck.Dataset(
        records=[
            attrs.evolve(record, type_of_violence=2) if isinstance(record, ucdp.UcdpEvent) else record
            for record in week
        ]
    )
    rows, judge, _, _ = prepare([relabelled], days=1, km=10.0, episode_days=7, report_date=None)
    assert judge.kinds[rows[0][4]][4:6] == ("2", True)


def test_category_for_is_the_type_export_writes() -> None:
    mixed = ck.Dataset(records=[*acled_week(AIR_STRIKE, ABDUCTION, ARMED_CLASH)])
    written = [row["type_of_violence"] for row in ucdp.export_records(mixed, on_loss=lambda _: None)]
    found = [ucdp.category_for(record, mixed.get) for record in mixed.of_type(ck.Incident)]
    assert found == written == ["1", "3", "1"]
    assert ucdp.category_for(ck.Actor(id="actor:x", name="X", kind=ck.ActorKind.PERSON)) is None


REMOTE = Taxonomy(
    kinds={
        "air_strike": ("remote violence", "political violence"),
        "shelling": ("remote violence", "political violence"),
        "armed_clash": ("battle", "political violence"),
        "abduction": ("against civilians", "political violence"),
    },
    scores=(0.9, 0.4),
)


def test_a_taxonomy_decides_the_kinds_it_maps_both_of() -> None:
    found = match(acled_week(AIR_STRIKE, ABDUCTION), ucdp_week("1"), min_score=0.0, taxonomy=REMOTE)
    by_pair = {(pair.left, pair.right): pair for pair in found}
    clash = by_pair["AFG1001", "ucdp:ged:400001"]
    assert clash.reasons[2] == (
        "same category 'political violence' in the taxonomy, level 2 (air_strike / armed_clash)"
    )
    without = {(pair.left, pair.right): pair for pair in match(acled_week(AIR_STRIKE), ucdp_week("1"))}
    assert clash.score < without["AFG1001", "ucdp:ged:400001"].score  # 0.4 instead of UCDP's 0.6
    table = {row[0]: row[8] for row in found.table()}
    assert table["AFG1001"] == 0.4


def test_a_taxonomy_finest_level_and_kinds_it_does_not_map() -> None:
    strike = acled_week(AIR_STRIKE)
    shelling = acled_prefixed(("Explosions/Remote violence", "Shelling/artillery/missile attack", "1", "2"))
    found = match(strike, shelling, min_score=0.0, taxonomy=REMOTE)
    assert found[0].reasons[2] == "same category 'remote violence' in the taxonomy (air_strike / shelling)"
    assert found.table().__next__()[8] == 0.9
    # A kind the taxonomy does not map (a grenade) is judged by the built-in tables.
    grenade = acled_prefixed(("Explosions/Remote violence", "Grenade", "1", "2"))
    assert match(strike, grenade, min_score=0.0, taxonomy=REMOTE)[0].reasons[2] == (
        "same ACLED event type 'Explosions/Remote violence' (air_strike / grenade)"
    )


def test_a_taxonomy_can_separate_kinds_the_tables_join() -> None:
    apart = Taxonomy(kinds={"air_strike": ("aerial",), "armed_clash": ("ground",)}, scores=(0.8,))
    found = match(acled_week(AIR_STRIKE), ucdp_week("1"), min_score=0.0, taxonomy=apart)
    assert found[0].reasons[2] == "different categories in the taxonomy (air_strike / armed_clash)"


def test_a_taxonomy_groups_actor_names_and_kinds() -> None:
    # ACLED's "Taliban" and UCDP's "Taleban"; ACLED's military forces (an armed force) and UCDP's
    # government (a government).
    plain = match(acled_week(ARMED_CLASH), ucdp_week("1"), min_score=0.0)
    names = Taxonomy(
        kinds={"armed_clash": ("battle",)},
        scores=(0.6,),
        actor_names={
            "Taliban": "taliban",
            "taleban": "taliban",
            "Military Forces of Afghanistan (2004-2021)": "afghan state",
            "Government of Afghanistan": "afghan state",
        },
        actor_kinds={"armed_force": "state", "government": "state"},
    )
    grouped = match(acled_week(ARMED_CLASH), ucdp_week("1"), min_score=0.0, taxonomy=names)
    assert plain[0].reasons[3].startswith("actors agree 0.")
    # Names and kinds agree now; the countries still do not (ACLED's actors name none).
    assert grouped[0].reasons[3].startswith("actors agree 0.80")
    assert grouped[0].score > plain[0].score


def test_a_taxonomy_reports_every_problem_at_once() -> None:
    with pytest.raises(MatchingError) as caught:
        Taxonomy(
            kinds={"air_strik": ("remote",), "shelling": ["remote", ""], "attack": "violence"},
            scores=(0.5, 0.7),
            actor_names={"Taliban": ""},
            actor_kinds={"goverment": "state"},
        )
    assert str(caught.value).split("; ") == [
        "taxonomy: scores[1]: must not be above the finer level's 0.5, got 0.7",
        "kinds['air_strik']: not a kind (did you mean 'air_strike'?)",
        "kinds['air_strik']: gives 1 categories, one per level of scores (2) needed",
        "kinds['shelling']: must be a list of category names, got ('remote', '')",
        "kinds['attack']: must be a list of category names, got 'violence'",
        "actor_names['Taliban']: the group must be non-empty text, got ''",
        "actor_kinds['goverment']: not an actor kind (did you mean 'government'?)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "taxonomy: must be a JSON object, got list"),
        ('{"kinds": {}, "score": [1]}', "taxonomy: score: not a field (did you mean 'scores'?)"),
        ('{"scores": [1]}', "taxonomy: kinds: missing (each kind's categories, finest first)"),
        ('{"kinds": {}}', "taxonomy: kinds: must map at least one kind"),
        (
            '{"kinds": {"attack": ["x"]}, "scores": [true]}',
            "taxonomy: scores[0]: must be a score from 0 to 1",
        ),
        ("{", "taxonomy: not JSON: "),
    ],
)
def test_a_taxonomy_file_is_validated(text: str, message: str) -> None:
    with pytest.raises(MatchingError, match="^" + re.escape(message)):
        Taxonomy.from_json(text)


def test_a_taxonomy_from_json_equals_one_built_in_python() -> None:
    text = json.dumps({"kinds": {k: list(v) for k, v in REMOTE.kinds.items()}, "scores": [0.9, 0.4]})
    assert Taxonomy.from_json(text) == REMOTE
    with pytest.raises(TypeError):
        REMOTE.kinds["grenade"] = ("remote violence", "political violence")  # type: ignore[index]


def test_match_refuses_a_taxonomy_that_is_none() -> None:
    with pytest.raises(MatchingError, match=r"^taxonomy: expected a Taxonomy, got dict$"):
        match(ucdp_week("1"), taxonomy={"kinds": {}})  # type: ignore[arg-type]


def write_week(tmp_path: Path) -> tuple[str, str]:
    import csv

    paths = []
    for name, dataset, module in (
        ("acled.csv", acled_week(AIR_STRIKE), acled),
        ("ucdp.csv", ucdp_week("1"), ucdp),
    ):
        rows = module.export_records(dataset, on_loss=lambda _: None)
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        paths.append(str(path))
    return paths[0], paths[1]


def test_the_command_takes_a_taxonomy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = write_week(tmp_path)
    review = tmp_path / "review.csv"
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(
        json.dumps({"kinds": {"air_strike": ["fighting"], "armed_clash": ["fighting"]}, "scores": [1]})
    )
    arguments = [first, second, "--from", "acled", "--from", "ucdp", "--review", str(review)]
    assert command.main(["match", *arguments, "--taxonomy", str(taxonomy)]) == 0
    assert "same category 'fighting' in the taxonomy (air_strike / armed_clash)" in review.read_text()
    assert "matches 1," in capsys.readouterr().err


def test_the_command_refuses_a_bad_taxonomy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = write_week(tmp_path)
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text('{"kinds": {"airstrike": ["fighting"]}, "scores": [1]}')
    output = tmp_path / "relations.jsonl"
    output.write_text("kept\n")
    arguments = [first, second, "--from", "acled", "--from", "ucdp", "-o", str(output)]
    assert command.main(["match", *arguments, "--taxonomy", str(taxonomy)]) == 2
    assert capsys.readouterr().err == (
        f"match: {taxonomy}: taxonomy: kinds['airstrike']: not a kind (did you mean 'air_strike'?)\n"
    )
    assert output.read_text() == "kept\n"
    assert command.main(["match", *arguments, "--taxonomy", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
