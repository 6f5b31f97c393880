"""The source documents that evidence quotes."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from conflictkit.core.errors import Problem
from conflictkit.core.validation import matches, non_empty, rules
from conflictkit.records.record import Record
from conflictkit.values.dates import DateSpan

__all__ = ["Document", "sha256_of"]


def sha256_of(text: str) -> str:
    """The hex SHA-256 of ``text`` encoded as UTF-8, as stored in :attr:`Document.sha256`."""
    import hashlib  # here, not with the schema: loading OpenSSL is a tenth of `import conflictkit`

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen(kw_only=True)
class Document(Record, type_tag="document"):
    """A source: a news report, a statement, a transcript. Evidence quotes it by offsets.

    A document carries its text, or at least the text's SHA-256, so that quotes can be checked
    against exactly the version that was read.
    """

    title: str = attrs.field(metadata=rules(non_empty))
    """The headline or title."""

    publisher: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """Who published it, as a name (the outlet may also be an :class:`~conflictkit.Actor`)."""

    published: DateSpan | None = None
    """When it was published."""

    url: str | None = attrs.field(default=None, metadata=rules(non_empty))
    """Where it was found."""

    language: str | None = attrs.field(
        default=None, metadata=rules(matches(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a BCP 47 tag"))
    )
    """The language of the text as a BCP 47 tag, e.g. ``"en"``."""

    text: str | None = None
    """The full text, exactly as read; evidence offsets index into it."""

    sha256: str | None = attrs.field(
        default=None, metadata=rules(matches(r"[0-9a-f]{64}", "64 lower-case hex digits"))
    )
    """The SHA-256 of the text encoded as UTF-8 (see :func:`sha256_of`)."""

    def _consistency_holds(self) -> bool:
        # consistency_problems as one predicate (see Model._consistency_holds)
        if not super()._consistency_holds():
            return False
        if self.text is None:
            return self.sha256 is not None
        return self.sha256 is None or sha256_of(self.text) == self.sha256

    def consistency_problems(self) -> Iterator[Problem]:
        """A text or its hash is given; when both are, they agree."""
        yield from super().consistency_problems()
        if self.text is None and self.sha256 is None:
            yield Problem(path=("text",), message="text or sha256 is needed")
        if self.text is not None and self.sha256 is not None and sha256_of(self.text) != self.sha256:
            yield Problem(path=("sha256",), message="does not match the SHA-256 of text")
