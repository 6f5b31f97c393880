"""conflictkit: a typed, immutable, validated schema for what news reports say about armed conflict.

Records (:class:`Actor`, :class:`Location`, :class:`Statement`, :class:`MilitaryMovement`,
:class:`TerritorialControl`, :class:`Document`) refer to each other by id inside a
:class:`Dataset`; value types (:class:`Quantity`, :class:`DateSpan`, :class:`Evidence`,
:class:`Coordinates`) keep the uncertainty and wording of what was reported.
"""

from conflictkit.actors import Actor, ActorKind
from conflictkit.control import ControlChange, ControlMethod, TerritorialControl
from conflictkit.countries import country_code, is_country_code, is_subdivision_code
from conflictkit.dataset import SCHEMA_VERSION, Dataset
from conflictkit.dates import DatePrecision, DateSpan
from conflictkit.documents import Document, sha256_of
from conflictkit.errors import (
    ConflictkitError,
    Problem,
    SchemaVersionError,
    TypeTagError,
    ValidationError,
)
from conflictkit.evidence import Evidence, Inference
from conflictkit.json_schema import json_schema
from conflictkit.jsonl import iter_jsonl, iter_jsonl_results
from conflictkit.loader import load_dataset
from conflictkit.locations import Coordinates, GeoPrecision, Location, LocationKind
from conflictkit.model import Model, registered_types, type_tag_of
from conflictkit.movements import MilitaryMovement, MovementKind, MovementStatus
from conflictkit.opaque import OpaqueRecord
from conflictkit.quantities import Qualifier, Quantity
from conflictkit.records import Record
from conflictkit.relative_dates import candidate_years, resolve_date_phrase
from conflictkit.seed import load_seed, seed_document, seed_report_text
from conflictkit.serialization import (
    configure_converter,
    converter,
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from conflictkit.statements import Statement, StatementChannel

__version__ = "0.1.0"
"""The version of this release."""

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "ConflictkitError",
    "ControlChange",
    "ControlMethod",
    "Coordinates",
    "Dataset",
    "DatePrecision",
    "DateSpan",
    "Document",
    "Evidence",
    "GeoPrecision",
    "Inference",
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
    "Record",
    "SchemaVersionError",
    "Statement",
    "StatementChannel",
    "TerritorialControl",
    "TypeTagError",
    "ValidationError",
    "__version__",
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
    "seed_document",
    "seed_report_text",
    "sha256_of",
    "to_dict",
    "to_json",
    "type_tag_of",
]
