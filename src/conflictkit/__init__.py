"""conflictkit: a typed, immutable, validated schema for what news reports say about armed conflict.

>>> import conflictkit as ck
>>> seed = ck.load_seed()  # the bundled dataset, built from a Reuters report of July 2021
>>> [movement.kind.value for movement in seed.of_type(ck.MilitaryMovement)][:3]
['mobilization', 'border_crossing', 'border_crossing']
>>> seed.validate() is seed  # or a ValidationError that lists every problem
True
>>> ck.from_json(ck.to_json(seed), ck.Dataset) == seed  # to JSON and back, losslessly
True

load_seed() returns that Dataset. Records (Actor, Location, Statement, MilitaryMovement,
TerritorialControl, Incident, Interaction, Document, Relation) refer to each other by id inside a
Dataset, which groups the claims about one happening into events (Dataset.events()); value types
(Quantity, DateSpan, Evidence, Coordinates, Casualties) keep the uncertainty and wording of what
was reported. Every record is immutable and checked when it is made; to_json(), from_json(),
to_dict() and from_dict() convert them strictly. dir(conflictkit) lists the public names.
"""

import sys as _sys
import typing as _typing

from conflictkit.core.errors import (
    CellProblem,
    ConflictkitError,
    DefinitionError,
    Problem,
    SchemaVersionError,
    TabularError,
    TypeTagError,
    ValidationError,
)
from conflictkit.core.model import Model, registered_types, type_tag_of
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.dataset.events import Event, ReconciledFigure, SourcedFigure
from conflictkit.records.actors import Actor, ActorKind
from conflictkit.records.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.records.documents import Document, sha256_of
from conflictkit.records.incidents import Incident, IncidentKind
from conflictkit.records.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.records.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.records.movements import MilitaryMovement, MovementKind, MovementStatus
from conflictkit.records.opaque import OpaqueRecord
from conflictkit.records.record import Record
from conflictkit.records.relations import EventLike, EventRole, Relation, RelationKind, can_be_same_event
from conflictkit.records.statements import Statement, StatementChannel
from conflictkit.values.casualties import Casualties, total_casualties
from conflictkit.values.contexts import EventContext
from conflictkit.values.countries import country_code, is_country_code, is_subdivision_code
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.speech_acts import SpeechAct

# The schema itself is imported with the package; the formats and the files (the converter and
# cattrs, the JSON Schema, JSON Lines, the loader and its SQLite check), the checklist, the seed and
# relative dates are imported when one of their names is first used (PEP 562), so that
# ``import conflictkit`` stays quick. Type checkers see them all.
if _typing.TYPE_CHECKING:
    from conflictkit.dataset.checklist import Checklist, Claim, ClaimCapture, ClaimCoverage, ClaimStatus
    from conflictkit.io.converter import (
        configure_converter,
        converter,
        from_dict,
        from_json,
        make_converter,
        to_dict,
        to_json,
    )
    from conflictkit.io.files import load_dataset
    from conflictkit.io.json_schema import json_schema
    from conflictkit.io.jsonl import iter_jsonl, iter_jsonl_results
    from conflictkit.seed import load_seed, seed_checklist, seed_document, seed_report_text
    from conflictkit.values.relative_dates import candidate_years, resolve_date_phrase

_LAZY = {
    **dict.fromkeys(
        ("Checklist", "Claim", "ClaimCapture", "ClaimCoverage", "ClaimStatus"),
        "conflictkit.dataset.checklist",
    ),
    **dict.fromkeys(
        (
            "configure_converter",
            "converter",
            "from_dict",
            "from_json",
            "make_converter",
            "to_dict",
            "to_json",
        ),
        "conflictkit.io.converter",
    ),
    "load_dataset": "conflictkit.io.files",
    "json_schema": "conflictkit.io.json_schema",
    "iter_jsonl": "conflictkit.io.jsonl",
    "iter_jsonl_results": "conflictkit.io.jsonl",
    **dict.fromkeys(("load_seed", "seed_checklist", "seed_document", "seed_report_text"), "conflictkit.seed"),
    "candidate_years": "conflictkit.values.relative_dates",
    "resolve_date_phrase": "conflictkit.values.relative_dates",
}
"""The public names imported on first use, and the modules that define them."""

_SUBPACKAGES = ("io", "seed")


def __getattr__(name: str) -> _typing.Any:
    """Import a public name of :data:`_LAZY` on first use (the import system's lock makes it thread-safe)."""
    import importlib

    if name in _SUBPACKAGES:  # imported with the package before names were imported on first use
        return importlib.import_module(f"{__name__}.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use finds it without this function
    return value


# Before the package was laid out by layer, these modules sat at its root, and pickles made then
# name their classes and enums by those paths (``conflictkit.actors.Actor``). The old names stay
# importable, as aliases of the modules that now hold the same objects, so those pickles still load.
_FORMER_MODULES = {
    "actors": "records.actors",
    "casualties": "values.casualties",
    "contexts": "values.contexts",
    "control": "records.control",
    "dates": "values.dates",
    "documents": "records.documents",
    "errors": "core.errors",
    "events": "dataset.events",
    "evidence": "values.evidence",
    "incidents": "records.incidents",
    "interactions": "records.interactions",
    "locations": "records.locations",
    "model": "core.model",
    "movements": "records.movements",
    "opaque": "records.opaque",
    "quantities": "values.quantities",
    "relations": "records.relations",
    "speech_acts": "values.speech_acts",
    "statements": "records.statements",
}
for _former, _current in _FORMER_MODULES.items():
    _sys.modules.setdefault(f"{__name__}.{_former}", _sys.modules[f"{__name__}.{_current}"])
del _former, _current

__version__ = "0.1.0"
"""The version of this release."""

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Casualties",
    "CellProblem",
    "Checklist",
    "Claim",
    "ClaimCapture",
    "ClaimCoverage",
    "ClaimStatus",
    "ConflictkitError",
    "ControlChange",
    "ControlMethod",
    "Coordinates",
    "Dataset",
    "DatePrecision",
    "DateSpan",
    "DefinitionError",
    "Document",
    "Event",
    "EventContext",
    "EventLike",
    "EventRole",
    "Evidence",
    "GeoPrecision",
    "Incident",
    "IncidentKind",
    "Inference",
    "Interaction",
    "InteractionKind",
    "InteractionMode",
    "Location",
    "LocationKind",
    "MilitaryMovement",
    "Model",
    "MovementKind",
    "MovementStatus",
    "OpaqueRecord",
    "Problem",
    "Qualifier",
    "Quantity",
    "ReconciledFigure",
    "Record",
    "Relation",
    "RelationKind",
    "SchemaVersionError",
    "SourcedFigure",
    "SpeechAct",
    "Statement",
    "StatementChannel",
    "TabularError",
    "TerritorialControl",
    "TypeTagError",
    "ValidationError",
    "__version__",
    "can_be_same_event",
    "candidate_years",
    "configure_converter",
    "converter",
    "country_code",
    "from_dict",
    "from_json",
    "is_country_code",
    "is_subdivision_code",
    "iter_jsonl",
    "iter_jsonl_results",
    "json_schema",
    "load_dataset",
    "load_seed",
    "make_converter",
    "registered_types",
    "resolve_date_phrase",
    "seed_checklist",
    "seed_document",
    "seed_report_text",
    "sha256_of",
    "to_dict",
    "to_json",
    "total_casualties",
    "type_tag_of",
]


def __dir__() -> list[str]:
    """The public names, as ``__all__`` lists them: the submodules that define them are left out."""
    return sorted(__all__)
