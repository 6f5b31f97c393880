"""Hypothesis strategies for every public conflictkit type.

Requires hypothesis (the ``strategies`` extra: ``pip install ".[strategies]"``). Every strategy
produces valid instances that honour the cross-field rules, and :func:`datasets` produces datasets whose
references all resolve and whose evidence quotes match their documents, so
``dataset.problems() == ()``.

When conflictkit is installed, Hypothesis loads this module through its ``hypothesis`` entry point
and registers the strategies, so ``st.from_type(conflictkit.Actor)`` just works in your tests.

For your own subclasses, use :func:`instances_of`::

    st.register_type_strategy(Airstrike, conflictkit.strategies.instances_of(Airstrike))
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar


def _hypothesis_setup_hook() -> None:
    """Register the strategies with Hypothesis; called through Hypothesis's entry point.

    Importing this module imports Hypothesis, which calls the hook while this module is still
    loading, before the strategies exist: the module then registers them itself, at its end.
    """
    register = globals().get("_register_strategies")
    if register is not None:
        register()


# Imported after the hook: importing Hypothesis runs its entry points, which look the hook up
# while this module is still loading.
from hypothesis import strategies as st

from conflictkit.core.errors import ValidationError
from conflictkit.core.model import Model
from conflictkit.core.validation import fields_of
from conflictkit.dataset.dataset import Dataset
from conflictkit.records.actors import Actor, ActorKind
from conflictkit.records.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.records.documents import Document, sha256_of
from conflictkit.records.incidents import Incident, IncidentKind
from conflictkit.records.interactions import MODES_BY_KIND, Interaction, InteractionKind
from conflictkit.records.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.records.movements import MilitaryMovement, MovementKind, MovementStatus
from conflictkit.records.record import Record
from conflictkit.records.relations import EventRole, Relation, RelationKind, can_be_same_event
from conflictkit.records.statements import Statement, StatementChannel
from conflictkit.values.casualties import CASUALTY_FIGURES, Casualties
from conflictkit.values.contexts import EventContext
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.speech_acts import SpeechAct

__all__ = [
    "actors",
    "casualties",
    "coordinates",
    "datasets",
    "date_spans",
    "documents",
    "evidence",
    "ids",
    "incidents",
    "inferences",
    "instances_of",
    "interactions",
    "locations",
    "military_movements",
    "quantities",
    "records",
    "relations",
    "statements",
    "territorial_controls",
    "texts",
]

M = TypeVar("M", bound=Model)

_COUNTRIES = ("AF", "TJ", "RU", "UZ", "KZ", "CN", "US", "UA", "SY", "ML")
_SUBDIVISIONS = (("AF", "AF-BDS"), ("AF", "AF-BAL"), ("AF", "AF-KAB"), ("TJ", "TJ-GB"), ("UA", "UA-14"))
_WORDS = ("border", "forces", "Taliban", "reservists", "district", "‘Sunday’", "fled", "Dushanbe", "1,037")


def texts(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Non-blank strings of any Unicode text that JSON can carry (requires hypothesis)."""
    alphabet = st.characters(codec="utf-8", exclude_categories=["Cs"])
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda text: bool(text.strip()))


def ids(*, prefix: str | None = None) -> st.SearchStrategy[str]:
    """Record ids such as ``"actor:x1"`` (requires hypothesis)."""
    body = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,20}", fullmatch=True)
    return body if prefix is None else body.map(lambda text: f"{prefix}:{text}")


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _numbers() -> st.SearchStrategy[int | float]:
    return st.integers(0, 10**7) | st.floats(0, 1e7, allow_nan=False, allow_infinity=False)


@st.composite
def quantities(draw: st.DrawFn, *, units: st.SearchStrategy[str] | None = None) -> Quantity:
    """Quantities of every qualifier whose bounds are ordered (requires hypothesis)."""
    qualifier = draw(st.sampled_from(Qualifier))
    unit = draw(units if units is not None else st.sampled_from(("troops", "people", "districts")))
    text = draw(_optional(texts()))
    unnumbered_plural = qualifier.conservative_number is not None
    if qualifier is Qualifier.UNKNOWN or (unnumbered_plural and draw(st.booleans())):
        return Quantity(qualifier=qualifier, unit=unit, text=text)
    values = sorted(draw(st.lists(_numbers(), min_size=3, max_size=3)))
    low, best, high = values
    if qualifier is Qualifier.EXACT:
        bound = draw(_optional(st.just(best)))
        return Quantity(best=best, low=bound, high=bound, qualifier=qualifier, unit=unit, text=text)
    keep_low = qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST) or draw(st.booleans())
    keep_high = qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST) or draw(st.booleans())
    keep_best = draw(st.booleans()) or not (keep_low or keep_high)
    return Quantity(
        best=best if keep_best else None,
        low=low if keep_low else None,
        high=high if keep_high else None,
        qualifier=qualifier,
        unit=unit,
        text=text,
    )


@st.composite
def casualties(draw: st.DrawFn, *, sides: st.SearchStrategy[str] | None = None) -> Casualties:
    """Casualties of one side with whole-number figures, some not reported (requires hypothesis).

    ``sides`` gives the actor ids a side may be (by default, generated ids); a side may also be
    unspecified (``None``).
    """
    side = draw(_optional(sides if sides is not None else ids(prefix="actor")))
    return draw(_casualties_of(side))


@st.composite
def _casualties_of(draw: st.DrawFn, side: str | None) -> Casualties:
    whole = quantities(units=st.just("people")).filter(_is_whole)
    reported = draw(st.lists(st.sampled_from(CASUALTY_FIGURES), min_size=1, max_size=4, unique=True))
    return Casualties(side=side, **{figure: draw(whole) for figure in reported})


def _is_whole(quantity: Quantity) -> bool:
    numbers = (quantity.best, quantity.low, quantity.high)
    return all(number is None or float(number).is_integer() for number in numbers)


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    """Single days and spans with ``earliest <= latest`` (requires hypothesis)."""
    first, second = sorted(
        draw(st.lists(st.dates(date(1900, 1, 1), date(2100, 12, 31)), min_size=2, max_size=2))
    )
    latest = draw(st.sampled_from((first, second)))
    return DateSpan(
        earliest=first,
        latest=latest,
        precision=draw(st.sampled_from(DatePrecision)),
        text=draw(_optional(texts())),
    )


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points with latitude and longitude in range (requires hypothesis)."""
    return st.builds(
        Coordinates,
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
        precision=st.sampled_from(GeoPrecision),
    )


def inferences(*, fields: Sequence[str] = ("id",)) -> st.SearchStrategy[tuple[Inference, ...]]:
    """Tuples of inferences naming distinct fields from ``fields`` (requires hypothesis)."""
    return st.lists(st.sampled_from(tuple(fields)), unique=True, max_size=2).flatmap(
        lambda names: st.tuples(
            *(st.builds(Inference, field=st.just(name), reason=texts()) for name in names)
        )
    )


@st.composite
def evidence(
    draw: st.DrawFn,
    *,
    documents: st.SearchStrategy[Document] | None = None,
    actor_ids: st.SearchStrategy[str] | None = None,
) -> Evidence:
    """Evidence quoting an exact passage of a document that has text (requires hypothesis).

    ``documents`` gives the documents to quote (by default, freshly generated ones);
    ``actor_ids`` the ids used for ``reported_by`` and ``attributed_to``.
    """
    document = draw(documents if documents is not None else _documents_with_text())
    text = document.text or "text"
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        start, end = 0, len(text)
    outlet = actor_ids if actor_ids is not None else ids(prefix="actor")
    return Evidence(
        document=document.id,
        quote=text[start:end],
        start=start,
        end=end,
        reported_by=draw(_optional(outlet)),
        attributed_to=draw(_optional(outlet)),
    )


def _documents_with_text(*, id_strategy: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Document]:
    body = st.lists(st.sampled_from(_WORDS) | texts(max_size=12), min_size=1, max_size=12).map(" ".join)
    return st.builds(
        _document,
        id=id_strategy if id_strategy is not None else ids(prefix="doc"),
        title=texts(),
        text=body,
        published=_optional(date_spans()),
        with_hash=st.booleans(),
    )


def _document(*, id: str, title: str, text: str, published: DateSpan | None, with_hash: bool) -> Document:
    return Document(
        id=id, title=title, text=text, published=published, sha256=sha256_of(text) if with_hash else None
    )


def documents() -> st.SearchStrategy[Document]:
    """Documents with text, some with its SHA-256 (requires hypothesis)."""
    return _documents_with_text()


class _Pools:
    """The ids that references may use, so that generated records refer to existing records."""

    def __init__(
        self,
        actors: st.SearchStrategy[str] | None = None,
        locations: st.SearchStrategy[str] | None = None,
        records: st.SearchStrategy[str] | None = None,
        documents: st.SearchStrategy[Document] | None = None,
    ) -> None:
        self.actors = actors if actors is not None else ids(prefix="actor")
        self.locations = locations if locations is not None else ids(prefix="loc")
        self.records = records if records is not None else ids()
        self.documents = documents

    def with_locations(self, location_ids: list[str]) -> _Pools:
        """The same pools, with references to locations drawn from ``location_ids`` only."""
        locations = st.sampled_from(location_ids) if location_ids else st.nothing()
        return _Pools(self.actors, locations, self.records, self.documents)

    def evidence(self) -> st.SearchStrategy[tuple[Evidence, ...]]:
        one = evidence(documents=self.documents, actor_ids=self.actors)
        return st.lists(one, max_size=1).map(tuple)


def _record_base(
    draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str], fields: Sequence[str]
) -> dict[str, Any]:
    return {
        "id": draw(id_strategy),
        "evidence": draw(pools.evidence()),
        "inferred": draw(inferences(fields=fields)),
    }


@st.composite
def _actors(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Actor:
    return Actor(
        **_record_base(draw, pools, id_strategy, ("country", "title", "kind")),
        name=draw(texts()),
        kind=draw(st.sampled_from(ActorKind)),
        aliases=tuple(draw(st.lists(texts(), max_size=2))),
        country=draw(_optional(st.sampled_from(_COUNTRIES))),
        title=draw(_optional(texts())),
        affiliation=draw(_optional(pools.actors)),
        wikidata=draw(_optional(st.integers(1, 10**8).map(lambda n: f"Q{n}"))),
    )


def actors(
    *, ids: st.SearchStrategy[str] | None = None, affiliations: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Actor]:
    """Actors of every kind (requires hypothesis); ``affiliations`` gives the actor ids they may belong to."""
    pools = _Pools(actors=affiliations)
    return _actors(pools, ids if ids is not None else globals()["ids"](prefix="actor"))


@st.composite
def _locations(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Location:
    country, subdivision = draw(
        st.sampled_from(_SUBDIVISIONS) | st.tuples(_optional(st.sampled_from(_COUNTRIES)), st.none())
    )
    record_id = draw(id_strategy)
    parent = draw(_optional(pools.locations.filter(lambda parent: parent != record_id)))
    base = _record_base(draw, pools, st.just(record_id), ("subdivision", "country", "coordinates"))
    return Location(
        **base,
        name=draw(texts()),
        kind=draw(st.sampled_from(LocationKind)),
        country=country,
        subdivision=subdivision,
        parent=parent,
        coordinates=draw(_optional(coordinates())),
        geonames=draw(_optional(st.integers(1, 10**8))),
    )


def locations(
    *, ids: st.SearchStrategy[str] | None = None, parents: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Location]:
    """Locations with consistent country and subdivision codes (requires hypothesis)."""
    pools = _Pools(locations=parents)
    return _locations(pools, ids if ids is not None else globals()["ids"](prefix="loc"))


@st.composite
def _statements(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Statement:
    record_id = draw(id_strategy)
    quote = draw(_optional(texts()))
    act = draw(_optional(st.sampled_from(SpeechAct)))
    channels = _CONSULTING_CHANNELS if act is SpeechAct.CONSULT else tuple(StatementChannel)
    addressee = draw(pools.actors if act is SpeechAct.ASSURE else _optional(pools.actors))
    about = tuple(draw(st.lists(pools.records.filter(lambda about: about != record_id), max_size=3)))
    # Only a statement that is no act and names what it attributes can be an attribution.
    roles = tuple(EventRole) if act is None and about else _ROLES_BUT_ATTRIBUTION
    return Statement(
        **_record_base(draw, pools, st.just(record_id), ("date", "channel", "act")),
        speaker=draw(pools.actors),
        channel=draw(st.sampled_from(channels)),
        addressee=addressee,
        reported_by=draw(_optional(pools.actors)),
        date=draw(_optional(date_spans())),
        location=draw(_optional(pools.locations)),
        quote=quote,
        paraphrase=draw(texts() if quote is None else _optional(texts())),
        about=about,
        act=act,
        contexts=tuple(draw(st.lists(st.sampled_from(EventContext), max_size=2, unique=True))),
        role=draw(st.sampled_from(roles)),
    )


# The roles of event-like records other than statements: only statements can be attributions.
_ROLES_BUT_ATTRIBUTION = tuple(role for role in EventRole if role is not EventRole.ATTRIBUTION)


# The channels a consultation may come through (see Statement's rules for speech acts).
_CONSULTING_CHANNELS = (StatementChannel.PHONE_CALL, StatementChannel.MEETING, StatementChannel.UNSPECIFIED)


def statements(
    *, ids: st.SearchStrategy[str] | None = None, actors: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Statement]:
    """Statements with a quote, a paraphrase or both (requires hypothesis)."""
    return _statements(_Pools(actors=actors), ids if ids is not None else globals()["ids"](prefix="st"))


@st.composite
def _movements(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> MilitaryMovement:
    origin = draw(_optional(pools.locations))
    return MilitaryMovement(
        **_record_base(draw, pools, id_strategy, ("date", "size", "status")),
        actor=draw(pools.actors),
        kind=draw(st.sampled_from(MovementKind)),
        status=draw(st.sampled_from(MovementStatus)),
        origin=origin,
        destination=draw(_optional(pools.locations.filter(lambda destination: destination != origin))),
        ordered_by=draw(_optional(pools.actors)),
        permitted_by=draw(_optional(pools.actors)),
        size=draw(_optional(quantities())),
        date=draw(_optional(date_spans())),
        equipment=tuple(draw(st.lists(texts(), max_size=2, unique=True))),
        role=draw(st.sampled_from(_ROLES_BUT_ATTRIBUTION)),
    )


def military_movements(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[MilitaryMovement]:
    """Military movements of every kind and status (requires hypothesis)."""
    return _movements(_Pools(), ids if ids is not None else globals()["ids"](prefix="mv"))


@st.composite
def _controls(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> TerritorialControl:
    count = draw(_optional(quantities(units=st.just("districts"))))
    total = None
    if count is not None and draw(st.booleans()):
        fewest = next((n for n in (count.low, count.best, count.high) if n is not None), 0)
        total = Quantity(best=draw(st.integers(int(fewest) + 1, int(fewest) + 100)), unit="districts")
    return TerritorialControl(
        **_record_base(draw, pools, id_strategy, ("date", "method")),
        territory=draw(pools.locations),
        change=draw(st.sampled_from(ControlChange)),
        controller=draw(_optional(pools.actors)),
        previous_controller=draw(_optional(pools.actors)),
        method=draw(_optional(st.sampled_from(ControlMethod))),
        date=draw(_optional(date_spans())),
        count=count,
        total=total,
        role=draw(st.sampled_from(_ROLES_BUT_ATTRIBUTION)),
    )


def territorial_controls(
    *, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[TerritorialControl]:
    """Territorial control records, aggregate claims included (requires hypothesis)."""
    return _controls(_Pools(), ids if ids is not None else globals()["ids"](prefix="tc"))


@st.composite
def _incidents(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Incident:
    perpetrators = draw(st.lists(pools.actors, max_size=2, unique=True))
    targets = draw(st.lists(pools.actors.filter(lambda a: a not in perpetrators), max_size=2, unique=True))
    sides = draw(st.lists(_optional(pools.actors), max_size=3, unique=True))
    kind = draw(st.sampled_from(IncidentKind))
    location = pools.locations if kind is IncidentKind.TERRITORY_TAKEN else _optional(pools.locations)
    return Incident(
        **_record_base(draw, pools, id_strategy, ("date", "location", "perpetrators")),
        kind=kind,
        perpetrators=tuple(perpetrators),
        targets=tuple(targets),
        location=draw(location),
        date=draw(_optional(date_spans())),
        casualties=tuple(draw(_casualties_of(side)) for side in sides),
        weapons=tuple(draw(st.lists(texts(), max_size=2))),
        contexts=tuple(draw(st.lists(st.sampled_from(EventContext), max_size=2, unique=True))),
        role=draw(st.sampled_from(_ROLES_BUT_ATTRIBUTION)),
    )


def incidents(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Incident]:
    """Incidents of every kind, with casualties for some sides (requires hypothesis)."""
    return _incidents(_Pools(), ids if ids is not None else globals()["ids"](prefix="inc"))


@st.composite
def _interactions(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Interaction:
    kind = draw(st.sampled_from(InteractionKind))
    modes = sorted(MODES_BY_KIND[kind], key=lambda mode: mode.value)
    sources = draw(st.lists(pools.actors, min_size=1, max_size=2, unique=True))
    targets = draw(st.lists(pools.actors.filter(lambda a: a not in sources), max_size=2, unique=True))
    return Interaction(
        **_record_base(draw, pools, id_strategy, ("date", "mode", "targets")),
        kind=kind,
        sources=tuple(sources),
        targets=tuple(targets),
        mode=draw(_optional(st.sampled_from(modes))) if modes else None,
        contexts=tuple(draw(st.lists(st.sampled_from(EventContext), max_size=2, unique=True))),
        location=draw(_optional(pools.locations)),
        date=draw(_optional(date_spans())),
        size=draw(_optional(quantities(units=st.just("people")))),
        role=draw(st.sampled_from(_ROLES_BUT_ATTRIBUTION)),
    )


def interactions(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Interaction]:
    """Interactions of every kind, with a mode that fits the kind (requires hypothesis)."""
    return _interactions(_Pools(), ids if ids is not None else globals()["ids"](prefix="int"))


def _relation(
    draw: st.DrawFn, pools: _Pools, record_id: str, source: str, kind: RelationKind, target: str
) -> Relation:
    base = _record_base(draw, pools, st.just(record_id), ("kind",))
    if not base["evidence"] and not base["inferred"]:
        # A relation needs evidence or an inference; give it the inference.
        base["inferred"] = (Inference(field="kind", reason=draw(texts())),)
    return Relation(**base, source=source, kind=kind, target=target)


@st.composite
def _relations(draw: st.DrawFn, pools: _Pools, id_strategy: st.SearchStrategy[str]) -> Relation:
    source = draw(pools.records)
    target = draw(pools.records.filter(lambda target: target != source))
    return _relation(draw, pools, draw(id_strategy), source, draw(st.sampled_from(RelationKind)), target)


def relations(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Relation]:
    """Relations of every kind, with evidence or an inference (requires hypothesis).

    References need not resolve; :func:`datasets` draws relations that obey a dataset's rules.
    """
    return _relations(_Pools(), ids if ids is not None else globals()["ids"](prefix="rel"))


_ACYCLIC = frozenset({RelationKind.PART_OF, RelationKind.SUPERSEDES, RelationKind.DUPLICATE_OF})
"""The relation kinds whose links a sound dataset never closes into a cycle."""


@st.composite
def _dataset_relations(draw: st.DrawFn, pools: _Pools, linkable: Sequence[Record]) -> list[Relation]:
    # Relations that keep the dataset sound: same_event only between families that can be one
    # event, and part_of, supersedes and duplicate_of only from a later record to an earlier one,
    # so that their links never form a cycle.
    found: list[Relation] = []
    for index in range(draw(st.integers(0, 4)) if len(linkable) >= 2 else 0):
        first, second = sorted(
            draw(st.lists(st.integers(0, len(linkable) - 1), min_size=2, max_size=2, unique=True))
        )
        later, earlier = linkable[second], linkable[first]
        kinds: list[RelationKind] = [kind for kind in RelationKind if kind is not RelationKind.SAME_EVENT]
        if can_be_same_event(later, earlier):
            kinds.append(RelationKind.SAME_EVENT)
        kind = draw(st.sampled_from(kinds))
        source, target = (later, earlier) if kind in _ACYCLIC or draw(st.booleans()) else (earlier, later)
        found.append(_relation(draw, pools, f"rel:{index}", source.id, kind, target.id))
    return found


def records() -> st.SearchStrategy[Record]:
    """Records of every core type (requires hypothesis); references need not resolve."""
    return st.one_of(
        actors(),
        locations(),
        statements(),
        military_movements(),
        territorial_controls(),
        incidents(),
        interactions(),
        documents(),
        relations(),
    )


@st.composite
def datasets(draw: st.DrawFn, *, max_records: int = 10) -> Dataset:
    """Datasets whose references all resolve and whose quotes match (requires hypothesis).

    A dataset holds one or more documents, actors and locations, then up to ``max_records``
    statements, movements, control records, incidents and interactions referring to them, and
    relations between them that keep the dataset sound.
    """
    prefixes = ("doc", "actor", "loc")
    counts = [draw(st.integers(1, 3)) for _ in prefixes]
    doc_ids, actor_ids, location_ids = (
        [f"{p}:{i}" for i in range(n)] for p, n in zip(prefixes, counts, strict=True)
    )
    docs = [draw(_documents_with_text(id_strategy=st.just(doc_id))) for doc_id in doc_ids]
    pools = _Pools(
        actors=st.sampled_from(actor_ids),
        locations=st.sampled_from(location_ids),
        documents=st.sampled_from(docs),
    )
    people = [draw(_actors(pools, st.just(actor_id))) for actor_id in actor_ids]
    # A place's parent is one made before it, so that parents never form a cycle.
    places = [
        draw(_locations(pools.with_locations(location_ids[:n]), st.just(location_id)))
        for n, location_id in enumerate(location_ids)
    ]
    base: list[Record] = [*docs, *people, *places]
    pools.records = st.sampled_from([record.id for record in base])
    makers: list[Callable[[_Pools, st.SearchStrategy[str]], st.SearchStrategy[Record]]] = [
        _statements,
        _movements,
        _controls,
        _incidents,
        _interactions,
    ]
    size = draw(st.integers(0, max_records))
    extra = [draw(draw(st.sampled_from(makers))(pools, st.just(f"rec:{index}"))) for index in range(size)]
    links = draw(_dataset_relations(pools, [*people, *places, *extra]))
    return Dataset(records=[*base, *extra, *links], title=draw(_optional(texts())))


_CORE_STRATEGIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Quantity: quantities,
    DateSpan: date_spans,
    Coordinates: coordinates,
    Casualties: casualties,
    Evidence: evidence,
    Inference: lambda: st.builds(Inference, field=texts(), reason=texts()),
    Document: documents,
    Actor: actors,
    Location: locations,
    Statement: statements,
    MilitaryMovement: military_movements,
    TerritorialControl: territorial_controls,
    Incident: incidents,
    Interaction: interactions,
    Relation: relations,
    Record: records,
    Dataset: datasets,
}


def _core_base(cls: type) -> type:
    for base in cls.__mro__:
        if base in _CORE_STRATEGIES:
            return base
    raise TypeError(f"{cls.__qualname__} is not a subclass of a conflictkit type")


@st.composite
def _instances_of(draw: st.DrawFn, cls: type[M], overrides: dict[str, st.SearchStrategy[Any]]) -> M:
    core = _core_base(cls)
    base = draw(_CORE_STRATEGIES[core]())
    values = {field.name: getattr(base, field.name) for field in fields_of(core) if field.init}
    hints = typing.get_type_hints(cls)
    for field in fields_of(cls):
        if not field.init:
            continue
        if field.name in overrides:
            values[field.name] = draw(overrides[field.name])
        elif field.name not in values:
            values[field.name] = draw(st.from_type(hints[field.name]))
    try:
        return cls(**values)
    except ValidationError:
        from hypothesis import reject

        reject()


def instances_of(cls: type[M], **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[M]:
    """Valid instances of a subclass of a conflictkit type (requires hypothesis).

    The fields it inherits are drawn as for its conflictkit base class; each field it adds is
    drawn from the strategy passed under its name, else from ``st.from_type`` of its annotation.
    Draws that break the subclass's own rules are rejected, so pass strategies for constrained
    fields.
    """
    _core_base(cls)
    return _instances_of(cls, fields)


def _register_strategies() -> None:
    for cls, factory in _CORE_STRATEGIES.items():
        st.register_type_strategy(cls, factory())


_register_strategies()
