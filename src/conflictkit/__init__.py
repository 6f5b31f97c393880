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

from conflictkit.actors import Actor, ActorKind
from conflictkit.casualties import Casualties, total_casualties
from conflictkit.checklist import Checklist, Claim, ClaimCapture, ClaimCoverage, ClaimStatus
from conflictkit.contexts import EventContext
from conflictkit.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.countries import country_code, is_country_code, is_subdivision_code
from conflictkit.dataset import SCHEMA_VERSION, Dataset
from conflictkit.dates import DatePrecision, DateSpan
from conflictkit.documents import Document, sha256_of
from conflictkit.errors import (
    CellProblem,
    ConflictkitError,
    DefinitionError,
    Problem,
    SchemaVersionError,
    TabularError,
    TypeTagError,
    ValidationError,
)
from conflictkit.events import Event, ReconciledFigure, SourcedFigure
from conflictkit.evidence import Evidence, Inference
from conflictkit.incidents import Incident, IncidentKind
from conflictkit.interactions import Interaction, InteractionKind, InteractionMode
from conflictkit.json_schema import json_schema
from conflictkit.jsonl import iter_jsonl, iter_jsonl_results
from conflictkit.loader import load_dataset
from conflictkit.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.model import Model, registered_types, type_tag_of
from conflictkit.movements import MilitaryMovement, MovementKind, MovementStatus
from conflictkit.opaque import OpaqueRecord
from conflictkit.quantities import Qualifier, Quantity
from conflictkit.records import Record
from conflictkit.relations import EventLike, EventRole, Relation, RelationKind, can_be_same_event
from conflictkit.relative_dates import candidate_years, resolve_date_phrase
from conflictkit.seed import load_seed, seed_checklist, seed_document, seed_report_text
from conflictkit.serialization import (
    configure_converter,
    converter,
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from conflictkit.speech_acts import SpeechAct
from conflictkit.statements import Statement, StatementChannel

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
