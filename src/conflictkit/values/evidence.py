"""Where a record's facts come from: verbatim quotes located in a source document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import attrs

from conflictkit.core.errors import Problem, ValidationError
from conflictkit.core.model import Model
from conflictkit.core.validation import non_empty, non_negative, rules, shown
from conflictkit.values.references import reference

__all__ = ["Evidence", "Inference", "QuotedText"]


class QuotedText(Protocol):
    """What :meth:`conflictkit.Evidence.locate` needs of a document: its id and its text.

    :class:`~conflictkit.Document` is one. Evidence, a value, does not depend on the record type.
    """

    @property
    def id(self) -> str:
        """The document's id."""

    @property
    def text(self) -> str | None:
        """The document's text, or ``None`` when only its hash is kept."""


@attrs.frozen(kw_only=True)
class Evidence(Model):
    """A verbatim quote from a document that supports a record, located by code-point offsets.

    ``document_text[start:end] == quote`` must hold; offsets count code points (Python ``str``
    indices), not bytes, because reports use curly quotes and other non-ASCII characters.
    :meth:`conflictkit.Dataset.problems` checks the quote against the document's text.

    >>> text = "Tajikistan’s President Rahmon on Monday (July 5) ordered the mobilization"
    >>> Evidence.locate(text, "ordered the mobilization", document="doc1").start
    49

    Given the :class:`~conflictkit.Document` itself, it takes the text and the id from it:

    >>> from conflictkit import Document
    >>> report = Document(id="doc:reuters", title="Tajikistan mobilises", text=text)
    >>> Evidence.locate(report, "ordered the mobilization").document
    'doc:reuters'
    """

    document: str = attrs.field(metadata=reference("document"))
    """Id of the :class:`~conflictkit.Document` quoted."""

    quote: str = attrs.field(metadata=rules(non_empty))
    """The supporting passage, copied exactly."""

    start: int = attrs.field(metadata=rules(non_negative))
    """Offset of the quote's first code point in the document's text."""

    end: int
    """Offset just past the quote's last code point: ``start + len(quote)``."""

    reported_by: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the outlet that reported it (an :class:`~conflictkit.Actor`), e.g. Reuters."""

    attributed_to: str | None = attrs.field(default=None, metadata=reference("actor"))
    """Id of the party the report attributes it to, e.g. the Tajikistan Border Service."""

    @classmethod
    def locate(
        cls,
        text: str | QuotedText,
        quote: str,
        *,
        document: str | None = None,
        occurrence: int | None = None,
        reported_by: str | None = None,
        attributed_to: str | None = None,
    ) -> Evidence:
        """Evidence for the appearance of ``quote`` in ``text``: its only one, or the ``occurrence``-th.

        ``text`` is the document's text, with ``document`` its id, or the
        :class:`~conflictkit.Document` itself, which gives both. A quote that appears more than
        once is ambiguous: without ``occurrence`` (counting from 1) it is refused, never matched
        to its first appearance by chance. Raises :class:`~conflictkit.ValidationError` if the quote
        is ambiguous, does not occur (that often), or if the document has no text (only its hash)
        to find it in.

        >>> Evidence.locate("Sunday, and again on Sunday", "Sunday", document="doc:1")
        Traceback (most recent call last):
        ...
        conflictkit.core.errors.ValidationError: 1 problem:
          $.quote: 'Sunday' occurs 2 times in document 'doc:1': give occurrence= (1 to 2)
        >>> Evidence.locate("Sunday, and again on Sunday", "Sunday", document="doc:1", occurrence=2).start
        21
        """
        text, document = _text_and_id(text, document)
        if occurrence is None:
            count = _appearances(text, quote)
            if count > 1:
                raise ValidationError.at(
                    f"{shown(quote)} occurs {count} times in document {shown(document)}: "
                    f"give occurrence= (1 to {count})",
                    "quote",
                )
            occurrence = 1
        start = -1
        for _ in range(occurrence):
            start = text.find(quote, start + 1)
            if start < 0:
                raise ValidationError.at(
                    f"occurrence {occurrence} of {shown(quote)} not found in document {shown(document)}",
                    "quote",
                )
        return cls(
            document=document,
            quote=quote,
            start=start,
            end=start + len(quote),
            reported_by=reported_by,
            attributed_to=attributed_to,
        )

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        return self.end == self.start + len(self.quote)

    def consistency_problems(self) -> Iterator[Problem]:
        """``end`` is ``start`` plus the quote's length."""
        yield from super().consistency_problems()
        if self.end != self.start + len(self.quote):
            yield Problem(
                path=("end",),
                message=f"must be start + len(quote) = {self.start + len(self.quote)}, got {self.end}",
            )


def _text_and_id(source: str | QuotedText, document: str | None) -> tuple[str, str]:
    if isinstance(source, str):
        if document is None:
            raise TypeError("Evidence.locate() needs document=, the id of the document the text is from")
        return source, document
    if document is not None and document != source.id:
        raise ValueError(f"document={document!r} is not the id of the Document given ({source.id!r})")
    if source.text is None:
        raise ValidationError.at(
            f"document {source.id!r} has no text to find the quote in, only its hash", "quote"
        )
    return source.text, source.id


@attrs.frozen(kw_only=True)
class Inference(Model):
    """A note that a field's value is inferred rather than stated, and why.

    Reports leave things implicit (the year, an ISO code, which Monday); a record marks each such
    field so that a reader can tell what the source says from what the dataset adds.
    """

    field: str = attrs.field(metadata=rules(non_empty))
    """The name of the inferred field of the record, e.g. ``"date"`` or ``"subdivision"``."""

    reason: str = attrs.field(metadata=rules(non_empty))
    """How the value was inferred, e.g. ``"year from the report's publication date"``."""


def _appearances(text: str, quote: str) -> int:
    """How many times ``quote`` appears in ``text``, overlapping appearances included."""
    count, start = 0, text.find(quote)
    while start >= 0 and quote:
        count += 1
        start = text.find(quote, start + 1)
    return count
