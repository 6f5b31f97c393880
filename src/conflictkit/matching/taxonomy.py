"""User taxonomies: which kinds, actor names and actor kinds a user counts as alike, as MELTT has.

The built-in judgement of kinds goes through the crosswalks' category tables (ACLED, UCDP GED,
PLOVER). A :class:`Taxonomy` says instead, or besides, which kinds belong together for a study:
each kind is mapped to its category at each level, finest first, and two kinds agree at the first
level where their categories are equal, with that level's score. Where the taxonomy maps both
kinds of a pair it decides alone; a pair with a kind it does not map is judged by the built-in
tables. It can also make actor names one (aliases the sources spell apart) and actor kinds one (a
government and its armed forces as one side).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from conflictkit.core.errors import did_you_mean
from conflictkit.matching.errors import MatchingError
from conflictkit.matching.features import normalised
from conflictkit.records.actors import ActorKind
from conflictkit.records.control import ControlChange
from conflictkit.records.incidents import IncidentKind
from conflictkit.records.interactions import InteractionKind
from conflictkit.records.movements import MovementKind
from conflictkit.values.speech_acts import SpeechAct

__all__ = ["KINDS", "Taxonomy", "path_agreement"]

KINDS: frozenset[str] = frozenset(
    member.value
    for vocabulary in (IncidentKind, InteractionKind, MovementKind, ControlChange, SpeechAct)
    for member in vocabulary
)
"""The kinds a taxonomy may map: the values of the event records' kinds, changes and speech acts."""

_ACTOR_KINDS = frozenset(kind.value for kind in ActorKind)
_FIELDS = ("kinds", "scores", "actor_names", "actor_kinds")


def _frozen_kinds(value: object) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType(
            {key: tuple(path) if isinstance(path, (list, tuple)) else path for key, path in value.items()}
        )
    return value


def _frozen_mapping(value: object) -> Any:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


def _frozen_scores(value: object) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


@attrs.frozen(kw_only=True, unsafe_hash=False)
class Taxonomy:
    r"""Which kinds (and actor names and kinds) count as alike, level by level, finest first.

    Validated at construction: every problem is reported at once, in one
    :class:`~conflictkit.matching.MatchingError`, each naming its place.

    >>> from conflictkit.matching import Taxonomy
    >>> remote = Taxonomy(kinds={
    ...     "air_strike": ("remote violence", "violence"),
    ...     "shelling": ("remote violence", "violence"),
    ...     "armed_clash": ("battle", "violence"),
    ... })
    >>> remote.agreement("air_strike", "shelling")
    (0.6, "same category 'remote violence' in the taxonomy (air_strike / shelling)")
    >>> remote.agreement("air_strike", "armed_clash")
    (0.3, "same category 'violence' in the taxonomy, level 2 (air_strike / armed_clash)")
    >>> remote.agreement("air_strike", "abduction") is None  # not mapped: the built-in tables judge
    True
    >>> from conflictkit.matching import MatchingError
    >>> try:
    ...     Taxonomy(kinds={"air_strik": ("remote", "violence")}, scores=(0.5, 0.5, 0.2))
    ... except MatchingError as error:
    ...     print(*str(error).split("; "), sep="\n")
    taxonomy: kinds['air_strik']: not a kind (did you mean 'air_strike'?)
    kinds['air_strik']: gives 2 categories, one per level of scores (3) needed
    """

    kinds: Mapping[str, tuple[str, ...]] = attrs.field(converter=_frozen_kinds)
    """Each kind (an :class:`~conflictkit.IncidentKind`, :class:`~conflictkit.MovementKind`, ...
    value, see :data:`~conflictkit.matching.taxonomy.KINDS`) and its category at each level,
    finest first: as many as :attr:`scores` has levels."""

    scores: tuple[float, ...] = attrs.field(default=(0.6, 0.3), converter=_frozen_scores)
    """The kind agreement (0 to 1) of two kinds whose categories are first equal at each level,
    finest first, never rising from one level to the next; two kinds the taxonomy maps that share
    no category agree 0, and one kind with itself 1."""

    actor_names: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    """Actor names (compared folded: case, accents and punctuation aside) and the group each
    belongs to: two actors whose names or aliases fall in one group have names that agree fully."""

    actor_kinds: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    """:class:`~conflictkit.ActorKind` values and the group each belongs to: two actors whose kinds
    fall in one group have kinds that agree (an unmapped kind is a group of its own)."""

    _names: Mapping[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = [*self._scores_problems(), *self._kinds_problems(), *self._actor_problems()]
        if problems:
            raise MatchingError("taxonomy: " + "; ".join(problems))
        object.__setattr__(
            self,
            "_names",
            MappingProxyType({normalised(name): group for name, group in self.actor_names.items()}),
        )

    def _scores_problems(self) -> Iterable[str]:
        scores: object = self.scores
        if not isinstance(scores, tuple) or not scores:
            yield f"scores: must be a list of one score or more, got {scores!r}"
            return
        for level, score in enumerate(scores):
            if (
                isinstance(score, bool)
                or not isinstance(score, (int, float))
                or not math.isfinite(score)
                or not 0 <= score <= 1
            ):
                yield f"scores[{level}]: must be a score from 0 to 1, got {score!r}"
            elif level and _is_score(scores[level - 1]) and score > scores[level - 1]:
                finer = scores[level - 1]
                yield f"scores[{level}]: must not be above the finer level's {finer!r}, got {score!r}"

    def _kinds_problems(self) -> Iterable[str]:
        kinds: object = self.kinds  # as given: the converter leaves what is no mapping alone
        if not isinstance(kinds, Mapping):
            yield f"kinds: must map kinds to their categories, got {type(kinds).__name__}"
            return
        if not kinds:
            yield "kinds: must map at least one kind"
        levels = len(self.scores) if isinstance(self.scores, tuple) else None
        for kind, path in kinds.items():
            if kind not in KINDS:
                yield f"kinds[{kind!r}]: not a kind{did_you_mean(kind, sorted(KINDS))}"
            if not isinstance(path, tuple) or not all(_is_text(category) for category in path):
                yield f"kinds[{kind!r}]: must be a list of category names, got {path!r}"
            elif levels is not None and len(path) != levels:
                yield (
                    f"kinds[{kind!r}]: gives {len(path)} categories, one per level of scores "
                    f"({levels}) needed"
                )

    def _actor_problems(self) -> Iterable[str]:
        for field, known in (("actor_names", None), ("actor_kinds", _ACTOR_KINDS)):
            mapping: object = getattr(self, field)
            if not isinstance(mapping, Mapping):
                yield f"{field}: must map names to groups, got {type(mapping).__name__}"
                continue
            for key, group in mapping.items():
                if not _is_text(key):
                    yield f"{field}: keys must be non-empty text, got {key!r}"
                elif known is not None and key not in known:
                    yield f"{field}[{key!r}]: not an actor kind{did_you_mean(key, sorted(known))}"
                if not _is_text(group):
                    yield f"{field}[{key!r}]: the group must be non-empty text, got {group!r}"

    def path(self, kind: str) -> tuple[str, ...] | None:
        """A kind's categories, finest first, or ``None`` if the taxonomy does not map it."""
        return self.kinds.get(kind)

    def agreement(self, first: str, second: str) -> tuple[float, str] | None:
        """How far two kinds agree in the taxonomy, and why; ``None`` unless it maps both."""
        return path_agreement(self.path(first), self.path(second), self.scores, first, second)

    def name_group(self, names: Iterable[str]) -> str | None:
        """The group of the first of an actor's names the taxonomy holds, or ``None``."""
        for name in names:
            group = self._names.get(normalised(name))
            if group is not None:
                return group
        return None

    def kind_group(self, kind: str) -> str:
        """The group of an actor kind: the one the taxonomy gives it, else the kind itself."""
        group = self.actor_kinds.get(kind)
        return f"group {group}" if group is not None else kind

    @classmethod
    def from_dict(cls, value: object) -> Taxonomy:
        """A taxonomy from a JSON object with the fields as keys (``kinds``; optionally the others).

        An unknown key is an error, as everywhere in conflictkit.
        """
        if not isinstance(value, Mapping):
            raise MatchingError(f"taxonomy: must be a JSON object, got {type(value).__name__}")
        unknown = [key for key in value if key not in _FIELDS]
        if unknown:
            raise MatchingError(
                "taxonomy: "
                + "; ".join(f"{key}: not a field{did_you_mean(key, _FIELDS)}" for key in map(str, unknown))
            )
        if "kinds" not in value:
            raise MatchingError("taxonomy: kinds: missing (each kind's categories, finest first)")
        fields: dict[str, Any] = {str(key): item for key, item in value.items()}
        return cls(**fields)

    @classmethod
    def from_json(cls, text: str | bytes) -> Taxonomy:
        """A taxonomy from JSON text (see :meth:`from_dict`)."""
        try:
            value = json.loads(text)
        except ValueError as error:
            raise MatchingError(f"taxonomy: not JSON: {error}") from None
        return cls.from_dict(value)


def _is_score(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def path_agreement(
    first: tuple[str, ...] | None,
    second: tuple[str, ...] | None,
    scores: tuple[float, ...],
    first_kind: str,
    second_kind: str,
) -> tuple[float, str] | None:
    """The agreement of two kinds' taxonomy categories (the first level where they are equal) and why.

    ``None`` when a kind has no categories (the taxonomy leaves the pair to the built-in tables).
    """
    if first is None or second is None:
        return None
    for level, (one, other) in enumerate(zip(first, second, strict=True)):
        if one == other:
            where = "" if level == 0 else f", level {level + 1}"
            return float(scores[level]), (
                f"same category {one!r} in the taxonomy{where} ({first_kind} / {second_kind})"
            )
    return 0.0, f"different categories in the taxonomy ({first_kind} / {second_kind})"
