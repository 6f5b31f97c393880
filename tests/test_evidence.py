"""Evidence.locate: finding a quote in a document's text, or in the Document itself."""

from __future__ import annotations

import pytest

import conflictkit as ck
from conflictkit import Document, Evidence

TEXT = "He said “there’s nowhere to go” twice: nowhere."
REPORT = Document(id="doc:r", title="Report", publisher="Reuters", text=TEXT)


def test_locate_takes_the_document_itself() -> None:
    found = Evidence.locate(REPORT, "nowhere", occurrence=2, reported_by="actor:reuters")
    assert found == Evidence.locate(
        TEXT, "nowhere", document="doc:r", occurrence=2, reported_by="actor:reuters"
    )
    assert TEXT[found.start : found.end] == "nowhere"
    assert ck.Dataset(records=[REPORT]).problems() == ()


def test_locate_with_a_document_agrees_with_its_id() -> None:
    assert Evidence.locate(REPORT, "He said", document="doc:r").document == "doc:r"
    with pytest.raises(
        ValueError, match=r"document='doc:other' is not the id of the Document given \('doc:r'\)"
    ):
        Evidence.locate(REPORT, "He said", document="doc:other")


def test_locate_needs_text_to_search() -> None:
    hashed = Document(id="doc:h", title="Hashed", sha256=ck.sha256_of(TEXT))
    with pytest.raises(ck.ValidationError, match="'doc:h' has no text to find the quote in"):
        Evidence.locate(hashed, "He said")
    with pytest.raises(TypeError, match="needs document="):
        Evidence.locate(TEXT, "He said")


def test_locate_refuses_an_ambiguous_quote_unless_an_occurrence_is_given() -> None:
    text = "They crossed on Sunday; on Sunday they were disarmed."
    with pytest.raises(ck.ValidationError, match=r"'Sunday' occurs 2 times .* give occurrence= \(1 to 2\)"):
        ck.Evidence.locate(text, "Sunday", document="doc:1")
    second = ck.Evidence.locate(text, "Sunday", document="doc:1", occurrence=2)
    assert text[second.start : second.end] == "Sunday"
    assert second.start == text.rindex("Sunday")
    assert ck.Evidence.locate(text, "crossed", document="doc:1").start == text.index("crossed")
    with pytest.raises(ck.ValidationError, match="occurs 2 times"):
        ck.Evidence.locate("aaa", "aa", document="doc:1")  # overlapping appearances count
