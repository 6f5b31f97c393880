from __future__ import annotations

import pytest

import conflictkit as ck


@pytest.mark.parametrize("given", ["Tajikistan", "TJK", "TJ", "tj", "762", " Tajikistan "])
def test_country_code_accepts_names_and_codes(given: str) -> None:
    assert ck.country_code(given) == "TJ"


def test_country_code_rejects_unknown_names() -> None:
    with pytest.raises(ck.ValidationError, match="no country matches 'Atlantis'"):
        ck.country_code("Atlantis")


def test_subdivision_codes() -> None:
    assert ck.is_subdivision_code("AF-BDS")
    assert ck.is_subdivision_code("TJ-GB")
    assert not ck.is_subdivision_code("AF-XXX")
    assert ck.is_country_code("AF")
    assert not ck.is_country_code("AFG")
    assert not ck.is_country_code("XX")
