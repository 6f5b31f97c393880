"""Bounded resources: the size of error messages, the memory of caches, the cost of many classes.

Costs are measured as counts (characters, bytes retained, Python calls made), never as times, so
the tests say the same on a loaded machine as on an idle one.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tracemalloc
from datetime import date

import attrs
import pytest

import conflictkit as ck
from conflictkit.core.errors import MAX_SHOWN_PROBLEMS
from conflictkit.values.countries import country_code

HUGE = 1_000_000  # characters of a hostile key, tag or value
SHORT = 1_000  # what a message about it may take


def message_of(action: object) -> str:
    with pytest.raises(ck.ConflictkitError) as caught:
        action()  # type: ignore[operator]
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        pytest.param('{"best":1,"unit":"x","%s":1}' % ("k" * HUGE), ck.Quantity, id="unknown key"),
        pytest.param('{"best":1,"unit":"x","%s":1}' % ("k " * HUGE), ck.Quantity, id="unknown odd key"),
        pytest.param('{"type":"%s","id":"a"}' % ("t" * HUGE), ck.Record, id="unknown tag"),
        pytest.param('{"type":"acme.%s","id":"a"}' % ("t" * HUGE), ck.Record, id="unknown dotted tag"),
        pytest.param('{"type":"actor","id":"a"}', ck.Quantity, id="tag of another class"),
        pytest.param('{"%s":1,"%s":2}' % (("d" * HUGE,) * 2), ck.Record, id="duplicate key"),
        pytest.param('{"best":1,"unit":"%s","text":3}' % ("u" * HUGE), ck.Quantity, id="long value"),
    ],
)
def test_messages_echo_a_short_prefix_of_hostile_input(text: str, cls: type[ck.Model]) -> None:
    """Point 10."""
    message = message_of(lambda: ck.from_json(text, cls))
    assert len(message) < SHORT, message[:200]


def test_quote_mismatch_shows_a_prefix_of_the_text_found() -> None:
    """Point 10: the text a quote was compared with is cut too."""
    document = ck.Document(id="doc:1", title="t", text="y" * HUGE)
    actor = ck.Actor(
        id="actor:a",
        name="A",
        kind=ck.ActorKind.PERSON,
        evidence=(ck.Evidence(document="doc:1", quote="x" * HUGE, start=0, end=HUGE),),
    )
    message = message_of(ck.Dataset(records=[document, actor]).validate)
    assert len(message) < SHORT
    assert f"({HUGE + 2} characters)" in message


def test_names_and_phrases_are_cut_in_messages() -> None:
    """Point 10: the helpers that take free text echo a prefix of it."""
    assert len(message_of(lambda: country_code("z" * HUGE))) < SHORT
    assert len(message_of(lambda: ck.resolve_date_phrase("q" * HUGE, date(2021, 7, 5)))) < SHORT


def test_problems_are_all_kept_but_the_message_is_bounded() -> None:
    """Point 11: every problem is in ``problems``; ``str()`` lists a bounded number and the rest's count."""
    count = 20_000
    text = json.dumps({"schema_version": "1.0", "records": [{}] * count})
    with pytest.raises(ck.ValidationError) as caught:
        ck.from_json(text, ck.Dataset)
    error = caught.value
    assert len(error.problems) == count
    assert [problem.path for problem in error.problems[:2]] == [
        ("records", 0, "type"),
        ("records", 1, "type"),
    ]
    message = str(error)
    assert len(message.splitlines()) == MAX_SHOWN_PROBLEMS + 2
    assert message.endswith(f"... and {count - MAX_SHOWN_PROBLEMS} more, not shown (all are in .problems)")
    assert len(message) < 200 * MAX_SHOWN_PROBLEMS


def test_problems_cost_little_memory_each() -> None:
    """Point 11: the message naming the expected tags is shared, not built again for each record."""
    count = 20_000
    text = json.dumps({"schema_version": "1.0", "records": [{}] * count})
    gc.collect()
    tracemalloc.start()
    try:
        with pytest.raises(ck.ValidationError) as caught:
            ck.from_json(text, ck.Dataset)
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len({id(problem.message) for problem in caught.value.problems}) == 1
    assert retained / count < 400  # bytes per problem kept: the Problem and its path


def retained_bytes(action: object) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()  # type: ignore[operator]
        gc.collect()
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return retained


def check_junk_codes(start: int, count: int) -> None:
    for number in range(start, start + count):
        ck.is_country_code(f"Q{number}")
        ck.is_subdivision_code(f"QQ-{number}")
        with pytest.raises(ck.ValidationError):
            ck.Location(id="loc:x", name="x", kind=ck.LocationKind.CITY, country=f"Z{number}")


def test_code_checks_keep_nothing_per_value_checked() -> None:
    """Point 12: checking junk codes costs no memory that stays, however many are checked."""
    check_junk_codes(0, 100)  # loads pycountry's tables
    assert retained_bytes(lambda: check_junk_codes(100, 5_000)) < 50_000


def test_country_name_cache_is_bounded() -> None:
    """Point 12."""
    codes = sorted(code for code in map(chr, range(65, 91)) for code in (code + "A", code + "E", code + "G"))
    known = [code for code in codes if ck.is_country_code(code)]
    names = [" " * spaces + code for spaces in range(60) for code in known]  # distinct inputs, one answer
    assert len(names) > country_code.cache_info().maxsize  # type: ignore[operator]
    for name in names:
        assert country_code(name) == name.strip()
    info = country_code.cache_info()
    assert info.maxsize is not None
    assert info.currsize <= info.maxsize


def test_streaming_junk_codes_keeps_constant_memory() -> None:
    """Point 12: ``iter_jsonl`` stays in constant memory when every line has a new junk code."""

    def lines(start: int, count: int) -> list[str]:
        return [
            json.dumps(
                {
                    "type": "location",
                    "id": f"loc:{n}",
                    "name": "x",
                    "kind": "city",
                    "subdivision": f"X{n:07d}",
                }
            )
            for n in range(start, start + count)
        ]

    def stream(source: list[str]) -> None:
        for _ in ck.iter_jsonl_results(source, ck.Record):
            pass

    stream(lines(0, 100))
    batch = lines(100, 2_000)
    assert retained_bytes(lambda: stream(batch)) < 50_000


SCALING = """
import sys, attrs, conflictkit as ck

def calls(action):
    count = 0
    def profile(frame, event, arg):
        nonlocal count
        count += event in ("call", "c_call")
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count

untagged = '{"schema_version":"1.0","records":[' + ",".join(['{"id":"a"}'] * 20) + ']}'
def load_untagged():
    try:
        ck.from_json(untagged, ck.Dataset)
    except ck.ValidationError:
        pass

defined = 0
for total in (100, 200, 400):
    for number in range(defined, total):
        namespace = {"__annotations__": {"extra": "str"}, "extra": "x", "__module__": "plugin"}
        attrs.frozen(kw_only=True)(type(f"Extra{number}", (ck.MilitaryMovement,), namespace))
    defined = total
    ck.json_schema(), load_untagged()  # first calls build what is cached
    print(total, calls(ck.json_schema), calls(load_untagged))
"""


def test_cost_grows_linearly_with_registered_classes() -> None:
    """Point 13: json_schema() with twice the classes makes about twice the calls; loading a record
    missing its tag costs the same however many classes there are. (Before: 3.2x per doubling, and
    each such record sorted the whole registry twice.) Run apart, so as not to register hundreds of
    classes in this process."""
    result = subprocess.run(
        [sys.executable, "-c", SCALING], capture_output=True, text=True, check=True, timeout=300
    )
    rows = [tuple(map(int, line.split())) for line in result.stdout.splitlines()]
    (_, schema_100, untagged_100), (_, schema_200, untagged_200), (_, schema_400, untagged_400) = rows
    assert schema_200 / schema_100 < 2.2
    assert schema_400 / schema_200 < 2.2
    assert untagged_100 == untagged_200 == untagged_400


def test_per_class_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point 12: classes defined again and again (a notebook) do not grow the per-class caches."""
    from conflictkit.core import registry, validation

    monkeypatch.setattr(registry, "MAX_CACHED_CLASSES", 8)
    for number in range(20):
        namespace = {"__annotations__": {"note": "str"}, "note": "n", "__module__": __name__}
        cls = attrs.frozen(kw_only=True)(
            type("Redefined", (ck.Quantity,), namespace, type_tag="testsuite.redefined")
        )
        value = cls(best=number, unit="x")
        assert ck.from_json(ck.to_json(value), cls) == value
    assert len(validation._PLANS) <= 8
    assert len(validation._ACCEPTS) <= 8
