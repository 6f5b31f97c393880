"""Crosswalks: conflictkit data to and from the formats conflict researchers already use.

One module per format, each with ``import_records`` and ``export_records`` and their streaming
variants: :mod:`conflictkit.crosswalk.acled` (ACLED exports), :mod:`conflictkit.crosswalk.ucdp`
(UCDP GED releases) and :mod:`conflictkit.crosswalk.plover` (PLOVER / POLECAT event data).
"""
