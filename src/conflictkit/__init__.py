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
from conflictkit.dataset.checklist import Checklist, Claim, ClaimCapture, ClaimCoverage, ClaimStatus
from conflictkit.dataset.dataset import SCHEMA_VERSION, Dataset
from conflictkit.dataset.events import Event, ReconciledFigure, SourcedFigure
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
from conflictkit.seed import load_seed, seed_checklist, seed_document, seed_report_text
from conflictkit.values.casualties import Casualties, total_casualties
from conflictkit.values.contexts import EventContext
from conflictkit.values.countries import country_code, is_country_code, is_subdivision_code
from conflictkit.values.dates import DatePrecision, DateSpan
from conflictkit.values.evidence import Evidence, Inference
from conflictkit.values.quantities import Qualifier, Quantity
from conflictkit.values.relative_dates import candidate_years, resolve_date_phrase
from conflictkit.values.speech_acts import SpeechAct

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
