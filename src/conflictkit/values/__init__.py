"""The values layer: value types and vocabularies that records are made of.

Reported quantities, dates and relative date phrases, evidence quotes and inferences, casualties,
country and subdivision codes, references between records, speech acts and event contexts. Modules
here import the :mod:`conflictkit.core` layer and each other, never records, datasets or formats.
"""
