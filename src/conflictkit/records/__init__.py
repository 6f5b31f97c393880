"""The records layer: one module per record type, and the :class:`~conflictkit.Record` base.

Actors, locations, documents, statements, military movements, territorial control, incidents,
interactions, relations and opaque (unknown-type) records. A record names other records by id, never
by nesting them. Modules here import :mod:`conflictkit.core`, :mod:`conflictkit.values` and each
other; never a dataset, a file format or the command line.

To add a record type, add a module here (a ``@attrs.frozen`` subclass of
:class:`~conflictkit.Record` with its tag) and export it from :mod:`conflictkit`.
"""

from conflictkit.records.record import Record

__all__ = ["Record"]
