"""ISO 3166 country and subdivision codes, checked against pycountry.

pycountry's tables take a noticeable time to load, so they are read on the first lookup, never
at import. The code checks use sets built once from them; every cache here is bounded.
"""

from __future__ import annotations

import functools
from typing import Any

from conflictkit.core.errors import ValidationError
from conflictkit.core.validation import PATTERN_END, shown, with_json_schema

__all__ = ["country_code", "is_country_code", "is_subdivision_code"]


def _pycountry() -> Any:
    import pycountry  # deferred: loading its databases would slow down `import conflictkit`

    return pycountry


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(str(country.alpha_2) for country in _pycountry().countries)


@functools.cache
def _subdivision_codes() -> frozenset[str]:
    # The exact codes, in upper case: pycountry's own lookup ignores case, ISO 3166-2 does not.
    return frozenset(str(subdivision.code) for subdivision in _pycountry().subdivisions)


# The checks look codes up in these sets instead of caching each answer: a cache of every value
# ever checked grew without bound on junk input (and on a stream of it, broke constant memory).


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (upper case), e.g. ``"TJ"``.

    >>> is_country_code("TJ"), is_country_code("TJK"), is_country_code("tj")
    (True, False, False)
    """
    return code in _country_codes()


def is_subdivision_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-2 subdivision code (upper case), e.g. ``"AF-BDS"`` (Badakhshan).

    >>> is_subdivision_code("AF-BDS"), is_subdivision_code("AF-XXX"), is_subdivision_code("af-bds")
    (True, False, False)
    """
    return code in _subdivision_codes()


@functools.lru_cache(maxsize=1024)  # bounded: names come from input, and input can be junk
def country_code(name_or_code: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country given by name or by alpha-2, alpha-3 or numeric code.

    >>> country_code("Tajikistan"), country_code("TJK"), country_code("tj"), country_code("762")
    ('TJ', 'TJ', 'TJ', 'TJ')
    >>> country_code("Atlantis")
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $: no country matches 'Atlantis'
    """
    countries = _pycountry().countries
    text = name_or_code.strip()
    for key in ("alpha_2", "alpha_3", "numeric"):
        found = countries.get(**{key: text.upper()})
        if found is not None:
            return str(found.alpha_2)
    try:
        return str(countries.lookup(text).alpha_2)
    except LookupError:
        pass
    try:
        matches = countries.search_fuzzy(text)
    except LookupError:
        matches = []
    if len(matches) == 1:
        return str(matches[0].alpha_2)
    raise ValidationError.at(f"no country matches {shown(name_or_code)}")


def country_rule(value: str) -> str | None:
    """Value rule: an ISO 3166-1 alpha-2 code (see :func:`country_code` to convert names)."""
    if is_country_code(value):
        return None
    return f"must be an ISO 3166-1 alpha-2 country code such as 'TJ', got {shown(value)}"


def subdivision_rule(value: str) -> str | None:
    """Value rule: an ISO 3166-2 subdivision code such as ``'AF-BDS'``."""
    if is_subdivision_code(value):
        return None
    return f"must be an ISO 3166-2 subdivision code such as 'AF-BDS', got {shown(value)}"


def _country_code_keywords() -> dict[str, Any]:
    # The whole list is small enough to embed, so a JSON Schema checks country codes exactly.
    return {"enum": sorted(str(country.alpha_2) for country in _pycountry().countries)}


with_json_schema(country_rule, _country_code_keywords)
# Over 5,000 subdivision codes would swamp the schema: it checks their form, the library the list.
with_json_schema(subdivision_rule, {"pattern": f"^[A-Z]{{2}}-[A-Z0-9]{{1,3}}{PATTERN_END}"})
