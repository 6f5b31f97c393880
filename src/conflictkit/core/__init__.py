"""The core layer: what every conflictkit type shares.

The base :class:`~conflictkit.Model` and the registry of type tags (:mod:`~conflictkit.core.model`,
:mod:`~conflictkit.core.registry`), construction-time validation and its rules
(:mod:`~conflictkit.core.validation`), the exception hierarchy (:mod:`~conflictkit.core.errors`),
field docstrings for ``help()``, nesting bounds, the collector pause, and the JSON-text helpers that
keep unknown records verbatim. It depends on nothing else in conflictkit: modules here import only
each other, the standard library and the runtime dependencies.
"""
